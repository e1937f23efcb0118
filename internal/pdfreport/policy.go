package pdfreport

import (
	"io"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/policies"
	"github.com/soc2ready/soc2ready/internal/reports"
)

// A policy draft (policies.Draft) laid out with the reports' typesetting: a title block
// instead of a cover, the front matter and version tables, numbered sections whose
// decisions for management are highlighted inline, each section's traced controls in
// small type, and the closing table of controls.

// RenderPolicy writes one policy draft as a PDF. Like Render, a panic inside gofpdf
// becomes an error.
func RenderPolicy(w io.Writer, p *policies.Draft, opt Options) error {
	// The shared page machinery reads the organisation, date and tool from a report
	// model; a policy needs nothing else from it.
	m := &reports.Model{
		Options: reports.Options{Date: p.Date, Tool: p.Tool},
		File:    &answers.Data{Organization: answers.Organization{Name: p.Org}},
	}
	k := kind{
		name:    p.Title,
		footer:  "Draft policy for management approval",
		subject: "Draft " + strings.ToLower(p.Title) + " for " + p.Org + ", traced to the SOC 2 controls it backs",
	}
	return renderDoc(w, m, opt, k, func(d *doc) { d.policy(p) })
}

func (d *doc) policy(p *policies.Draft) {
	d.section = "Draft for approval"
	d.newPage()
	d.color(accent)
	d.ts.draw(marginL, d.y+4, "POLICY · DRAFT FOR APPROVAL", bold, 9)
	d.y += 8
	d.color(muted)
	d.ts.draw(marginL, d.y+4, d.clip(d.org+" · "+p.System, contentW, regular, 10), regular, 10)
	d.y += 7
	d.coverLines(d.ts.line(p.Title), 3, bold, 22, navy, 2.5)
	d.y += 4
	d.rect(marginL, d.y, 30, 1.2, accent)
	d.y += 7

	for _, n := range p.Notes {
		d.noteBox(n)
	}

	t := d.table(8.5, column{w: 36}, column{w: contentW - 36})
	for _, f := range p.Meta {
		t.row(cell{spans: []span{{text: f.Label, st: bold, color: &navy}}}, textCell(f.Value))
	}
	t.end()

	d.policyHead("Version history", 20)
	t = d.table(8.2, column{title: "Version", w: 16}, column{title: "Date", w: 42}, column{title: "Change", w: contentW - 16 - 42 - 56}, column{title: "Approved by", w: 56})
	for _, r := range p.Versions {
		cells := make([]cell, len(r))
		for i, c := range r {
			cells[i] = textCell(c)
		}
		t.row(cells...)
	}
	t.end()

	for _, s := range p.Sections {
		title := strconv.Itoa(s.Number) + ". " + s.Title
		d.section = d.ts.line(title) // before the heading, which may start the page
		d.policyHead(title, 14)
		for _, bl := range s.Blocks {
			switch bl.Kind {
			case policies.Para:
				d.richPara(bl.Text, body, 0)
			case policies.Bullets:
				for _, it := range bl.Items {
					d.richPara(it, listStyle, 5)
				}
				d.y += 1.5
			}
		}
		if len(s.Backs) > 0 {
			d.backsLine(s.Backs)
		}
	}

	d.section = "Controls this policy backs"
	d.policyHead("Controls this policy backs", 30)
	d.para("Each control below supports the Trust Services Criteria shown (those in scope); the last column gives the sections of this policy that set its rule.", textStyle{st: regular, size: 8.5, color: muted, after: 2})
	t = d.table(7.6, column{title: "Control", w: 44}, column{title: "Title", w: contentW - 44 - 36 - 16}, column{title: "Criteria", w: 36}, column{title: "Sections", w: 16})
	for _, c := range p.Controls {
		secs := make([]string, len(c.Sections))
		for i, n := range c.Sections {
			secs[i] = strconv.Itoa(n)
		}
		t.row(cell{spans: []span{{text: c.ID, st: bold, words: true}}}, txt(c.Title),
			cell{spans: []span{{text: strings.Join(c.Criteria, ", "), words: true}}},
			txt(orDash(strings.Join(secs, ", "))))
	}
	t.end()
}

// policyHead is a section heading, a little tighter than h2: a policy has a dozen or
// more sections and must stay within six pages.
func (d *doc) policyHead(title string, keep float64) { d.subhead(title, keep, policyHeadStyle) }

var policyHeadStyle = headStyle{above: 2, height: 7.5, baseline: 4.6, size: 11.5, level: 0}

// textCell is a table cell of a Text: plain runs joined, each decision its own bold line
// on a tinted cell.
func textCell(tx policies.Text) cell {
	var c cell
	plain := ""
	flush := func() {
		if s := strings.TrimSpace(plain); s != "" {
			c.spans = append(c.spans, span{text: s})
		}
		plain = ""
	}
	for _, s := range tx {
		if !s.Decision {
			plain += s.Text
			continue
		}
		flush()
		c.spans = append(c.spans, span{text: policies.DecisionLabel + ": " + s.Text + "]", st: bold, color: &todoInk})
		c.fill = &todoFill
	}
	flush()
	if len(c.spans) == 0 {
		c.spans = []span{{text: "—"}}
	}
	return c
}

// noteBox is a drafting note: a tinted box with an accent bar.
func (d *doc) noteBox(n policies.Text) {
	ts := textStyle{st: italic, size: 8.5, color: ink, after: 0}
	w := contentW - 9
	lines := d.richLines(n, ts, w)
	lh := lineH(ts.size)
	h := float64(len(lines))*lh + 5
	d.ensure(h)
	d.rect(marginL, d.y, contentW, h, noteFill)
	d.rect(marginL, d.y, 1.2, h, accent)
	d.y += 2.5
	for _, l := range lines {
		d.drawRich(l, marginL+5, d.y, lh, ts.size)
		d.y += lh
	}
	d.y += 2.5 + 3
}

