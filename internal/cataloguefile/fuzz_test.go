package cataloguefile_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/problem"
)

// FuzzLoad: a fuzzed catalogue fragment (or overlay) must load or be rejected with a
// one-line problem naming the file; never a panic.
func FuzzLoad(f *testing.F) {
	base, err := os.ReadFile("../catalogue/testdata/mini.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(base, []byte("name: x\nchange:\n  GOV-A: {severity: high}\ndisable: [GOV-B]\n"))
	f.Add(base[:len(base)/2], []byte(""))
	f.Add([]byte("version: \"1\"\ncontrols: [{id: A}]\n"), []byte("controls: [{id: GOV-Z, family: governance}]"))
	f.Fuzz(func(t *testing.T, fragment, overlay []byte) {
		fsys := fstest.MapFS{"catalogue.yaml": {Data: fragment}}
		check := func(err error) {
			if err == nil {
				return
			}
			ps := []*problem.Error{}
			switch e := err.(type) {
			case *problem.Error:
				ps = append(ps, e)
			case *problem.List: // several problems found in one pass (unknown fields, type errors)
				ps = e.Problems
			default:
				t.Fatalf("error is not a user-facing problem: %T %v", err, err)
			}
			for _, p := range ps {
				if p.File == "" || strings.Contains(p.Msg, "\n") {
					t.Fatalf("problem without file or over several lines: %q", p.Error())
				}
			}
		}
		cat, err := cataloguefile.Load(fsys)
		check(err)
		if cat != nil {
			catalogue.Stats(cat)
		}
		_, err = cataloguefile.LoadWithOverlay(fsys, "overlay.yaml", overlay)
		check(err)
	})
}
