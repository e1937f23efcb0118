package answers_test

import (
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// The rules of a status, as the scoring and the questionnaire rely on them.
func TestStatusRules(t *testing.T) {
	for _, c := range []struct {
		s                   answers.Status
		valid, inPlace, gap bool
		points              float64
	}{
		{answers.Implemented, true, true, false, 1},
		{answers.Partial, true, true, true, 0.5},
		{answers.Planned, true, false, true, 0},
		{answers.Missing, true, false, true, 0},
		{answers.NotApplicable, true, false, false, 0},
		{"unanswered", false, false, false, 0},
		{"Implemented", false, false, false, 0}, // the file is case-sensitive
		{"", false, false, false, 0},
	} {
		if c.s.Valid() != c.valid || c.s.InPlace() != c.inPlace || c.s.IsGap() != c.gap || c.s.Points() != c.points {
			t.Errorf("%q: Valid %v InPlace %v IsGap %v Points %v, want %v %v %v %v", c.s,
				c.s.Valid(), c.s.InPlace(), c.s.IsGap(), c.s.Points(), c.valid, c.inPlace, c.gap, c.points)
		}
	}
	if got := answers.StatusNames(); len(got) != 5 || got[0] != "implemented" || got[4] != "not_applicable" {
		t.Errorf("StatusNames = %v", got)
	}
}

func TestMethodValid(t *testing.T) {
	for m, want := range map[answers.Method]bool{answers.CarveOut: true, answers.Inclusive: true, "carve-out": false, "": false} {
		if m.Valid() != want {
			t.Errorf("Method(%q).Valid() = %v", m, !want)
		}
	}
}

// Not applicable needs a reason that says something; other statuses need none.
func TestMissingReason(t *testing.T) {
	for _, c := range []struct {
		a    answers.Answer
		want bool
	}{
		{answers.Answer{Status: answers.NotApplicable}, true},
		{answers.Answer{Status: answers.NotApplicable, NAReason: " \t\n"}, true},
		{answers.Answer{Status: answers.NotApplicable, NAReason: "no office"}, false},
		{answers.Answer{Status: answers.Missing}, false},
		{answers.Answer{Status: answers.Implemented, NAReason: ""}, false},
	} {
		if got := c.a.MissingReason(); got != c.want {
			t.Errorf("%+v: MissingReason = %v, want %v", c.a, got, c.want)
		}
	}
}

func TestValidDate(t *testing.T) {
	for s, want := range map[string]bool{"2026-02-28": true, "2028-02-29": true, "2026-02-29": false, "2026-2-28": false, "26-02-28": false, "": false, "2026-02-28T00:00:00Z": false} {
		if answers.ValidDate(s) != want {
			t.Errorf("ValidDate(%q) = %v", s, !want)
		}
	}
}
