package scoring

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Gate is a set of CI thresholds. A zero Gate applies the default: no in-scope criterion
// may be not ready.
type Gate struct {
	MinScore      *float64
	FailOn        string             // a severity: fail on open gaps of it or worse
	MinCategory   map[string]float64 // category id -> minimum score
	MaxUnanswered *int
	// MaxEvidenceAge, in days, fails every applicable implemented control whose newest
	// dated evidence is older than this on AsOf (or that has no dated evidence at all).
	// It applies whatever the report type: a Type 1 auditor also asks for current evidence,
	// and a gate the user asked for should not switch itself off.
	MaxEvidenceAge *int
	AsOf           string // YYYY-MM-DD the ages are measured to; required with MaxEvidenceAge
}

func (g Gate) empty() bool {
	return g.MinScore == nil && g.FailOn == "" && len(g.MinCategory) == 0 && g.MaxUnanswered == nil && g.MaxEvidenceAge == nil
}

// Failure is one gate that did not pass.
type Failure struct {
	Gate      string // the flag's name, e.g. "min-score"
	Reason    string
	Control   string // the control concerned, "" when the failure is not about one
	Criterion string // the criterion concerned, "" when the failure is not about one
}

// Check evaluates the gate against a result; no failures means the build passes.
func (g Gate) Check(r *Result) []Failure {
	var out []Failure
	if g.empty() {
		for _, c := range r.Criteria {
			if c.Verdict == NotReady {
				out = append(out, Failure{Gate: "not-ready", Reason: fmt.Sprintf("%s %s is not ready: %s", c.Criterion.ID, c.Criterion.Title, c.Reason), Criterion: c.Criterion.ID})
			}
		}
		return out
	}
	if g.MinScore != nil && r.Overall.Value < *g.MinScore {
		out = append(out, Failure{Gate: "min-score", Reason: fmt.Sprintf("overall score %.1f is below %g", r.Overall.Value, *g.MinScore)})
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
				out = append(out, Failure{Gate: "min-category", Reason: fmt.Sprintf("%s is not in scope, so it has no score to reach %g", c.Category.Name, min)})
			} else if c.Score.Value < min {
				out = append(out, Failure{Gate: "min-category", Reason: fmt.Sprintf("%s score %.1f is below %g", c.Category.Name, c.Score.Value, min)})
			}
		}
	}
	if g.FailOn != "" {
		limit := catalogue.SeverityRank(g.FailOn)
		// Unanswered controls are not confirmed gaps, but a gate cannot pass on unknowns.
		for _, gap := range append(append([]*Gap{}, r.Gaps...), r.Unanswered...) {
			if catalogue.SeverityRank(gap.Control.Severity) <= limit {
				out = append(out, Failure{Gate: "fail-on", Reason: fmt.Sprintf("%s gap %s %s is %s", gap.Control.Severity, gap.Control.ID, gap.Control.Title, gap.Status), Control: gap.Control.ID})
			}
		}
	}
	if g.MaxUnanswered != nil && r.Overall.Unanswered > *g.MaxUnanswered {
		out = append(out, Failure{Gate: "max-unanswered", Reason: fmt.Sprintf("%d applicable controls are unanswered; at most %d allowed", r.Overall.Unanswered, *g.MaxUnanswered)})
	}
	if g.MaxEvidenceAge != nil {
		for _, s := range StaleEvidence(r, *g.MaxEvidenceAge, g.AsOf) {
			out = append(out, Failure{Gate: "max-evidence-age", Reason: s.String(), Control: s.Control.Control.ID})
		}
	}
	return out
}

// Stale is an implemented control whose evidence is too old (or undated).
type Stale struct {
	Control *ControlResult
	Newest  string // newest evidence date, "" when none is dated
	AgeDays int    // days from Newest to the as-of date; 0 when Newest is ""
	MaxDays int
}

func (s Stale) String() string {
	c := s.Control.Control
	if s.Newest == "" {
		return fmt.Sprintf("%s %s is implemented but has no dated evidence", c.ID, c.Title)
	}
	return fmt.Sprintf("%s %s: newest evidence %s is %d days old (limit %d)", c.ID, c.Title, s.Newest, s.AgeDays, s.MaxDays)
}

// StaleEvidence lists, in catalogue order, the applicable implemented controls whose newest
// evidence date is more than maxDays before asOf (YYYY-MM-DD). A control with no dated
// evidence is stale: an auditor cannot tell when it last operated. Evidence dated after
// asOf is fresh. An unparsable asOf makes every control with dated evidence fresh, so
// callers must validate it.
func StaleEvidence(r *Result, maxDays int, asOf string) []Stale {
	now, err := time.Parse("2006-01-02", asOf)
	if err != nil {
		return nil
	}
	var out []Stale
	for _, c := range r.Controls {
		if !c.Applicable || c.Status != answers.Implemented {
			continue
		}
		newest := ""
		var newestT time.Time
		for _, e := range c.Answer.Evidence {
			t, err := time.Parse("2006-01-02", e.Date)
			if err != nil {
				continue
			}
			if newest == "" || t.After(newestT) {
				newest, newestT = e.Date, t
			}
		}
		if newest == "" {
			out = append(out, Stale{Control: c, MaxDays: maxDays})
			continue
		}
		age := int(now.Sub(newestT).Hours() / 24)
		if age > maxDays {
			out = append(out, Stale{Control: c, Newest: newest, AgeDays: age, MaxDays: maxDays})
		}
	}
	return out
}

// ParseAge reads an age such as 365d, 52w, 12m or 1y into days. A month counts 30 days
// and a year 365: evidence ages are rules of thumb, not calendar arithmetic.
func ParseAge(s string) (int, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if len(s) < 2 {
		return 0, fmt.Errorf("%q is not an age", s)
	}
	unit := map[byte]int{'d': 1, 'w': 7, 'm': 30, 'y': 365}[s[len(s)-1]]
	if unit == 0 {
		return 0, fmt.Errorf("%q has no unit (d, w, m or y)", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 0 || n > 100*365/unit {
		return 0, fmt.Errorf("%q is not a whole number of %s", s, map[int]string{1: "days", 7: "weeks", 30: "months", 365: "years"}[unit])
	}
	return n * unit, nil
}
