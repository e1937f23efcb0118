package scoring

import (
	"fmt"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/golden"
)

func testCatalogue(t testing.TB) *catalogue.Catalogue {
	return golden.Catalogue(t, "testdata/catalogue.yaml")
}

// statuses builds answers from id -> status.
func statuses(m map[string]string) map[string]answers.Answer {
	out := map[string]answers.Answer{}
	for id, s := range m {
		a := answers.Answer{Status: answers.Status(s)}
		if s == "not_applicable" {
			a.NAReason = "reason"
		}
		out[id] = a
	}
	return out
}

func assess(t *testing.T, scope answers.Scope, st map[string]string) *Result {
	t.Helper()
	return Assess(Input{Catalogue: testCatalogue(t), Scope: scope, Answers: statuses(st)})
}

func all(status string) map[string]string {
	return map[string]string{"GOV-A": status, "GOV-B": status, "ACC-C": status, "ACC-D": status, "PHY-E": status, "AVL-F": status}
}

var secAvail = answers.Scope{Categories: []string{"security", "availability"}}

func TestAllImplementedIsReady(t *testing.T) {
	r := assess(t, secAvail, all("implemented"))
	if r.Overall.Value != 100 || r.Band.ID != "audit_ready" {
		t.Fatalf("overall = %v %s, want 100 audit_ready", r.Overall.Value, r.Band.ID)
	}
	for _, c := range r.Criteria {
		if c.Verdict != Ready {
			t.Errorf("%s verdict %s, want ready", c.Criterion.ID, c.Verdict)
		}
	}
	if len(r.Gaps) != 0 {
		t.Errorf("gaps = %d, want 0", len(r.Gaps))
	}
}

func TestAllMissingIsNotReady(t *testing.T) {
	for _, status := range []string{"missing", "planned", ""} {
		st := all(status)
		if status == "" {
			st = nil // unanswered counts as 0 too
		}
		r := assess(t, secAvail, st)
		if r.Overall.Value != 0 || r.Band.ID != "blocker" {
			t.Fatalf("%q: overall = %v %s, want 0 blocker", status, r.Overall.Value, r.Band.ID)
		}
		for _, c := range r.Criteria {
			if c.Verdict != NotReady {
				t.Errorf("%q: %s verdict %s, want not_ready", status, c.Criterion.ID, c.Verdict)
			}
		}
		// Unanswered controls are kept apart from the confirmed gaps.
		gaps, unanswered := 6, 0
		if status == "" {
			gaps, unanswered = 0, 6
		}
		if len(r.Gaps) != gaps || len(r.Unanswered) != unanswered {
			t.Errorf("%q: gaps = %d, unanswered = %d, want %d and %d", status, len(r.Gaps), len(r.Unanswered), gaps, unanswered)
		}
	}
}

