package cli

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestMain lets the test binary stand in for the real one: scripts run `soc2ready ...`
// in a subprocess through exactly the code path of cmd/soc2ready.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"soc2ready": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs every testdata/script/*.txtar: exit codes, stdout, stderr and files
// written, for each command. `go test ./internal/cli -update` rewrites their golden
// sections after an intended change.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("SOURCE_DATE_EPOCH", "1795000000") // 2026-11-18
			wd, _ := os.Getwd()
			e.Setenv("EXAMPLES", wd+"/../../examples")
			return nil
		},
	})
}
