package pdfreport

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// The system description draft: the content and order of reports.Describe (DC 1 to DC 9),
// laid out like the readiness report. The sections are built as data first, so the cover
// can list which of them still hold text to write before any of them is drawn.

var describeKind = kind{
	name:    "System description (draft)",
	footer:  "Draft system description for management review",
	subject: "Draft description of the system (section 3 of a SOC 2 report) by the description criteria DC 1 to DC 9",
	cover:   true,
}

// Text management must still write stands out: amber box, bold brown label.
var (
	todoFill    = rgb{255, 243, 214}
	todoBar     = rgb{230, 150, 0}
	todoInk     = rgb{150, 78, 0}
	partialFill = rgb{250, 226, 168}
)

// todoLabel is printed before every placeholder, as in the Markdown draft, so a search for
// it finds every passage still to write.
const todoLabel = "[TO WRITE]"

// RenderDescribe writes the system description draft as a PDF. Like Render, a panic inside
// gofpdf becomes an error.
func RenderDescribe(w io.Writer, m *reports.Model, opt Options) error {
	secs := describeSections(m)
	return renderDoc(w, m, opt, describeKind, func(d *doc) {
		d.describeCover(secs)
		for i, s := range secs {
			d.dcSection(s, i == 0)
		}
	})
}

type partKind int

const (
	pPara     partKind = iota
	pTodo              // a [TO WRITE] placeholder
	pSub               // a sub-heading (a component, a subservice organisation)
	pList              // bullets
	pCriteria          // DC 5: the controls in place per criterion
	pExcluded          // DC 8: the controls that do not apply
)

type dcSection struct {
	id, title string // "DC 1", "Services provided"
	parts     []dcPart
	todo      int // placeholders in the section
}

type dcPart struct {
	kind     partKind
	text     string
	items    []dcItem
	criteria []dcCriterion
	excluded []*scoring.ControlResult
}

type dcItem struct {
	text    string
	partial bool // the control or policy is only partly in place
	todo    bool // a placeholder inside a list
}

type dcCriterion struct {
	c     *scoring.CriterionResult
	items []dcItem // controls in place; none means a placeholder
}

func (s *dcSection) add(p dcPart)     { s.parts = append(s.parts, p) }
func (s *dcSection) para(text string) { s.add(dcPart{kind: pPara, text: text}) }
func (s *dcSection) sub(text string)  { s.add(dcPart{kind: pSub, text: text}) }
func (s *dcSection) todoPara(text string) {
	s.todo++
	s.add(dcPart{kind: pTodo, text: text})
}
func (s *dcSection) list(items []dcItem) {
	for _, it := range items {
		if it.todo {
			s.todo++
		}
	}
	s.add(dcPart{kind: pList, items: items})
}

func plain(list []string) []dcItem {
	out := make([]dcItem, len(list))
	for i, s := range list {
		out[i] = dcItem{text: s}
	}
	return out
}

