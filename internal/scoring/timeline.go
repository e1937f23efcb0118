package scoring

import (
	"fmt"
	"math"
	"time"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// DefaultCapacity is the remediation effort a company spends per week, in person-days:
// one person's working week, the usual commitment of a named SOC 2 owner while preparing
// for a first audit. Pass --capacity for a part-time owner or a larger team.
const DefaultCapacity = 5.0

// Assumptions behind the timeline, from how audits usually run.
const (
	minObservationMonths = 3 // the shortest Type 2 period most auditors accept for a first report
	fieldworkWeeks       = 3 // Type 1 fieldwork takes 2 to 4 weeks; Type 2 testing about the same
	draftWeeks           = 3 // draft report about three weeks after fieldwork
	finalWeeks           = 2 // final report about two weeks after the draft is agreed
)

// Timeline is when remediation is likely done and when a report could be in hand.
type Timeline struct {
	ReportType       string
	Reason           string
	RemainingDays    float64
	Capacity         float64
	RemediationWeeks int
	RemediationDone  string
	ObservationStart string // Type 2 only
	ObservationEnd   string
	FieldworkStart   string
	FieldworkEnd     string
	DraftReport      string
	ReportInHand     string
	Warnings         []string
	Assumptions      []string
}

// Plan builds the timeline from the remaining effort. start is the report date
// (YYYY-MM-DD); capacity is person-days per week (0 means DefaultCapacity). The report type
// is the one in scope, or the recommended one when none was chosen.
func Plan(r *Result, scope answers.Scope, start string, capacity float64) (Timeline, error) {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	day, err := time.Parse("2006-01-02", start)
	if err != nil {
		return Timeline{}, fmt.Errorf("timeline start %q: %w", start, err)
	}
	advice := Recommend(r)
	t := Timeline{ReportType: scope.ReportType, Reason: "chosen in the answers file", RemainingDays: r.RemainingEffort(), Capacity: capacity}
	if t.ReportType == "" {
		t.ReportType, t.Reason = advice.Type, "recommended: "+advice.Reason
	}
	t.RemediationWeeks = int(math.Ceil(t.RemainingDays / capacity))
	done := day.AddDate(0, 0, 7*t.RemediationWeeks)
	t.RemediationDone = date(done)
	fieldwork := done
	if t.ReportType == answers.Type2 {
		obsStart := done
		obsEnd := obsStart.AddDate(0, minObservationMonths, 0)
		if p := scope.ObservationPeriod; p != nil {
			ps, _ := time.Parse("2006-01-02", string(p.Start))
			pe, _ := time.Parse("2006-01-02", string(p.End))
			if ps.Before(done) {
				t.Warnings = append(t.Warnings, fmt.Sprintf("the observation period starts %s, before remediation is likely done (%s): controls not yet operating will show as exceptions", p.Start, t.RemediationDone))
			}
			obsStart, obsEnd = ps, pe
		}
		t.ObservationStart, t.ObservationEnd = date(obsStart), date(obsEnd)
		fieldwork = obsEnd.AddDate(0, 0, 1)
	}
	t.FieldworkStart = date(fieldwork)
	fwEnd := fieldwork.AddDate(0, 0, 7*fieldworkWeeks)
	t.FieldworkEnd = date(fwEnd)
	draft := fwEnd.AddDate(0, 0, 7*draftWeeks)
	t.DraftReport = date(draft)
	t.ReportInHand = date(draft.AddDate(0, 0, 7*finalWeeks))
	t.Assumptions = []string{
		fmt.Sprintf("Remediation capacity of %g person-days a week, spent on the open gaps in plan order.", capacity),
		"Fieldwork starts as soon as remediation is done (Type 1) or the day after the observation period ends (Type 2), with the auditor booked in advance.",
		fmt.Sprintf("Fieldwork takes %d weeks; the draft report follows %d weeks later and the final report %d weeks after that.", fieldworkWeeks, draftWeeks, finalWeeks),
	}
	if t.ReportType == answers.Type2 && scope.ObservationPeriod == nil {
		t.Assumptions = append(t.Assumptions, fmt.Sprintf("A first Type 2 observation period of %d months starting when remediation is done; many buyers expect 6 to 12 months from the second report on.", minObservationMonths))
	}
	return t, nil
}

func date(t time.Time) string { return t.Format("2006-01-02") }
