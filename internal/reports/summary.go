package reports

import (
	"fmt"

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

// ScoreText is the overall score as the summary states it.
func (m *Model) ScoreText() string {
	return fmt.Sprintf("%.1f / 100", m.Result.Overall.Value)
}

// Forecast is the opinion an auditor would likely give if fieldwork started today, in
// one sentence.
func (m *Model) Forecast() string {
	if n := len(m.Blockers); n > 0 {
		return fmt.Sprintf("Likely a qualified opinion: %d %s not ready, and each one alone would be reported against.", n, plural(n, "criterion is", "criteria are"))
	}
	if m.Result.Verdicts[scoring.AtRisk] > 0 {
		return "Likely an unqualified opinion with findings: no criterion is blocked, but the at-risk ones would draw exceptions or comments."
	}
	return "Likely an unqualified (clean) opinion, provided the evidence holds up."
}

// CriterionBlocker is a not-ready criterion with the controls that hold it back.
type CriterionBlocker struct {
	Criterion *scoring.CriterionResult
	// Controls are its applicable critical controls that earn nothing; empty when the
	// criterion is not ready because its score is too low.
	Controls []*scoring.ControlResult
}

// BlockersByCriterion explains each not-ready criterion.
func (m *Model) BlockersByCriterion() []CriterionBlocker {
	out := make([]CriterionBlocker, 0, len(m.Blockers))
	for _, b := range m.Blockers {
		cb := CriterionBlocker{Criterion: b}
		for _, cr := range b.Controls {
			if cr.Applicable && cr.Control.Severity == "critical" && cr.Points == 0 {
				cb.Controls = append(cb.Controls, cr)
			}
		}
		out = append(out, cb)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
