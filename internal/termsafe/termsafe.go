// Package termsafe makes text that came from input inert on its way to a terminal or a
// CI log. A name, note or file path can carry escape sequences (hyperlinks, clipboard
// writes, clearing the screen), bidi overrides and zero-width characters that make the
// log say something else than the bytes, and, at the start of a line, GitHub Actions
// workflow commands (::error, ::add-mask::, ::stop-commands::). Everything we print as
// terminal text passes through here; file formats (Markdown, JSON, CSV, JUnit, PDF) have
// their own escaping and do not.
package termsafe

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unsafe reports whether r must not reach a terminal as itself: controls other than
// newline and tab (C0, DEL, C1), format characters (bidi marks and overrides, zero-width
// joiners and spaces, the byte-order mark, soft hyphen) and the line and paragraph
// separators.
func unsafe(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' || r == '\u180e'
}

// String returns s with every unsafe character written as a Go escape (\x1b, \u202e),
// bytes that are not UTF-8 as \xNN, and a workflow command at the start of any line
// defused by escaping its first colon.
func String(s string) string {
	if isSafe(s) {
		return s
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		writeLine(&b, line)
	}
	return b.String()
}

func isSafe(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafe(r) {
			return false
		}
	}
	return !hasCommand(s)
}

// hasCommand reports whether any line of s starts (after blanks) with "::".
func hasCommand(s string) bool {
	for {
		if strings.HasPrefix(strings.TrimLeft(s, " \t"), "::") {
			return true
		}
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return false
		}
		s = s[i+1:]
	}
}

// writeLine escapes one line (which may end in its newline).
func writeLine(b *strings.Builder, line string) {
	rest := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(rest, "::") {
		b.WriteString(line[:len(line)-len(rest)])
		b.WriteString(`\x3a`)
		line = rest[1:]
	}
	for len(line) > 0 {
		r, size := utf8.DecodeRuneInString(line)
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(b, `\x%02x`, line[0])
		case unsafe(r) && r < 0x100:
			fmt.Fprintf(b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteString(line[:size])
		}
		line = line[size:]
	}
}

// Writer passes text through String line by line. Call Flush at the end for a last
// line without a newline.
type Writer struct {
	w       io.Writer
	pending []byte
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write sanitises every complete line of p at once, so a line start is always known.
func (s *Writer) Write(p []byte) (int, error) {
	s.pending = append(s.pending, p...)
	i := bytes.LastIndexByte(s.pending, '\n')
	if i < 0 {
		return len(p), nil
	}
	lines := string(s.pending[:i+1])
	s.pending = append(s.pending[:0], s.pending[i+1:]...)
	if _, err := io.WriteString(s.w, String(lines)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is left of the last line.
func (s *Writer) Flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	line := String(string(s.pending))
	s.pending = s.pending[:0]
	_, err := io.WriteString(s.w, line)
	return err
}

// Unwrap returns the writer under the sanitiser.
func (s *Writer) Unwrap() io.Writer { return s.w }