// describeSections is reports.Describe as data; keep the two in step.
func describeSections(m *reports.Model) []dcSection {
	f := m.File
	org, s := f.Organization, f.Scope
	var secs []dcSection
	sec := func(id, title string) *dcSection {
		secs = append(secs, dcSection{id: id, title: title})
		return &secs[len(secs)-1]
	}

	dc := sec("DC 1", "Services provided")
	if org.Services != "" {
		dc.para(org.Services)
	} else {
		dc.todoPara("what the system does for customers, who uses it and how it is delivered (set organization.services).")
	}

	dc = sec("DC 2", "Principal service commitments and system requirements")
	if len(s.Commitments) > 0 {
		dc.para(orgName(org.Name) + " makes these commitments to its customers in contracts, service terms and published documents:")
		dc.list(plain(s.Commitments))
	} else {
		dc.todoPara("the security, availability and confidentiality commitments made to customers (set scope.commitments).")
	}
	dc.para("The system requirements that support them come from the policies in place:")
	var pols []dcItem
	for _, ps := range m.Policies {
		if ps.Status == "implemented" || ps.Status == "partial" {
			pols = append(pols, dcItem{text: ps.Policy.Title, partial: ps.Status == "partial"})
		}
	}
	if len(pols) == 0 {
		pols = []dcItem{{text: "no core policy is in place yet; list the policies once approved.", todo: true}}
	}
	dc.list(pols)
	dc.todoPara("legal, regulatory and contractual requirements that shape the system (for example data protection law).")

	dc = sec("DC 3", "Components of the system")
	comp := answers.Components{}
	if s.Components != nil {
		comp = *s.Components
	}
	for _, c := range []struct{ name, text, hint string }{
		{"Infrastructure", comp.Infrastructure, "hosting, networks and the managed services the system runs on"},
		{"Software", comp.Software, "the applications, databases and tools that make up the system"},
		{"People", comp.People, "the teams that build, run and support the system, and who governs security"},
		{"Procedures", comp.Procedures, "the automated and manual procedures that operate the system"},
		{"Data", comp.Data, "the data the system receives, stores and produces, and how it is classified"},
	} {
		dc.sub(c.name)
		if c.text != "" {
			dc.para(c.text)
		} else {
			dc.todoPara(c.hint + " (set scope.components).")
		}
	}

	dc = sec("DC 4", "System incidents")
	dc.todoPara("security incidents that were the result of a control failure or that kept the organisation from meeting its commitments, with their nature, timing and the response; or a statement that there were none.")

	dc = sec("DC 5", "Applicable trust services criteria and related controls")
	dc.para("The categories in scope are " + m.ScopeNames() + ". The controls below are those recorded as in place (implemented, or partly in place where marked) for each criterion.")
	var crit []dcCriterion
	for _, c := range m.Result.Criteria {
		k := dcCriterion{c: c}
		for _, ctl := range c.Controls {
			if ctl.Applicable && (ctl.Status == "implemented" || ctl.Status == "partial") {
				k.items = append(k.items, dcItem{text: ctl.Control.Title + " (" + ctl.Control.ID + ")", partial: ctl.Status == "partial"})
			}
		}
		if len(k.items) == 0 {
			dc.todo++
		}
		crit = append(crit, k)
	}
	if len(crit) > 0 {
		dc.add(dcPart{kind: pCriteria, criteria: crit})
	}

	dc = sec("DC 6", "Complementary user entity controls")
	if len(s.CUECs) > 0 {
		dc.para("The controls above assume that customers do the following themselves:")
		dc.list(plain(s.CUECs))
	} else {
		dc.todoPara("what customers must do themselves for the controls to work (set scope.complementary_user_entity_controls).")
	}

	dc = sec("DC 7", "Subservice organisations")
	if len(s.Subservice) == 0 {
		dc.todoPara("the cloud provider and other subservice organisations, and whether each is presented with the carve-out or the inclusive method (set scope.subservice_organizations).")
	}
	for _, so := range s.Subservice {
		dc.sub(so.Name)
		if so.Services != "" {
			dc.para("Services: " + strings.TrimSuffix(strings.TrimSpace(so.Services), ".") + ".")
		}
		if so.Method == "inclusive" {
			dc.para("Presented with the inclusive method: its relevant controls are described here and tested with the organisation's own.")
			continue
		}
		dc.para("Presented with the carve-out method: its controls are excluded from this description. The organisation relies on it for the complementary subservice organisation controls below and monitors them by reviewing its SOC report each year.")
		items := plain(so.CSOCs)
		if len(items) == 0 {
			items = []dcItem{{text: "the controls relied on at this organisation (set csocs).", todo: true}}
		}
		dc.list(items)
	}
	var relied []dcItem
	for _, c := range m.Excluded {
		if c.ExcludedBy == "fact" && strings.TrimSpace(c.Control.CarveOut) != "" {
			relied = append(relied, dcItem{text: c.Control.Title + " (" + c.Control.ID + "): " + c.Control.CarveOut})
		}
	}
	if len(relied) > 0 {
		dc.para("Controls of this catalogue that are met by a subservice organisation instead of the organisation itself:")
		dc.list(relied)
	}

	dc = sec("DC 8", "Criteria not relevant to the system")
	var na []dcItem
	for _, c := range m.Result.Criteria {
		if c.Verdict == scoring.NotApplicable {
			na = append(na, dcItem{text: c.Criterion.ID + " " + c.Criterion.Title + ": " + strings.TrimSuffix(c.Reason, ".") + "."})
		}
	}
	if len(na) > 0 {
		dc.list(na)
	} else {
		dc.para("Every criterion of the categories in scope is relevant to the system.")
	}
	if len(m.Excluded) > 0 {
		dc.para("Controls that do not apply, with the reason:")
		dc.add(dcPart{kind: pExcluded, excluded: m.Excluded})
	}

	dc = sec("DC 9", "Significant changes during the period")
	if s.ReportType == answers.Type2 {
		period := "the observation period"
		if op := s.ObservationPeriod; op != nil {
			period = fmt.Sprintf("the period %s to %s", op.Start, op.End)
		}
		dc.todoPara("significant changes to the system, its controls or its commitments during " + period + ", or a statement that there were none.")
	} else {
		dc.para("Not required for a Type 1 description, which is as of a single date.")
	}
	return secs
}

