package questionnaire

import (
	"fmt"
	"sort"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// ScopeChanges says what a change of scope does to data already in the file: a period
// removed with Type 1, answers whose category left the scope (they stay in the file).
// `init` prints it after saving; the wizard shows it in its review, before.
func ScopeChanges(cat *catalogue.Catalogue, before, after answers.Scope, ans map[string]answers.Answer) []string {
	var notes []string
	if p := before.ObservationPeriod; p != nil && after.ObservationPeriod == nil {
		notes = append(notes, fmt.Sprintf("a Type 1 report has no observation period: %s to %s is removed; "+
			"to restore it: soc2ready init --type type2 --period-start %s --period-end %s", p.Start, p.End, p.Start, p.End))
	}
	if before.ReportType != answers.Type2 && after.ReportType == answers.Type2 && after.ObservationPeriod == nil {
		notes = append(notes, "a Type 2 report needs an observation period: add --period-start and --period-end")
	}
	dropped := map[string][]string{}
	ids := make([]string, 0, len(ans))
	for id := range ans {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ctl := cat.Control(id)
		if ctl == nil {
			continue
		}
		var was, is []string
		for _, crit := range ctl.Criteria {
			c := cat.Criterion(crit)
			if c == nil {
				continue
			}
			if before.InScope(c.Category) {
				was = append(was, c.Category)
			}
			if after.InScope(c.Category) {
				is = append(is, c.Category)
			}
		}
		if len(was) > 0 && len(is) == 0 {
			dropped[was[0]] = append(dropped[was[0]], ctl.ID)
		}
	}
	for _, c := range cat.Categories {
		if list := dropped[c.ID]; len(list) > 0 {
			shown := list
			if len(shown) > 5 {
				shown = append(shown[:5:5], "...")
			}
			notes = append(notes, fmt.Sprintf("%s is no longer in scope: %d %s to its controls (%s) stay in the file and count again if you add it back",
				c.ID, len(list), plural(len(list), "answer", "answers"), strings.Join(shown, ", ")))
		}
	}
	return notes
}
