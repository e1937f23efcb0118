// Package questionnaire is the interactive side of soc2ready: the scoping wizard behind
// `init` and the control questionnaire behind `assess`. It is the only package that
// imports huh, bubbletea and lipgloss. It builds forms from plain inputs (the catalogue,
// the scope, the answers so far) and hands every answer back through a callback, so the
// caller saves after each one and the forms can be tested by driving their models.
//
// It uses huh v2 (charm.land) on bubbletea v2: v1 asked the terminal for its colours at
// start and waited 5 s on a pseudo-terminal that never answers. Nothing here runs at
// package init, and the program is only started by a command that prompts; the styles
// need no terminal query (no light/dark detection).
//
// Traps of huh shape this package. Its accessible mode reads answers with a new
// bufio.Scanner per prompt and gives fields their defaults silently at end of input, so
// it is only ever run on a terminal (the cli refuses otherwise) and end of input is
// treated as an interrupt here. Forms are embedded in our own bubbletea model, which
// catches Ctrl-C, SIGHUP and SIGTERM itself and keeps the answer on screen as far as it
// was entered. A self-sized multi-select subtracts its title from its list height, so
// multi-selects carry no title of their own (the page has it), and a field is only ever
// shrunk to fit, so every resize lets the fields size themselves again first.
package questionnaire

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// ErrInterrupted is returned when the user pressed Ctrl-C, the terminal closed, or the
// process was asked to stop. Everything answered before it has been handed to the
// callbacks already.
var ErrInterrupted = errors.New("interrupted")

// Options say how to talk to the terminal.
type Options struct {
	In  io.Reader // the terminal's input (os.Stdin)
	Out io.Writer // the terminal's output (os.Stdout)
	// Accessible asks plain numbered questions, one line at a time, for screen readers
	// (and TERM=dumb), instead of drawing a full-screen form.
	Accessible bool
	// NoColor draws plain text: no colours, no bold (NO_COLOR). The focus marker and
	// the cursor are characters, so nothing depends on colour.
	NoColor bool
}

func (o Options) theme() huh.Theme {
	if o.NoColor || o.Accessible {
		return huh.ThemeFunc(plainTheme)
	}
	return huh.ThemeFunc(huh.ThemeCharm)
}

// plainTheme is huh's base theme with the chosen button marked by brackets: the base
// theme marks it by colour alone, which NO_COLOR takes away.
func plainTheme(dark bool) *huh.Styles {
	t := huh.ThemeBase(dark)
	t.Focused.FocusedButton = lipgloss.NewStyle().MarginRight(1).Reverse(true).Transform(func(s string) string { return "[" + s + "]" })
	t.Focused.BlurredButton = lipgloss.NewStyle().MarginRight(1).Transform(func(s string) string { return " " + s + " " })
	t.Blurred.FocusedButton, t.Blurred.BlurredButton = t.Focused.FocusedButton, t.Focused.BlurredButton
	return t
}

// plainOut is the output for accessible prompts: huh's prompts carry styles, and a
// screen reader (or NO_COLOR) wants the words alone.
func (o Options) plainOut() io.Writer {
	w := colorprofile.NewWriter(o.Out, nil)
	w.Profile = colorprofile.NoTTY
	return w
}

// maxWidth caps the line length on wide terminals: long lines are hard to read.
const maxWidth = 100

// styles used outside huh's fields: headers, hints and summaries.
type styles struct {
	header, dim, bold lipgloss.Style
}

func newStyles(o Options) styles {
	s := styles{
		header: lipgloss.NewStyle().Bold(true),
		dim:    lipgloss.NewStyle().Faint(true),
		bold:   lipgloss.NewStyle().Bold(true),
	}
	if !o.NoColor && !o.Accessible {
		// Readable on dark and light backgrounds alike: no terminal query needed.
		s.header = s.header.Foreground(lipgloss.Color("#6C68F0"))
	}
	if o.Accessible {
		s = styles{header: lipgloss.NewStyle(), dim: lipgloss.NewStyle(), bold: lipgloss.NewStyle()}
	}
	return s
}

// keymap is huh's default with the pieces that would fight our own keys switched off:
// Ctrl-C is ours (it saves before quitting), and the status list has five entries so it
// needs no filter ("/" would otherwise swallow the next keys).
func keymap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit.SetEnabled(false)
	k.Select.Filter.SetEnabled(false)
	k.MultiSelect.Filter.SetEnabled(false)
	k.Text.Editor.SetEnabled(false) // $EDITOR may be anything; the field is enough
	return k
}

