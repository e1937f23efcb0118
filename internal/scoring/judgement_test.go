package scoring

import (
	"fmt"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/golden"
)

// Weights in testdata/pof.yaml: POL-A critical 4, PRV-B high 3, GOV-C medium 2,
// INC-D high 3, INC-E low 1.

func pofCatalogue(t testing.TB) *catalogue.Catalogue {
	return golden.Catalogue(t, "testdata/pof.yaml")
}

func judge(t *testing.T, scope answers.Scope, ans map[string]answers.Answer) *Result {
	t.Helper()
	return Assess(Input{Catalogue: pofCatalogue(t), Scope: scope, Answers: ans})
}

func st(m map[string]string) map[string]answers.Answer { return statuses(m) }

func ids(cs []*ControlResult) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Control.ID)
	}
	return strings.Join(out, " ")
}

func gapIDs(gs []*Gap) string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Control.ID)
	}
	return strings.Join(out, " ")
}

// Security only:
//
//	PRV-B reaches CC1.1 only through the privacy point CC1.1.2: not applicable.
//	CC1.1: POL-A 4x1 + GOV-C 2x0                    = 4/6   = 66.7 -> at_risk (below 85)
//	CC2.1: POL-A 4x1 + INC-D 3x0.5 + INC-E 1x1       = 6.5/8 = 81.3 -> at_risk (INC-D partial)
//	       GOV-C lists CC2.1 but addresses none of its points: not counted there.
//	Overall: 4 + 0 + 1.5 + 1 over 4+2+3+1          = 6.5/10 = 65.0 findings_likely
//
// Security and privacy: PRV-B (missing, 3) now counts toward CC1.1 and P1.1.
//
//	CC1.1: 4/(4+2+3) = 44.4 -> not_ready; P1.1: 0/3 = 0 -> not_ready
//	Overall: 6.5/13 = 50.0 material_gaps
func TestScopeThroughPointsOfFocus(t *testing.T) {
	ans := st(map[string]string{"POL-A": "implemented", "PRV-B": "missing", "GOV-C": "missing", "INC-D": "partial", "INC-E": "implemented"})
	r := judge(t, answers.Scope{}, ans)
	var prv *ControlResult
	for _, c := range r.Controls {
		if c.Control.ID == "PRV-B" {
			prv = c
		}
	}
	if prv.Applicable || prv.Excluded != "it addresses no point of focus in scope" {
		t.Errorf("PRV-B in a Security-only scope: applicable %v (%s), want excluded", prv.Applicable, prv.Excluded)
	}
	cc1, cc2 := r.Criterion("CC1.1"), r.Criterion("CC2.1")
	if cc1.Score.Value != 66.7 || cc1.Verdict != AtRisk || strings.Join(cc1.PointsOfFocus, " ") != "CC1.1.1" {
		t.Errorf("CC1.1 = %v %s, points %v", cc1.Score.Value, cc1.Verdict, cc1.PointsOfFocus)
	}
	if cc2.Score.Value != 81.3 || cc2.Verdict != AtRisk || cc2.Reason != "high control INC-D is partial" {
		t.Errorf("CC2.1 = %v %s (%s)", cc2.Score.Value, cc2.Verdict, cc2.Reason)
	}
	if got := ids(cc2.NotCounted); got != "GOV-C" {
		t.Errorf("CC2.1 not counted = %q, want GOV-C", got)
	}
	if got := ids(cc2.Controls); got != "POL-A INC-D INC-E" {
		t.Errorf("CC2.1 counted = %q", got)
	}
	if r.Overall.Value != 65 || r.Band.ID != "findings_likely" || r.Overall.Controls != 4 {
		t.Errorf("overall = %v %s over %d controls, want 65 findings_likely over 4", r.Overall.Value, r.Band.ID, r.Overall.Controls)
	}

	r = judge(t, answers.Scope{Categories: []string{"privacy"}}, ans)
	if c := r.Criterion("CC1.1"); c.Score.Value != 44.4 || c.Verdict != NotReady {
		t.Errorf("with privacy: CC1.1 = %v %s, want 44.4 not_ready", c.Score.Value, c.Verdict)
	}
	if c := r.Criterion("P1.1"); c.Score.Value != 0 || c.Verdict != NotReady {
		t.Errorf("with privacy: P1.1 = %v %s", c.Score.Value, c.Verdict)
	}
	if r.Overall.Value != 50 || r.Band.ID != "material_gaps" {
		t.Errorf("with privacy: overall = %v %s, want 50 material_gaps", r.Overall.Value, r.Band.ID)
	}
}

