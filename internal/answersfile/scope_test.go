package answersfile_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/problem"
)

// TestScopeProblems runs every check on the scope section: each bad value is reported as
// FILE:LINE: message with the line of the value, all of them in one run, in line order.
func TestScopeProblems(t *testing.T) {
	cat := builtin(t)
	src := `organization:
  name: " "
scope:
  categories: [security, availabilty]
  report_type: type3
  observation_period: {start: 2026-13-01, end: 2026-02-30}
  facts:
    zz_unknown: true
    has_ofice: false
  subservice_organizations:
    - name: ""
      method: carve-out
      criteria: [CC6.4, CC99.1]
answers: {}
`
	_, err := answersfile.Parse("s.yaml", []byte(src), cat)
	if err == nil {
		t.Fatal("a scope full of mistakes loaded")
	}
	want := []string{
		`s.yaml:1: organization.name is missing`,
		`s.yaml:4: unknown category "availabilty"`,
		`s.yaml:5: invalid report_type "type3"`,
		`s.yaml:6: observation_period.start "2026-13-01" is not a date`,
		`s.yaml:6: observation_period.end "2026-02-30" is not a date`,
		`s.yaml:8: unknown scope fact "zz_unknown"`,
		`s.yaml:9: unknown scope fact "has_ofice"`,
		`s.yaml:11: subservice organisation without a name`,
		`s.yaml:12: subservice organisation : invalid method "carve-out"`,
		`s.yaml:13: subservice organisation : unknown criterion "CC99.1"`,
	}
	lines := func(err error) string {
		var l *problem.List
		if !errors.As(err, &l) {
			t.Fatalf("want a list of problems, got %v", err)
		}
		out := make([]string, len(l.Problems))
		for i, p := range l.Problems {
			out[i] = p.Error()
		}
		return strings.Join(out, "\n")
	}
	got := lines(err)
	if got != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// the same input gives the same messages every time (map-ordered facts sorted)
	for range 5 {
		if _, again := answersfile.Parse("s.yaml", []byte(src), cat); lines(again) != got {
			t.Fatalf("another run differs:\n%s", lines(again))
		}
	}
}

// TestObservationPeriodOrder: an end before the start is one problem, reported once.
func TestObservationPeriodOrder(t *testing.T) {
	src := "organization: {name: x}\nscope:\n  observation_period: {start: 2026-06-01, end: 2026-01-01}\n"
	_, err := answersfile.Parse("p.yaml", []byte(src), builtin(t))
	if err == nil || !strings.Contains(err.Error(), "p.yaml:3: observation_period ends before it starts") {
		t.Errorf("err = %v", err)
	}
}

// TestScopeListLimit: a list past MaxListItems is refused alone, before anything else.
func TestScopeListLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("organization: {name: \"\"}\nscope:\n  commitments:\n")
	for i := range answersfile.MaxListItems + 1 {
		fmt.Fprintf(&b, "    - promise %d\n", i)
	}
	_, err := answersfile.Parse("l.yaml", []byte(b.String()), builtin(t))
	want := fmt.Sprintf("l.yaml:3: scope.commitments has %d items; the limit is %d", answersfile.MaxListItems+1, answersfile.MaxListItems)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}
