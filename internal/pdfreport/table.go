package pdfreport

import (
	"math"
	"strings"
)

// Tables measure every row before drawing any and break pages themselves: a row never
// straddles a page unless it is taller than a whole page on its own, in which case it
// continues on the next page under the repeated header row. A table starts on a new page
// unless its header and first three rows fit, and a page break never leaves fewer than
// three rows under the repeated header: rows move over from the page before.

const (
	padX     = 1.6
	padY     = 1.3
	headSize = 7.6
	dotW     = 2.4 // the coloured square before a verdict or severity
	// minIDSize is the smallest size an id is shrunk to so it fits its column unbroken.
	minIDSize = 6.0
)

// span is a paragraph inside a cell; a cell stacks its spans.
type span struct {
	text  string
	st    style
	size  float64 // 0: the table's size
	color *rgb    // nil: ink
	words bool    // break lines at spaces only, never after a hyphen inside an id
	// id: a control or criterion id, drawn on one line whatever its length: a smaller
	// size when the column is too narrow for it (down to minIDSize), never broken
	id bool
}

type cell struct {
	spans []span
	dot   *rgb // a coloured square before the text
	fill  *rgb // cell background
	// paint draws inside the cell (x, y, w, h in mm, padding included) after its
	// background: a bar or a chart. It adds no height to the row.
	paint func(x, y, w, h float64)
}

func txt(s string) cell { return cell{spans: []span{{text: s}}} }

type column struct {
	title string
	w     float64
	right bool // right-aligned (numbers)
}

// tline is one laid-out line of a cell.
type tline struct {
	text   string
	indent float64 // continuation lines of a bullet hang under its text
	st     style
	size   float64
	color  rgb
	h      float64
}

type table struct {
	d       *doc
	bare    bool // no header row (every title empty)
	cols    []column
	size    float64
	n       int    // rows drawn, for zebra striping
	pending string // a group row waiting to be drawn with the next row
	rows    []trow // queued by row, drawn by end
}

// trow is a laid-out row waiting to be drawn.
type trow struct {
	cells []cell
	lines [][]tline
	group string  // a group heading drawn above the row
	h     float64 // the row's height, its group heading included
}

// minRows is the fewest rows a table shows under its header on any page.
const minRows = 3

func (d *doc) table(size float64, cols ...column) *table {
	t := &table{d: d, cols: cols, size: size, bare: true}
	for _, c := range cols {
		t.bare = t.bare && c.title == ""
	}
	return t
}

func (t *table) headerH() float64 {
	if t.bare {
		return 0
	}
	h := 0.0
	for _, c := range t.cols {
		n := len(t.d.ts.wrap(t.d.ts.line(c.title), c.w-2*padX, bold, headSize))
		h = max(h, float64(n)*lineH(headSize))
	}
	return h + 2*padY
}

func (t *table) header() {
	d := t.d
	if t.bare {
		d.hline(marginL, marginL+contentW, d.y, 0.3, navy)
		t.n = 0
		return
	}
	h := t.headerH()
	d.rect(marginL, d.y, contentW, h, navy)
	x := marginL
	for _, c := range t.cols {
		d.color(white)
		y := d.y + padY
		for _, l := range d.ts.wrap(d.ts.line(c.title), c.w-2*padX, bold, headSize) {
			lx := x + padX
			if c.right {
				lx = x + c.w - padX - d.ts.width(l, bold, headSize)
			}
			d.ts.draw(lx, baseline(y, lineH(headSize), headSize), l, bold, headSize)
			y += lineH(headSize)
		}
		x += c.w
	}
	d.y += h
	t.n = 0
}

// layout wraps a cell into lines for a column.
func (t *table) layout(c cell, col column) []tline {
	w := col.w - 2*padX
	if c.dot != nil {
		w -= dotW + 1.2
	}
	var out []tline
	for _, s := range c.spans {
		size := s.size
		if size == 0 {
			size = t.size
		}
		color := ink
		if s.color != nil {
			color = *s.color
		}
		if s.id {
			if tw := t.d.ts.width(t.d.ts.line(s.text), s.st, size); tw > w {
				size = max(minIDSize, math.Floor(size*w/tw*10)/10)
			}
		}
		for _, para := range strings.Split(t.d.ts.clean(s.text, true), "\n") {
			hang := 0.0
			if strings.HasPrefix(para, "• ") {
				hang = t.d.ts.width("• ", s.st, size)
			}
			for i, l := range t.d.ts.wrapAt(para, w-hang, s.st, size, !s.words) {
				in := 0.0
				if i > 0 {
					in = hang
				}
				out = append(out, tline{text: l, indent: in, st: s.st, size: size, color: color, h: lineH(size)})
			}
		}
	}
	return out
}

func linesH(ls []tline) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return h
}

// group queues a full-width group heading, drawn with (never apart from) the next row.
func (t *table) group(s string) { t.pending = s }

func (t *table) groupH() float64 { return lineH(t.size) + 2*padY + 0.6 }

