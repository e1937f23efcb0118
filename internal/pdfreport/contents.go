package pdfreport

import "strconv"

// The contents page is reserved right after the cover and filled in at the end, when
// every heading's page is known (gofpdf can go back to an earlier page). Its entries link
// to their pages; the PDF outline (bookmarks) lists the same headings.

// reserveContents starts the page the contents will be written on.
func (d *doc) reserveContents() {
	d.section = "Contents"
	d.newPage()
	d.contentsPage = d.pdf.PageNo()
	d.pdf.Bookmark("Contents", 0, top)
}

// mark records a heading drawn at d.y on the current page for the contents page.
func (d *doc) mark(title string, level int) {
	if d.contentsPage == 0 {
		return
	}
	link := d.pdf.AddLink()
	d.pdf.SetLink(link, d.y, d.pdf.PageNo())
	d.contents = append(d.contents, tocEntry{title: title, level: level, page: d.pdf.PageNo(), link: link})
}

// fillContents writes the contents page. When the sub-sections would not fit on one page
// only the sections are listed.
func (d *doc) fillContents() {
	if d.contentsPage == 0 {
		return
	}
	entries := d.contents
	if float64(len(entries))*lineH(10)*1.25 > d.bottom-top-30 {
		entries = entries[:0:0]
		for _, e := range d.contents {
			if e.level == 0 {
				entries = append(entries, e)
			}
		}
	}
	last := d.pdf.PageNo()
	d.switchPage(d.contentsPage)
	saved := d.y
	d.y = top
	d.color(navy)
	d.ts.draw(marginL, d.y+7, "Contents", bold, 18)
	d.y += 10
	d.rect(marginL, d.y, 22, 0.9, accent)
	d.y += 8
	for _, e := range entries {
		size, st, indent, c := 10.0, bold, 0.0, navy
		if e.level == 1 {
			size, st, indent, c = 9, regular, 7, ink
		} else if d.y > top+20 {
			d.y += 2
		}
		lh := lineH(size) * 1.25
		if d.y+lh > d.bottom {
			break
		}
		num := strconv.Itoa(e.page)
		nw := d.ts.width(num, st, size)
		title := d.clip(e.title, contentW-indent-nw-8, st, size)
		by := baseline(d.y, lh, size)
		d.color(c)
		tw := d.ts.draw(marginL+indent, by, title, st, size)
		d.ts.draw(marginL+contentW-nw, by, num, st, size)
		// a dotted leader from the title to the page number
		d.stroke(faint)
		d.pdf.SetLineWidth(0.2)
		d.pdf.SetDashPattern([]float64{0.3, 1.2}, 0)
		d.pdf.Line(marginL+indent+tw+2, by, marginL+contentW-nw-2, by)
		d.pdf.SetDashPattern(nil, 0)
		d.pdf.Link(marginL+indent, d.y, contentW-indent, lh, e.link)
		d.y += lh
	}
	d.switchPage(last)
	d.y = saved
}

// switchPage goes on drawing on page n. gofpdf keeps one font and colour state for the
// whole document and skips changes it believes are none, but each page's content stream
// has its own: the font and the fill colour are written again so the next text is right.
func (d *doc) switchPage(n int) {
	d.endShift()
	d.pdf.SetPage(n)
	d.beginShift()
	d.pdf.SetFontSize(1)
	d.ts.forget()
	r, g, b := d.pdf.GetFillColor()
	d.pdf.SetFillColor(r, g, b)
}

// briefNote ends the summary report with what the longer ones add.
func (d *doc) briefNote() {
	d.y += 4
	d.callout("This is the executive summary", "soc2ready report gives the board-length report, which adds the gap register with every gap by phase, the core policies and the scope; soc2ready report --detail full adds every criterion, the evidence request list and every answer with its note.", accent)
}