// orgName is the organisation as prose names it.
func orgName(s string) string {
	if strings.TrimSpace(s) == "" {
		return "The organisation"
	}
	return s
}

// --- drawing -----------------------------------------------------------------------------

// describeCover is the first page: whose system, what this draft is, and which sections
// still hold text to write.
func (d *doc) describeCover(secs []dcSection) {
	m := d.m
	sub := "Description of the system"
	if sys := d.ts.line(m.File.Organization.System); sys != "" {
		sub = "Description of the " + sys + " system"
	}
	d.coverHead("DRAFT · CONFIDENTIAL", "SYSTEM DESCRIPTION · DRAFT", sub, 58, 26)

	facts := [][2]string{
		{"Scope", m.ScopeNames()},
		{"Report type", m.ReportType()},
		{"Draft date", m.Date},
	}
	if m.PreparedBy != "" {
		facts = append(facts, [2]string{"Prepared by", m.PreparedBy})
	}
	d.coverFacts(facts, 2, 0)

	// the sections, each marked drafted or with the number of passages to write
	d.y += 5
	d.color(navy)
	d.ts.draw(marginL, d.y+4, "Sections", bold, 10)
	total := 0
	for _, s := range secs {
		total += s.todo
	}
	if total > 0 {
		note := plural(total, "passage", "passages") + " to write, marked " + todoLabel
		d.color(todoInk)
		d.ts.draw(pageW-marginR-d.ts.width(note, bold, 8), d.y+4, note, bold, 8)
	}
	d.y += 6.5
	d.hline(marginL, pageW-marginR, d.y, 0.3, navy)
	rowH := 5.9
	for _, s := range secs {
		by := baseline(d.y, rowH, 9)
		d.color(navy)
		d.ts.draw(marginL+1, by, s.id, bold, 9)
		d.color(ink)
		d.ts.draw(marginL+15, by, d.clip(s.title, contentW-52, regular, 9), regular, 9)
		status, c := "drafted", green
		if s.todo > 0 {
			status, c = strconv.Itoa(s.todo)+" to write", todoBar
		}
		sx := pageW - marginR - 24
		d.rect(sx, d.y+rowH/2-1.1, 2.2, 2.2, c)
		d.color(ink)
		if s.todo > 0 {
			d.color(todoInk)
		}
		d.ts.draw(sx+3.6, by, d.clip(status, 20, bold, 8), bold, 8)
		d.y += rowH
		d.hline(marginL, pageW-marginR, d.y, 0.1, rule)
	}

	// what this draft is, at the foot of the page
	text := fmt.Sprintf("Prepared with %s on %s from the answers file. It follows the description criteria DC 1 to DC 9; every %s marks text management must supply, and every statement must be checked before it goes to an auditor. The description is management's: this draft is not an auditor's opinion or a SOC 2 report.", m.Tool, m.Date, todoLabel)
	ts := textStyle{st: regular, size: 8.5, color: ink, indent: 6, width: contentW - 11}
	h := d.paraHeight(text, ts) + 12
	y0 := max(262-d.lift()-h, d.y+6)
	d.rect(marginL, y0, contentW, h, noteFill)
	d.rect(marginL, y0, 1.4, h, accent)
	d.y = y0 + 3
	d.color(navy)
	d.ts.draw(marginL+6, d.y+4, "A draft for management", bold, 10)
	d.y += 7
	d.para(text, ts)

	d.color(faint)
	d.ts.draw(marginL, max(272-d.lift(), y0+h+6), "Generated by "+d.ts.line(m.Tool)+" on "+m.Date, regular, 7.5)
}

// capLines keeps at most n lines, the last one shortened with an ellipsis.
func capLines(d *doc, lines []string, n int, st style, size float64) []string {
	return capLinesW(d, lines, n, contentW, st, size)
}

// capLinesW keeps at most n lines, the last one clipped to width w with an ellipsis.
func capLinesW(d *doc, lines []string, n int, w float64, st style, size float64) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n-1:n-1], d.clip(strings.Join(lines[n-1:], " "), w, st, size))
}