func (t *table) drawGroup() {
	d := t.d
	h := t.groupH()
	d.rect(marginL, d.y, contentW, h, tint)
	d.color(navy)
	d.ts.draw(marginL+padX, baseline(d.y+0.3, h, t.size), d.clip(t.pending, contentW-2*padX, bold, t.size), bold, t.size)
	d.y += h
	t.pending = ""
	t.n = 0
}

// row queues one row; end draws the table.
func (t *table) row(cells ...cell) {
	r := trow{cells: cells, lines: make([][]tline, len(t.cols)), group: t.pending}
	for i, c := range cells {
		r.lines[i] = t.layout(c, t.cols[i])
		r.h = max(r.h, linesH(r.lines[i]))
	}
	r.h += 2 * padY
	if r.group != "" {
		r.h += t.groupH()
	}
	t.pending = ""
	t.rows = append(t.rows, r)
}

// startH is the height the table needs where it starts: its header and first rows.
func (t *table) startH() float64 {
	h := t.headerH()
	for _, r := range t.rows[:min(minRows, len(t.rows))] {
		h += r.h
	}
	return h
}

// fit is how many rows from i on fit between y and the foot of the page.
func (t *table) fit(i int, y float64) int {
	n := 0
	for ; i+n < len(t.rows) && y+t.rows[i+n].h <= t.d.bottom; n++ {
		y += t.rows[i+n].h
	}
	return n
}

// end draws the queued rows, choosing the page breaks, then leaves a little space.
func (t *table) end() {
	d := t.d
	rows := t.rows
	// the table moves to a new page unless its header and first rows fit here
	first := min(minRows, len(rows))
	if t.fit(0, d.y+t.headerH()) < first && d.y > top+1 {
		d.newPage()
	}
	t.header()
	for i := 0; i < len(rows); {
		k := t.fit(i, d.y)
		if k == 0 {
			// taller than what is left of a page: draw what fits, then go on
			if d.y > top+t.headerH()+1 {
				t.breakPage()
				continue
			}
			t.drawSplit(rows[i])
			i++
			continue
		}
		if rest := len(rows) - i - k; rest > 0 && rest < minRows {
			// leave at least minRows for the next page, keeping one here
			k = max(1, len(rows)-i-minRows)
			if k < minRows && d.y > top+t.headerH()+1 {
				// too few would stay: the rest of the table moves to the next page
				t.breakPage()
				continue
			}
		}
		for _, r := range rows[i : i+k] {
			t.drawWhole(r)
		}
		i += k
		if i < len(rows) {
			t.breakPage()
		}
	}
	t.rows = nil
	d.y += 4
}

func (t *table) breakPage() {
	t.d.newPage()
	t.header()
}

func (t *table) drawWhole(r trow) {
	if r.group != "" {
		t.pending = r.group
		t.drawGroup()
	}
	t.drawRow(r.cells, r.lines, r.h-t.groupHOf(r))
	t.n++
}

func (t *table) groupHOf(r trow) float64 {
	if r.group == "" {
		return 0
	}
	return t.groupH()
}

// drawSplit draws a row taller than a page: what fits, then the rest on the next pages
// under the repeated header.
func (t *table) drawSplit(r trow) {
	d := t.d
	if r.group != "" {
		t.pending = r.group
		t.drawGroup()
	}
	lines := r.lines
	for {
		avail := d.bottom - d.y - 2*padY
		var now, rest [][]tline
		h, more := 0.0, false
		for _, ls := range lines {
			cut, used := len(ls), 0.0
			for j, l := range ls {
				if used+l.h > avail+0.01 {
					cut, more = j, true
					break
				}
				used += l.h
			}
			now, rest = append(now, ls[:cut]), append(rest, ls[cut:])
			h = max(h, used)
		}
		t.drawRow(r.cells, now, h+2*padY)
		if !more {
			break
		}
		t.breakPage()
		lines = rest
	}
	t.n++
}

func (t *table) drawRow(cells []cell, lines [][]tline, h float64) {
	d := t.d
	if t.n%2 == 1 {
		d.rect(marginL, d.y, contentW, h, zebra)
	}
	x := marginL
	for i, col := range t.cols {
		c := cells[i]
		if c.fill != nil {
			d.rect(x, d.y, col.w, h, *c.fill)
		}
		if c.paint != nil {
			c.paint(x, d.y, col.w, h)
		}
		tx := x + padX
		if c.dot != nil && len(lines[i]) > 0 {
			l := lines[i][0]
			d.rect(tx, d.y+padY+l.h/2-dotW/2, dotW, dotW, *c.dot)
			tx += dotW + 1.2
		}
		y := d.y + padY
		for _, l := range lines[i] {
			lx := tx + l.indent
			if col.right {
				lx = x + col.w - padX - d.ts.width(l.text, l.st, l.size)
			}
			d.color(l.color)
			d.ts.draw(lx, baseline(y, l.h, l.size), l.text, l.st, l.size)
			y += l.h
		}
		x += col.w
	}
	d.y += h
	d.hline(marginL, marginL+contentW, d.y, 0.15, rule)
}
