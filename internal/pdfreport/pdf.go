// Package pdfreport renders the readiness report as a PDF for print: the document a
// consultant leaves with the client and a founder forwards to the board. It is the only
// importer of gofpdf.
//
// Layout is done here, not by gofpdf: text is measured and wrapped by the typesetter
// (which mixes the Go fonts with a CJK fallback), tables break pages themselves with the
// header row repeated, and auto page break is off. The same Model gives the same bytes.
package pdfreport

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/internal/reports"
)

// Options brand and extend the report.
type Options struct {
	Logo     []byte // PNG or JPEG shown on the cover; must pass CheckLogo
	LogoType string // "PNG" or "JPG"; empty means detect from the bytes
	// Font is a TrueType font for characters the Go fonts lack (Chinese, Japanese). It
	// must pass CheckFont.
	Font []byte
	// SystemFonts are tried, in order, when Font is nil and a character needs a fallback.
	SystemFonts []string
	// Paper is "a4" (the default when empty) or "letter".
	Paper string
}

// Papers are the paper sizes the PDFs come in, by name.
var Papers = []string{"a4", "letter"}

// paper is a page size in millimetres, with gofpdf's name for it.
type paper struct {
	name string
	w, h float64
}

var papers = map[string]paper{
	"":       {"A4", 210, 297},
	"a4":     {"A4", 210, 297},
	"letter": {"Letter", 215.9, 279.4}, // 612 x 792 pt
}

// CheckPaper reports whether name is a paper size Render accepts.
func CheckPaper(name string) error {
	if _, ok := papers[name]; !ok || name == "" {
		return fmt.Errorf("unknown paper size %q", name)
	}
	return nil
}

// Page geometry in millimetres. Layout is drawn on an A4-wide frame: on a wider sheet
// (letter) every page is shifted right to centre it, and on a shorter one the content,
// the footer and the foot of the cover move up (doc.pageH, doc.bottom).
const (
	pageW    = 210.0
	marginL  = 18.0
	marginR  = 18.0
	contentW = pageW - marginL - marginR
	top      = 24.0 // content starts
	a4H      = 297.0
	footRoom = 19.0 // from the end of the content to the foot of the sheet
)

// nbAlias is replaced by the page count when the PDF is written. Control characters never
// survive clean, so user text cannot contain it.
const nbAlias = "\x01nb\x01"

type rgb struct{ r, g, b int }

var (
	navy     = rgb{24, 49, 83}
	accent   = rgb{0, 121, 140}
	ink      = rgb{33, 37, 41}
	muted    = rgb{100, 108, 117}
	faint    = rgb{150, 156, 163}
	rule     = rgb{210, 215, 221}
	zebra    = rgb{246, 247, 249}
	tint     = rgb{232, 238, 245}
	white    = rgb{255, 255, 255}
	track    = rgb{230, 233, 237}
	green    = rgb{46, 125, 50}
	amber    = rgb{230, 160, 20}
	orange   = rgb{226, 106, 36}
	red      = rgb{192, 36, 36}
	grey     = rgb{176, 180, 186}
	lowBlue  = rgb{96, 125, 160}
	noteFill = rgb{244, 246, 248}
)

// doc is one render in progress.
type doc struct {
	pdf     *gofpdf.Fpdf
	ts      *typesetter
	m       *reports.Model
	y       float64 // where the next block starts
	section string  // shown in the running header
	logo    *gofpdf.ImageInfoType
	org     string // cleaned organisation name
	kind    kind
	// textColor mirrors gofpdf's current text colour (which it carries across pages), so
	// color can skip the call: setting it before every run of text cost 7% of a render.
	textColor *rgb

	pageH  float64 // the sheet's height
	bottom float64 // content ends
	shiftX float64 // how far each page is moved right to centre the A4-wide frame
	// contents are the headings so far, for the contents page (page contentsPage when
	// that is not 0).
	contents     []tocEntry
	contentsPage int
}

// tocEntry is one line of the contents page.
type tocEntry struct {
	title string
	level int // 0 section, 1 sub-section
	page  int
	link  int
}