// coverHead draws the top of a cover page: the logo (fitted in 60 x 24 mm), a mark at the
// top right, the kicker line, the organisation in large type (three lines at most), a
// subtitle (two lines at most) and the accent rule.
func (d *doc) coverHead(mark, kicker, subtitle string, top, size float64) {
	d.section = "Cover"
	d.newPage()
	if d.logo != nil {
		w, h := d.logo.Width(), d.logo.Height()
		s := min(60/w, 24/h)
		d.pdf.ImageOptions("logo", marginL, 18, w*s, h*s, false, gofpdf.ImageOptions{}, 0, "")
	}
	d.color(muted)
	d.ts.draw(pageW-marginR-d.ts.width(mark, bold, 8), 22, mark, bold, 8)
	d.y = top
	d.color(accent)
	d.ts.draw(marginL, d.y, kicker, bold, 11)
	d.y += 6
	for _, l := range capLines(d, d.ts.wrap(d.org, contentW, bold, size), 3, bold, size) {
		d.color(navy)
		d.y += lineH(size)
		d.ts.draw(marginL, d.y-2.5, l, bold, size)
	}
	d.y += 2
	if subtitle != "" {
		for _, l := range capLines(d, d.ts.wrap(subtitle, contentW, regular, 14), 2, regular, 14) {
			d.color(muted)
			d.y += lineH(14)
			d.ts.draw(marginL, d.y-1.5, l, regular, 14)
		}
	}
	d.y += 6
	d.rect(marginL, d.y, 30, 1.2, accent)
	d.y += 10
}

// coverFacts draws label and value rows, each value wrapped to at most maxLines lines,
// stopping once the page is filled past stopY (0: never stop).
func (d *doc) coverFacts(facts [][2]string, maxLines int, stopY float64) {
	const labelW = 38.0
	for _, f := range facts {
		lines := capLinesW(d, d.ts.wrap(d.ts.line(f[1]), contentW-labelW, regular, 10), maxLines, contentW-labelW, regular, 10)
		d.color(muted)
		d.ts.draw(marginL, d.y+4, f[0], bold, 8.5)
		d.color(ink)
		for i, l := range lines {
			d.ts.draw(marginL+labelW, d.y+4+float64(i)*lineH(10), l, regular, 10)
		}
		d.y += float64(max(1, len(lines)))*lineH(10) + 3
		if stopY > 0 && d.y > stopY {
			break
		}
	}
}

var listStyle = textStyle{st: regular, size: 9.5, color: ink, after: 1}

func (d *doc) dcSection(s dcSection, first bool) {
	d.h1keep(s.id+": "+s.title, first, 45)
	for i, p := range s.parts {
		switch p.kind {
		case pPara:
			d.para(p.text, body)
		case pTodo:
			d.todoBox(p.text, 0)
		case pSub:
			d.h3(p.text, i+1 < len(s.parts) && s.parts[i+1].kind == pTodo)
		case pList:
			for _, it := range p.items {
				d.listItem(it, listStyle)
			}
			d.y += 2
		case pCriteria:
			d.dcCriteria(p.criteria)
		case pExcluded:
			d.dcExcluded(p.excluded)
		}
	}
}

// h3 is a sub-heading of user text (a subservice organisation), wrapped rather than
// clipped, and kept with the first lines of what follows.
func (d *doc) h3(title string, todoNext bool) {
	lines := d.ts.wrap(d.ts.line(title), contentW, bold, 11)
	if len(lines) == 0 || lines[0] == "" {
		lines = []string{"—"}
	}
	lh := lineH(11)
	if d.y > top+1 {
		d.y += 2
	}
	keep := 2 * lineH(9.5)
	if todoNext {
		keep = lineH(9.5) + 5
	}
	d.ensure(float64(min(len(lines), 4))*lh + 2 + keep)
	d.ts.setFont("go", "B", 11)
	d.pdf.Bookmark(strings.Join(lines, " "), 1, d.y)
	for _, l := range lines {
		d.ensure(lh)
		d.color(navy)
		d.ts.draw(marginL, baseline(d.y, lh, 11), l, bold, 11)
		d.y += lh
	}
	d.y += 1.5
}

