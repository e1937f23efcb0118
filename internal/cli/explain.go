package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

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
	if crit == nil && isGroup(a.cat, id) {
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
	fmt.Fprintf(w, "%s %s\n%s\n\n", crit.ID, crit.Title, strings.TrimSpace(crit.Summary))
	if r.Verdict == scoring.NotApplicable {
		fmt.Fprintf(w, "Verdict: %s (%s)\n\n", reports.VerdictName(r.Verdict), r.Reason)
	} else {
		fmt.Fprintf(w, "Score: %.1f = 100 x %s earned / %s possible\n", r.Score.Value, trim(r.Score.Earned), trim(r.Score.Possible))
		fmt.Fprintf(w, "Verdict: %s, because %s\n\n", reports.VerdictName(r.Verdict), r.Reason)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CONTROL\tSEVERITY\tWEIGHT\tSTATUS\tPOINTS\tEARNED\tTITLE")
	for _, c := range r.Controls {
		if !c.Applicable {
			fmt.Fprintf(tw, "%s\t%s\t-\t%s\t-\t-\t%s (not counted: %s)\n", c.Control.ID, c.Control.Severity, reports.StatusName(c.Status), c.Control.Title, oneLine(c.Excluded))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Control.ID, c.Control.Severity, trim(c.Weight), reports.StatusName(c.Status), trim(c.Points), trim(c.Weight*c.Points), c.Control.Title)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nRules: implemented earns 1 point, partial 0.5, planned/missing/unanswered 0, weighted by severity\n(critical 4, high 3, medium 2, low 1). Ready needs 85+ and every critical and high control\nimplemented; a critical control not started, or a score under 50, makes it not ready.\n")
	return nil
}

// trim formats a number without trailing zeros.
func trim(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