// autoHeight lets fields size themselves again before the form is told the window's
// size: huh only ever shrinks a field to fit, so a window that grows (or a field sized
// before the width was known) would otherwise keep a list cut short.
func autoHeight(fields []huh.Field) {
	for _, f := range fields {
		switch f.(type) {
		case *huh.Select[string], *huh.Select[answers.Status], *huh.Select[answers.Method], *huh.MultiSelect[string]:
			f.WithHeight(0) // a text field keeps its lines
		}
	}
}

// signals delivers SIGHUP (the terminal closed), SIGTERM and SIGINT. In raw mode Ctrl-C
// arrives as a key, not a signal; SIGINT still comes from `kill -INT` or accessible mode.
func (o Options) signals() (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	return ch, func() { signal.Stop(ch) }
}

// interruptMsg tells a model that the session must end now (a signal arrived).
type interruptMsg struct{}

// outcome is what a model reports when its program ends.
type outcome interface {
	// finished is true when the user reached the end; false means interrupted.
	finished() bool
	// failure is an error met while running (a save that failed), or nil.
	failure() error
}

// runProgram runs a model on the terminal until it quits. A signal becomes an
// interruptMsg so the model stops between two answers, never in the middle of a save.
func runProgram(ctx context.Context, m tea.Model, o Options) (tea.Model, error) {
	stopping := make(chan struct{}, 1)
	stop := func() {
		select {
		case stopping <- struct{}{}:
		default:
		}
	}
	in := o.In
	if f, ok := in.(*os.File); ok {
		in = &hangupInput{File: f, hangup: stop}
	}
	opts := []tea.ProgramOption{
		tea.WithInput(in), tea.WithOutput(o.Out), tea.WithContext(ctx),
		// Our own handler below turns every signal into interruptMsg; bubbletea's would
		// end the program on SIGTERM as if it had finished normally.
		tea.WithoutSignalHandler(),
	}
	if o.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(m, opts...)
	sigs, unnotify := o.signals()
	defer unnotify()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sigs:
		case <-stopping:
		case <-done:
			return
		}
		p.Send(interruptMsg{})
		// A program whose terminal vanished may never read the message; do not hang
		// around for ever.
		select {
		case <-time.After(3 * time.Second):
			p.Kill()
		case <-done:
		}
	}()
	final, err := p.Run()
	if final == nil {
		final = m
	}
	out, _ := final.(outcome)
	if out != nil && out.failure() != nil {
		return final, out.failure()
	}
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		// bubbletea caught a panic in our code and restored the terminal: let cli.Main
		// report it as the internal error it is, not as an interrupt.
		panic(err)
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled), errors.Is(err, syscall.EIO):
		// EIO: the terminal went away under us.
		return final, ErrInterrupted
	case err != nil:
		return final, fmt.Errorf("terminal: %w", err)
	case out != nil && !out.finished():
		return final, ErrInterrupted
	}
	return final, nil
}

// hangupInput is the terminal's input with one addition: a read that fails or finds the
// end (the terminal closed) calls hangup. bubbletea ignores end of input and would wait
// for ever for the next key. It keeps the *os.File methods bubbletea needs for raw mode
// and its cancellable reader.
type hangupInput struct {
	*os.File
	hangup func()
}

func (h *hangupInput) Read(p []byte) (int, error) {
	n, err := h.File.Read(p)
	if err != nil {
		h.hangup()
	}
	return n, err
}

// eofReader notes end of input, which huh's accessible prompts swallow (they answer with
// the default instead); Ctrl-D on a terminal is a request to stop.
type eofReader struct {
	r   io.Reader
	eof bool
}

func (e *eofReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil {
		e.eof = true
	}
	return n, err
}

// accessibleRun runs fn, which prompts line by line, and returns ErrInterrupted as soon
// as a signal arrives (Ctrl-C is a signal here: the terminal is in its normal mode).
// onInterrupt keeps what was entered so far and must stop the abandoned prompt from
// saving again; fn's saves and onInterrupt share a lock, so no save is cut in half.
func accessibleRun(o Options, onInterrupt func(), fn func() error) error {
	sigs, stop := o.signals()
	defer stop()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-sigs:
		onInterrupt()
		fmt.Fprintln(o.Out)
		return ErrInterrupted
	}
}

// wrapText wraps s at width columns, keeping paragraphs.
func wrapText(s string, width int) string {
	if width <= 0 {
		return s
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case lipgloss.Width(line)+1+lipgloss.Width(w) > width:
				out = append(out, line)
				line = w
			default:
				line += " " + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// truncate cuts s to width columns with an ellipsis.
func truncate(s string, width int) string {
	if width <= 0 || lipgloss.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// lines splits a multi-line answer into trimmed, non-empty items, one per line.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
