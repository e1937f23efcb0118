package answersfile_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
)

// TestOperatingFields: operating_since and exceptions load, bad values are named with
// file:line, and writing them back touches only those keys.
func TestOperatingFields(t *testing.T) {
	cat := builtin(t)
	src := "organization: {name: x}\nanswers:\n  ACC-MOVER:\n    status: partial # keep me\n    operating_since: 2026-08-04\n    exceptions:\n      - date: 2026-09-30\n        description: 3 of 11 movers kept old roles\n"
	f, err := answersfile.Parse("a.yaml", []byte(src), cat)
	if err != nil {
		t.Fatal(err)
	}
	a := f.Answers["ACC-MOVER"]
	if a.OperatingSince != "2026-08-04" || len(a.Exceptions) != 1 || a.Exceptions[0] != (answers.Exception{Date: "2026-09-30", Description: "3 of 11 movers kept old roles"}) {
		t.Fatalf("answer = %+v", a)
	}
	for _, c := range []struct{ name, old, new, want string }{
		{"bad operating_since", "operating_since: 2026-08-04", "operating_since: 2026-13-01", `a.yaml:5: ACC-MOVER: operating_since "2026-13-01" is not a date`},
		{"exception without date", "      - date: 2026-09-30\n", "      - date: soon\n", `a.yaml:7: ACC-MOVER: exception date "soon" is not a date`},
		{"exception without text", "description: 3 of 11 movers kept old roles", "description: \" \"", "a.yaml:7: ACC-MOVER: exception without a description"},
		{"unknown key", "description:", "descripton:", `a.yaml:8: unknown field "descripton"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := answersfile.Parse("a.yaml", []byte(strings.Replace(src, c.old, c.new, 1)), cat)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
		})
	}

	path := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	f, err = answersfile.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	a = f.Answers["ACC-MOVER"]
	a.Exceptions = append(slices.Clone(a.Exceptions), answers.Exception{Date: "2026-10-02", Description: "leaver's VPN left on"})
	if err := f.SetAnswer("ACC-MOVER", a); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := src + "      - date: 2026-10-02\n        description: leaver's VPN left on\n"
	if string(got) != want {
		t.Errorf("file after adding an exception:\n%s\nwant:\n%s", got, want)
	}
	g, err := answersfile.Load(path, cat)
	if err != nil || len(g.Answers["ACC-MOVER"].Exceptions) != 2 {
		t.Fatalf("reload: %v %+v", err, g)
	}
}
