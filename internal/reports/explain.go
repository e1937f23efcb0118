package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// The explain command's text: how a criterion's (or a group's) score and verdict came
// about, control by control, with the rules stated from the constants scoring applies.

// ExplainCriterion writes the criterion, its score worked out, its verdict, its points of
// focus, what each control earns, the expected exceptions, the dependencies and the rules.
func ExplainCriterion(w io.Writer, crit *catalogue.Criterion, all *scoring.Result, r *scoring.CriterionResult) {
	explainVerdict(w, crit, r)
	explainPointsOfFocus(w, crit, r)
	explainControls(w, crit, r)
	explainExceptions(w, r)
	explainDependencies(w, all, r)
	fmt.Fprint(w, "\n"+scoring.RuleText())
}

// ExplainGroup writes a group's score and one line per criterion.
func ExplainGroup(w io.Writer, g *scoring.GroupResult, all *scoring.Result) {
	fmt.Fprintf(w, "%s %s\n", g.ID, g.Name)
	fmt.Fprintf(w, "Score: %.1f = 100 x %s earned / %s possible (each control counted once)\n\n", g.Score.Value, trimNum(g.Score.Earned), trimNum(g.Score.Possible))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CRITERION\tSCORE\tVERDICT\tCONTROLS\tTITLE")
	for _, c := range all.Criteria {
		if c.Criterion.Group == g.ID {
			fmt.Fprintf(tw, "%s\t%.1f\t%s\t%d\t%s\n", c.Criterion.ID, c.Score.Value, VerdictName(c.Verdict), c.Score.Controls, c.Criterion.Title)
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRun `soc2ready explain CRITERION` (e.g. %s.1) for the controls behind one criterion.\n", g.ID)
}

// explainVerdict writes the criterion, its score worked out and its verdict.
func explainVerdict(w io.Writer, crit *catalogue.Criterion, r *scoring.CriterionResult) {
	fmt.Fprintf(w, "%s %s\n%s\n\n", crit.ID, crit.Title, strings.TrimSpace(crit.Summary))
	if r.Verdict == scoring.NotApplicable {
		fmt.Fprintf(w, "Verdict: %s (%s)\n\n", VerdictName(r.Verdict), r.Reason)
		return
	}
	fmt.Fprintf(w, "Score: %.1f = 100 x %s earned / %s possible\n", r.Score.Value, trimNum(r.Score.Earned), trimNum(r.Score.Possible))
	if len(r.Unanswered) > 0 {
		fmt.Fprintf(w, "Range: %.1f to %.1f while %d controls are unanswered (counted as missing, then as implemented)\n", r.Score.Value, r.Score.High(), len(r.Unanswered))
	}
	fmt.Fprintf(w, "Verdict: %s, because %s\n", VerdictName(r.Verdict), r.Reason)
	if r.NotMet {
		fmt.Fprintf(w, "Forecast: likely not met on the answers given\n")
	}
	fmt.Fprintln(w)
}

// explainPointsOfFocus lists the criterion's points of focus, marking those out of scope,
// with the applicable controls that address each.
func explainPointsOfFocus(w io.Writer, crit *catalogue.Criterion, r *scoring.CriterionResult) {
	fmt.Fprintf(w, "Points of focus in scope (%d of %d):\n", len(r.PointsOfFocus), len(crit.PointsOfFocus))
	for _, pf := range crit.PointsOfFocus {
		inScope := slices.Contains(r.PointsOfFocus, pf.ID)
		mark := " "
		if !inScope {
			mark = "-"
		}
		var by []string
		for _, c := range r.Controls {
			if c.Applicable && slices.Contains(c.PointsOfFocus, pf.ID) {
				by = append(by, c.Control.ID)
			}
		}
		line := fmt.Sprintf("  %s %s %s", mark, pf.ID, pf.Title)
		switch {
		case !inScope:
			line += " (out of scope: " + pf.Category + " only)"
		case len(by) == 0:
			line += " (no applicable control addresses it)"
		default:
			line += " <- " + strings.Join(by, ", ")
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w)
}

// explainControls is the table of what each control earns toward the criterion.
func explainControls(w io.Writer, crit *catalogue.Criterion, r *scoring.CriterionResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CONTROL\tSEVERITY\tWEIGHT\tSTATUS\tPOINTS\tEARNED\tTITLE")
	for _, c := range r.Controls {
		if !c.Applicable {
			fmt.Fprintf(tw, "%s\t%s\t-\t%s\t-\t-\t%s (not counted: %s)\n", c.Control.ID, c.Control.Severity, StatusName(c.Status), c.Control.Title, oneLineText(c.Excluded))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Control.ID, c.Control.Severity, trimNum(c.Weight), StatusName(c.Status), trimNum(c.Points), trimNum(c.Weight*c.Points), c.Control.Title)
	}
	for _, c := range r.NotCounted {
		fmt.Fprintf(tw, "%s\t%s\t-\t%s\t-\t-\t%s (not counted here: it addresses none of %s's points of focus in scope)\n", c.Control.ID, c.Control.Severity, StatusName(c.Status), c.Control.Title, crit.ID)
	}
	tw.Flush()
}

// explainExceptions lists the controls expected to show a Type 2 exception.
func explainExceptions(w io.Writer, r *scoring.CriterionResult) {
	var exc []string
	for _, c := range r.Controls {
		if c.Exception != "" {
			exc = append(exc, fmt.Sprintf("  %s: %s", c.Control.ID, c.Exception))
		}
	}
	if len(exc) > 0 {
		fmt.Fprintf(w, "\nExceptions expected in the observation period:\n%s\n", strings.Join(exc, "\n"))
	}
}

// explainDependencies names, for each open control, what it depends on and how far that is.
func explainDependencies(w io.Writer, all *scoring.Result, r *scoring.CriterionResult) {
	byID := map[string]*scoring.ControlResult{}
	for _, c := range all.Controls {
		byID[c.Control.ID] = c
	}
	var deps []string
	for _, c := range r.Controls {
		if !c.Applicable || c.Status == answers.Implemented || len(c.Control.DependsOn) == 0 {
			continue
		}
		var on []string
		for _, d := range c.Control.DependsOn {
			st := "not in scope"
			if dc := byID[d]; dc != nil {
				st = StatusName(dc.Status)
				if !dc.Applicable {
					st = "not applicable"
				}
			}
			on = append(on, d+" ("+st+")")
		}
		deps = append(deps, fmt.Sprintf("  %s after %s", c.Control.ID, strings.Join(on, ", ")))
	}
	if len(deps) > 0 {
		fmt.Fprintf(w, "\nDependencies (the plan puts these first):\n%s\n", strings.Join(deps, "\n"))
	}
}

// trimNum writes a number with at most two decimals and no trailing zeros.
func trimNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