// backsLine is the traceability note under a section: the controls it backs with their
// criteria, in small muted type.
func (d *doc) backsLine(refs []policies.Ref) {
	labels := make([]string, len(refs))
	for i, r := range refs {
		labels[i] = r.Label()
	}
	ts := textStyle{st: regular, size: 7.6, color: muted}
	tx := policies.Text{{Text: strings.Join(labels, "; ") + "."}}
	w := contentW - 4
	head := piece{text: "Backs controls: ", st: bold, c: navy, size: ts.size}
	lines := d.richLinesWith([]piece{head}, tx, ts, w)
	lh := lineH(ts.size)
	d.y += 0.5
	d.ensure(min(float64(len(lines)), 3) * lh)
	top := d.y
	for _, l := range lines {
		if d.ensure(lh) {
			top = d.y
		}
		d.drawRich(l, marginL+3, d.y, lh, ts.size)
		d.y += lh
		d.rect(marginL, top, 0.8, d.y-top, rule)
	}
	d.y += 2.5
}

// --- inline rich text ------------------------------------------------------------------

// piece is a run of one style on one line.
type piece struct {
	text string
	st   style
	c    rgb
	size float64
	fill *rgb // a highlight behind the run
}

// richPara writes a Text wrapped at the content width less indent, breaking pages between
// lines; with indent > 0 it is a bullet.
func (d *doc) richPara(tx policies.Text, ts textStyle, indent float64) {
	w := contentW - ts.indent - indent
	lines := d.richLines(tx, ts, w)
	lh := lineH(ts.size)
	if h := float64(len(lines)) * lh; h < 30 {
		d.ensure(h)
	}
	x := marginL + ts.indent + indent
	for i, l := range lines {
		d.ensure(lh)
		if i == 0 && indent > 0 {
			d.color(accent)
			d.ts.draw(marginL+ts.indent+1, baseline(d.y, lh, ts.size), "•", bold, ts.size)
		}
		d.drawRich(l, x, d.y, lh, ts.size)
		d.y += lh
	}
	d.y += ts.after
}

func (d *doc) richLines(tx policies.Text, ts textStyle, w float64) [][]piece {
	return d.richLinesWith(nil, tx, ts, w)
}

// richLinesWith lays out lead pieces followed by a Text: words are kept whole across
// style changes (a decision followed by a full stop), lines break at spaces, and a word
// wider than a line is broken by the typesetter.
func (d *doc) richLinesWith(lead []piece, tx policies.Text, ts textStyle, w float64) [][]piece {
	runs := append([]piece(nil), lead...)
	for _, s := range tx {
		if s.Decision {
			runs = append(runs, piece{text: policies.DecisionLabel + ": " + s.Text + "]", st: bold, c: todoInk, size: ts.size, fill: &todoFill})
		} else {
			runs = append(runs, piece{text: s.Text, st: ts.st, c: ts.color, size: ts.size})
		}
	}
	// words: runs of pieces up to and including a space
	var words [][]piece
	var cur []piece
	for _, r := range runs {
		text := d.ts.clean(r.text, false)
		for text != "" {
			i := strings.IndexByte(text, ' ')
			tok := text
			if i >= 0 {
				tok = text[:i+1]
			}
			text = text[len(tok):]
			p := r
			p.text = tok
			cur = append(cur, p)
			if strings.HasSuffix(tok, " ") {
				words = append(words, cur)
				cur = nil
			}
		}
	}
	if len(cur) > 0 {
		words = append(words, cur)
	}
	width := func(ps []piece, trim bool) float64 {
		sum := 0.0
		for i, p := range ps {
			s := p.text
			if trim && i == len(ps)-1 {
				s = strings.TrimRight(s, " ")
			}
			sum += d.ts.width(s, p.st, p.size)
		}
		return sum
	}
	var lines [][]piece
	var line []piece
	lw := 0.0
	for _, wd := range words {
		ww := width(wd, true)
		if len(line) > 0 && lw+ww > w {
			lines = append(lines, line)
			line, lw = nil, 0
		}
		if len(line) == 0 && ww > w {
			// a single word wider than the line (a long URL): break each piece
			for _, p := range wd {
				parts := d.ts.wrap(strings.TrimRight(p.text, " "), w, p.st, p.size)
				for j, part := range parts {
					q := p
					q.text = part
					if j < len(parts)-1 {
						lines = append(lines, append(line, q))
						line, lw = nil, 0
						continue
					}
					line = append(line, q)
					lw += d.ts.width(part, p.st, p.size)
				}
			}
			continue
		}
		line = append(line, wd...)
		lw += width(wd, false)
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = [][]piece{nil}
	}
	return lines
}

// drawRich draws one laid-out line with its top at y.
func (d *doc) drawRich(l []piece, x, y, lh, size float64) {
	for i, p := range l {
		s := p.text
		if i == len(l)-1 {
			s = strings.TrimRight(s, " ")
		}
		pw := d.ts.width(s, p.st, p.size)
		if p.fill != nil {
			d.rect(x-0.3, y+0.2, pw+0.6, lh-0.4, *p.fill)
		}
		d.color(p.c)
		d.ts.draw(x, baseline(y, lh, size), s, p.st, p.size)
		x += d.ts.width(p.text, p.st, p.size)
	}
}
