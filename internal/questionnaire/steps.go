package questionnaire

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// page is a set of fields shown together; hide skips it (evaluated when it is reached).
type page struct {
	title, desc string
	fields      []huh.Field
	hide        func() bool
}

// step is one screen of a wizard: its pages are built when the step is reached, so
// they can depend on earlier answers. after runs once the step is complete and may ask
// for the step to be shown again (a list that grows one entry at a time).
type step struct {
	title string
	build func() []page
	after func() (again bool)
	// back, when set, runs on shift+tab or Esc at the step's first field; true means the
	// step went back within itself (rebuild it) rather than to the step before.
	back func() bool
}

// wizardFlow is what the steps runner needs from a wizard besides its steps: the review
// shown before saving.
type wizardFlow struct {
	steps  []step
	review func() []string
	// checkpoint, called after each accessible answer on the prompting goroutine, hands
	// the draft so far to the caller.
	checkpoint func()
}

func (fl wizardFlow) saved() {
	if fl.checkpoint != nil {
		fl.checkpoint()
	}
}

// runSteps runs a wizard: full screen, or as plain prompts in accessible mode.
func runSteps(ctx context.Context, fl wizardFlow, o Options) error {
	if o.Accessible {
		return accessibleRun(o, func() {}, func() error { return accessibleSteps(fl, o) })
	}
	_, err := runProgram(ctx, newStepsModel(fl, o), o)
	return err
}

func accessibleSteps(fl wizardFlow, o Options) error {
	w := o.plainOut()
	r := &eofReader{r: o.In}
	theme := o.theme()
	steps := fl.steps
	for {
		for i := 0; i < len(steps); i++ {
			s := steps[i]
			fmt.Fprintf(w, "Step %d of %d: %s\n\n", i+1, len(steps), s.title)
			for _, p := range s.build() {
				if p.hide != nil && p.hide() {
					continue
				}
				if p.title != "" && p.title != s.title {
					fmt.Fprintln(w, inert(p.title))
				}
				if p.desc != "" {
					fmt.Fprintln(w, inert(p.desc))
				}
				for _, f := range p.fields {
					if l, ok := f.(*listField); ok {
						if err := l.runAccessible(w, r, fl.saved); err != nil {
							return err
						}
						continue
					}
					f.WithTheme(theme)
					f.WithKeyMap(wizardKeymap())
					if err := f.RunAccessible(w, r); err != nil {
						return err
					}
					if r.eof {
						return ErrInterrupted
					}
					fl.saved()
				}
				fmt.Fprintln(w)
			}
			if s.after != nil && s.after() {
				i--
			}
			fl.saved()
		}
		fmt.Fprintln(w, "Review before saving")
		for _, l := range fl.review() {
			fmt.Fprintln(w, "  "+l)
		}
		back := 0
		sel := huh.NewSelect[int]().Title("Save this scope?").Value(&back)
		opts := []huh.Option[int]{huh.NewOption("save it", 0)}
		for i, s := range steps {
			opts = append(opts, huh.NewOption("go back to step "+strconv.Itoa(i+1)+": "+s.title, i+1))
		}
		sel.Options(opts...).WithTheme(theme)
		_ = sel.RunAccessible(w, r)
		if r.eof {
			return ErrInterrupted
		}
		if back == 0 {
			return nil
		}
		steps = fl.steps[back-1:]
	}
}

// listField edits a list (commitments, CUECs, csocs) one item per prompt in accessible
// mode, so an item is never split on its punctuation. Full-screen forms use a text field
// with one item per line instead; the embedded Input only satisfies huh.Field.
type listField struct {
	*huh.Input
	title, hint string
	items       *[]string
}

func (l *listField) runAccessible(w io.Writer, r *eofReader, saved func()) error {
	fmt.Fprintf(w, "%s (%s)\n", l.title, strings.TrimPrefix(l.hint, "one per line, "))
	sc := bufio.NewScanner(r)
	read := func(prompt string) (string, bool) {
		fmt.Fprint(w, prompt)
		if !sc.Scan() {
			r.eof = true
			return "", false
		}
		return strings.TrimSpace(sc.Text()), true
	}
	orig := append([]string(nil), *l.items...)
	var kept []string
	for i, it := range orig {
		line, ok := read(fmt.Sprintf("Item %d: %q. Enter keeps it, - removes it, or type its new text: ", i+1, it))
		if !ok {
			return ErrInterrupted
		}
		switch line {
		case "":
			kept = append(kept, it)
		case "-":
		default:
			kept = append(kept, line)
		}
		// Items not reached yet stay, so an interrupt keeps them.
		*l.items = append(append([]string(nil), kept...), orig[i+1:]...)
		saved()
	}
	for {
		line, ok := read("Add an item (Enter alone when done): ")
		if !ok {
			return ErrInterrupted
		}
		if line == "" {
			return nil
		}
		*l.items = append(*l.items, line)
		saved()
	}
}

// wizardKeymap lets multi-line text take Enter as a new line; Tab moves on.
func wizardKeymap() *huh.KeyMap {
	k := keymap()
	k.Text.NewLine = key.NewBinding(key.WithKeys("enter", "ctrl+j", "alt+enter"), key.WithHelp("enter", "new line"))
	k.Text.Next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	k.Text.Submit = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	return k
}