// todoBox is a placeholder: a tinted box with the bold label and, beside it, what to
// write. It is drawn a line at a time, so a long one breaks across pages.
func (d *doc) todoBox(text string, indent float64) {
	const size, pad = 9.0, 2.0
	labelW := d.ts.width(todoLabel, bold, 8.2) + 3
	x := marginL + indent
	w := contentW - indent
	textX := x + 4 + labelW
	lines := d.ts.wrap(d.ts.clean(strings.TrimSpace(text), true), x+w-3-textX, regular, size)
	lh := lineH(size)
	if h := float64(len(lines))*lh + 2*pad; h < 40 {
		d.ensure(h)
	}
	strip := func(h float64) {
		d.rect(x, d.y, w, h, todoFill)
		d.rect(x, d.y, 1.2, h, todoBar)
	}
	d.ensure(pad + lh)
	strip(pad)
	d.y += pad
	for i, l := range lines {
		if d.ensure(lh) {
			strip(pad) // a box continued from the last page
			d.y += pad
		}
		strip(lh)
		by := baseline(d.y, lh, size)
		if i == 0 {
			d.color(todoInk)
			d.ts.draw(x+4, by, todoLabel, bold, 8.2)
		}
		d.color(ink)
		d.ts.draw(textX, by, l, regular, size)
		d.y += lh
	}
	strip(pad)
	d.y += pad + 2.5
}

// listItem is one bullet; a partial one ends with a tinted "partly in place" tag.
func (d *doc) listItem(it dcItem, ts textStyle) {
	if it.todo {
		d.todoBox(it.text, 5)
		return
	}
	if !it.partial {
		d.bullet(it.text, ts)
		return
	}
	const tag, tagSize = "partly in place", 7.0
	tagW := d.ts.width(tag, bold, tagSize) + 3
	w := contentW - ts.indent - 5
	lines := d.ts.wrap(d.ts.clean(strings.TrimSpace(it.text), true), w, ts.st, ts.size)
	lh := lineH(ts.size)
	last := d.ts.width(lines[len(lines)-1], ts.st, ts.size)
	own := last+2+tagW > w // the tag needs a line of its own
	n := len(lines)
	if own {
		n++
	}
	if h := float64(n) * lh; h < 30 {
		d.ensure(h)
	} else {
		d.ensure(lh)
	}
	d.color(accent)
	d.ts.draw(marginL+ts.indent+1, baseline(d.y, lh, ts.size), "•", bold, ts.size)
	x := marginL + ts.indent + 5
	for _, l := range lines {
		d.ensure(lh)
		d.color(ts.color)
		d.ts.draw(x, baseline(d.y, lh, ts.size), l, ts.st, ts.size)
		d.y += lh
	}
	tx := x + last + 2
	if own {
		d.ensure(lh)
		tx = x
	} else {
		d.y -= lh
	}
	d.rect(tx, d.y+lh/2-1.9, tagW, 3.8, partialFill)
	d.color(ink)
	d.ts.draw(tx+1.5, d.y+lh/2+0.85, tag, bold, tagSize)
	d.y += lh + ts.after
}

// dcCriteria is DC 5: every in-scope criterion with the controls in place for it.
func (d *doc) dcCriteria(crit []dcCriterion) {
	t := d.table(8.2, column{title: "Criterion", w: 46}, column{title: "Controls recorded as in place", w: contentW - 46})
	group := ""
	for _, k := range crit {
		c := k.c
		if c.Criterion.Group != group {
			group = c.Criterion.Group
			t.group(group + "  " + c.Criterion.GroupName)
		}
		head := cell{spans: []span{{text: c.Criterion.ID, st: bold, id: true}, {text: c.Criterion.Title, size: 7.6, color: &muted}}}
		if len(k.items) == 0 {
			t.row(head, cell{fill: &todoFill, spans: []span{
				{text: todoLabel, st: bold, size: 7.6, color: &todoInk},
				{text: "no control is in place yet for this criterion."},
			}})
			continue
		}
		var spans []span
		for _, it := range k.items {
			if it.partial {
				spans = append(spans, span{text: "• " + it.text + " (partly in place)", st: italic, color: &muted})
			} else {
				spans = append(spans, span{text: "• " + it.text})
			}
		}
		t.row(head, cell{spans: spans})
	}
	t.end()
}

// dcExcluded lists the controls that do not apply, with the reason.
func (d *doc) dcExcluded(ex []*scoring.ControlResult) {
	t := d.table(8, column{title: "Control", w: 64}, column{title: "Reason", w: contentW - 64})
	for _, c := range ex {
		t.row(cell{spans: []span{{text: c.Control.ID, st: bold, size: 7.4, id: true}, {text: c.Control.Title}}}, txt(orDash(c.Excluded)))
	}
	t.end()
}
