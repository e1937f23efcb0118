package questionnaire

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

type screen int

const (
	asking screen = iota
	sectionDone
	summary
)

// assessModel is the full-screen questionnaire: a header saying where the user is, the
// control's question (and guidance on demand), and a huh form for the answer. Each
// completed form is committed (saved) before the next is built.
type assessModel struct {
	a      *Assessment
	theme  *huh.Theme
	st     styles
	width  int
	height int

	pos          int // index into a.stops
	screen       screen
	cur          *controlForm
	form         *huh.Form
	showGuidance bool
	doneSection  int // the section just finished, on the sectionDone screen

	initCmd tea.Cmd
	done    bool  // the user reached the end
	err     error // a save failed
}

var (
	keyQuit     = key.NewBinding(key.WithKeys("ctrl+c"))
	keySkip     = key.NewBinding(key.WithKeys("esc"))
	keyBack     = key.NewBinding(key.WithKeys("shift+tab"))
	keyGuidance = key.NewBinding(key.WithKeys("?"))
	keyContinue = key.NewBinding(key.WithKeys("enter", " "))
)

func newAssessModel(a *Assessment, o Options) *assessModel {
	m := &assessModel{a: a, theme: o.theme(), st: newStyles(o), width: 80, height: 24, pos: a.start}
	m.initCmd = m.build()
	return m
}

func (m *assessModel) finished() bool { return m.done }
func (m *assessModel) failure() error { return m.err }

// build makes the form for the question at m.pos.
func (m *assessModel) build() tea.Cmd {
	ctl := m.a.stops[m.pos].control
	prev, answered := m.a.answers[ctl.ID]
	m.cur = newControlForm(ctl, prev, answered, false)
	m.form = m.cur.form(m.theme)
	cmd := settle(m.form.Init(), m.feed)
	m.resize()
	return cmd
}

// resize gives the form the lines the header and question leave free.
func (m *assessModel) resize() {
	if m.form == nil {
		return
	}
	free := m.height - lipgloss.Height(m.top()) - 3 // blank lines around the form and the key help
	if free < 4 {
		free = 4
	}
	m.form.Update(tea.WindowSizeMsg{Width: m.width, Height: free})
}

func (m *assessModel) Init() tea.Cmd { return m.initCmd }

func (m *assessModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case interruptMsg:
		return m, tea.Quit
	case tea.WindowSizeMsg:
		m.width, m.height = min(msg.Width, maxWidth), msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		if key.Matches(msg, keyQuit) {
			return m, tea.Quit
		}
		switch m.screen {
		case sectionDone:
			if key.Matches(msg, keyContinue) {
				m.screen = asking
				return m, m.build()
			}
			return m, nil
		case summary:
			if key.Matches(msg, keyContinue) || msg.String() == "q" {
				m.done = true
				return m, tea.Quit
			}
			return m, nil
		}
		onStatus := m.form.GetFocusedField() == huh.Field(m.cur.statusField)
		switch {
		case key.Matches(msg, keySkip):
			return m, m.advance()
		case key.Matches(msg, keyBack) && onStatus:
			if m.pos == 0 {
				return m, nil
			}
			m.pos--
			return m, m.build()
		case key.Matches(msg, keyGuidance) && onStatus:
			m.showGuidance = !m.showGuidance
			m.resize()
			return m, nil
		case onStatus && len(msg.Runes) == 1 && msg.Runes[0] >= '1' && msg.Runes[0] <= '5':
			// A digit picks a status and moves on, as if chosen with the arrows and Enter.
			m.cur.status = statusChoices[msg.Runes[0]-'1'].status
			m.cur.statusField.Value(&m.cur.status)
			return m.updateForm(tea.KeyMsg{Type: tea.KeyEnter})
		}
	}
	if m.screen != asking {
		return m, nil
	}
	return m.updateForm(msg)
}

// feed passes one message to the form.
func (m *assessModel) feed(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	return cmd
}

