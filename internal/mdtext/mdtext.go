// Package mdtext makes text safe to put into Markdown that GitHub renders: the one escaper
// every Markdown writer of the tool uses, so a report and a diff can never disagree about
// what a note or a title may do to the page.
package mdtext

import (
	"strings"
	"unicode"
)

// Escape makes text safe inside Markdown, including table cells: characters with a
// Markdown meaning are backslash-escaped, HTML is turned into entities, and line breaks
// become <br> so a note cannot end a table row. Invisible control characters are dropped.
func Escape(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\n' || r == '\r':
			b.WriteString("<br>")
		case strings.ContainsRune("\\`*_[]|#~!{}", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || bidiControl(r):
			// dropped: invisible and able to confuse renderers, or (bidi overrides) to
			// show text in another order than it is stored
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bidiControl reports whether r is one of the marks, embeddings, overrides and isolates
// that reorder text. Zero-width joiners stay: emoji and some scripts need them.
func bidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// Code makes a name safe inside a code span: no backticks, pipes or line breaks.
func Code(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '`' || r == '|' || unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
