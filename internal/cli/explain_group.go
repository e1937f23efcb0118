package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

// explainGroup is `explain CC6`: the group's score and one line per criterion, so a
// group is accepted wherever a criterion is.
func (e *env) explainGroup(a *assessment, id string) error {
	for _, g := range a.result.Groups {
		if g.ID != id {
			continue
		}
		w := e.stdout
		fmt.Fprintf(w, "%s %s\n", g.ID, g.Name)
		fmt.Fprintf(w, "Score: %.1f = 100 x %s earned / %s possible (each control counted once)\n\n", g.Score.Value, trim(g.Score.Earned), trim(g.Score.Possible))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CRITERION\tSCORE\tVERDICT\tCONTROLS\tTITLE")
		for _, c := range a.result.Criteria {
			if c.Criterion.Group == id {
				fmt.Fprintf(tw, "%s\t%.1f\t%s\t%d\t%s\n", c.Criterion.ID, c.Score.Value, reports.VerdictName(c.Verdict), c.Score.Controls, c.Criterion.Title)
			}
		}
		tw.Flush()
		fmt.Fprintf(w, "\nRun `soc2ready explain CRITERION` (e.g. %s.1) for the controls behind one criterion.\n", id)
		return nil
	}
	for _, g := range a.cat.Groups() {
		if g.ID == id {
			return problem.New("add the category to scope.categories to assess it", "%s belongs to %s, which is not in scope", id, a.cat.Category(g.Category).Name)
		}
	}
	return problem.New("criterion ids look like CC6.1 and groups like CC6", "unknown criterion %q", id)
}