// stepsModel shows one step at a time as a huh form under a "Step 2 of 9" header, then
// a review of everything entered before anything is saved.
type stepsModel struct {
	fl        wizardFlow
	i         int
	reviewing bool
	editing   bool // a step reached from the review: finishing it returns there
	form      *huh.Form
	first     huh.Field // the step's first field: shift+tab there goes back a step
	fields    []huh.Field
	theme     huh.Theme
	st        styles
	width     int
	height    int

	initCmd tea.Cmd
	done    bool
}

func newStepsModel(fl wizardFlow, o Options) *stepsModel {
	m := &stepsModel{fl: fl, theme: o.theme(), st: newStyles(o), width: 80, height: 24}
	m.initCmd = m.build()
	return m
}

func (m *stepsModel) finished() bool { return m.done }
func (m *stepsModel) failure() error { return nil }

func (m *stepsModel) build() tea.Cmd {
	var groups []*huh.Group
	m.first, m.fields = nil, nil
	for _, p := range m.fl.steps[m.i].build() {
		title := p.title
		if title == m.fl.steps[m.i].title {
			title = "" // the step header already says it
		}
		g := huh.NewGroup(p.fields...).Title(inert(title)).Description(inert(p.desc))
		if p.hide != nil {
			g.WithHideFunc(p.hide)
		}
		if m.first == nil && (p.hide == nil || !p.hide()) && len(p.fields) > 0 {
			m.first = p.fields[0]
		}
		groups = append(groups, g)
		m.fields = append(m.fields, p.fields...)
	}
	m.form = huh.NewForm(groups...).WithTheme(m.theme).WithKeyMap(wizardKeymap()).WithShowHelp(true)
	cmd := settle(m.form.Init(), m.feed)
	m.resize()
	return cmd
}

func (m *stepsModel) feed(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	return cmd
}

func (m *stepsModel) resize() {
	// The step header and the key hint take a line each; huh adds a blank line above
	// its help.
	autoHeight(m.fields)
	m.form.Update(tea.WindowSizeMsg{Width: m.width - 1, Height: m.height - 3})
}

func (m *stepsModel) Init() tea.Cmd { return m.initCmd }

var keysBackStep = key.NewBinding(key.WithKeys("shift+tab", "esc"))

func (m *stepsModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case interruptMsg:
		return m, tea.Quit
	case tea.WindowSizeMsg:
		m.width, m.height = min(msg.Width, maxWidth), msg.Height
		m.resize()
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, keyQuit) {
			return m, tea.Quit
		}
		if m.reviewing {
			switch {
			case key.Matches(msg, keyEnter) || msg.String() == "s":
				m.done = true
				return m, tea.Quit
			case key.Matches(msg, keysBackStep):
				m.reviewing = false
				m.i = len(m.fl.steps) - 1
				return m, m.build()
			case len(msg.Text) == 1 && msg.Text[0] >= '1' && msg.Text[0] <= '9':
				if n := int(msg.Text[0] - '0'); n <= len(m.fl.steps) {
					m.reviewing, m.editing = false, true
					m.i = n - 1
					return m, m.build()
				}
			}
			return m, nil
		}
		if key.Matches(msg, keysBackStep) && m.form.GetFocusedField() == m.first {
			// Back a step from its first field; what was entered there stays bound.
			if b := m.fl.steps[m.i].back; b != nil && b() {
				return m, m.build()
			}
			if m.i > 0 {
				m.i--
				return m, m.build()
			}
			return m, nil
		}
		if key.Matches(msg, keyEsc) {
			// Esc goes back a field, like shift+tab; it never throws anything away.
			msg = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
		}
		later := settle(m.feed(msg), m.feed)
		return m.afterUpdate(later)
	}
	return m.afterUpdate(settle(m.feed(msg), m.feed))
}

func (m *stepsModel) afterUpdate(later tea.Cmd) (tea.Model, tea.Cmd) {
	if m.form.State != huh.StateCompleted {
		return m, later
	}
	again := false
	if a := m.fl.steps[m.i].after; a != nil {
		again = a()
	}
	if !again {
		m.i++
	}
	if m.i == len(m.fl.steps) || (m.editing && !again) {
		m.editing = false
		m.reviewing = true
		m.i = len(m.fl.steps) - 1
		return m, later
	}
	return m, tea.Batch(later, m.build())
}

func (m *stepsModel) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

func (m *stepsModel) render() string {
	if m.done {
		return ""
	}
	w := m.width - 1
	if m.reviewing {
		lines := []string{m.st.header.Render(truncate("Review before saving", w)), ""}
		var body []string
		for _, l := range m.fl.review() {
			indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
			for i, part := range strings.Split(wrapText(l, w-4-len(indent)), "\n") {
				if i > 0 {
					part = "    " + part
				}
				body = append(body, truncate(indent+part, w))
			}
		}
		if room := m.height - 4; len(body) > room {
			body = append(body[:max(0, room-1)], "… (enlarge the window to see the rest)")
		}
		lines = append(lines, body...)
		keys := "enter save · 1-" + strconv.Itoa(len(m.fl.steps)) + " edit that step · shift+tab back · ctrl+c keep as draft"
		lines = append(lines, "", m.st.dim.Render(truncate(keys, w)))
		return strings.Join(lines, "\n")
	}
	head := fmt.Sprintf("Step %d of %d · %s", m.i+1, len(m.fl.steps), m.fl.steps[m.i].title)
	keys := "shift+tab/esc back · ctrl+c quit, keeping a draft"
	return m.st.header.Render(truncate(head, w)) + "\n" +
		strings.Join(trimBlank(strings.Split(m.form.View(), "\n")), "\n") + "\n" + m.st.dim.Render(truncate(keys, w))
}
