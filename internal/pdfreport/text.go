package pdfreport

import (
	"math"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// style is a face of the Go font family.
type style int

const (
	regular style = iota
	bold
	italic
	boldItalic
)

var goTTF = [4][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF}
var goStyle = [4]string{"", "B", "I", "BI"}

// goFonts are the Go fonts parsed once per process; sfnt.Font is safe for concurrent use.
var goFonts = sync.OnceValue(func() [4]*sfnt.Font {
	var out [4]*sfnt.Font
	for i, data := range goTTF {
		f, err := sfnt.Parse(data)
		if err != nil {
			panic("pdfreport: embedded Go font does not parse: " + err.Error())
		}
		out[i] = f
	}
	return out
})

// replacement stands in for a character no loaded font can draw (emoji, most scripts the
// Go fonts and the fallback lack). The Go fonts have it, so it always prints.
const replacement = '\uFFFD'

// which font draws a rune
const (
	none     = -1
	goFont   = 0
	fallback = 1
)

const ptToMM = 25.4 / 72

// typesetter knows which font can draw each character, measures text and draws it. Every
// string bound for gofpdf goes through clean first: gofpdf panics on characters outside the
// font (its width tables stop at U+FFFF) and draws boxes for glyphs the font lacks.
type typesetter struct {
	pdf    *gofpdf.Fpdf
	buf    sfnt.Buffer
	goF    [4]*sfnt.Font
	fb     *sfnt.Font
	fbData []byte
	fbTry  []string // system font paths, tried the first time a glyph is missing
	fbDone bool     // fallback loaded or given up
	cover  map[rune]int8
	widths [5]map[rune]float64 // per 1000 em: the four Go faces, then the fallback
	// Latin text is nearly all a report draws: for the first latinN characters the font
	// choice and the Go faces' widths sit in arrays, which cost a fifth of a map lookup
	// (profiles showed the maps at 10% of a render). 0 means not looked up yet.
	latinCover [latinN]int8 // the font + 2
	latinWidth [4][latinN]float64

	goAdded  [4]bool // faces registered with gofpdf so far
	curFam   string
	curStyle string
	curSize  float64
}

func newTypesetter(pdf *gofpdf.Fpdf, fbData []byte, fbPaths []string) *typesetter {
	t := &typesetter{pdf: pdf, goF: goFonts(), fbTry: fbPaths, cover: map[rune]int8{}}
	for i := range t.widths {
		t.widths[i] = map[rune]float64{}
	}
	if fbData != nil {
		t.useFallback(fbData)
		t.fbDone = true
	}
	return t
}

// useFallback registers a fallback font; data has passed CheckFont.
func (t *typesetter) useFallback(data []byte) bool {
	f, err := sfnt.Parse(data)
	if err != nil {
		return false
	}
	t.fb, t.fbData = f, data
	t.pdf.AddUTF8FontFromBytes("fallback", "", data)
	return true
}

// fallback returns the fallback font, loading a system font the first time one is needed
// so a report without such characters never pays for reading a large font file.
func (t *typesetter) fallback() *sfnt.Font {
	if t.fbDone {
		return t.fb
	}
	t.fbDone = true
	for _, p := range t.fbTry {
		data, err := os.ReadFile(p)
		if err != nil || CheckFont(data) != nil {
			continue
		}
		if t.useFallback(data) {
			break
		}
	}
	return t.fb
}

func (t *typesetter) has(f *sfnt.Font, r rune) bool {
	g, err := f.GlyphIndex(&t.buf, r)
	return err == nil && g != 0
}

// latinN is how many characters from U+0000 have their font and widths in arrays.
const latinN = 0x250

// fontFor says which font draws r, or none.
func (t *typesetter) fontFor(r rune) int8 {
	if r >= 0 && r < latinN {
		if v := t.latinCover[r]; v != 0 {
			return v - 2
		}
		v := t.lookupFont(r)
		t.latinCover[r] = v + 2
		return v
	}
	if v, ok := t.cover[r]; ok {
		return v
	}
	v := t.lookupFont(r)
	t.cover[r] = v
	return v
}

// lookupFont finds the font that draws r, or none.
func (t *typesetter) lookupFont(r rune) int8 {
	v := int8(none)
	switch {
	case r < 0x20 || r > 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
		// gofpdf's width tables cover the Basic Multilingual Plane only
	case t.has(t.goF[regular], r):
		v = goFont
	default:
		if fb := t.fallback(); fb != nil && t.has(fb, r) {
			v = fallback
		}
	}
	return v
}

// invisible characters that are dropped: they draw nothing, and keeping them would only
// split runs or show as boxes.
func invisible(r rune) bool {
	switch {
	case r == 0xAD, r == 0x34F, r == 0x61C, r == 0x180E, r == 0xFEFF:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x206F:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0000 && r <= 0xE01EF:
		return true // variation selectors and tags (emoji sequences)
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return false // skin tones: part of the emoji, replaced with it
	}
	return false
}

// clean makes s safe for gofpdf: NFC-normalised, control characters removed, tabs as
// spaces, and every character drawable by the Go font or the fallback; a run of
// characters that no font has becomes one replacement character. With multiline false,
// line breaks become spaces.
func (t *typesetter) clean(s string, multiline bool) string {
	if s == "" {
		return ""
	}
	if !utf8.ValidString(s) {
		// each invalid byte becomes a replacement character before normalising: NFC
		// leaves the text after an invalid byte as it is, so a second clean would differ
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
		}
		s = b.String()
	}
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	var b strings.Builder
	b.Grow(len(s))
	replaced := false // the last character written was a replacement
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
			replaced = false
			continue
		case r == '\t':
			b.WriteByte(' ')
			replaced = false
			continue
		case invisible(r) || unicode.IsControl(r):
			continue
		}
		switch t.fontFor(r) {
		case none:
			switch {
			case unicode.IsSpace(r):
				b.WriteByte(' ')
				replaced = false
			case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
				// a combining mark NFC could not fold into its letter: the bare letter
				// reads better than a replacement character
			case !replaced:
				b.WriteRune(replacement)
				replaced = true
			}
		default:
			b.WriteRune(r)
			replaced = false
		}
	}
	return b.String()
}