// lift is how far the foot of the page moves up on a sheet shorter than A4.
func (d *doc) lift() float64 { return a4H - d.pageH }

// kind is one of the documents this package renders: it names the document in the
// running header and footer and in the file's metadata.
type kind struct {
	name    string // running header, before the organisation: "SOC 2 readiness assessment"
	footer  string // running footer, before the date
	subject string // the PDF's Subject
	cover   bool   // page 1 is a cover, without header or footer
}

var readinessKind = kind{
	name:    "SOC 2 readiness assessment",
	footer:  "Readiness assessment, not an attestation",
	subject: "Readiness assessment against the AICPA Trust Services Criteria; not an attestation",
	cover:   true,
}

// Render writes the report as a PDF. Any panic inside gofpdf becomes an error: a report
// must never take the process down.
func Render(w io.Writer, m *reports.Model, opt Options) error {
	return renderDoc(w, m, opt, readinessKind, func(d *doc) {
		d.cover()
		if !m.Brief() {
			d.reserveContents()
		}
		d.summary()
		d.timeline()
		d.criteriaOverview()
		if m.Brief() {
			d.briefNote()
			return
		}
		d.gapRegister()
		d.policies()
		d.scope()
		if m.Full() {
			d.evidence()
			d.appendix()
		}
		d.fillContents()
	})
}

// renderDoc sets up a document of kind k (fonts, metadata, dates fixed for reproducible
// bytes, the logo), lets body draw the pages and writes the file.
func renderDoc(w io.Writer, m *reports.Model, opt Options, k kind, body func(*doc)) (err error) {
	// The collector is tuned for a render by the caller (cli.pdfRender): a process-wide
	// setting is the command's to make, not a library's.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering the PDF failed: %v", r)
		}
	}()
	pp, ok := papers[opt.Paper]
	if !ok {
		return fmt.Errorf("unknown paper size %q", opt.Paper)
	}
	pdf := gofpdf.New("P", "mm", pp.name, "")
	pdf.AliasNbPages(nbAlias) // before the fonts, so gofpdf subsets them for it
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginL, top, marginR)
	pdf.SetCatalogSort(true)
	date := reportTime(m.Date)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)

	d := &doc{pdf: pdf, m: m, kind: k, pageH: pp.h, bottom: pp.h - footRoom, shiftX: (pp.w - pageW) / 2}
	d.ts = newTypesetter(pdf, opt.Font, opt.SystemFonts)
	d.org = d.ts.line(m.File.Organization.Name)
	if d.org == "" {
		d.org = "Unnamed organisation"
	}
	pdf.SetTitle(k.name+": "+d.org, true)
	pdf.SetSubject(d.ts.line(k.subject), true)
	if m.PreparedBy != "" {
		pdf.SetAuthor(d.ts.line(m.PreparedBy), true)
	}
	pdf.SetCreator(d.ts.line(m.Tool), true)
	pdf.SetProducer(d.ts.line(m.Tool), true)
	if len(opt.Logo) > 0 {
		typ := opt.LogoType
		if typ == "" {
			typ = ImageType(opt.Logo)
		}
		d.logo = pdf.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: typ}, bytes.NewReader(opt.Logo))
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("logo: %v", err)
		}
	}

	body(d)
	d.footer()
	d.endShift()
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// reportTime is the report date at midnight UTC: the PDF's creation and modification
// dates, so the same answers give the same bytes.
func reportTime(date string) time.Time {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return time.Unix(0, 0).UTC()
	}
	return t.UTC()
}

// --- pages -----------------------------------------------------------------------------

// newPage ends the current page and starts another with the running header.
func (d *doc) newPage() {
	if d.pdf.PageNo() > 0 {
		d.footer()
		d.endShift()
	}
	d.pdf.AddPage()
	d.beginShift()
	d.ts.forget()
	d.y = top
	if d.pdf.PageNo() > 1 {
		d.header()
	}
}