// Provisional: INC-E (low, 1) unanswered, the rest implemented.
//
//	Overall low: (4+2+3)/10 = 90.0, high: 10/10 = 100 -> range 90-100; 4 applicable, 3 answered.
//	Band: 90 would be audit_ready, but not while answers are missing -> findings_likely.
//	CC2.1: (4+3)/8 = 87.5 and no critical or high control open: ready either way.
//
// POL-A (critical) unanswered instead: CC1.1 = GOV-C 2/6 = 33.3, not ready on the answers
// given but ready if POL-A is in place: provisional, not "not met"; it is no gap.
func TestProvisional(t *testing.T) {
	r := judge(t, answers.Scope{}, st(map[string]string{"POL-A": "implemented", "GOV-C": "implemented", "INC-D": "implemented"}))
	if !r.Provisional || r.Answered != 3 || r.Range != (ScoreRange{90, 100}) {
		t.Errorf("provisional %v answered %d range %+v, want true 3 {90 100}", r.Provisional, r.Answered, r.Range)
	}
	if r.Band.ID != "findings_likely" {
		t.Errorf("band = %s, want findings_likely (never audit_ready while provisional)", r.Band.ID)
	}
	if c := r.Criterion("CC2.1"); c.Score.Value != 87.5 || c.Verdict != Ready || c.Provisional {
		t.Errorf("CC2.1 = %v %s provisional %v", c.Score.Value, c.Verdict, c.Provisional)
	}
	if len(r.Gaps) != 0 || gapIDs(r.Unanswered) != "INC-E" || r.UnansweredEffort() != 0.5 {
		t.Errorf("gaps %d, unanswered %s (%v days)", len(r.Gaps), gapIDs(r.Unanswered), r.UnansweredEffort())
	}

	r = judge(t, answers.Scope{}, st(map[string]string{"GOV-C": "implemented", "INC-D": "implemented", "INC-E": "implemented"}))
	c := r.Criterion("CC1.1")
	if c.Score.Value != 33.3 || c.Verdict != NotReady || !c.Provisional || c.NotMet || ids(c.Unanswered) != "POL-A" || len(c.Causes) != 0 {
		t.Errorf("CC1.1 = %v %s provisional %v not met %v unanswered %q causes %q", c.Score.Value, c.Verdict, c.Provisional, c.NotMet, ids(c.Unanswered), ids(c.Causes))
	}
	if want := "score is below 50 (provisional: 1 unanswered; ready if they are in place)"; c.Reason != want {
		t.Errorf("reason %q, want %q", c.Reason, want)
	}
	if r.Forecast.Opinion != Unmodified || len(r.Forecast.CriteriaNotMet) != 0 {
		t.Errorf("forecast = %+v, want unmodified: nothing is confirmed not met", r.Forecast)
	}
}

