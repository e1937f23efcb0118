package questionnaire

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/soc2ready/soc2ready/internal/answers"
)

type screen int

const (
	asking screen = iota
	confirmDiscard
	sectionDone
	summary
)

// assessModel is the full-screen questionnaire: a header saying where the user is, the
// control's question (and guidance on demand), and a huh form for the answer. Each
// completed form is committed (saved) before the next is built.
type assessModel struct {
	a      *Assessment
	theme  huh.Theme
	st     styles
	width  int
	height int

	pos          int // index into a.stops
	screen       screen
	cur          *controlForm
	form         *huh.Form
	showGuidance bool
	scroll       int  // pages of the question and guidance scrolled past (pgdown), in a short window
	doneSection  int  // the section just finished, on the sectionDone screen
	discardBack  bool // on confirmDiscard: after discarding, go back a question instead of on
	hint         string

	initCmd tea.Cmd
	done    bool  // the user reached the end
	err     error // a save failed
}

var (
	keyQuit     = key.NewBinding(key.WithKeys("ctrl+c"))
	keyEsc      = key.NewBinding(key.WithKeys("esc"))
	keyBack     = key.NewBinding(key.WithKeys("shift+tab"))
	keyGuidance = key.NewBinding(key.WithKeys("?"))
	keyContinue = key.NewBinding(key.WithKeys("enter", "space"))
	keyEnter    = key.NewBinding(key.WithKeys("enter"))
	keySaveNow  = key.NewBinding(key.WithKeys("ctrl+s"))
	keyPageDown = key.NewBinding(key.WithKeys("pgdown"))
	keyPageUp   = key.NewBinding(key.WithKeys("pgup"))
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
	m.cur = newControlForm(ctl, prev, answered, false, m.a.cfg.Scope.ReportType == answers.Type2)
	m.form = m.cur.form(m.theme)
	m.hint, m.scroll = "", 0
	cmd := settle(m.form.Init(), m.feed)
	m.resize()
	return cmd
}

// formHeight is what the form may take: the header, the control line, at least one line
// of the question and the key help always stay on screen.
func (m *assessModel) formHeight() int {
	return max(4, m.height-len(m.header())-1-2-2)
}

// resize gives the form the lines the header and question leave free.
func (m *assessModel) resize() {
	if m.form == nil {
		return
	}
	c := m.cur
	autoHeight([]huh.Field{c.statusField, c.noteField, c.ownerField, c.dueField, c.reasonField, c.evRefField, c.evDateField,
		c.clearField, c.opSinceField, c.excDateField, c.excDescField})
	m.form.Update(tea.WindowSizeMsg{Width: m.width - 1, Height: m.formHeight()})
}

func (m *assessModel) Init() tea.Cmd { return m.initCmd }

func (m *assessModel) onStatus() bool {
	return m.screen == asking && m.form.GetFocusedField() == huh.Field(m.cur.statusField)
}

// interrupt ends the session now, keeping what the person entered for the question on
// screen.
func (m *assessModel) interrupt() (tea.Model, tea.Cmd) {
	if m.screen == asking || m.screen == confirmDiscard {
		if err := m.a.keepPartial(m.cur); err != nil {
			m.err = err
		}
	}
	return m, tea.Quit
}

