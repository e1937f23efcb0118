package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

func (e *env) explainCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "explain CRITERION|GROUP",
		Short: "Show which controls made a criterion's score and verdict",
		Long: `Show how a criterion's score and verdict were reached: each control mapped to it, its
severity weight, status and the points it earned, and the rule that decided the verdict.
A group (CC6) shows its score and each of its criteria. Ids are not case-sensitive.

Examples:
  soc2ready explain CC6.1
  soc2ready explain cc6
  soc2ready explain A1.2 -a client.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return e.runExplain(args[0]) },
	}
}

func (e *env) runExplain(id string) error {
	a, err := e.assess()
	if err != nil {
		return err
	}
	id = strings.ToUpper(strings.TrimSpace(id))
	crit := a.cat.Criterion(id)
	if crit == nil && a.cat.Group(id) != nil {
		return e.explainGroup(a, id)
	}
	if crit == nil {
		ids := make([]string, len(a.cat.Criteria))
		for i, c := range a.cat.Criteria {
			ids[i] = c.ID
		}
		return problem.New(problem.DidYouMean(id, ids, "criterion ids look like CC6.1, A1.2 or P4.3"), "unknown criterion %q", id)
	}
	r := a.result.Criterion(id)
	if r == nil {
		return problem.New("add the category to scope.categories to assess it", "%s belongs to %s, which is not in scope", id, a.cat.Category(crit.Category).Name)
	}
	w := e.stdout
	explainVerdict(w, crit, r)
	explainPointsOfFocus(w, crit, r)
	explainControls(w, crit, r)
	explainExceptions(w, r)
	explainDependencies(w, a.result, r)
	fmt.Fprint(w, "\n"+scoring.RuleText())
	return nil
}

// explainVerdict writes the criterion, its score worked out and its verdict.
func explainVerdict(w io.Writer, crit *catalogue.Criterion, r *scoring.CriterionResult) {
	fmt.Fprintf(w, "%s %s\n%s\n\n", crit.ID, crit.Title, strings.TrimSpace(crit.Summary))
	if r.Verdict == scoring.NotApplicable {
		fmt.Fprintf(w, "Verdict: %s (%s)\n\n", reports.VerdictName(r.Verdict), r.Reason)
		return
	}
	fmt.Fprintf(w, "Score: %.1f = 100 x %s earned / %s possible\n", r.Score.Value, trim(r.Score.Earned), trim(r.Score.Possible))
	if len(r.Unanswered) > 0 {
		fmt.Fprintf(w, "Range: %.1f to %.1f while %d controls are unanswered (counted as missing, then as implemented)\n", r.Score.Value, r.Score.High(), len(r.Unanswered))
	}
	fmt.Fprintf(w, "Verdict: %s, because %s\n", reports.VerdictName(r.Verdict), r.Reason)
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
			fmt.Fprintf(tw, "%s\t%s\t-\t%s\t-\t-\t%s (not counted: %s)\n", c.Control.ID, c.Control.Severity, reports.StatusName(c.Status), c.Control.Title, oneLine(c.Excluded))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Control.ID, c.Control.Severity, trim(c.Weight), reports.StatusName(c.Status), trim(c.Points), trim(c.Weight*c.Points), c.Control.Title)
	}
	for _, c := range r.NotCounted {
		fmt.Fprintf(tw, "%s\t%s\t-\t%s\t-\t-\t%s (not counted here: it addresses none of %s's points of focus in scope)\n", c.Control.ID, c.Control.Severity, reports.StatusName(c.Status), c.Control.Title, crit.ID)
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
				st = reports.StatusName(dc.Status)
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

// trim formats a number without trailing zeros.
func trim(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
