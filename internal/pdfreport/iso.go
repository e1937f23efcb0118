package pdfreport

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/isoview"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// The ISO/IEC 27001:2022 Annex A view as a PDF: the content of reports.ISOMarkdown with
// the look of the readiness report. It is short, so it has no cover: the first page opens
// with the title and the overall picture, and every page has the running footer.

var isoKind = kind{
	name:    "ISO/IEC 27001 Annex A readiness",
	footer:  "Readiness view, not a certification",
	subject: "SOC 2 answers mapped onto ISO/IEC 27001:2022 Annex A; not a certification",
}

var violet = rgb{123, 86, 170} // not covered: work beyond SOC 2

// isoStatuses in the order the legend, the counts and the bars show them.
var isoStatuses = []string{isoview.Met, isoview.Partial, isoview.Gap, isoview.NotCovered, isoview.NotApplicable}

func isoStatusName(s string) string {
	switch s {
	case isoview.Met:
		return "Met"
	case isoview.Partial:
		return "Partial"
	case isoview.Gap:
		return "Gap"
	case isoview.NotCovered:
		return "Not covered"
	}
	return "Not applicable"
}

func isoStatusColor(s string) rgb {
	switch s {
	case isoview.Met:
		return green
	case isoview.Partial:
		return amber
	case isoview.Gap:
		return red
	case isoview.NotCovered:
		return violet
	}
	return grey
}

// RenderISO writes the ISO view as a PDF. Like Render, a panic inside gofpdf becomes an
// error.
func RenderISO(w io.Writer, m *reports.Model, opt Options) error {
	v := isoview.Build(m.Catalogue, m.Result)
	return renderDoc(w, m, opt, isoKind, func(d *doc) {
		d.isoOverview(v)
		d.isoNotCovered(v)
		d.isoTable(v)
	})
}

// isoOverview is the first page: title, what the view means, the overall score and the
// themes.
func (d *doc) isoOverview(v isoview.View) {
	m := d.m
	d.section = "Overview"
	d.newPage()
	d.y = 16
	if d.logo != nil {
		w, h := d.logo.Width(), d.logo.Height()
		s := min(50/w, 18/h)
		d.pdf.ImageOptions("logo", marginL, d.y, w*s, h*s, false, gofpdf.ImageOptions{}, 0, "")
		d.y += h*s + 8
	} else {
		d.y += 6
	}
	d.color(muted)
	conf := "CONFIDENTIAL"
	d.ts.draw(pageW-marginR-d.ts.width(conf, bold, 8), 20, conf, bold, 8)

	d.color(accent)
	d.ts.draw(marginL, d.y, "ISO/IEC 27001:2022 ANNEX A READINESS", bold, 10)
	d.y += 2
	d.coverLines(d.org, 2, bold, 22, navy, 2)
	sub := "From the SOC 2 answers dated " + m.Date
	if m.PreparedBy != "" {
		sub += " · prepared by " + d.ts.line(m.PreparedBy)
	}
	d.y += 1
	d.coverLines(d.ts.line(sub), 2, regular, 10, muted, 1)
	d.y += 4
	d.rect(marginL, d.y, 30, 1.2, accent)
	d.y += 6

	d.para(fmt.Sprintf("The SOC 2 answers of %s (dated %s) mapped onto the %d Annex A controls. An Annex A control is met when every soc2ready control mapped to it is implemented; it is not covered when no soc2ready control maps to it: that is work an ISO certification needs beyond SOC 2. Certification also needs the management-system clauses 4 to 10 (scope, risk treatment, statement of applicability, internal audit, management review), which this view does not assess.",
		reports.OrgName(m.File.Organization.Name), m.Date, len(v.Items)), body)
	d.y += 2
	d.isoScore(v)

	d.h2("Themes", 30)
	t := d.table(8.2,
		column{title: "Theme", w: 30},
		column{title: "Controls", w: 15, right: true},
		column{title: "Score", w: 13, right: true},
		column{title: "Met", w: 11, right: true},
		column{title: "Partial", w: 13, right: true},
		column{title: "Gap", w: 10, right: true},
		column{title: "Not covered", w: 17, right: true},
		column{title: "Not applicable", w: 17, right: true},
		column{title: "Status of its controls", w: contentW - 126},
	)
	all := map[string]int{}
	for _, th := range v.Themes {
		for s, n := range th.Counts {
			all[s] += n
		}
		t.row(d.themeRow(title(th.ID), th.Controls, score1(th.Score), th.Counts, regular)...)
	}
	t.row(d.themeRow("All of Annex A", len(v.Items), score1(v.Overall), all, bold)...)
	t.end()
}

func (d *doc) themeRow(name string, controls int, score string, counts map[string]int, st style) []cell {
	c := func(s string) cell { return cell{spans: []span{{text: s, st: st}}} }
	row := []cell{c(name), c(strconv.Itoa(controls)), c(score)}
	for _, s := range isoStatuses {
		row = append(row, c(strconv.Itoa(counts[s])))
	}
	return append(row, cell{paint: func(x, y, w, h float64) {
		d.statusBar(x+padX, y+h/2-1.8, w-2*padX, 3.6, counts, controls)
	}})
}

// statusBar is a bar split by the share of each status.
func (d *doc) statusBar(x, y, w, h float64, counts map[string]int, total int) {
	if total <= 0 {
		d.rect(x, y, w, h, track)
		return
	}
	for _, s := range isoStatuses {
		n := counts[s]
		if n <= 0 {
			continue
		}
		sw := w * float64(n) / float64(total)
		d.rect(x, y, sw, h, isoStatusColor(s))
		x += sw
	}
}

