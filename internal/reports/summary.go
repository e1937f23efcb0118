package reports

import (
	"fmt"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// How much of the readiness report to write (report --detail). The default is the
// report a board reads: summary, timeline, criteria overview, one gap register, policies
// and scope. Full adds every criterion, the evidence request list and every answer;
// summary keeps the executive summary, the timeline and the criteria overview.
const (
	DetailSummary  = "summary"
	DetailStandard = "standard"
	DetailFull     = "full"
)

// DetailNames lists the --detail values, shortest report first.
var DetailNames = []string{DetailSummary, DetailStandard, DetailFull}

// Full reports whether the report carries the reference sections (evidence requests,
// every criterion, every answer).
func (m *Model) Full() bool { return m.Detail == DetailFull }

// Brief reports whether the report stops after the criteria overview.
func (m *Model) Brief() bool { return m.Detail == DetailSummary }

// PriorityCount is how many items the executive summary's priority list shows.
const PriorityCount = 5

// Priorities is the one priority list of the executive summary, first things first.
func (m *Model) Priorities() []*scoring.Gap {
	return m.Result.Gaps[:min(PriorityCount, len(m.Result.Gaps))]
}

// ScoreText is the overall score as the summary states it: a range while controls are
// unanswered.
func (m *Model) ScoreText() string {
	r := m.Result
	if r.Provisional {
		return fmt.Sprintf("%.1f to %.1f / 100 (provisional: %d of %d applicable controls answered)", r.Range.Low, r.Range.High, r.Answered, r.Overall.Controls)
	}
	return fmt.Sprintf("%.1f / 100", r.Overall.Value)
}

// Forecast is the opinion an auditor would likely give on these answers, with why.
func (m *Model) Forecast() string {
	f := m.Result.Forecast
	return "Likely an " + scoring.OpinionName(f.Opinion) + ". " + strings.Join(f.Reasons, " ")
}

// ExpectedExceptions are the controls a Type 2 examination is expected to find
// exceptions in; always empty for a Type 1, which tests no period.
func (m *Model) ExpectedExceptions() []*scoring.ControlResult {
	if m.File.Scope.ReportType != answers.Type2 {
		return nil
	}
	return m.Result.Exceptions
}

// CriterionBlocker is a not-ready criterion with the answered controls that hold it back.
type CriterionBlocker struct {
	Criterion *scoring.CriterionResult
	// Controls are its answered critical or high controls not implemented (or expected
	// to show a Type 2 exception); empty when only its score holds it back.
	Controls []*scoring.ControlResult
}

// BlockersByCriterion explains each not-ready criterion.
func (m *Model) BlockersByCriterion() []CriterionBlocker {
	out := make([]CriterionBlocker, 0, len(m.Blockers))
	for _, b := range m.Blockers {
		out = append(out, CriterionBlocker{Criterion: b, Controls: b.Causes})
	}
	return out
}

// RemediationStep is the timeline's first line: the remaining work and how fast it goes.
func RemediationStep(t scoring.Timeline) string {
	s := fmt.Sprintf("Remaining remediation: %s person-days", Days(t.RemainingDays))
	if t.Capacity > 0 {
		s += fmt.Sprintf(" at %g a week", t.Capacity)
	} else if n := len(t.Streams); n > 1 {
		s += fmt.Sprintf(", %d owners working in parallel", n)
	}
	return s + fmt.Sprintf(" (%d %s)", t.RemediationWeeks, plural(t.RemediationWeeks, "week", "weeks"))
}

// RemediationDone is when remediation ends, with the later date if every unanswered
// control turns out missing.
func RemediationDone(t scoring.Timeline) string {
	s := "done by " + t.RemediationDone
	if t.RemediationDoneLatest != "" && t.RemediationDoneLatest != t.RemediationDone {
		s += " (" + t.RemediationDoneLatest + " if every unanswered control is missing)"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
