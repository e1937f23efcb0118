package scoring

import (
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
)

func TestParseAge(t *testing.T) {
	for in, want := range map[string]int{"365d": 365, "0d": 0, "52w": 364, "12m": 360, "1y": 365, "2Y": 730, " 90d ": 90} {
		got, err := ParseAge(in)
		if err != nil || got != want {
			t.Errorf("ParseAge(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "365", "1.5y", "-3d", "10h", "y1", "99999y"} {
		if got, err := ParseAge(in); err == nil {
			t.Errorf("ParseAge(%q) = %d, want an error", in, got)
		}
	}
}

// evidenceResult scores the test catalogue (security only, no office) with dated evidence.
//
//	GOV-A implemented, evidence 2025-01-01 and 2025-11-10 -> newest 2025-11-10
//	GOV-B implemented, no evidence                         -> undated
//	ACC-C implemented, evidence without a date             -> undated
//	ACC-D partial, old evidence                            -> not implemented: ignored
//	PHY-E implemented, old evidence, but off by has_office -> not applicable: ignored
func evidenceResult(t *testing.T) *Result {
	t.Helper()
	in := map[string]answers.Answer{
		"GOV-A": {Status: "implemented", Evidence: []answers.Evidence{{Ref: "old", Date: "2025-01-01"}, {Ref: "new", Date: "2025-11-10"}}},
		"GOV-B": {Status: "implemented"},
		"ACC-C": {Status: "implemented", Evidence: []answers.Evidence{{Ref: "undated"}}},
		"ACC-D": {Status: "partial", Evidence: []answers.Evidence{{Ref: "x", Date: "2000-01-01"}}},
		"PHY-E": {Status: "implemented", Evidence: []answers.Evidence{{Ref: "x", Date: "2000-01-01"}}},
	}
	return Assess(Input{Catalogue: testCatalogue(t), Scope: answers.Scope{Facts: map[string]bool{"has_office": false}}, Answers: in})
}

func TestStaleEvidence(t *testing.T) {
	r := evidenceResult(t)
	// 2025-11-10 to 2026-11-10 is 365 days: exactly the limit passes, a day more fails.
	for _, tc := range []struct {
		asOf string
		max  int
		want string
	}{
		{"2026-11-10", 365, "GOV-B ACC-C"},
		{"2026-11-11", 365, "GOV-A GOV-B ACC-C"},
		{"2025-11-09", 0, "GOV-B ACC-C"}, // evidence dated after as-of is fresh
		{"2025-11-11", 0, "GOV-A GOV-B ACC-C"},
	} {
		var got []string
		for _, s := range StaleEvidence(r, tc.max, tc.asOf) {
			got = append(got, s.Control.Control.ID)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("StaleEvidence(%d, %s) = %v, want %s", tc.max, tc.asOf, got, tc.want)
		}
	}
}

func TestGateMaxEvidenceAge(t *testing.T) {
	r := evidenceResult(t)
	year := 365
	f := (Gate{MaxEvidenceAge: &year, AsOf: "2026-12-01"}).Check(r)
	want := []Failure{
		{"max-evidence-age", "GOV-A Critical governance: newest evidence 2025-11-10 is 386 days old (limit 365)"},
		{"max-evidence-age", "GOV-B Low governance is implemented but has no dated evidence"},
		{"max-evidence-age", "ACC-C High access is implemented but has no dated evidence"},
	}
	if len(f) != len(want) {
		t.Fatalf("failures = %+v, want %+v", f, want)
	}
	for i := range want {
		if f[i] != want[i] {
			t.Errorf("failure %d = %+v, want %+v", i, f[i], want[i])
		}
	}
	// The evidence gate alone replaces the default gate: the not-ready criteria of this
	// result (none here) would not be reported, and a fresh file passes.
	long := 10000
	if f := (Gate{MaxEvidenceAge: &long, AsOf: "2026-12-01"}).Check(r); len(f) != 2 {
		t.Errorf("10000 days = %+v, want only the two undated controls", f)
	}
}

func TestGateEmptyMeansNotReady(t *testing.T) {
	r := assess(t, answers.Scope{}, nil)
	f := (Gate{}).Check(r)
	if len(f) != len(r.Criteria) {
		t.Fatalf("default gate on an empty file = %d failures, want one per criterion (%d)", len(f), len(r.Criteria))
	}
	if f[0].Reason != "CC1.1 Integrity is not ready: score is below 50 (provisional: 2 unanswered; ready if they are in place)" {
		t.Errorf("reason = %q", f[0].Reason)
	}
}