// Type 2, period 2026-07-01 to 2026-12-31, every control implemented:
//
//	INC-D (high) has exceptions on 2026-06-20 (before the period, ignored) and 2026-08-02.
//	INC-E (low) has one on 2026-09-10.
//	CC1.1: nothing expected -> 100, ready.
//	CC2.1: 100, but INC-D is a high control with an exception -> at_risk; the controls with
//	exceptions carry 3+1 = 4 of 8 = 50%, not more than half, so not "not ready".
//	The band is findings_likely, not audit_ready, while an exception is expected.
//
// POL-A then began operating on 2026-08-15, after the period began: CC1.1 has 4 of 6
// (66.7%) and CC2.1 8 of 8 with exceptions: both not ready and likely not met; two
// groups, so the forecast is qualified.
//
// The same answers for a Type 1: no exceptions, every criterion ready, audit_ready.
func TestTypeTwoExceptions(t *testing.T) {
	ans := st(map[string]string{"POL-A": "implemented", "GOV-C": "implemented", "INC-D": "implemented", "INC-E": "implemented"})
	a := ans["INC-D"]
	a.Exceptions = []answers.Exception{{Date: "2026-06-20", Description: "before the period"}, {Date: "2026-08-02", Description: "record closed without a timeline"}}
	ans["INC-D"] = a
	a = ans["INC-E"]
	a.Exceptions = []answers.Exception{{Date: "2026-09-10", Description: "review skipped"}}
	ans["INC-E"] = a
	scope := answers.Scope{ReportType: answers.Type2, ObservationPeriod: &answers.Period{Start: "2026-07-01", End: "2026-12-31"}}
	r := judge(t, scope, ans)
	if got := ids(r.Exceptions); got != "INC-D INC-E" {
		t.Fatalf("exceptions = %q, want INC-D INC-E", got)
	}
	if r.Exceptions[0].Exception != "known exception on 2026-08-02: record closed without a timeline" ||
		r.Exceptions[1].Exception != "known exception on 2026-09-10: review skipped" {
		t.Errorf("reasons = %q / %q", r.Exceptions[0].Exception, r.Exceptions[1].Exception)
	}
	if c := r.Criterion("CC1.1"); c.Verdict != Ready {
		t.Errorf("CC1.1 = %s (%s), want ready", c.Verdict, c.Reason)
	}
	if c := r.Criterion("CC2.1"); c.Score.Value != 100 || c.Verdict != AtRisk || c.Reason != "high control INC-D is expected to show an exception in the period" {
		t.Errorf("CC2.1 = %v %s (%s)", c.Score.Value, c.Verdict, c.Reason)
	}
	if r.Overall.Value != 100 || r.Band.ID != "findings_likely" {
		t.Errorf("overall %v %s, want 100 findings_likely", r.Overall.Value, r.Band.ID)
	}
	// 2 of 4 applicable controls with exceptions: at least a fifth, so the forecast warns
	// that customers will read them.
	if reasons := strings.Join(r.Forecast.Reasons, " "); r.Forecast.Opinion != Unmodified ||
		!strings.Contains(reasons, "2 controls are expected to show exceptions") || !strings.Contains(reasons, "expect customers to question") ||
		!strings.Contains(reasons, "Recorded deviations in key controls: INC-D (high, CC2.1)") {
		t.Errorf("forecast = %+v", r.Forecast)
	}

	a = ans["POL-A"]
	a.OperatingSince = "2026-08-15"
	ans["POL-A"] = a
	r = judge(t, scope, ans)
	if got := ids(r.Exceptions); got != "POL-A INC-D INC-E" {
		t.Fatalf("exceptions = %q", got)
	}
	if r.Exceptions[0].Exception != "operating only since 2026-08-15, after the period began on 2026-07-01" {
		t.Errorf("POL-A reason = %q", r.Exceptions[0].Exception)
	}
	for _, id := range []string{"CC1.1", "CC2.1"} {
		if c := r.Criterion(id); c.Verdict != NotReady || !c.NotMet || c.Reason != "controls expected to show exceptions in the period carry more than half its weight" {
			t.Errorf("%s = %s (%s) not met %v", id, c.Verdict, c.Reason, c.NotMet)
		}
	}
	if r.Forecast.Opinion != Qualified {
		t.Errorf("forecast = %+v, want qualified", r.Forecast)
	}

	// Missing and partial controls in a Type 2 period are exceptions too.
	ans["GOV-C"] = answers.Answer{Status: "partial"}
	ans["INC-D"] = answers.Answer{Status: "missing"}
	r = judge(t, scope, ans)
	// recorded deviations first (POL-A started late, INC-E's dated exception), then the
	// controls only not in place, by severity
	if got := ids(r.Exceptions); got != "POL-A INC-E INC-D GOV-C" {
		t.Errorf("exceptions = %q", got)
	}

	scope.ReportType = answers.Type1
	r = judge(t, scope, st(map[string]string{"POL-A": "implemented", "GOV-C": "implemented", "INC-D": "implemented", "INC-E": "implemented"}))
	if len(r.Exceptions) != 0 || r.Band.ID != "audit_ready" || r.Verdicts[Ready] != 2 {
		t.Errorf("type 1: exceptions %d band %s ready %d", len(r.Exceptions), r.Band.ID, r.Verdicts[Ready])
	}
	for _, s := range r.Forecast.Reasons {
		if strings.Contains(s, "exception") {
			t.Errorf("a Type 1 forecast speaks of exceptions: %q", s)
		}
	}
}

// Forecast: POL-A missing makes CC1.1 and CC2.1 not met (critical control earns
// nothing) in two groups: qualified. With privacy in scope and everything missing, CC1.1,
// CC2.1 and P1.1 are not met in three groups, 3 of 3 assessed: adverse.
func TestForecast(t *testing.T) {
	r := judge(t, answers.Scope{}, st(map[string]string{"POL-A": "missing", "GOV-C": "implemented", "INC-D": "implemented", "INC-E": "implemented"}))
	if r.Forecast.Opinion != Qualified || strings.Join(r.Forecast.CriteriaNotMet, " ") != "CC1.1 CC2.1" {
		t.Errorf("forecast = %+v, want qualified on CC1.1 CC2.1", r.Forecast)
	}
	r = judge(t, answers.Scope{Categories: []string{"privacy"}}, st(map[string]string{"POL-A": "missing", "PRV-B": "missing", "GOV-C": "missing", "INC-D": "missing", "INC-E": "missing"}))
	if r.Forecast.Opinion != Adverse || strings.Join(r.Forecast.CriteriaNotMet, " ") != "CC1.1 CC2.1 P1.1" {
		t.Errorf("forecast = %+v, want adverse on CC1.1 CC2.1 P1.1", r.Forecast)
	}
	if !strings.Contains(strings.Join(r.Forecast.Reasons, " "), "postponing") {
		t.Errorf("an adverse forecast should say firms often postpone: %q", r.Forecast.Reasons)
	}
	r = judge(t, answers.Scope{}, st(map[string]string{"POL-A": "implemented", "GOV-C": "implemented", "INC-D": "implemented", "INC-E": "implemented"}))
	if r.Forecast.Opinion != Unmodified {
		t.Errorf("forecast = %+v, want unmodified", r.Forecast)
	}
}