// beginShift moves what is drawn next right by shiftX (letter paper); endShift ends it
// before the page does.
func (d *doc) beginShift() {
	if d.shiftX != 0 {
		d.pdf.TransformBegin()
		d.pdf.TransformTranslateX(d.shiftX)
	}
}

func (d *doc) endShift() {
	if d.shiftX != 0 && d.pdf.PageNo() > 0 {
		d.pdf.TransformEnd()
	}
}

func (d *doc) header() {
	d.color(muted)
	sec := d.clip(d.section, contentW*0.5, bold, 7.5)
	sw := d.ts.width(sec, bold, 7.5)
	d.ts.draw(marginL, 13, d.clip(d.kind.name+" · "+d.org, min(contentW*0.62, contentW-sw-6), regular, 7.5), regular, 7.5)
	d.ts.draw(pageW-marginR-sw, 13, sec, bold, 7.5)
	d.hline(marginL, pageW-marginR, 15.5, 0.2, rule)
}

// footer draws the running footer of the current page; a cover has none.
func (d *doc) footer() {
	if d.pdf.PageNo() < 1 || d.kind.cover && d.pdf.PageNo() == 1 {
		return
	}
	y := d.pageH - 14
	d.hline(marginL, pageW-marginR, y, 0.2, rule)
	left := d.kind.footer + " · " + d.m.Date
	if d.m.PreparedBy != "" {
		left = "Prepared by " + d.ts.line(d.m.PreparedBy) + " · " + left
	}
	d.color(muted)
	d.ts.draw(marginL, y+5, d.clip(left, contentW-30, regular, 7.5), regular, 7.5)
	// "Page X of Y" is left-aligned at a fixed place: Y is only known when the file is
	// written, so its width cannot be measured now.
	w := d.ts.draw(pageW-marginR-22, y+5, "Page "+strconv.Itoa(d.pdf.PageNo())+" of ", regular, 7.5)
	d.pdf.Text(pageW-marginR-22+w, y+5, nbAlias) // the font is still the Go font at 7.5 pt
}

// ensure starts a new page unless h mm fit below y.
func (d *doc) ensure(h float64) bool {
	if d.y+h > d.bottom {
		d.newPage()
		return true
	}
	return false
}

// --- drawing primitives ----------------------------------------------------------------

