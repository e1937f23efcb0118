package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
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
	reports.ExplainCriterion(e.stdout, crit, a.result, r)
	return nil
}