// Plan order, Security only, everything missing:
//
//	Without dependencies: POL-A (critical), INC-D (high), GOV-C (medium), INC-E (low).
//	INC-D depends on GOV-C, which depends on POL-A: GOV-C inherits INC-D's high urgency
//	and comes before it. Phases: POL-A 1; GOV-C, INC-D 2; INC-E 3.
func TestPlanPutsDependenciesFirst(t *testing.T) {
	r := judge(t, answers.Scope{}, st(map[string]string{"POL-A": "missing", "GOV-C": "missing", "INC-D": "missing", "INC-E": "missing"}))
	if got := gapIDs(r.Gaps); got != "POL-A GOV-C INC-D INC-E" {
		t.Errorf("plan = %s, want POL-A GOV-C INC-D INC-E", got)
	}
	var phases []string
	for _, p := range r.Phases {
		phases = append(phases, gapIDs(p.Gaps))
	}
	if got := strings.Join(phases, " | "); got != "POL-A | GOV-C INC-D | INC-E" {
		t.Errorf("phases = %s", got)
	}
	// Once POL-A is done, GOV-C still goes before INC-D.
	r = judge(t, answers.Scope{}, st(map[string]string{"POL-A": "implemented", "GOV-C": "missing", "INC-D": "missing", "INC-E": "missing"}))
	if got := gapIDs(r.Gaps); got != "GOV-C INC-D INC-E" {
		t.Errorf("plan = %s", got)
	}
}

// Timeline with owners, Security only, everything missing, plan POL-A GOV-C INC-D INC-E:
//
//	Ana:  POL-A 2 days at 2.5 a week             -> weeks 0 to 0.8
//	Ben:  GOV-C 0.5 days, waits for POL-A (0.8)  -> 0.8 to 1.0
//	lead: INC-D 2 days at 5, waits for GOV-C     -> 1.0 to 1.4; INC-E 0.5 -> 1.5
//	Done after 1.5 weeks -> 2 weeks: 2026-11-18 + 14 days = 2026-12-02.
//	Type 1 fieldwork (2 weeks) 2026-12-02 to 12-16, draft 2027-01-06, final 2027-01-20.
//	--capacity 1: 5 days serial -> 5 weeks, 2026-12-23.
func TestTimelineOwnersInParallel(t *testing.T) {
	ans := st(map[string]string{"POL-A": "missing", "GOV-C": "missing", "INC-D": "missing", "INC-E": "missing"})
	a := ans["POL-A"]
	a.Owner = "Ana"
	ans["POL-A"] = a
	a = ans["GOV-C"]
	a.Owner = "Ben"
	ans["GOV-C"] = a
	scope := answers.Scope{ReportType: answers.Type1}
	r := judge(t, scope, ans)
	tl, err := Plan(r, scope, "2026-11-18", 0)
	if err != nil {
		t.Fatal(err)
	}
	var streams []string
	for _, s := range tl.Streams {
		streams = append(streams, fmt.Sprintf("%s:%d/%g@%g=%.1f", s.Owner, s.Gaps, s.Days, s.Capacity, s.Weeks))
	}
	if got := strings.Join(streams, " "); got != "Ana:1/2@2.5=0.8 Ben:1/0.5@2.5=1.0 :2/2.5@5=1.5" {
		t.Errorf("streams = %s", got)
	}
	if tl.RemediationWeeks != 2 || tl.RemediationDone != "2026-12-02" || tl.FieldworkStart != "2026-12-02" ||
		tl.FieldworkEnd != "2026-12-16" || tl.DraftReport != "2027-01-06" || tl.ReportInHand != "2027-01-20" {
		t.Errorf("timeline = %+v", tl)
	}
	tl, _ = Plan(r, scope, "2026-11-18", 1)
	if tl.RemediationWeeks != 5 || tl.RemediationDone != "2026-12-23" || len(tl.Streams) != 1 {
		t.Errorf("--capacity 1: %+v", tl)
	}

	// INC-E unanswered: out of the dates, shown as a range up to its 0.5 days.
	delete(ans, "INC-E")
	r = judge(t, scope, ans)
	tl, _ = Plan(r, scope, "2026-11-18", 0)
	if tl.RemainingDays != 4.5 || tl.UnansweredDays != 0.5 || tl.RemediationWeeks != 2 || tl.RemediationWeeksLatest != 2 {
		t.Errorf("with INC-E unanswered: %+v", tl)
	}
}
