package answersfile_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/problem"
)

func builtin(t testing.TB) *catalogue.Catalogue {
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestAliasMapsToCurrentID(t *testing.T) {
	cat := builtin(t)
	f, err := answersfile.Parse("a.yaml", []byte("organization: {name: x}\nanswers:\n  VND-DPA: {status: implemented}\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	if f.Answers["PRV-DPA"].Status != "implemented" {
		t.Errorf("answers = %v, want PRV-DPA implemented", f.Answers)
	}
}

// TestMergedControlsAnsweredTwice: a file written before two controls were merged answers
// both ids. It still loads; the entry under the current id counts, whichever comes first,
// and the other is reported as superseded.
func TestMergedControlsAnsweredTwice(t *testing.T) {
	cat := builtin(t)
	for _, src := range []string{
		"organization: {name: x}\nanswers:\n  INC-BREACH-NOTIFY: {status: implemented}\n  PRV-BREACH-NOTIFICATION: {status: missing}\n",
		"organization: {name: x}\nanswers:\n  PRV-BREACH-NOTIFICATION: {status: missing}\n  INC-BREACH-NOTIFY: {status: implemented}\n",
	} {
		f, err := answersfile.Parse("a.yaml", []byte(src), cat)
		if err != nil {
			t.Fatalf("old and new id together: %v", err)
		}
		if len(f.Answers) != 1 || f.Answers["PRV-BREACH-NOTIFICATION"].Status != "missing" {
			t.Errorf("answers = %v, want only PRV-BREACH-NOTIFICATION missing", f.Answers)
		}
		wantLine := 3
		if strings.Index(src, "INC-") > strings.Index(src, "PRV-") {
			wantLine = 4
		}
		want := answers.Superseded{ID: "INC-BREACH-NOTIFY", Used: "PRV-BREACH-NOTIFICATION", Control: "PRV-BREACH-NOTIFICATION", Line: wantLine}
		if len(f.Superseded) != 1 || f.Superseded[0] != want {
			t.Errorf("superseded = %+v, want %+v", f.Superseded, want)
		}
	}
	// The old id first, the current one after it.
	f, err := answersfile.Parse("a.yaml", []byte("organization: {name: x}\nanswers:\n  NET-PUBLIC-EXPOSURE: {status: partial}\n  OPS-CSPM: {status: implemented}\n"), cat)
	if err != nil || f.Answers["OPS-CSPM"].Status != "implemented" || len(f.Superseded) != 1 || f.Superseded[0].ID != "NET-PUBLIC-EXPOSURE" {
		t.Errorf("answers = %v, superseded %+v, err %v", f.Answers, f.Superseded, err)
	}
}

func TestRewriteKeepsUnchangedBytes(t *testing.T) {
	cat := builtin(t)
	src := "# keep\norganization:\n  name: x # inline\nanswers:\n  # about MFA\n  ACC-MFA:\n    status: partial\n    note: \"Zürich office, \u682a\u5f0f\u4f1a\u793e\"\n"
	path := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	f, err := answersfile.Load(path, cat)
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
		_, err := answersfile.Parse("fuzz.yaml", data, cat)
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