func (d *doc) color(c rgb) {
	if d.textColor != nil && *d.textColor == c {
		return
	}
	d.textColor = &c
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

func (d *doc) fill(c rgb)   { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) stroke(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

func (d *doc) rect(x, y, w, h float64, c rgb) {
	d.fill(c)
	d.pdf.Rect(x, y, w, h, "F")
}

func (d *doc) hline(x1, x2, y, lw float64, c rgb) {
	d.stroke(c)
	d.pdf.SetLineWidth(lw)
	d.pdf.Line(x1, y, x2, y)
}

func lineH(size float64) float64 { return size * ptToMM * 1.34 }

// baseline of text of this size centred in a line box starting at y.
func baseline(y, h, size float64) float64 { return y + h/2 + size*ptToMM*0.34 }

// clip shortens clean one-line text to fit w, with an ellipsis.
func (d *doc) clip(s string, w float64, st style, size float64) string {
	s = d.ts.line(s)
	if d.ts.width(s, st, size) <= w {
		return s
	}
	// the longest prefix that fits with the ellipsis, measured in one pass (a name of
	// thousands of characters is clipped on every page)
	rs := []rune(s)
	total := d.ts.width1000('…', st)
	n := 0
	for ; n < len(rs); n++ {
		cw := d.ts.width1000(rs[n], st)
		if (total+cw)*size/1000*ptToMM > w {
			break
		}
		total += cw
	}
	return strings.TrimRight(string(rs[:n]), " ") + "…"
}

// textStyle is how a paragraph looks.
type textStyle struct {
	st     style
	size   float64
	color  rgb
	indent float64 // from the left margin
	width  float64 // 0: to the right margin
	after  float64 // space below
}

var body = textStyle{st: regular, size: 9.5, color: ink, after: 2.5}

// para writes wrapped text at y, breaking pages between lines.
func (d *doc) para(s string, ts textStyle) {
	w := ts.width
	if w == 0 {
		w = contentW - ts.indent
	}
	lh := lineH(ts.size)
	for _, l := range d.ts.wrap(d.ts.clean(strings.TrimSpace(s), true), w, ts.st, ts.size) {
		d.ensure(lh)
		d.color(ts.color)
		d.ts.draw(marginL+ts.indent, baseline(d.y, lh, ts.size), l, ts.st, ts.size)
		d.y += lh
	}
	d.y += ts.after
}

// paraHeight is the height para would take.
func (d *doc) paraHeight(s string, ts textStyle) float64 {
	w := ts.width
	if w == 0 {
		w = contentW - ts.indent
	}
	n := len(d.ts.wrap(d.ts.clean(strings.TrimSpace(s), true), w, ts.st, ts.size))
	return float64(n)*lineH(ts.size) + ts.after
}

// bullet writes one list item with a hanging indent.
func (d *doc) bullet(s string, ts textStyle) {
	d.bulletMark(d.paraHeight(s, textStyle{st: ts.st, size: ts.size, indent: ts.indent + 5, width: ts.width}), ts)
	ts.indent += 5
	d.para(s, ts)
}

// bulletMark starts a list item h mm tall: a short item (under 30 mm) is kept on one page,
// a longer one needs room for its first line; then the bullet is drawn.
func (d *doc) bulletMark(h float64, ts textStyle) {
	lh := lineH(ts.size)
	if h < 30 {
		d.ensure(h)
	} else {
		d.ensure(lh)
	}
	d.color(accent)
	d.ts.draw(marginL+ts.indent+1, baseline(d.y, lh, ts.size), "•", bold, ts.size)
}

// h1 starts a section on a new page (or below the last one when newPage is false and
// there is room), with a bookmark for the PDF outline.
func (d *doc) h1(title string, newPage bool) { d.h1keep(title, newPage, 90) }

// h1keep is h1 that stays on the page when keep mm are left below it; a title too wide
// for one line wraps.
func (d *doc) h1keep(title string, newPage bool, keep float64) {
	title = d.ts.line(title)
	d.section = title
	lines := d.ts.wrap(title, contentW, bold, 18)
	extra := float64(len(lines)-1) * lineH(18) * 1.05
	if newPage || d.y+extra+keep > d.bottom {
		d.newPage()
	} else {
		d.y += 6
	}
	d.ts.setFont("go", "B", 18)
	d.pdf.Bookmark(title, 0, d.y)
	d.mark(title, 0)
	d.color(navy)
	for i, l := range lines {
		d.ts.draw(marginL, d.y+7+float64(i)*lineH(18)*1.05, l, bold, 18)
	}
	d.y += 10 + extra
	d.rect(marginL, d.y, 22, 0.9, accent)
	d.y += 6
}

// h2 is a sub-heading kept with at least keep mm of what follows.
func (d *doc) h2(title string, keep float64) { d.subhead(title, keep, h2Style) }

// headStyle is how a one-line bold heading below h1 is set.
type headStyle struct {
	above    float64 // mm added above it, unless it opens the page
	height   float64 // mm it takes
	baseline float64 // mm from its top to the text's baseline
	size     float64 // font size in points
	level    int     // PDF outline level
	contents bool    // listed on the contents page
}

var h2Style = headStyle{above: 3, height: 9, baseline: 5, size: 12, level: 1, contents: true}

// subhead draws a heading in style hs, kept with at least keep mm of what follows.
func (d *doc) subhead(title string, keep float64, hs headStyle) {
	title = d.ts.line(title)
	if d.y > top+1 {
		d.y += hs.above
	}
	d.ensure(hs.height + keep)
	d.ts.setFont("go", "B", hs.size)
	d.pdf.Bookmark(title, hs.level, d.y)
	if hs.contents {
		d.mark(title, hs.level)
	}
	d.color(navy)
	d.ts.draw(marginL, d.y+hs.baseline, title, bold, hs.size)
	d.y += hs.height
}

// --- words -----------------------------------------------------------------------------

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func score1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