// line cleans s for a one-line label.
func (t *typesetter) line(s string) string {
	return strings.TrimSpace(t.clean(s, false))
}

// width1000 is the advance of r in thousandths of an em, rounded as gofpdf rounds the
// widths it writes into the PDF, so layout and viewer agree.
func (t *typesetter) width1000(r rune, st style) float64 {
	if r >= 0 && r < latinN {
		if w := t.latinWidth[st][r]; w != 0 {
			return w - 1
		}
		w := t.measure(r, st)
		t.latinWidth[st][r] = w + 1
		return w
	}
	return t.measure(r, st)
}

// measure is width1000 without the arrays.
func (t *typesetter) measure(r rune, st style) float64 {
	which := t.fontFor(r)
	idx := int(st)
	f := t.goF[st]
	if which == fallback {
		idx, f = 4, t.fb
	} else if which == none {
		r, f = replacement, t.goF[st]
	}
	if w, ok := t.widths[idx][r]; ok {
		return w
	}
	w := 0.0
	if g, err := f.GlyphIndex(&t.buf, r); err == nil {
		upem := float64(f.UnitsPerEm())
		if adv, err := f.GlyphAdvance(&t.buf, g, fixed.Int26_6(f.UnitsPerEm())<<6, font.HintingNone); err == nil {
			w = math.Round(float64(adv) / 64 * 1000 / upem)
		}
	}
	t.widths[idx][r] = w
	return w
}

// width of clean text in mm at size points.
func (t *typesetter) width(s string, st style, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += t.width1000(r, st)
	}
	return w * size / 1000 * ptToMM
}

// wrap breaks clean text into lines no wider than w mm: at spaces, after hyphens and
// slashes, between CJK characters, and inside a word only when the word alone is too wide.
// An empty paragraph gives an empty line.
func (t *typesetter) wrap(s string, w float64, st style, size float64) []string {
	return t.wrapAt(s, w, st, size, true)
}