func (m *assessModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case interruptMsg:
		return m.interrupt()
	case tea.WindowSizeMsg:
		m.width, m.height = min(msg.Width, maxWidth), msg.Height
		m.resize()
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, keyQuit) {
			return m.interrupt()
		}
		m.hint = ""
		switch m.screen {
		case confirmDiscard:
			switch msg.String() {
			case "y", "Y":
				m.screen = asking
				if m.discardBack {
					return m, m.back()
				}
				return m, m.advance()
			case "n", "N", "esc":
				m.screen = asking
			}
			return m, nil
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
		onStatus := m.onStatus()
		switch {
		case key.Matches(msg, keySaveNow):
			return m.saveNow()
		case key.Matches(msg, keyEsc) && onStatus:
			// Nothing chosen or typed: a skip loses nothing. Otherwise ask first.
			if m.cur.dirty() {
				m.screen, m.discardBack = confirmDiscard, false
				return m, nil
			}
			return m, m.advance()
		case key.Matches(msg, keyEsc):
			// Back a field; the text typed stays in it.
			return m.updateForm(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		case key.Matches(msg, keyBack) && onStatus:
			if m.pos == 0 {
				return m, nil
			}
			if m.cur.dirty() {
				m.screen, m.discardBack = confirmDiscard, true
				return m, nil
			}
			return m, m.back()
		case key.Matches(msg, keyGuidance) && onStatus:
			m.showGuidance = !m.showGuidance
			m.scroll = 0
			m.resize()
			return m, nil
		case key.Matches(msg, keyPageDown):
			m.scroll++
			return m, nil
		case key.Matches(msg, keyPageUp):
			m.scroll = max(0, m.scroll-1)
			return m, nil
		case onStatus && len(msg.Text) == 1 && msg.Text[0] >= '1' && msg.Text[0] <= '5':
			// A digit picks a status and moves on, as if chosen with the arrows and Enter.
			m.cur.status = statusChoices[msg.Text[0]-'1'].status
			m.cur.statusField.Value(&m.cur.status)
			m.cur.picked = true
			return m.updateForm(tea.KeyPressMsg{Code: tea.KeyEnter})
		case onStatus && key.Matches(msg, keyEnter):
			if v, _ := m.cur.statusField.Hovered(); v == noStatus {
				// Enter alone on an unanswered question records nothing.
				return m, m.advance()
			}
			m.cur.picked = true
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
		m.resize()
		return m, later
	}
	return m.commit(later)
}

// saveNow records the answer as it stands and moves on: revisiting one field of an
// answer does not mean Enter through all the others.
func (m *assessModel) saveNow() (tea.Model, tea.Cmd) {
	if m.cur.status == noStatus || (!m.cur.answered && !m.cur.picked) {
		m.hint = "pick a status first (1-5)"
		return m, nil
	}
	for _, f := range []*huh.Input{m.cur.dueField, m.cur.evDateField, m.cur.opSinceField, m.cur.excDateField} {
		if err := validDue(f.GetValue().(string)); err != nil {
			m.hint = err.Error()
			return m, nil
		}
	}
	if (strings.TrimSpace(m.cur.excDate) == "") != (strings.TrimSpace(m.cur.excDesc) == "") && m.cur.asksOperation() {
		m.hint = "give both the exception's date and what happened, or neither"
		return m, nil
	}
	if (answers.Answer{Status: m.cur.status, NAReason: m.cur.reason}).MissingReason() {
		m.hint = "not applicable needs a reason"
		return m, nil
	}
	return m.commit(nil)
}

func (m *assessModel) commit(later tea.Cmd) (tea.Model, tea.Cmd) {
	ans, changed := m.cur.answer()
	if changed {
		if err := m.a.commit(m.cur.ctl.ID, ans); err != nil {
			m.err = err
			return m, tea.Quit
		}
	}
	return m, tea.Batch(later, m.advance())
}

// back goes to the previous question.
func (m *assessModel) back() tea.Cmd {
	if m.pos == 0 {
		return m.build()
	}
	m.pos--
	return m.build()
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

// header is the two lines that never scroll away: where the user is and the score.
func (m *assessModel) header() []string {
	w := m.width - 1
	s := m.a.stops[m.pos]
	title, counts := m.a.position(s.section)
	room := w - lipgloss.Width(counts) - 3
	return []string{
		m.st.header.Render(truncate(title, room)) + m.st.dim.Render(" · "+counts),
		m.st.dim.Render(truncate(m.a.scoreLine(s.section), w)),
	}
}

// body is the control, its question, the guidance on demand and the status chosen.
func (m *assessModel) body() []string {
	w := m.width - 1
	ctl := m.a.stops[m.pos].control
	head := ctl.ID + " · " + ctl.Severity + " · " + ctl.Title
	if prev, ok := m.a.answers[ctl.ID]; ok {
		head += " · now " + StatusLabel(prev.Status)
		if prev.Updated != "" {
			head += " (" + prev.Updated + ")"
		}
	}
	out := []string{m.st.dim.Render(truncate(inert(head), w))}
	for _, l := range strings.Split(wrapText(inert(ctl.Question), w), "\n") {
		out = append(out, m.st.bold.Render(l))
	}
	if m.showGuidance {
		h, text := guidance(ctl, m.a.cfg.Employees)
		out = append(out, "")
		for _, l := range strings.Split(wrapText(h+": "+text, w), "\n") {
			out = append(out, m.st.dim.Render(l))
		}
		if req := evidenceRequest(ctl); req != "" {
			out = append(out, "")
			for _, l := range strings.Split(wrapText(req, w), "\n") {
				out = append(out, m.st.dim.Render(l))
			}
		}
	}
	if !m.onStatus() {
		out = append(out, "", m.st.dim.Render("Status: ")+StatusLabel(m.cur.status))
	}
	return out
}

func (m *assessModel) help() string {
	var keys []string
	switch m.screen {
	case asking:
		switch {
		case m.hint != "":
			keys = []string{m.hint}
		case m.onStatus():
			esc := "esc skip"
			if m.cur.dirty() {
				esc = "esc discard…"
			}
			keys = []string{"1-5 status", "? guidance", "shift+tab back", esc, "ctrl+c save & quit"}
		default:
			keys = []string{"enter next", "esc/shift+tab back a field", "ctrl+s save now", "ctrl+c save & quit"}
		}
	case confirmDiscard:
		keys = []string{"y discard", "n keep editing"}
	case sectionDone:
		keys = []string{"enter continue", "ctrl+c quit (answers are saved)"}
	case summary:
		keys = []string{"enter finish"}
	}
	return m.st.dim.Render(truncate(strings.Join(keys, " · "), m.width-1))
}

func (m *assessModel) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

// render lays the screen out from the top: the header first and the key help last are
// always shown; the question and guidance give up lines when the window is short.
func (m *assessModel) render() string {
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
		b.WriteString("\nEvery answer so far is saved in " + inert(m.a.cfg.Path) + ".\n\n" + m.help())
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
	head := m.header()
	body := m.body()
	var form []string
	if m.screen == confirmDiscard {
		form = []string{m.st.bold.Render(wrapText("Discard what you chose and typed for "+m.cur.ctl.ID+"? The file keeps its current answer.", w))}
	} else {
		form = trimBlank(strings.Split(m.form.View(), "\n"))
	}
	help := m.help()
	room := m.height - len(head) - len(form) - 4 // three blank lines and the help
	if room < len(body) {
		// The control line stays; the rest scrolls a page at a time with pgdown/pgup.
		page := max(1, room-2)
		rest := body[1:]
		start := min(m.scroll*page, max(0, len(rest)-1))
		end := min(len(rest), start+page)
		more := "… (pgdown: more; pgup: back)"
		if end >= len(rest) {
			more = "… (pgup: back to the start)"
		}
		body = append(append([]string{body[0]}, rest[start:end]...), m.st.dim.Render(truncate(more, w)))
	}
	if over := len(head) + 1 + len(body) + 1 + len(form) + 1 + 1 - m.height; over > 0 && len(form) > over {
		form = form[:len(form)-over]
	}
	return strings.Join(head, "\n") + "\n\n" + strings.Join(body, "\n") + "\n\n" + strings.Join(form, "\n") + "\n\n" + help
}

// trimBlank drops the blank lines at the end: huh pads a form to the height it was given.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
