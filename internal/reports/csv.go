package reports

import (
	"io"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/sheet"
)

// csvColumns of the CSV report, one row per applicable control.
var csvColumns = []string{"id", "title", "family", "category", "criteria", "severity", "weight", "status", "points",
	"earned", "gap_rank", "phase", "effort_days", "owner", "due", "note", "evidence", "updated"}

// CSV writes one row per applicable control, in catalogue order, for a spreadsheet: UTF-8
// with a byte-order mark, CRLF line ends, formula-like cells neutralised (see package
// sheet). gap_rank and phase are empty for implemented controls.
func CSV(w io.Writer, m *Model) error {
	sw := sheet.NewWriter(w)
	if err := sw.Write(csvColumns...); err != nil {
		return err
	}
	rank := map[string]int{}
	for i, g := range m.Result.Gaps {
		rank[g.Control.ID] = i + 1
	}
	gaps := map[string]*scoring.Gap{}
	for _, g := range m.Result.Gaps {
		gaps[g.Control.ID] = g
	}
	for _, c := range m.Result.Controls {
		if !c.Applicable {
			continue
		}
		a := c.Answer
		gapRank, phase, effort := "", "", ""
		if g := gaps[c.Control.ID]; g != nil {
			gapRank, phase, effort = strconv.Itoa(rank[c.Control.ID]), strconv.Itoa(g.Phase), num(g.EffortDays)
		}
		err := sw.Write(c.Control.ID, c.Control.Title, c.Control.Family, strings.Join(categoriesOf(m, c.Criteria), " "),
			strings.Join(c.Criteria, " "), c.Control.Severity, num(c.Weight), string(c.Status), num(c.Points), num(c.Weight*c.Points),
			gapRank, phase, effort, a.Owner, a.Due, strings.TrimSpace(a.Note), strings.Join(OnFile(a.Evidence), "\n"), a.Updated)
		if err != nil {
			return err
		}
	}
	return sw.Flush()
}

// num writes a number with a decimal point and no trailing zeros (0.5, 3, 2.5).
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// categoriesOf lists the categories of the given criteria once each, in catalogue order.
func categoriesOf(m *Model, criteria []string) []string {
	seen := map[string]bool{}
	for _, id := range criteria {
		if cr := m.Catalogue.Criterion(id); cr != nil {
			seen[cr.Category] = true
		}
	}
	var out []string
	for _, c := range m.Catalogue.Categories {
		if seen[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}
