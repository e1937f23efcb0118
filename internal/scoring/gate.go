package scoring

import (
	"fmt"
	"sort"

	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Gate is a set of CI thresholds. A zero Gate applies the default: no in-scope criterion
// may be not ready.
type Gate struct {
	MinScore      *float64
	FailOn        string             // a severity: fail on open gaps of it or worse
	MinCategory   map[string]float64 // category id -> minimum score
	MaxUnanswered *int
}

func (g Gate) empty() bool {
	return g.MinScore == nil && g.FailOn == "" && len(g.MinCategory) == 0 && g.MaxUnanswered == nil
}

// Failure is one gate that did not pass.
type Failure struct {
	Gate   string // the flag's name, e.g. "min-score"
	Reason string
}

// Check evaluates the gate against a result; no failures means the build passes.
func (g Gate) Check(r *Result) []Failure {
	var out []Failure
	if g.empty() {
		for _, c := range r.Criteria {
			if c.Verdict == NotReady {
				out = append(out, Failure{"not-ready", fmt.Sprintf("%s %s is not ready: %s", c.Criterion.ID, c.Criterion.Title, c.Reason)})
			}
		}
		return out
	}
	if g.MinScore != nil && r.Overall.Value < *g.MinScore {
		out = append(out, Failure{"min-score", fmt.Sprintf("overall score %.1f is below %g", r.Overall.Value, *g.MinScore)})
	}
	cats := make([]string, 0, len(g.MinCategory))
	for id := range g.MinCategory {
		cats = append(cats, id)
	}
	sort.Strings(cats)
	for _, id := range cats {
		min := g.MinCategory[id]
		for _, c := range r.Categories {
			if c.Category.ID != id {
				continue
			}
			if !c.InScope {
				out = append(out, Failure{"min-category", fmt.Sprintf("%s is not in scope, so it has no score to reach %g", c.Category.Name, min)})
			} else if c.Score.Value < min {
				out = append(out, Failure{"min-category", fmt.Sprintf("%s score %.1f is below %g", c.Category.Name, c.Score.Value, min)})
			}
		}
	}
	if g.FailOn != "" {
		limit := catalogue.SeverityRank(g.FailOn)
		for _, gap := range r.Gaps {
			if catalogue.SeverityRank(gap.Control.Severity) <= limit {
				out = append(out, Failure{"fail-on", fmt.Sprintf("%s gap %s %s is %s", gap.Control.Severity, gap.Control.ID, gap.Control.Title, gap.Status)})
			}
		}
	}
	if g.MaxUnanswered != nil && r.Overall.Unanswered > *g.MaxUnanswered {
		out = append(out, Failure{"max-unanswered", fmt.Sprintf("%d applicable controls are unanswered; at most %d allowed", r.Overall.Unanswered, *g.MaxUnanswered)})
	}
	return out
}
