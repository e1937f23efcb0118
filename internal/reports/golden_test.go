package reports_test

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/golden"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// goldenInputs are the answers files the machine formats are pinned on: the two examples
// and an edge case of our own with hostile text.
var goldenInputs = map[string]string{
	"startup": "../../examples/startup.yaml",
	"scaleup": "../../examples/scaleup.yaml",
	"edge":    "testdata/edge.yaml",
}

func model(t testing.TB, path string) *reports.Model {
	t.Helper()
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	f, err := answersfile.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	return reports.Build(cat, &f.Data, r, reports.Options{Date: "2026-11-18", Tool: "soc2ready test"})
}

// goldenRenders runs a renderer on an input and compares with testdata/NAME.EXT.
func goldenRenders(t *testing.T, render func(io.Writer, *reports.Model) error, ext string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, path := range goldenInputs {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := render(&buf, model(t, path)); err != nil {
				t.Fatal(err)
			}
			// A second render must give the same bytes: no map order, no clock.
			var again bytes.Buffer
			if err := render(&again, model(t, path)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Fatal("two renders of the same answers differ")
			}
			golden.Check(t, filepath.Join("testdata", name+ext), buf.Bytes())
			out[name] = buf.Bytes()
		})
	}
	return out
}
