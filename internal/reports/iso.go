package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soc2ready/soc2ready/internal/isoview"
)

var isoStatusName = map[string]string{
	isoview.Met: "Met", isoview.Partial: "Partial", isoview.Gap: "Gap",
	isoview.NotCovered: "Not covered", isoview.NotApplicable: "Not applicable",
}

// ISOMarkdown writes the answers seen as ISO/IEC 27001:2022 Annex A readiness.
func ISOMarkdown(w io.Writer, m *Model) error {
	v := isoview.Build(m.Catalogue, m.Result)
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# ISO/IEC 27001:2022 Annex A readiness: %s\n\n", md(m.File.Organization.Name))
	p("The SOC 2 answers of %s (dated %s) mapped onto the 93 Annex A controls. An Annex A control is met when every soc2ready control mapped to it is implemented; it is not covered when no soc2ready control maps to it: that is work an ISO certification needs beyond SOC 2. Certification also needs the management-system clauses 4 to 10 (scope, risk treatment, statement of applicability, internal audit, management review), which this view does not assess.\n\n", md(m.File.Organization.Name), m.Date)
	p("**Overall Annex A readiness: %.1f / 100.**\n\n", v.Overall)
	p("| Theme | Controls | Score | Met | Partial | Gap | Not covered | Not applicable |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, t := range v.Themes {
		p("| %s | %d | %.1f | %d | %d | %d | %d | %d |\n", strings.ToUpper(t.ID[:1])+t.ID[1:], t.Controls, t.Score,
			t.Counts[isoview.Met], t.Counts[isoview.Partial], t.Counts[isoview.Gap], t.Counts[isoview.NotCovered], t.Counts[isoview.NotApplicable])
	}
	p("\n## Not covered by the SOC 2 answers\n\n")
	n := 0
	for _, it := range v.Items {
		if it.Status == isoview.NotCovered {
			p("- %s %s\n", it.Control.ID, md(it.Control.Title))
			n++
		}
	}
	if n == 0 {
		p("Every Annex A control is met or addressed by at least one soc2ready control.\n")
	}
	p("\n## Annex A controls\n\n| Annex A | Title | Status | Score | soc2ready controls |\n|---|---|---|---:|---|\n")
	for _, it := range v.Items {
		var ids []string
		for _, c := range it.Mapped {
			ids = append(ids, fmt.Sprintf("%s (%s)", c.Control.ID, StatusName(c.Status)))
		}
		score := "—"
		if it.Status != isoview.NotCovered && it.Status != isoview.NotApplicable {
			score = fmt.Sprintf("%.1f", it.Score)
		}
		p("| %s | %s | %s | %s | %s |\n", it.Control.ID, md(it.Control.Title), isoStatusName[it.Status], score, orDash(strings.Join(ids, ", ")))
	}
	return bw.Flush()
}

// ISOJSON writes the ISO view as JSON, versioned by schema_version like the main report.
func ISOJSON(w io.Writer, m *Model) error {
	v := isoview.Build(m.Catalogue, m.Result)
	type control struct {
		ID       string   `json:"id"`
		Theme    string   `json:"theme"`
		Title    string   `json:"title"`
		Status   string   `json:"status"`
		Score    float64  `json:"score"`
		Controls []string `json:"soc2ready_controls"`
	}
	type theme struct {
		ID       string         `json:"id"`
		Score    float64        `json:"score"`
		Controls int            `json:"controls"`
		Counts   map[string]int `json:"counts"`
	}
	out := struct {
		SchemaVersion int       `json:"schema_version"`
		Framework     string    `json:"framework"`
		Organization  string    `json:"organization"`
		Date          string    `json:"date"`
		Overall       float64   `json:"overall"`
		Themes        []theme   `json:"themes"`
		Controls      []control `json:"controls"`
	}{SchemaVersion: 1, Framework: "iso27001:2022", Organization: m.File.Organization.Name, Date: m.Date, Overall: v.Overall}
	for _, t := range v.Themes {
		out.Themes = append(out.Themes, theme{t.ID, t.Score, t.Controls, t.Counts})
	}
	for _, it := range v.Items {
		c := control{ID: it.Control.ID, Theme: it.Control.Theme, Title: it.Control.Title, Status: it.Status, Score: it.Score, Controls: []string{}}
		for _, mc := range it.Mapped {
			c.Controls = append(c.Controls, mc.Control.ID)
		}
		out.Controls = append(out.Controls, c)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
