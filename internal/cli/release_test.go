package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The release binary has no switch that makes it misbehave: the panic hook is read from
// the environment only by the test binary (cli_test.go). Any non-test source that names
// the variable would put it back into the product.
func TestNoTestHookInReleaseCode(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "SOC2READY_TEST_PANIC") {
			t.Errorf("%s mentions SOC2READY_TEST_PANIC: the release binary must not read it", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