// isoScore is the overall Annex A score in a box, beside the status of all the controls.
func (d *doc) isoScore(v isoview.View) {
	boxW, boxH := 46.0, 30.0
	d.ensure(boxH + 4)
	y0 := d.y
	band := bandColor(scoring.BandFor(v.Overall).ID)
	d.rect(marginL, y0, boxW, boxH, noteFill)
	d.rect(marginL, y0, 1.6, boxH, band)
	d.color(muted)
	d.ts.draw(marginL+5, y0+6.5, "Overall Annex A readiness", bold, 7.5)
	s := score1(v.Overall)
	d.color(navy)
	w := d.ts.draw(marginL+5, y0+20, s, bold, 28)
	d.color(muted)
	d.ts.draw(marginL+5+w+1, y0+20, "/ 100", regular, 9)
	d.ts.draw(marginL+5, y0+26.5, "mean of the control scores", italic, 6.8)

	counts := map[string]int{}
	for _, it := range v.Items {
		counts[it.Status]++
	}
	x0 := marginL + boxW + 8
	bw := marginL + contentW - x0
	d.color(ink)
	d.ts.draw(x0, y0+5, plural(len(v.Items), "Annex A control", "Annex A controls"), bold, 9)
	d.statusBar(x0, y0+8, bw, 6, counts, len(v.Items))
	// the counts under the bar, one per status: the legend of every bar in this document
	x := x0
	for _, st := range isoStatuses {
		d.rect(x, y0+18.4, 2.6, 2.6, isoStatusColor(st))
		d.color(ink)
		x += 3.8 + d.ts.draw(x+3.8, y0+21, strconv.Itoa(counts[st]), bold, 11) + 1
		d.color(muted)
		x += d.ts.draw(x, y0+21, strings.ToLower(isoStatusName(st)), regular, 7.5) + 5.5
	}
	d.y = y0 + boxH + 2
}

// isoNotCovered lists the Annex A controls no soc2ready control maps to.
func (d *doc) isoNotCovered(v isoview.View) {
	var items []isoview.Item
	for _, it := range v.Items {
		if it.Status == isoview.NotCovered {
			items = append(items, it)
		}
	}
	d.section = "Not covered"
	d.h2("Not covered by the SOC 2 answers", 20)
	if len(items) == 0 {
		d.para("Every Annex A control is met or addressed by at least one soc2ready control.", body)
		return
	}
	intro := "1 Annex A control has no soc2ready control mapped to it: work an ISO certification needs beyond SOC 2."
	if len(items) > 1 {
		intro = fmt.Sprintf("%d Annex A controls have no soc2ready control mapped to them: work an ISO certification needs beyond SOC 2.", len(items))
	}
	d.para(intro, body)
	t := d.table(8.2, column{title: "Annex A", w: 18}, column{title: "Title", w: 120}, column{title: "Theme", w: contentW - 138})
	nc := violet
	for _, it := range items {
		t.row(cell{spans: []span{{text: it.Control.ID, st: bold}}, dot: &nc}, txt(it.Control.Title), txt(title(it.Control.Theme)))
	}
	t.end()
}

// isoTable is every Annex A control with its status, score and the soc2ready controls
// mapped to it, grouped by status.
func (d *doc) isoTable(v isoview.View) {
	d.h1("Annex A controls", true)
	d.para("Each Annex A control with the soc2ready controls mapped to it, grouped by their status. The score weighs the mapped controls that apply as the SOC 2 scores do: implemented counts fully, partial half.", body)
	t := d.table(7.8,
		column{title: "Annex A", w: 16},
		column{title: "Title", w: 52},
		column{title: "Status", w: 26},
		column{title: "Score", w: 12, right: true},
		column{title: "soc2ready controls", w: contentW - 106},
	)
	theme := ""
	for _, it := range v.Items {
		if it.Control.Theme != theme {
			theme = it.Control.Theme
			t.group(title(theme) + " controls")
		}
		score := "—"
		if it.Status != isoview.NotCovered && it.Status != isoview.NotApplicable {
			score = score1(it.Score)
		}
		sc := isoStatusColor(it.Status)
		t.row(
			cell{spans: []span{{text: it.Control.ID, st: bold}}},
			txt(it.Control.Title),
			cell{spans: []span{{text: isoStatusName(it.Status), st: bold}}, dot: &sc},
			txt(score),
			mappedCell(it.Mapped),
		)
	}
	t.end()
}

// mappedCell groups the mapped controls by status: "implemented: A, B".
func mappedCell(mapped []*scoring.ControlResult) cell {
	if len(mapped) == 0 {
		return cell{spans: []span{{text: "none", st: italic, color: &muted}}}
	}
	var order []string
	for _, s := range []answers.Status{answers.Implemented, answers.Partial, answers.Planned, answers.Missing, scoring.Unanswered, answers.NotApplicable} {
		order = append(order, reports.StatusName(s))
	}
	by := map[string][]string{}
	for _, c := range mapped {
		s := reports.StatusName(c.Status)
		if !c.Applicable {
			s = reports.StatusName(answers.NotApplicable)
		}
		if _, ok := by[s]; !ok && !slices.Contains(order, s) {
			order = append(order, s)
		}
		by[s] = append(by[s], c.Control.ID)
	}
	var spans []span
	for _, s := range order {
		if ids := by[s]; len(ids) > 0 {
			sp := span{text: s + ": " + strings.Join(ids, ", "), size: 7.2, words: true}
			if s == "not applicable" {
				sp.color = &muted
			}
			spans = append(spans, sp)
		}
	}
	return cell{spans: spans}
}