// The mixed case, worked by hand (weights critical 4, high 3, medium 2, low 1):
//
//	CC1.1: GOV-A 4x1 + GOV-B 1x0            = 4/5     = 80.0 -> at_risk (below 85)
//	CC6.1: ACC-C 3x0.5 + ACC-D 2x1, PHY-E off = 3.5/5 = 70.0 -> at_risk (ACC-C high, partial)
//	A1.2:  ACC-D 2x1 + AVL-F 3x0            = 2/5     = 40.0 -> not_ready (below 50)
//	Security:     GOV-A, GOV-B, ACC-C, ACC-D  = 7.5/10 = 75.0
//	Availability: ACC-D, AVL-F               = 2/5    = 40.0
//	Overall: 7.5 + 0 over 10 + 3            = 7.5/13 = 57.69 -> 57.7 material_gaps
func TestMixedByHand(t *testing.T) {
	scope := secAvail
	scope.Facts = map[string]bool{"has_office": false}
	r := assess(t, scope, map[string]string{"GOV-A": "implemented", "GOV-B": "missing", "ACC-C": "partial", "ACC-D": "implemented", "AVL-F": "missing"})
	want := map[string]struct {
		score   float64
		verdict Verdict
		reason  string
	}{
		"CC1.1": {80, AtRisk, "score is below 85"},
		"CC6.1": {70, AtRisk, "high control ACC-C is partial"},
		"A1.2":  {40, NotReady, "score is below 50"},
	}
	for _, c := range r.Criteria {
		w := want[c.Criterion.ID]
		if c.Score.Value != w.score || c.Verdict != w.verdict || c.Reason != w.reason {
			t.Errorf("%s = %v %s (%s), want %v %s (%s)", c.Criterion.ID, c.Score.Value, c.Verdict, c.Reason, w.score, w.verdict, w.reason)
		}
	}
	cats := map[string]float64{}
	for _, c := range r.Categories {
		cats[c.Category.ID] = c.Score.Value
	}
	if cats["security"] != 75 || cats["availability"] != 40 {
		t.Errorf("categories = %v, want security 75 availability 40", cats)
	}
	if r.Overall.Value != 57.7 || r.Band.ID != "material_gaps" {
		t.Errorf("overall = %v %s, want 57.7 material_gaps", r.Overall.Value, r.Band.ID)
	}
	// PHY-E is switched off by the has_office fact and is not a gap.
	var gaps []string
	for _, g := range r.Gaps {
		gaps = append(gaps, g.Control.ID)
	}
	// high before low; among the two high gaps the smaller effort (ACC-C, s) first.
	if got, want := join(gaps), "ACC-C AVL-F GOV-B"; got != want {
		t.Errorf("gap order = %s, want %s", got, want)
	}
	// ACC-C is partial, so half of its 2 days remain: 1 + 5 in phase 2, 0.5 in phase 3.
	if r.Phases[1].EffortDays != 1+5 || r.Phases[2].EffortDays != 0.5 || r.RemainingEffort() != 6.5 {
		t.Errorf("phase effort = %v/%v/%v total %v, want 0/6/0.5 total 6.5",
			r.Phases[0].EffortDays, r.Phases[1].EffortDays, r.Phases[2].EffortDays, r.RemainingEffort())
	}
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}

func TestCriticalNotStartedIsNotReadyWhateverTheScore(t *testing.T) {
	// CC1.1: GOV-A critical missing, GOV-B implemented: 1/5 = 20, not_ready because of GOV-A.
	r := assess(t, answers.Scope{}, map[string]string{"GOV-A": "missing", "GOV-B": "implemented"})
	c := r.Criterion("CC1.1")
	if c.Verdict != NotReady || c.Reason != "critical control GOV-A is missing" || c.Score.Value != 20 {
		t.Errorf("CC1.1 = %v %s (%s)", c.Score.Value, c.Verdict, c.Reason)
	}
}

func TestHighControlPartialKeepsCriterionFromReady(t *testing.T) {
	// CC6.1 (no office): ACC-C partial 1.5 + ACC-D 2 = 3.5/5 = 70; with ACC-D only counted
	// the score would pass, but a partial high control always blocks "ready".
	scope := answers.Scope{Facts: map[string]bool{"has_office": false}}
	r := assess(t, scope, map[string]string{"ACC-C": "partial", "ACC-D": "implemented"})
	if c := r.Criterion("CC6.1"); c.Verdict != AtRisk {
		t.Errorf("CC6.1 verdict %s, want at_risk", c.Verdict)
	}
}

