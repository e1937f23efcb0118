package scoring

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// DefaultCapacity is the remediation effort, in person-days a week, of whoever leads the
// SOC 2 work: one person's working week. Gaps without an owner fall to them.
const DefaultCapacity = 5.0

// OwnerCapacity is what each named gap owner gives remediation alongside their own job:
// half a week. Owners work in parallel, so more owners finish sooner.
const OwnerCapacity = 2.5

// Type 2 observation periods, in months: what the wizard, the advice and the timeline say.
const (
	MinObservationMonths   = 3  // the shortest Type 2 period most auditors accept for a first report
	FirstObservationMonths = 6  // the longest a first period usually runs
	MaxObservationMonths   = 12 // the usual period from the second report on
)

// Assumptions behind the timeline, from how audits usually run.
const (
	fieldworkLeadWeeks = 3 // Type 2 fieldwork starts a few weeks after the period ends, once its last evidence exists
	fieldworkWeeks     = 3 // Type 2 testing of samples across the period
	typeOneFieldwork   = 2 // Type 1 checks design at one date: published guides give 1 to 3 weeks
	draftWeeks         = 3 // draft report about three weeks after fieldwork
	finalWeeks         = 2 // final report about two weeks after the draft is agreed
)

// Stream is one person (or the unassigned pool) working through their gaps.
type Stream struct {
	Owner    string  // "" for gaps without an owner, left to the SOC 2 lead
	Gaps     int     // gaps in this stream
	Days     float64 // their effort, person-days
	Capacity float64 // person-days a week
	Weeks    float64 // when the stream's last gap is done, in weeks from the start (waits on other streams included)
}

// Timeline is when remediation is likely done and when a report could be in hand.
type Timeline struct {
	ReportType    string
	Reason        string
	RemainingDays float64 // answered gaps
	// UnansweredDays is what the unanswered controls add if none is in place (the range
	// runs from 0 to this).
	UnansweredDays float64
	Capacity       float64 // the --capacity override; 0 when owners work in parallel
	Streams        []Stream
	// RemediationWeeks and RemediationDone cover the answered gaps; the Latest fields
	// add the unanswered controls as if all were missing (equal when none is unanswered).
	RemediationWeeks       int
	RemediationDone        string
	RemediationWeeksLatest int
	RemediationDoneLatest  string
	ObservationStart       string // Type 2 only
	ObservationEnd         string
	FieldworkStart         string
	FieldworkEnd           string
	DraftReport            string
	ReportInHand           string
	Warnings               []string
	Assumptions            []string
}