// wrapAt is wrap, breaking after hyphens and slashes only when hyphens is true: a list of
// ids such as "POL-INFOSEC, ACC-MFA" reads better broken at its spaces.
func (t *typesetter) wrapAt(s string, w float64, st style, size float64, hyphens bool) []string {
	limit := w / (size / 1000 * ptToMM) // in thousandths of an em
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		rs := []rune(strings.TrimRight(para, " "))
		if len(rs) == 0 {
			lines = append(lines, "")
			continue
		}
		start, brk, width := 0, -1, 0.0 // brk: index where the next line may start
		for i := 0; i < len(rs); i++ {
			r := rs[i]
			cw := t.width1000(r, st)
			// a loop, not an if: what is carried over from a break at the last space can
			// still be too wide with this character, and then breaks again before it
			for width+cw > limit && i > start && r != ' ' {
				end := i
				if brk > start && !allSpaces(rs[start:brk]) {
					end = brk
				}
				lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
				start = end
				for start < len(rs) && rs[start] == ' ' {
					start++
				}
				brk = -1
				width = 0
				for j := start; j < i; j++ {
					width += t.width1000(rs[j], st)
				}
			}
			width += cw
			switch {
			case r == ' ':
				brk = i + 1
			case hyphens && (r == '-' || r == '/' || r == '–' || r == '—') && i+1 < len(rs) && rs[i+1] != ' ' &&
				!(i > 0 && idRune(rs[i-1]) && idRune(rs[i+1])):
				// but never inside a date, a number range or a control id (POL-INFOSEC):
				// an id broken at its hyphen reads as two words
				brk = i + 1
			case t.fontFor(r) == fallback || (i+1 < len(rs) && t.fontFor(rs[i+1]) == fallback):
				brk = i + 1 // CJK text breaks between any two characters
			}
		}
		if start < len(rs) {
			lines = append(lines, string(rs[start:]))
		}
	}
	return lines
}

// idRune is a character of a control id or a number: an upper-case ASCII letter or a digit.
func idRune(r rune) bool { return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }

func allSpaces(rs []rune) bool {
	for _, r := range rs {
		if r != ' ' {
			return false
		}
	}
	return true
}

// setFont selects a gofpdf font only when it changes, so the page stream stays small.
func (t *typesetter) setFont(fam, st string, size float64) {
	if fam == t.curFam && st == t.curStyle && size == t.curSize {
		return
	}
	if fam == "go" {
		// A Go face is registered with gofpdf the first time it is used: parsing one
		// costs about 1.5 ms, and most documents never use all four.
		for i, name := range goStyle {
			if name == st && !t.goAdded[i] {
				t.pdf.AddUTF8FontFromBytes("go", name, goTTF[i])
				t.goAdded[i] = true
			}
		}
	}
	t.pdf.SetFont(fam, st, size)
	t.curFam, t.curStyle, t.curSize = fam, st, size
}

// forget drops the remembered font after gofpdf changed it behind our back (AddPage).
func (t *typesetter) forget() { t.curFam = "" }

// draw writes clean text with its baseline at (x, y), switching to the fallback font for
// the characters the Go font lacks, and returns the width drawn.
func (t *typesetter) draw(x, y float64, s string, st style, size float64) float64 {
	start := x
	rs := []rune(s)
	for i := 0; i < len(rs); {
		which := t.fontFor(rs[i])
		j := i + 1
		// spaces join a Go-font run; the fallback may lack a space glyph
		for j < len(rs) && (t.fontFor(rs[j]) == which || (rs[j] == ' ' && which != fallback)) {
			j++
		}
		run := string(rs[i:j])
		if which == fallback {
			t.setFont("fallback", "", size)
			if st == bold || st == boldItalic {
				// the fallback has no bold face: stroke the outline to embolden it
				lw := t.pdf.GetLineWidth()
				dr, dg, db := t.pdf.GetDrawColor()
				t.pdf.SetDrawColor(t.pdf.GetTextColor())
				t.pdf.SetTextRenderingMode(2)
				t.pdf.SetLineWidth(size * ptToMM * 0.03)
				t.pdf.Text(x, y, run)
				t.pdf.SetTextRenderingMode(0)
				t.pdf.SetLineWidth(lw)
				t.pdf.SetDrawColor(dr, dg, db)
			} else {
				t.pdf.Text(x, y, run)
			}
		} else {
			if which == none { // cannot happen for clean text; keep gofpdf safe anyway
				run = strings.Repeat(string(replacement), j-i)
			}
			t.setFont("go", goStyle[st], size)
			t.pdf.Text(x, y, run)
		}
		x += t.width(run, st, size)
		i = j
	}
	return x - start
}
