package answers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
)

func builtin(t testing.TB) *catalogue.Catalogue {
	cat, err := catalogue.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestAliasMapsToCurrentID(t *testing.T) {
	cat := builtin(t)
	f, err := answers.Parse("a.yaml", []byte("organization: {name: x}\nanswers:\n  VND-DPA: {status: implemented}\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	if f.Answers["PRV-DPA"].Status != "implemented" {
		t.Errorf("answers = %v, want PRV-DPA implemented", f.Answers)
	}
	_, err = answers.Parse("a.yaml", []byte("organization: {name: x}\nanswers:\n  VND-DPA: {status: implemented}\n  PRV-DPA: {status: missing}\n"), cat)
	if err == nil || !strings.Contains(err.Error(), "a.yaml:4: PRV-DPA answers the same control as VND-DPA") {
		t.Errorf("old and new id together: %v", err)
	}
}

func TestRewriteKeepsUnchangedBytes(t *testing.T) {
	cat := builtin(t)
	src := "# keep\norganization:\n  name: x # inline\nanswers:\n  # about MFA\n  ACC-MFA:\n    status: partial\n    note: \"Zürich office, \u682a\u5f0f\u4f1a\u793e\"\n"
	path := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	f, err := answers.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetAnswer("ACC-MFA", answers.Answer{Status: "implemented", Note: f.Answers["ACC-MFA"].Note}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := strings.Replace(src, "status: partial", "status: implemented", 1)
	if string(got) != want {
		t.Errorf("rewrite changed more than the status:\n%s\nwant:\n%s", got, want)
	}
}

// FuzzParse: no input may crash the answers loader; every rejection is a problem with a
// file name, which is what the user sees.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/seeds/*")
	for _, s := range seeds {
		data, _ := os.ReadFile(s)
		f.Add(data)
	}
	cat := builtin(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := answers.Parse("fuzz.yaml", data, cat)
		if err == nil {
			return
		}
		var ps []*problem.Error
		switch e := err.(type) {
		case *problem.Error:
			ps = []*problem.Error{e}
		case *problem.List:
			ps = e.Problems
			if len(ps) < 2 || len(ps) > problem.MaxList {
				t.Fatalf("list of %d problems", len(ps))
			}
		default:
			t.Fatalf("error is not a user-facing problem: %T %v", err, err)
		}
		for i, p := range ps {
			if p.File != "fuzz.yaml" || strings.Contains(p.Msg, "\n") {
				t.Fatalf("problem without file or over several lines: %q", p.Error())
			}
			if i > 0 && p.Line < ps[i-1].Line {
				t.Fatalf("problems out of line order: %v", err)
			}
		}
	})
}