func TestNotApplicableAndScopeExclusionsDoNotCount(t *testing.T) {
	// Security only. GOV-B is N/A, so CC1.1 = GOV-A alone = 100, ready.
	// With the office in scope PHY-E counts: CC6.1 = ACC-C 3 + ACC-D 2 + PHY-E 0 over 7 = 71.4.
	r := assess(t, answers.Scope{}, map[string]string{"GOV-A": "implemented", "GOV-B": "not_applicable", "ACC-C": "implemented", "ACC-D": "implemented", "PHY-E": "missing"})
	if c := r.Criterion("CC1.1"); c.Score.Value != 100 || c.Verdict != Ready {
		t.Errorf("CC1.1 = %v %s, want 100 ready", c.Score.Value, c.Verdict)
	}
	if c := r.Criterion("CC6.1"); c.Score.Value != 71.4 {
		t.Errorf("CC6.1 = %v, want 71.4", c.Score.Value)
	}
	if r.Criterion("A1.2") != nil {
		t.Error("A1.2 is out of scope but was scored")
	}
	// AVL-F supports only A1.2 (out of scope): neither a gap nor counted.
	for _, g := range r.Gaps {
		if g.Control.ID == "AVL-F" {
			t.Error("AVL-F is out of scope but listed as a gap")
		}
	}
	// Overall: GOV-A 4 + ACC-C 3 + ACC-D 2 + PHY-E 0 over 4+3+2+2 = 9/11 = 81.8
	if r.Overall.Value != 81.8 {
		t.Errorf("overall = %v, want 81.8", r.Overall.Value)
	}
}

func TestAllNotApplicableCriterion(t *testing.T) {
	r := assess(t, answers.Scope{}, map[string]string{"GOV-A": "not_applicable", "GOV-B": "not_applicable"})
	if c := r.Criterion("CC1.1"); c.Verdict != NotApplicable {
		t.Errorf("CC1.1 verdict %s, want not_applicable", c.Verdict)
	}
}

func TestCustomWeights(t *testing.T) {
	// Equal weights: CC1.1 = (1 + 0) / 2 = 50.0 instead of 80.
	cat := testCatalogue(t)
	r := Assess(Input{Catalogue: cat, Answers: statuses(map[string]string{"GOV-A": "implemented", "GOV-B": "missing"}),
		Weights: Weights{"critical": 1, "high": 1, "medium": 1, "low": 1}})
	if c := r.Criterion("CC1.1"); c.Score.Value != 50 {
		t.Errorf("CC1.1 = %v, want 50", c.Score.Value)
	}
}

func TestBands(t *testing.T) {
	for score, want := range map[float64]string{100: "audit_ready", 85: "audit_ready", 84.9: "findings_likely", 60: "findings_likely", 59.9: "material_gaps", 35: "material_gaps", 34.9: "blocker", 0: "blocker"} {
		if got := BandFor(score).ID; got != want {
			t.Errorf("BandFor(%v) = %s, want %s", score, got, want)
		}
	}
}

func TestGate(t *testing.T) {
	// The mixed case with the office in scope (PHY-E medium, unanswered, counts 0):
	// security 7.5/12 = 62.5, availability 40, overall 7.5/15 = 50.0.
	r := assess(t, secAvail, map[string]string{"GOV-A": "implemented", "GOV-B": "missing", "ACC-C": "partial", "ACC-D": "implemented", "AVL-F": "missing"})
	// default gate: A1.2 is not ready
	if f := (Gate{}).Check(r); len(f) != 1 || f[0].Gate != "not-ready" {
		t.Errorf("default gate = %+v", f)
	}
	sixty, fifty := 60.0, 50.0
	if f := (Gate{MinScore: &sixty}).Check(r); len(f) != 1 {
		t.Errorf("min-score 60 on 50 = %+v, want one failure", f)
	}
	if f := (Gate{MinScore: &fifty}).Check(r); len(f) != 0 {
		t.Errorf("min-score 50 on 50 = %+v, want pass", f)
	}
	// fail-on high: ACC-C and AVL-F are open high gaps; GOV-B (low) is not counted.
	if f := (Gate{FailOn: "high"}).Check(r); len(f) != 2 {
		t.Errorf("fail-on high = %+v, want 2", f)
	}
	if f := (Gate{MinCategory: map[string]float64{"security": 62.5, "availability": 41}}).Check(r); len(f) != 1 || f[0].Gate != "min-category" {
		t.Errorf("min-category = %+v, want availability only", f)
	}
	// PHY-E is applicable (office by default) and unanswered.
	zero := 0
	if f := (Gate{MaxUnanswered: &zero}).Check(r); len(f) != 1 {
		t.Errorf("max-unanswered 0 = %+v, want one failure", f)
	}
}