// updateForm passes a message to the form and commits the answer once it completes.
func (m *assessModel) updateForm(msg tea.Msg) (tea.Model, tea.Cmd) {
	later := settle(m.feed(msg), m.feed)
	if m.form.State != huh.StateCompleted {
		return m, later
	}
	ans, changed := m.cur.answer()
	if changed {
		if err := m.a.commit(m.cur.ctl.ID, ans); err != nil {
			m.err = err
			return m, tea.Quit
		}
	}
	return m, tea.Batch(later, m.advance())
}

// advance moves to the next question, through a section summary when the section
// changes, or to the closing summary after the last one.
func (m *assessModel) advance() tea.Cmd {
	from := m.a.stops[m.pos].section
	m.pos++
	if m.pos >= len(m.a.stops) {
		m.pos = len(m.a.stops) - 1
		m.screen = summary
		m.doneSection = from
		return nil
	}
	if m.a.stops[m.pos].section != from {
		m.screen = sectionDone
		m.doneSection = from
		return nil
	}
	return m.build()
}

// top is everything above the form: position, score, the control and its question.
func (m *assessModel) top() string {
	w := m.width - 1
	s := m.a.stops[m.pos]
	ctl := s.control
	title, counts := m.a.position(s.section)
	room := w - lipgloss.Width(counts) - 3
	var b strings.Builder
	b.WriteString(m.st.header.Render(truncate(title, room)) + m.st.dim.Render(" · "+counts) + "\n")
	b.WriteString(m.st.dim.Render(m.a.scoreLine(s.section)) + "\n\n")
	head := ctl.ID + " · " + ctl.Severity + " · " + ctl.Title
	if prev, ok := m.a.answers[ctl.ID]; ok {
		head += " · now " + StatusLabel(prev.Status)
		if prev.Updated != "" {
			head += " (" + prev.Updated + ")"
		}
	}
	b.WriteString(m.st.dim.Render(truncate(head, w)) + "\n")
	b.WriteString(m.st.bold.Render(wrapText(ctl.Question, w)))
	if m.showGuidance {
		h, text := guidance(ctl, m.a.cfg.Employees)
		b.WriteString("\n\n" + m.st.dim.Render(wrapText(h+": "+text, w)))
	}
	if m.form != nil && m.form.GetFocusedField() != huh.Field(m.cur.statusField) {
		b.WriteString("\n\n" + m.st.dim.Render("Status: ") + StatusLabel(m.cur.status))
	}
	return b.String()
}

func (m *assessModel) help() string {
	var keys []string
	switch m.screen {
	case asking:
		if m.form.GetFocusedField() == huh.Field(m.cur.statusField) {
			keys = []string{"1-5 status", "enter next", "? guidance", "shift+tab back", "esc skip", "ctrl+c quit"}
		} else {
			keys = []string{"enter next", "shift+tab back", "esc skip", "ctrl+c quit"}
		}
	case sectionDone:
		keys = []string{"enter continue", "ctrl+c quit (answers are saved)"}
	case summary:
		keys = []string{"enter finish"}
	}
	return m.st.dim.Render(truncate(strings.Join(keys, " · "), m.width-1))
}

func (m *assessModel) View() string {
	w := m.width - 1
	switch m.screen {
	case sectionDone:
		next := m.a.stops[m.pos].section
		lines := m.a.sectionDone(m.doneSection, next)
		var b strings.Builder
		b.WriteString(m.st.header.Render(truncate(lines[0], w)) + "\n\n")
		for _, l := range lines[1:] {
			b.WriteString(wrapText(l, w) + "\n")
		}
		b.WriteString("\nEvery answer so far is saved in " + m.a.cfg.Path + ".\n\n" + m.help())
		return b.String()
	case summary:
		var b strings.Builder
		b.WriteString(m.st.header.Render("Assessment done") + "\n\n")
		for _, l := range strings.Split(strings.TrimRight(m.a.Summary(), "\n"), "\n") {
			b.WriteString(truncate(l, w) + "\n")
		}
		b.WriteString("\n" + m.help())
		return b.String()
	}
	return m.top() + "\n\n" + m.form.View() + "\n\n" + m.help()
}
