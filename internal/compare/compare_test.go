package compare

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/golden"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// tiny is the hand-checkable catalogue of the scoring tests.
func tiny(t *testing.T) *catalogue.Catalogue {
	return golden.Catalogue(t, "../scoring/testdata/catalogue.yaml")
}

func side(t *testing.T, cat *catalogue.Catalogue, name, src string) Side {
	t.Helper()
	f, err := answersfile.Parse(name, []byte(src), cat)
	if err != nil {
		t.Fatal(err)
	}
	return Side{Name: name, File: &f.Data, Result: scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})}
}

// Worked by hand on the tiny catalogue (weights critical 4, high 3, medium 2, low 1):
//
//	old, security only, office: GOV-A impl, GOV-B missing, ACC-C partial, ACC-D impl, PHY-E missing
//	  CC1.1 4/5 = 80 at_risk; CC6.1 (3x.5 + 2 + 0)/7 = 50 at_risk (high ACC-C partial)
//	  overall (4 + 1.5 + 2) / (4+1+3+2+2) = 7.5/12 = 62.5
//	new, + availability, no office: GOV-A impl, GOV-B impl, ACC-C missing, ACC-D impl, AVL-F impl
//	  CC1.1 5/5 = 100 ready; CC6.1 2/5 = 40 not_ready; A1.2 5/5 = 100 ready
//	  security (4+1+0+2)/10 = 70; overall (7 + 3)/13 = 76.9
func TestCompareByHand(t *testing.T) {
	cat := tiny(t)
	o := side(t, cat, "old.yaml", `organization: {name: x}
scope: {categories: [security], report_type: type1}
answers:
  GOV-A: {status: implemented}
  GOV-B: {status: missing}
  ACC-C: {status: partial}
  ACC-D: {status: implemented}
  PHY-E: {status: missing}
`)
	n := side(t, cat, "new.yaml", `organization: {name: x}
scope: {categories: [security, availability], report_type: type2, facts: {has_office: false}}
answers:
  GOV-A: {status: implemented}
  GOV-B: {status: implemented}
  ACC-C: {status: missing}
  ACC-D: {status: implemented}
  AVL-F: {status: implemented}
`)
	d := Compare(cat, o, n)
	if *d.Overall.Old != 62.5 || *d.Overall.New != 76.9 || d.Overall.Delta != 14.4 {
		t.Errorf("overall = %v -> %v (%v)", *d.Overall.Old, *d.Overall.New, d.Overall.Delta)
	}
	if len(d.Categories) != 2 || *d.Categories[0].New != 70 || d.Categories[0].Delta != 7.5 || d.Categories[1].Old != nil || *d.Categories[1].New != 100 {
		t.Errorf("categories = %+v", d.Categories)
	}
	var crit []string
	for _, c := range d.Criteria {
		crit = append(crit, c.ID+" "+c.Old+"->"+c.New)
	}
	if got := strings.Join(crit, ", "); got != "CC1.1 at_risk->ready, CC6.1 at_risk->not_ready, A1.2 out_of_scope->ready" {
		t.Errorf("criteria = %s", got)
	}
	ids := func(list []ControlChange) string {
		var s []string
		for _, c := range list {
			s = append(s, c.ID+" "+c.Old+"->"+c.New)
		}
		return strings.Join(s, ", ")
	}
	if got := ids(d.Regressions); got != "ACC-C partial->missing" {
		t.Errorf("regressions = %s", got)
	}
	if got := ids(d.Closed); got != "PHY-E missing->out_of_scope, GOV-B missing->implemented" {
		t.Errorf("closed = %s", got)
	}
	if got := ids(d.Opened); got != "" {
		t.Errorf("opened = %s", got)
	}
	s := d.Scope
	if strings.Join(s.Added, ",") != "availability" || s.OldReportType != "type1" || s.NewReportType != "type2" ||
		len(s.Facts) != 1 || s.Facts[0] != (FactChange{"has_office", true, false}) {
		t.Errorf("scope = %+v", s)
	}
	if !d.Changed() {
		t.Error("Changed() = false")
	}
	if same := Compare(cat, o, o); same.Changed() {
		t.Errorf("a file against itself changed: %+v", same)
	}
}

func TestRegressionRanks(t *testing.T) {
	cat := tiny(t)
	for _, tc := range []struct {
		old, new string
		regress  bool
	}{
		{"implemented", "partial", true},
		{"partial", "planned", true},
		{"planned", "missing", true},
		{"implemented", "", true}, // answer deleted
		{"missing", "", false},
		{"", "missing", false},
		{"missing", "planned", false},
		{"implemented", "not_applicable", false}, // shown under scope changes instead
	} {
		src := func(status string) string {
			s := "organization: {name: x}\nscope: {categories: [security]}\nanswers:\n  GOV-A: {status: implemented}\n"
			if status != "" {
				s += "  GOV-B: {status: " + status + ", na_reason: r}\n"
			}
			return s
		}
		d := Compare(cat, side(t, cat, "o", src(tc.old)), side(t, cat, "n", src(tc.new)))
		if got := len(d.Regressions) == 1; got != tc.regress {
			t.Errorf("%q -> %q: regression %v, want %v", tc.old, tc.new, got, tc.regress)
		}
		if tc.new == "not_applicable" && len(d.Scope.NowNotApplicable) != 1 {
			t.Errorf("implemented -> not_applicable not listed in scope changes")
		}
	}
}

// TestGolden pins the Markdown and JSON diff of two answers files on the real catalogue.
func TestGolden(t *testing.T) {
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	load := func(name string) Side {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return side(t, cat, name, string(data))
	}
	d := Compare(cat, load("old.yaml"), load("new.yaml"))
	for ext, render := range map[string]func(*bytes.Buffer, *Diff) error{
		".md":   func(b *bytes.Buffer, d *Diff) error { return Markdown(b, d) },
		".json": func(b *bytes.Buffer, d *Diff) error { return JSON(b, d) },
	} {
		var buf bytes.Buffer
		if err := render(&buf, d); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "diff"+ext), buf.Bytes())
		if ext == ".json" && !json.Valid(buf.Bytes()) {
			t.Error("invalid JSON")
		}
	}
}

func TestNoChange(t *testing.T) {
	cat := tiny(t)
	o := side(t, cat, "a.yaml", "organization: {name: x}\nscope: {categories: [security]}\n")
	var buf bytes.Buffer
	if err := Markdown(&buf, Compare(cat, o, o)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "No change in scores, verdicts, gaps or scope.\n") {
		t.Errorf("got %q", buf.String())
	}
}
