package questionnaire

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
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
}

// runSteps runs a wizard: full screen, or as plain prompts in accessible mode.
func runSteps(ctx context.Context, steps []step, o Options) error {
	if o.Accessible {
		return accessibleRun(o, new(sync.Mutex), func() error { return accessibleSteps(steps, o) })
	}
	_, err := runProgram(ctx, newStepsModel(steps, o), o, true)
	return err
}

func accessibleSteps(steps []step, o Options) error {
	w := o.Out
	r := &eofReader{r: o.In}
	theme := o.theme()
	st := newStyles(o)
	for i := 0; i < len(steps); i++ {
		s := steps[i]
		fmt.Fprintf(w, "Step %d of %d: %s\n\n", i+1, len(steps), s.title)
		for _, p := range s.build() {
			if p.hide != nil && p.hide() {
				continue
			}
			if p.title != "" && p.title != s.title {
				fmt.Fprintln(w, st.bold.Render(p.title))
			}
			if p.desc != "" {
				fmt.Fprintln(w, p.desc)
			}
			for _, f := range p.fields {
				f.WithTheme(theme)
				f.WithKeyMap(wizardKeymap())
				if err := f.RunAccessible(w, r); err != nil {
					return err
				}
				if r.eof {
					return ErrInterrupted
				}
			}
			fmt.Fprintln(w)
		}
		if s.after != nil && s.after() {
			i--
		}
	}
	return nil
}

// wizardKeymap lets multi-line text take Enter as a new line; Tab moves on.
func wizardKeymap() *huh.KeyMap {
	k := keymap()
	k.Text.NewLine = key.NewBinding(key.WithKeys("enter", "ctrl+j", "alt+enter"), key.WithHelp("enter", "new line"))
	k.Text.Next = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	k.Text.Submit = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next"))
	k.Text.Editor.SetEnabled(false) // $EDITOR may be anything; the field is enough
	return k
}

// stepsModel shows one step at a time as a huh form under a "Step 2 of 9" header.
type stepsModel struct {
	steps  []step
	i      int
	form   *huh.Form
	theme  *huh.Theme
	st     styles
	width  int
	height int

	initCmd tea.Cmd
	done    bool
}

func newStepsModel(steps []step, o Options) *stepsModel {
	m := &stepsModel{steps: steps, theme: o.theme(), st: newStyles(o), width: 80, height: 24}
	m.initCmd = m.build()
	return m
}

func (m *stepsModel) finished() bool { return m.done }
func (m *stepsModel) failure() error { return nil }

func (m *stepsModel) build() tea.Cmd {
	var groups []*huh.Group
	for _, p := range m.steps[m.i].build() {
		title := p.title
		if title == m.steps[m.i].title {
			title = "" // the step header already says it
		}
		g := huh.NewGroup(p.fields...).Title(title).Description(p.desc)
		if p.hide != nil {
			g.WithHideFunc(p.hide)
		}
		groups = append(groups, g)
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
	// The step header and the quit hint take a line each; huh adds a blank line above
	// its help.
	m.form.Update(tea.WindowSizeMsg{Width: m.width - 1, Height: m.height - 3})
}

func (m *stepsModel) Init() tea.Cmd { return m.initCmd }

func (m *stepsModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
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
	}
	later := settle(m.feed(msg), m.feed)
	if m.form.State != huh.StateCompleted {
		return m, later
	}
	if a := m.steps[m.i].after; a == nil || !a() {
		m.i++
	}
	if m.i == len(m.steps) {
		m.done = true
		return m, tea.Quit
	}
	return m, tea.Batch(later, m.build())
}

func (m *stepsModel) View() string {
	if m.done {
		return ""
	}
	head := fmt.Sprintf("Step %d of %d · %s", m.i+1, len(m.steps), m.steps[m.i].title)
	keys := "ctrl+c quit without saving"
	return m.st.header.Render(truncate(head, m.width-1)) + "\n" +
		strings.TrimRight(m.form.View(), "\n") + "\n" + m.st.dim.Render(keys)
}