func TestTimeline(t *testing.T) {
	// Mixed case: gaps ACC-C (s=2, partial: 1 left), AVL-F (m=5), GOV-B (xs=0.5): 6.5 days.
	scope := secAvail
	scope.Facts = map[string]bool{"has_office": false}
	r := assess(t, scope, map[string]string{"GOV-A": "implemented", "GOV-B": "missing", "ACC-C": "partial", "ACC-D": "implemented", "AVL-F": "missing"})
	scope.ReportType = answers.Type2
	tl, err := Plan(r, scope, "2026-11-18", 2.5)
	if err != nil {
		t.Fatal(err)
	}
	// 6.5 / 2.5 = 2.6, so 3 weeks: remediation done 2026-12-09; 3-month period to 2027-03-09;
	// fieldwork 3 weeks after the period, 2027-03-30, for 3 weeks to 2027-04-20; draft +3
	// weeks = 2027-05-11; final +2 = 2027-05-25.
	want := Timeline{RemediationWeeks: 3, RemediationDone: "2026-12-09", ObservationStart: "2026-12-09", ObservationEnd: "2027-03-09",
		FieldworkStart: "2027-03-30", FieldworkEnd: "2027-04-20", DraftReport: "2027-05-11", ReportInHand: "2027-05-25"}
	got := Timeline{RemediationWeeks: tl.RemediationWeeks, RemediationDone: tl.RemediationDone, ObservationStart: tl.ObservationStart, ObservationEnd: tl.ObservationEnd,
		FieldworkStart: tl.FieldworkStart, FieldworkEnd: tl.FieldworkEnd, DraftReport: tl.DraftReport, ReportInHand: tl.ReportInHand}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("timeline\n got %+v\nwant %+v", got, want)
	}
	// A period that starts before remediation is done is flagged.
	scope.ObservationPeriod = &answers.Period{Start: "2026-12-01", End: "2027-05-31"}
	tl, _ = Plan(r, scope, "2026-11-18", 2.5)
	if len(tl.Warnings) != 1 || tl.FieldworkStart != "2027-06-21" {
		t.Errorf("with period: warnings %v fieldwork %s", tl.Warnings, tl.FieldworkStart)
	}
	// Type 1, double capacity: 6.5/5 -> 2 weeks (2026-12-02); 2 weeks of fieldwork to
	// 12-16; draft 2027-01-06; final 2027-01-20.
	scope.ReportType = answers.Type1
	tl, _ = Plan(r, scope, "2026-11-18", 5)
	if tl.RemediationDone != "2026-12-02" || tl.FieldworkStart != "2026-12-02" || tl.FieldworkEnd != "2026-12-16" || tl.ReportInHand != "2027-01-20" || tl.ObservationStart != "" {
		t.Errorf("type 1: %+v", tl)
	}
}

// TestAsked pins which controls the questionnaire asks (terminal and spreadsheet share it):
// applicable ones and those answered not_applicable, not those the scope switched off.
func TestAsked(t *testing.T) {
	for _, tc := range []struct {
		c    ControlResult
		want bool
	}{
		{ControlResult{Applicable: true, Status: Unanswered}, true},
		{ControlResult{Applicable: true, Status: answers.Implemented}, true},
		{ControlResult{ExcludedBy: ByAnswer}, true},
		{ControlResult{ExcludedBy: ByFact}, false},
		{ControlResult{ExcludedBy: ByCategory}, false},
	} {
		if got := tc.c.Asked(); got != tc.want {
			t.Errorf("Asked(%+v) = %v, want %v", tc.c, got, tc.want)
		}
	}
}
