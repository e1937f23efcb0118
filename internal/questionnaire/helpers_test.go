package questionnaire

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/golden"
)

func testCatalogue(t testing.TB) *catalogue.Catalogue {
	return golden.Catalogue(t, "testdata/catalogue.yaml")
}

var (
	secOnly  = answers.Scope{Categories: []string{"security"}}
	secAvail = answers.Scope{Categories: []string{"security", "availability"}}
)

// saved records what the questionnaire handed to OnAnswer, in order.
type saved struct {
	ids     []string
	answers map[string]answers.Answer
	fail    error // returned by OnAnswer when set
}

func newSession(t *testing.T, scope answers.Scope, prev map[string]answers.Answer, mode Mode, section string) (*Assessment, *saved) {
	t.Helper()
	s := &saved{answers: map[string]answers.Answer{}}
	a, err := NewAssessment(AssessConfig{
		Catalogue: testCatalogue(t), Scope: scope, Answers: prev, Today: "2026-11-18", Path: "soc2ready.yaml",
		Section: section, Mode: mode,
		OnAnswer: func(id string, ans answers.Answer) error {
			if s.fail != nil {
				return s.fail
			}
			s.ids = append(s.ids, id)
			s.answers[id] = ans
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

// keys turns names into key messages: "enter", "esc", "tab", "shift+tab", "ctrl+c",
// "up", "down", "space"; anything else is typed as text.
func keys(names ...string) []tea.Msg {
	var out []tea.Msg
	for _, n := range names {
		switch n {
		case "enter":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter})
		case "esc":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEscape})
		case "tab":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab})
		case "shift+tab":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		case "ctrl+c":
			out = append(out, tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		case "ctrl+s":
			out = append(out, tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
		case "alt+enter":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
		case "pgdown":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyPgDown})
		case "pgup":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyPgUp})
		case "left":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyLeft})
		case "up":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyUp})
		case "down":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyDown})
		case "space":
			out = append(out, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		default:
			for _, r := range n {
				out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
	return out
}

// driver feeds messages to a model the way bubbletea would, minus the timers: the
// models settle their forms synchronously, so what a test sees after each key is what
// a person would see.
type driver struct {
	t    *testing.T
	m    tea.Model
	quit bool
}

func drive(t *testing.T, m tea.Model) *driver {
	d := &driver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return d
}

func (d *driver) send(msgs ...tea.Msg) {
	d.t.Helper()
	for _, msg := range msgs {
		if d.quit {
			d.t.Fatalf("message %#v after the program quit", msg)
		}
		var cmd tea.Cmd
		d.m, cmd = d.m.Update(msg)
		d.quit = d.quit || isQuit(cmd)
	}
}

func (d *driver) press(names ...string) { d.t.Helper(); d.send(keys(names...)...) }

// screen is the view without colours, as it would read on the terminal.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

func (d *driver) see(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func (d *driver) notSee(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if strings.Contains(s, w) {
			d.t.Fatalf("screen shows %q:\n%s", w, s)
		}
	}
}

// isQuit reports whether cmd (or a batch it makes) would end the program. Only commands
// that return at once are run: a quit never waits.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil || slowCmds[funcPtr(cmd)] {
		return false
	}
	msg, waiting := callQuickly(cmd)
	if waiting != nil {
		return false
	}
	switch msg := msg.(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if isQuit(c) {
				return true
			}
		}
	}
	return false
}

var errDiskFull = errors.New("disk full")
