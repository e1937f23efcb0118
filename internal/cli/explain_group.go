package cli

import (
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
		reports.ExplainGroup(e.stdout, g, a.result)
		return nil
	}
	for _, g := range a.cat.Groups() {
		if g.ID == id {
			return problem.New("add the category to scope.categories to assess it", "%s belongs to %s, which is not in scope", id, a.cat.Category(g.Category).Name)
		}
	}
	return problem.New("criterion ids look like CC6.1 and groups like CC6", "unknown criterion %q", id)
}
