package scoring

import (
	"fmt"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Opinions an auditor can give, as the forecast names them.
const (
	Unmodified = "unmodified"
	Qualified  = "qualified"
	Adverse    = "adverse"
)

// Forecast is an advisory guess at the auditor's opinion if the examination ran on these
// answers. It is not an opinion: only the service auditor forms one.
type Forecast struct {
	Opinion        string
	CriteriaNotMet []string // criteria likely found not met, catalogue order
	Reasons        []string
}

// Pervasive is when criteria not met are many (at least a quarter of those assessed) and
// spread over at least PervasiveGroups criterion groups: the failure is then no longer
// confined to one part of the system, which is what turns a qualified opinion adverse.
const (
	PervasiveShare  = 0.25
	PervasiveGroups = 3
)

// forecast applies the rule documented in docs/ARCHITECTURE.md: a criterion is likely not
// met when it is not ready on its answered controls alone (a critical control earning
// nothing, or a score under 50 even with unanswered controls counted as implemented).
// None not met: unmodified. Some: qualified. Pervasive: adverse.
func forecast(r *Result) Forecast {
	f := Forecast{CriteriaNotMet: []string{}}
	groups := map[string]bool{}
	assessed, undecided := 0, 0
	for _, c := range r.Criteria {
		if c.Verdict == NotApplicable {
			continue
		}
		assessed++
		if c.NotMet {
			f.CriteriaNotMet = append(f.CriteriaNotMet, c.Criterion.ID)
			groups[c.Criterion.Group] = true
		} else if c.Verdict == NotReady {
			undecided++
		}
	}
	type2 := r.ReportType == answers.Type2
	failure := "controls are missing or not designed well enough to meet them"
	if type2 {
		failure = "controls are missing or did not operate through the observation period"
	}
	n := len(f.CriteriaNotMet)
	switch {
	case n == 0:
		f.Opinion = Unmodified
		f.Reasons = append(f.Reasons, "No criterion is likely to be found not met on the answers given.")
	case float64(n) >= PervasiveShare*float64(assessed) && len(groups) >= PervasiveGroups:
		f.Opinion = Adverse
		f.Reasons = append(f.Reasons,
			fmt.Sprintf("%d of %d assessed criteria are likely not met (%s), across %d criterion groups: the shortfall is pervasive.", n, assessed, failure, len(groups)),
			"With pervasive failures an auditor would give an adverse opinion; most firms advise postponing the examination until the gaps are closed instead.")
	default:
		f.Opinion = Qualified
		f.Reasons = append(f.Reasons,
			fmt.Sprintf("%s likely not met (%s); the rest look achievable.", plural(n, "criterion is", "criteria are"), failure),
			"An auditor would qualify the opinion for those criteria ('except for'), which most customers read as a failed report.")
	}
	if type2 && len(r.Exceptions) > 0 {
		f.Reasons = append(f.Reasons, fmt.Sprintf("%s expected to show exceptions in the observation period; the report will list them with management's response. Isolated exceptions need not change the opinion, frequent ones in key controls can.", plural(len(r.Exceptions), "control is", "controls are")))
		// A fifth of the controls with exceptions makes a long section 4 that customers
		// read closely, whatever the opinion says.
		if key := keyDeviations(r); len(key) > 0 {
			f.Reasons = append(f.Reasons, fmt.Sprintf("Recorded deviations in key controls: %s. The auditor judges whether each criterion is still met; where a deviation broke a commitment to customers, expect it to be weighed for a qualification of that criterion.", strings.Join(key, "; ")))
		}
		if 5*len(r.Exceptions) >= r.Overall.Controls {
			f.Reasons = append(f.Reasons, "With this many, expect customers to question the report's list of exceptions even if the opinion stays unmodified.")
		}
	}
	if r.Provisional {
		s := fmt.Sprintf("Provisional: %d of %d applicable controls are unanswered.", r.Overall.Unanswered, r.Overall.Controls)
		if undecided > 0 {
			s += fmt.Sprintf(" %s not ready only because of them and could still go either way.", plural(undecided, "more criterion is", "more criteria are"))
		}
		f.Reasons = append(f.Reasons, s)
	}
	return f
}

// keyDeviations names the critical and high controls with a recorded deviation in the
// period, with the criteria they serve: the exceptions most likely to move an opinion.
func keyDeviations(r *Result) []string {
	var out []string
	for _, c := range r.Exceptions {
		if c.Deviation && catalogue.SeverityRank(c.Control.Severity) <= 1 {
			out = append(out, fmt.Sprintf("%s (%s, %s)", c.Control.ID, c.Control.Severity, strings.Join(c.Criteria, ", ")))
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// OpinionName is the opinion in words, for the executive summaries.
func OpinionName(o string) string {
	switch o {
	case Adverse:
		return "adverse opinion"
	case Qualified:
		return "qualified opinion"
	}
	return "unmodified opinion"
}
