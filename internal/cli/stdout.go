package cli

import (
	"errors"
	"io"
	"os"
)

// errStdoutClosed stands for a write to a standard output that was closed when the
// process started (`soc2ready report >&-`).
var errStdoutClosed = errors.New("standard output is closed")

// checkedWriter remembers the first failed write to standard output, so a report that
// went nowhere (a full disk, /dev/full, a closed descriptor) ends with an error instead of
// status 0. Renderers write through fmt and ignore errors; this catches them all.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}

// newStdout wraps the standard output. Go's runtime opens /dev/null read-write in place
// of a descriptor that was closed at start (a shell never opens it read-write for `>`),
// so that is how a closed stdout is recognised.
func newStdout(w io.Writer) *checkedWriter {
	c := &checkedWriter{w: w}
	if f, ok := w.(*os.File); ok && f.Fd() == 1 && closedAtStart(f) {
		c.err = errStdoutClosed
	}
	return c
}

// rawWriter is the writer under the check, for libraries that look for an *os.File (the
// questionnaire draws on the terminal itself).
func rawWriter(w io.Writer) io.Writer {
	if s, ok := w.(interface{ Unwrap() io.Writer }); ok {
		w = s.Unwrap()
	}
	if c, ok := w.(*checkedWriter); ok {
		return c.w
	}
	return w
}
