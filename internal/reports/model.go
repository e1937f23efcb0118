// Package reports renders an assessment for people and machines. Build gathers what every
// format shows into one Model, so the formats cannot disagree about the facts.
package reports

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Options are the inputs a report needs besides the assessment.
type Options struct {
	Date       string // YYYY-MM-DD the report is dated
	PreparedBy string
	Tool       string  // "soc2ready 0.1.0"
	Capacity   float64 // remediation person-days per week; 0 means scoring.DefaultCapacity
	Detail     string  // DetailSummary, DetailStandard (also "") or DetailFull
}

// Model is the assessment as every report format presents it.
type Model struct {
	Options
	Catalogue *catalogue.Catalogue
	File      *answers.Data
	Result    *scoring.Result
	Advice    scoring.Advice
	InScope   []*catalogue.Category
	Policies  []PolicyStatus
	Evidence  []*scoring.ControlResult // implemented or partial: what the auditor will ask for
	Excluded  []*scoring.ControlResult // not applicable by scope fact or answer
	Open      []*scoring.ControlResult // applicable and unanswered
	// Blockers are the criteria likely not met on the answers given (the forecast's
	// criteria_not_met), each explained by its Causes; Undecided the criteria not ready
	// only because of unanswered controls.
	Blockers  []*scoring.CriterionResult
	Undecided []*scoring.CriterionResult
	// Priorities is the top of the plan: the one "do this first" list every format shows,
	// in the same order.
	Priorities []*scoring.Gap
	Forecast   scoring.Forecast
	// Exceptions are the controls a Type 2 examination is expected to find exceptions in.
	Exceptions []*scoring.ControlResult
	Timeline   scoring.Timeline
}

// PriorityCount is how many gaps the "do this first" list holds.
const PriorityCount = 5

// PolicyStatus is a core policy with the status of its document control.
type PolicyStatus struct {
	Policy  catalogue.Policy
	Status  answers.Status // the document control's status, scoring.Unanswered, or not_applicable when it does not count
	Backing []string
}

// Build assembles the model.
func Build(cat *catalogue.Catalogue, f *answers.Data, r *scoring.Result, opt Options) *Model {
	m := &Model{Options: opt, Catalogue: cat, File: f, Result: r, Advice: scoring.RecommendInScope(r, f.Scope, opt.Date)}
	// The date was validated by whoever chose it (answers file or SOURCE_DATE_EPOCH); a
	// report without one simply has no timeline.
	m.Timeline, _ = scoring.Plan(r, f.Scope, opt.Date, opt.Capacity)
	for _, c := range r.Categories {
		if c.InScope {
			m.InScope = append(m.InScope, c.Category)
		}
	}
	byID := map[string]*scoring.ControlResult{}
	for _, c := range r.Controls {
		byID[c.Control.ID] = c
		switch {
		case c.Applicable && (c.Status == answers.Implemented || c.Status == answers.Partial):
			m.Evidence = append(m.Evidence, c)
		case c.ExcludedBy == scoring.ByFact || c.ExcludedBy == scoring.ByAnswer:
			m.Excluded = append(m.Excluded, c)
		case c.Applicable && c.Status == scoring.Unanswered:
			m.Open = append(m.Open, c)
		}
	}
	for _, p := range cat.Policies {
		ps := PolicyStatus{Policy: p, Status: scoring.Unanswered}
		if doc := byID[p.DocumentControl]; doc != nil {
			ps.Status = doc.Status
			if !doc.Applicable {
				ps.Status = answers.NotApplicable
			}
		}
		for _, c := range r.Controls {
			if c.Applicable && c.Control.ID != p.DocumentControl && slices.Contains(c.Control.Policies, p.ID) {
				ps.Backing = append(ps.Backing, c.Control.ID)
			}
		}
		m.Policies = append(m.Policies, ps)
	}
	for _, c := range r.Criteria {
		switch {
		case c.NotMet:
			m.Blockers = append(m.Blockers, c)
		case c.Verdict == scoring.NotReady:
			m.Undecided = append(m.Undecided, c)
		}
	}
	m.Priorities = r.Gaps[:min(PriorityCount, len(r.Gaps))]
	m.Forecast = r.Forecast
	m.Exceptions = r.Exceptions
	return m
}