// Plan builds the timeline from the plan. start is the report date (YYYY-MM-DD);
// capacity, when above 0, replaces the parallel owners with one pool of that many
// person-days a week. The report type is the one in scope, or the recommended one when
// none was chosen.
func Plan(r *Result, scope answers.Scope, start string, capacity float64) (Timeline, error) {
	day, err := time.Parse("2006-01-02", start)
	if err != nil {
		return Timeline{}, fmt.Errorf("timeline start %q: %w", start, err)
	}
	advice := Recommend(r)
	t := Timeline{ReportType: scope.ReportType, Reason: "chosen in the answers file", RemainingDays: r.RemainingEffort(),
		UnansweredDays: r.UnansweredEffort(), Capacity: math.Max(capacity, 0)}
	if t.ReportType == "" {
		t.ReportType, t.Reason = advice.Type, "recommended: "+advice.Reason
	}
	var weeks float64
	t.Streams, weeks = schedule(r.Gaps, capacity)
	t.RemediationWeeks = int(math.Ceil(weeks - 1e-9))
	_, latest := schedule(append(append([]*Gap{}, r.Gaps...), r.Unanswered...), capacity)
	t.RemediationWeeksLatest = int(math.Ceil(latest - 1e-9))
	done := day.AddDate(0, 0, 7*t.RemediationWeeks)
	t.RemediationDone = date(done)
	t.RemediationDoneLatest = date(day.AddDate(0, 0, 7*t.RemediationWeeksLatest))
	fieldwork := done
	if t.ReportType == answers.Type2 {
		obsStart := done
		obsEnd := obsStart.AddDate(0, MinObservationMonths, 0)
		if p := scope.ObservationPeriod; p != nil {
			ps, _ := time.Parse("2006-01-02", string(p.Start))
			pe, _ := time.Parse("2006-01-02", string(p.End))
			if ps.Before(done) {
				t.Warnings = append(t.Warnings, fmt.Sprintf("the observation period starts %s, before remediation is likely done (%s): controls fixed after %s still show as exceptions for the time before", p.Start, t.RemediationDone, p.Start))
			}
			obsStart, obsEnd = ps, pe
		}
		t.ObservationStart, t.ObservationEnd = date(obsStart), date(obsEnd)
		fieldwork = obsEnd.AddDate(0, 0, 7*fieldworkLeadWeeks)
	}
	t.FieldworkStart = date(fieldwork)
	fwWeeks := fieldworkWeeks
	if t.ReportType != answers.Type2 {
		fwWeeks = typeOneFieldwork
	}
	fwEnd := fieldwork.AddDate(0, 0, 7*fwWeeks)
	t.FieldworkEnd = date(fwEnd)
	draft := fwEnd.AddDate(0, 0, 7*draftWeeks)
	t.DraftReport = date(draft)
	t.ReportInHand = date(draft.AddDate(0, 0, 7*finalWeeks))
	if capacity > 0 {
		t.Assumptions = []string{fmt.Sprintf("Remediation capacity of %g person-days a week (--capacity), one gap after another in plan order.", capacity)}
	} else {
		t.Assumptions = []string{fmt.Sprintf("Each named owner works on their own gaps in plan order at %g person-days a week, in parallel with the others; gaps without an owner fall to the SOC 2 lead at %g a week. A gap starts only when the gaps it depends on are done. --capacity replaces this with one pool.", OwnerCapacity, DefaultCapacity)}
	}
	if t.UnansweredDays > 0 {
		t.Assumptions = append(t.Assumptions, fmt.Sprintf("Unanswered controls are left out of the dates; if none of them is in place they add up to %s person-days and remediation ends by %s instead.", trimDays(t.UnansweredDays), t.RemediationDoneLatest))
	}
	if t.ReportType == answers.Type2 {
		t.Assumptions = append(t.Assumptions, fmt.Sprintf("Type 2 fieldwork starts %d weeks after the observation period ends, once the period's last evidence exists, with the auditor booked in advance.", fieldworkLeadWeeks))
	} else {
		t.Assumptions = append(t.Assumptions, "Type 1 fieldwork starts as soon as remediation is done, with the auditor booked in advance.")
	}
	t.Assumptions = append(t.Assumptions, fmt.Sprintf("Fieldwork takes %d weeks; the draft report follows %d weeks later and the final report %d weeks after that.", fwWeeks, draftWeeks, finalWeeks))
	if t.ReportType == answers.Type2 && scope.ObservationPeriod == nil {
		t.Assumptions = append(t.Assumptions, fmt.Sprintf("A first Type 2 observation period of %d months starting when remediation is done; many buyers expect %d to %d months from the second report on.", MinObservationMonths, FirstObservationMonths, MaxObservationMonths))
	}
	return t, nil
}

// schedule places the gaps, in plan order, on their owner's stream: each starts when its
// owner is free and the gaps it waits for are done. With capacity > 0 there is one stream.
// It returns the streams (named owners in name order, then the unassigned pool) and the
// week the last gap is done.
func schedule(gaps []*Gap, capacity float64) ([]Stream, float64) {
	streams := map[string]*Stream{}
	finish := map[string]float64{}
	end := 0.0
	for _, g := range gaps {
		owner := g.Answer.Owner
		if capacity > 0 {
			owner = ""
		}
		s := streams[owner]
		if s == nil {
			s = &Stream{Owner: owner, Capacity: OwnerCapacity}
			if owner == "" {
				s.Capacity = DefaultCapacity
				if capacity > 0 {
					s.Capacity = capacity
				}
			}
			streams[owner] = s
		}
		begin := s.Weeks
		for _, d := range g.Waits {
			begin = math.Max(begin, finish[d])
		}
		s.Weeks = begin + g.EffortDays/s.Capacity
		s.Gaps++
		s.Days += g.EffortDays
		finish[g.Control.ID] = s.Weeks
		end = math.Max(end, s.Weeks)
	}
	out := make([]Stream, 0, len(streams))
	for _, s := range streams {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Owner == "") != (out[j].Owner == "") {
			return out[j].Owner == ""
		}
		return out[i].Owner < out[j].Owner
	})
	return out, end
}

func trimDays(d float64) string { return fmt.Sprintf("%g", math.Round(d*100)/100) }

func date(t time.Time) string { return t.Format("2006-01-02") }
