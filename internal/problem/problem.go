// Package problem carries the errors a user can act on: what went wrong, where (file and
// line), and a hint. The cli package maps them to exit codes in one place.
package problem

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Exit statuses, documented in --help and the README.
const (
	ExitOK         = 0
	ExitGateFailed = 1
	ExitBadInput   = 2
	ExitInternal   = 70
	// ExitBusy: the answers file is being edited by another soc2ready process. Nothing is
	// wrong with the input, so it is not 2: a script may wait and run the command again
	// (75 is the sysexits "temporary failure").
	ExitBusy        = 75
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
	// Kind says what went wrong in a form code can test with errors.Is (fs.ErrNotExist,
	// yamlfile.ErrNotText): a caller adds its own hint by kind, never by matching Msg.
	Kind error
}

// Unwrap makes the kind visible to errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// Of sets the kind of the problem and returns it.
func (e *Error) Of(kind error) *Error {
	e.Kind = kind
	return e
}

// Rehint replaces the hint of a problem of the given kind and returns err; any other error
// is returned as it is. Commands use it to say what to do in their own terms.
func Rehint(err error, kind error, hint string) error {
	var p *Error
	if errors.As(err, &p) && errors.Is(p, kind) {
		p.Hint = hint
	}
	return err
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
	return &Error{Msg: fmt.Sprintf(format, clipArgs(args)...), Hint: hint}
}

// At makes a bad-input problem at file:line.
func At(file string, line int, hint, format string, args ...any) *Error {
	return &Error{File: Clip(file, MaxEcho), Line: line, Msg: fmt.Sprintf(format, clipArgs(args)...), Hint: hint}
}

// MaxEcho is how many characters of one input value a message repeats. A 300 KB id
// typed into the answers file must not come back whole on stderr (or in a CI log).
const MaxEcho = 80

// Clip shortens s to max characters, marking the cut with an ellipsis.
func Clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// clipArgs clips every string argument of a message: those are the values that come
// from input; the format is ours.
func clipArgs(args []any) []any {
	out := args
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > MaxEcho {
			if &out[0] == &args[0] {
				out = append([]any(nil), args...)
			}
			out[i] = Clip(s, MaxEcho)
		}
	}
	return out
}

// InFile sets the file on a problem that was raised without one (decoders do not know the
// file name); other errors are returned unchanged.
func InFile(err error, file string) error {
	var l *List
	if errors.As(err, &l) {
		for _, p := range l.Problems {
			if p.File == "" {
				p.File = file
			}
		}
		return err
	}
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

// maxSuggestLen bounds the words Suggest compares: no id or field name of ours is near
// it, and the edit distance costs the product of the two lengths.
const maxSuggestLen = 64

// Suggest returns the candidate closest to word (by edit distance), or "" when nothing is
// close enough to be a plausible typo. A typo differs from its candidate by at most 4
// edits, so candidates whose length differs by more are skipped without computing the
// distance, and a word longer than any plausible name is not compared at all: the cost
// stays linear in the number of candidates.
func Suggest(word string, candidates []string) string {
	if len(word) > maxSuggestLen {
		return ""
	}
	limit := len(word)/3 + 1
	if limit > 4 {
		limit = 4
	}
	best, bestD := "", 1<<30
	lw := strings.ToLower(word)
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted) // ties break the same way every run
	for _, c := range sorted {
		if len(c) > maxSuggestLen+limit || abs(len(c)-len(word)) > limit*utf8.UTFMax {
			continue
		}
		d := distance(lw, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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

// MaxList bounds the problems one run reports: past fifty the user has the idea, and a
// hostile file must not make the report itself huge.
const MaxList = 50

// List is several problems found in one pass over the input (validate reports them all
// at once rather than one per run), sorted by file and line. Main prints each one.
type List struct {
	Problems []*Error
	More     int // problems found past MaxList and not kept
}

func (l *List) Error() string {
	if len(l.Problems) == 0 {
		return "no problems"
	}
	n := len(l.Problems) - 1 + l.More
	if n == 0 {
		return l.Problems[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l.Problems[0].Error(), n)
}

// ExitCode is the status for the list: that of its first problem.
func (l *List) ExitCode() int {
	if len(l.Problems) == 0 {
		return ExitBadInput
	}
	return l.Problems[0].ExitCode()
}

// Join gathers problems: nil for none, the problem itself for one, else a List sorted by
// file and line (problems without a line first, in the order found) and capped at
// MaxList. Errors that are not problems are returned as they are, first one wins.
func Join(errs []error) error {
	var ps []*Error
	for _, err := range errs {
		if err == nil {
			continue
		}
		var l *List
		if errors.As(err, &l) {
			ps = append(ps, l.Problems...)
			continue
		}
		var p *Error
		if !errors.As(err, &p) {
			return err
		}
		ps = append(ps, p)
	}
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	l := &List{Problems: ps}
	if len(ps) > MaxList {
		l.Problems, l.More = ps[:MaxList], len(ps)-MaxList
	}
	return l
}