// Answered says how much of the assessment is answered; every format shows it first.
func (m *Model) Answered() string {
	r := m.Result
	if !r.Provisional {
		return fmt.Sprintf("Complete: all %d applicable controls are answered.", r.Overall.Controls)
	}
	return fmt.Sprintf("Provisional: %d of %d applicable controls are answered. The score lies between %.1f and %.1f until the other %d are answered; they are not counted as gaps.",
		r.Answered, r.Overall.Controls, r.Range.Low, r.Range.High, r.Overall.Unanswered)
}

// ForecastText is the advisory opinion forecast in one paragraph, worded for the report
// type: a Type 1 tests design only, so it never speaks of exceptions.
func (m *Model) ForecastText() string {
	f := m.Forecast
	return "Opinion forecast (advisory, not an auditor's view): " + scoring.OpinionName(f.Opinion) + ". " + strings.Join(f.Reasons, " ")
}

// ScopeNames lists the in-scope category names.
func (m *Model) ScopeNames() string {
	names := make([]string, len(m.InScope))
	for i, c := range m.InScope {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// ReportType describes the report type and period in words.
func (m *Model) ReportType() string {
	s := m.File.Scope
	switch s.ReportType {
	case answers.Type1:
		return "Type 1 (design at a point in time)"
	case answers.Type2:
		t := "Type 2 (design and operation over a period)"
		if p := s.ObservationPeriod; p != nil {
			t += ", observation period " + string(p.Start) + " to " + string(p.End)
		}
		return t
	}
	return "not chosen yet"
}

// VerdictName is the verdict in words.
func VerdictName(v scoring.Verdict) string {
	switch v {
	case scoring.Ready:
		return "Ready"
	case scoring.AtRisk:
		return "At risk"
	case scoring.NotReady:
		return "Not ready"
	}
	return "Not applicable"
}

// StatusName is a status in words.
func StatusName(s answers.Status) string {
	switch s {
	case answers.NotApplicable:
		return "not applicable"
	case scoring.Unanswered:
		return "unanswered"
	}
	return string(s)
}

// Guidance picks the guidance for the organisation's size (catalogue.SmallMax).
func (m *Model) Guidance(c *catalogue.Control) string {
	return c.Guidance.For(m.File.Organization.Employees)
}

// Summary is the one-sentence state of readiness every format opens with.
func (m *Model) Summary() string {
	r := m.Result
	n := len(r.Criteria)
	s := fmt.Sprintf("%d of %d in-scope criteria are ready, %d at risk and %d not ready. %d of %d applicable controls are implemented and %d partly; closing the %d confirmed gaps takes about %s person-days.",
		r.Verdicts[scoring.Ready], n-r.Verdicts[scoring.NotApplicable], r.Verdicts[scoring.AtRisk], r.Verdicts[scoring.NotReady],
		r.Overall.Implemented, r.Overall.Controls, r.Overall.Partial, len(r.Gaps), Days(r.RemainingEffort()))
	if len(r.Unanswered) > 0 {
		if len(r.Unanswered) == 1 {
			s += fmt.Sprintf(" The unanswered control adds between 0 and %s person-days.", Days(r.UnansweredEffort()))
		} else {
			s += fmt.Sprintf(" The %d unanswered controls add between 0 and %s person-days.", len(r.Unanswered), Days(r.UnansweredEffort()))
		}
	}
	if len(r.Exceptions) > 0 {
		if len(r.Exceptions) == 1 {
			s += " 1 control is expected to show exceptions in the observation period."
		} else {
			s += fmt.Sprintf(" %d controls are expected to show exceptions in the observation period.", len(r.Exceptions))
		}
	}
	return string(s)
}

// OwnerName names a timeline stream: the owner, or who takes gaps without one.
func OwnerName(owner string) string {
	if owner == "" {
		return "No owner yet (SOC 2 lead)"
	}
	return owner
}

// TypeName is a report type in words.
func TypeName(t string) string {
	if t == answers.Type2 {
		return "Type 2"
	}
	return "Type 1"
}

// Days formats person-days: rounded half away from zero to two decimals, no trailing
// zeros (0.125 prints as 0.13).
func Days(d float64) string {
	return strconv.FormatFloat(math.Round(d*100)/100, 'f', -1, 64)
}
