// Package problem carries the errors a user can act on: what went wrong, where (file and
// line), and a hint. The cli package maps them to exit codes in one place.
package problem

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Exit statuses, documented in --help and the README.
const (
	ExitOK          = 0
	ExitGateFailed  = 1
	ExitBadInput    = 2
	ExitInternal    = 70
	ExitInterrupted = 130
)

// Error is a problem with the user's input or request. Its message is one line; the hint,
// when there is one, is printed on a second line.
type Error struct {
	File string
	Line int
	Msg  string
	Hint string
	Code int // 0 means ExitBadInput
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ExitCode is the status the process ends with for this problem.
func (e *Error) ExitCode() int {
	if e.Code == 0 {
		return ExitBadInput
	}
	return e.Code
}

// New makes a bad-input problem without a location.
func New(hint, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// At makes a bad-input problem at file:line.
func At(file string, line int, hint, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// InFile sets the file on a problem that was raised without one (decoders do not know the
// file name); other errors are returned unchanged.
func InFile(err error, file string) error {
	var p *Error
	if errors.As(err, &p) && p.File == "" {
		p.File = file
	}
	return err
}

// Gate is returned when a CI gate fails; the reasons were already printed.
var ErrGateFailed = &Error{Msg: "readiness gate failed", Code: ExitGateFailed}

// ErrInterrupted is returned when the user interrupts an interactive session.
var ErrInterrupted = &Error{Msg: "interrupted", Code: ExitInterrupted}

// Suggest returns the candidate closest to word (by edit distance), or "" when nothing is
// close enough to be a plausible typo.
func Suggest(word string, candidates []string) string {
	best, bestD := "", 1<<30
	lw := strings.ToLower(word)
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted) // ties break the same way every run
	for _, c := range sorted {
		d := distance(lw, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := len(word)/3 + 1
	if limit > 4 {
		limit = 4
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// DidYouMean formats a suggestion as a hint, or returns fallback.
func DidYouMean(word string, candidates []string, fallback string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return fallback
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
