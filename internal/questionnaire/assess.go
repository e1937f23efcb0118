package questionnaire

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"charm.land/huh/v2"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// AssessConfig is everything the questionnaire needs; it reads no file itself.
type AssessConfig struct {
	Catalogue *catalogue.Catalogue
	Scope     answers.Scope
	Answers   map[string]answers.Answer // by canonical control id; not modified
	Employees int                       // > 50 shows the large-company guidance
	Today     string                    // YYYY-MM-DD, written to each answer's `updated`
	Path      string                    // the answers file, for the commands shown to the user

	Section string // ask only this criterion group (CC6, A1, P4 ...); "" for all
	Mode    Mode
	// Severities, when set, asks only the controls of these severities (a first pass
	// through the critical and high ones).
	Severities []string

	// OnAnswer is called after each answered question, before the next is shown; the
	// caller saves the file there. An error ends the session with that error.
	OnAnswer func(id string, a answers.Answer) error
}

// Assessment is a questionnaire session.
type Assessment struct {
	cfg      AssessConfig
	sections []Section
	stops    []stop
	start    int
	total    int // questions in all sections, whatever this session asks

	answers map[string]answers.Answer
	result  *scoring.Result
	saved   int
	saveMu  sync.Mutex
	stopped bool         // interrupted: no save after that
	current *controlForm // accessible mode: the question being asked

	// Kept describes the answer saved as it stood when the session was interrupted
	// ("" when there was none); Lost lists what could not be kept with it.
	Kept string
	Lost []string
}

// NewAssessment plans a session. It fails on a --section that is unknown or out of scope.
func NewAssessment(cfg AssessConfig) (*Assessment, error) {
	a := &Assessment{cfg: cfg, answers: map[string]answers.Answer{}}
	for id, ans := range cfg.Answers {
		a.answers[id] = ans
	}
	a.sections = Sections(cfg.Catalogue, cfg.Scope, a.answers)
	for _, s := range a.sections {
		a.total += len(s.Controls)
	}
	only := ""
	if cfg.Section != "" {
		var err error
		if only, err = findSection(cfg.Catalogue, cfg.Scope, a.sections, cfg.Section); err != nil {
			return nil, err
		}
	}
	a.stops, a.start = plan(a.sections, only, cfg.Mode, a.answers, cfg.Severities)
	a.rescore()
	return a, nil
}

// Questions is how many questions this session will ask.
func (a *Assessment) Questions() int { return len(a.stops) }

// Total is how many questions the whole assessment has.
func (a *Assessment) Total() int { return a.total }

// Answered counts the questions of the assessment that have an answer.
func (a *Assessment) Answered() int {
	n := 0
	for _, s := range a.sections {
		for _, c := range s.Controls {
			if _, ok := a.answers[c.ID]; ok {
				n++
			}
		}
	}
	return n
}

// Saved is how many answers this session recorded.
func (a *Assessment) Saved() int { return a.saved }

// Result is the assessment scored with the answers so far.
func (a *Assessment) Result() *scoring.Result { return a.result }

func (a *Assessment) rescore() {
	a.result = scoring.Assess(scoring.Input{Catalogue: a.cfg.Catalogue, Scope: a.cfg.Scope, Answers: a.answers})
}

// commit records one answer: the callback saves it, then the running score moves.
func (a *Assessment) commit(id string, ans answers.Answer) error {
	a.saveMu.Lock()
	defer a.saveMu.Unlock()
	return a.commitLocked(id, ans)
}

// keepPartial saves what the person chose and typed for the question on screen when
// the session is interrupted, and stops further saves.
func (a *Assessment) keepPartial(c *controlForm) error {
	a.saveMu.Lock()
	defer a.saveMu.Unlock()
	if a.stopped || c == nil {
		return nil
	}
	ans, changed, lost := c.partial()
	a.Lost = lost
	if !changed {
		a.stopped = true
		return nil
	}
	err := a.commitLocked(c.ctl.ID, ans)
	a.stopped = true
	if err != nil {
		return err
	}
	a.Kept = fmt.Sprintf("%s kept as entered (%s)", c.ctl.ID, describe(ans))
	return nil
}

// describe says in a few words what an answer holds.
func describe(a answers.Answer) string {
	parts := []string{StatusLabel(a.Status)}
	for _, f := range []struct{ name, v string }{{"owner", a.Owner}, {"due", a.Due}, {"reason", a.NAReason}} {
		if f.v != "" {
			parts = append(parts, f.name+" "+f.v)
		}
	}
	if a.Note != "" {
		parts = append(parts, "note")
	}
	return strings.Join(parts, ", ")
}

func (a *Assessment) commitLocked(id string, ans answers.Answer) error {
	if a.stopped {
		return ErrInterrupted
	}
	ans.Updated = a.cfg.Today
	if a.cfg.OnAnswer != nil {
		if err := a.cfg.OnAnswer(id, ans); err != nil {
			return err
		}
	}
	a.answers[id] = ans
	a.saved++
	a.rescore()
	return nil
}

// Run asks the questions on the terminal. It returns ErrInterrupted when the user stops
// early (every answer given was already handed to OnAnswer), or the error OnAnswer
// returned.
func (a *Assessment) Run(ctx context.Context, o Options) error {
	if len(a.stops) == 0 {
		return nil
	}
	if o.Accessible {
		return accessibleRun(o, func() {
			a.saveMu.Lock()
			c := a.current
			a.saveMu.Unlock()
			_ = a.keepPartial(c) // sets stopped: the abandoned prompt saves nothing more
		}, func() error { return a.runAccessible(o) })
	}
	_, err := runProgram(ctx, newAssessModel(a, o), o)
	return err
}

func (a *Assessment) groupScore(section int) *scoring.GroupResult {
	for _, g := range a.result.Groups {
		if g.ID == a.sections[section].ID {
			return g
		}
	}
	return nil
}

// position is the "where am I" line: CC6 Logical and Physical Access Controls · 4/14
// sections · 57/163 answered.
func (a *Assessment) position(section int) (title, counts string) {
	s := a.sections[section]
	return inert(s.ID + " " + s.Name), fmt.Sprintf("%d/%d sections · %d/%d answered", section+1, len(a.sections), a.Answered(), a.total)
}

// scoreLine is the running score: overall and for one section.
func (a *Assessment) scoreLine(section int) string {
	r := a.result
	line := fmt.Sprintf("Score %.1f (%s)", r.Overall.Value, strings.ToLower(r.Band.Name))
	if g := a.groupScore(section); g != nil {
		line += fmt.Sprintf(" · %s %.1f", g.ID, g.Score.Value)
	}
	return line
}

// sectionDone describes a finished section and what comes next.
func (a *Assessment) sectionDone(section, next int) []string {
	s := a.sections[section]
	out := []string{inert(fmt.Sprintf("%s %s: section done", s.ID, s.Name))}
	// Count the questions of this section only; the group's score also weighs controls
	// asked in other sections, so it is given as a score, not as counts.
	n := map[answers.Status]int{}
	for _, c := range s.Controls {
		n[a.answers[c.ID].Status]++
	}
	line := fmt.Sprintf("This section's %d %s: %d implemented, %d partial, %d planned or missing, %d not applicable, %d open.",
		len(s.Controls), plural(len(s.Controls), "question", "questions"), n[answers.Implemented], n[answers.Partial], n[answers.Planned]+n[answers.Missing], n[answers.NotApplicable], n[noStatus])
	if g := a.groupScore(section); g != nil {
		line += fmt.Sprintf(" %s score %.1f.", s.ID, g.Score.Value)
	}
	out = append(out, line)
	out = append(out, fmt.Sprintf("Overall score %.1f (%s), %d of %d questions answered.",
		a.result.Overall.Value, strings.ToLower(a.result.Band.Name), a.Answered(), a.total))
	if next >= 0 {
		n := a.sections[next]
		left := 0
		for _, st := range a.stops {
			if st.section == next {
				left++
			}
		}
		out = append(out, inert(fmt.Sprintf("Next: %s %s (%d %s).", n.ID, n.Name, left, plural(left, "question", "questions"))))
	}
	return out
}

// Summary is the closing screen: the score, the top gaps and what to run next.
func (a *Assessment) Summary() string {
	var b strings.Builder
	r := a.result
	fmt.Fprintf(&b, "%s: %d of %d questions answered (%d in this session)\n", a.cfg.Path, a.Answered(), a.total, a.saved)
	fmt.Fprintf(&b, "Readiness score %.1f: %s\n", r.Overall.Value, strings.ToLower(r.Band.Name))
	if len(r.Gaps) > 0 {
		fmt.Fprintf(&b, "Top gaps (%d in all, about %s person-days):\n", len(r.Gaps), trimFloat(r.RemainingEffort()))
		top := r.Gaps[:min(5, len(r.Gaps))]
		idw := 0
		for _, g := range top {
			idw = max(idw, len(g.Control.ID))
		}
		for _, g := range top {
			line := inert(fmt.Sprintf("  %-*s  %s, %s: %s", idw, g.Control.ID, g.Control.Severity, StatusLabel(g.Status), g.Control.Title))
			b.WriteString(truncate(line, 79) + "\n")
		}
	}
	if open := a.total - a.Answered(); open > 0 {
		fmt.Fprintf(&b, "%d %s still open: soc2ready assess --unanswered -a %s\n", open, plural(open, "question is", "questions are"), shellQuote(a.cfg.Path))
	}
	fmt.Fprintf(&b, "Next: soc2ready report -a %s -o readiness.md\n", shellQuote(a.cfg.Path))
	return inert(b.String()) // the path and control titles came from input

}

// ResumeCommand is how to carry on after an interrupt.
func ResumeCommand(path string) string {
	return "soc2ready assess --unanswered -a " + shellQuote(path)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// shellQuote quotes a path for a command line the user may copy.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+:@=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// runAccessible asks the questions as numbered prompts, one line each.
func (a *Assessment) runAccessible(o Options) error {
	w := o.plainOut()
	r := &eofReader{r: o.In}
	theme := o.theme()
	prevSection := -1
	for i := a.start; i < len(a.stops); i++ {
		s := a.stops[i]
		if s.section != prevSection {
			if prevSection >= 0 {
				fmt.Fprintln(w, strings.Join(a.sectionDone(prevSection, -1), "\n"))
				fmt.Fprintln(w)
			}
			title, counts := a.position(s.section)
			fmt.Fprintf(w, "Section %s · %s\n\n", title, counts)
			prevSection = s.section
		}
		ctl := s.control
		prev, answered := a.answers[ctl.ID]
		c := newControlForm(ctl, prev, answered, true, a.cfg.Scope.ReportType == answers.Type2)
		fmt.Fprintf(w, "Question %d of %d: %s\n", i-a.start+1, len(a.stops)-a.start, inert(fmt.Sprintf("%s, %s (%s)", ctl.ID, ctl.Title, ctl.Severity)))
		fmt.Fprintln(w, inert(ctl.Question))
		if answered {
			fmt.Fprintf(w, "Current answer: %s.\n", StatusLabel(prev.Status))
		}
		for {
			sel := accessibleStatus(prev.Status, answered, theme)
			_ = sel.RunAccessible(w, r)
			if r.eof {
				return ErrInterrupted
			}
			v, _ := sel.GetValue().(string)
			if v != "?guidance" {
				if v != "?skip" {
					c.status, c.picked = answers.Status(v), true
					a.setCurrent(c)
				}
				break
			}
			head, text := guidance(ctl, a.cfg.Employees)
			fmt.Fprintf(w, "%s: %s\n", head, text)
			if req := evidenceRequest(ctl); req != "" {
				fmt.Fprintln(w, req)
			}
			fmt.Fprintln(w)
		}
		if !c.picked {
			fmt.Fprintln(w)
			continue
		}
		var more []huh.Field
		switch {
		case c.status.IsGap():
			more = []huh.Field{c.ownerField, c.dueField}
		case c.status == answers.NotApplicable:
			more = []huh.Field{c.reasonField}
		case c.status == answers.Implemented:
			more = []huh.Field{c.evRefField, c.evDateField}
		}
		if c.asksOperation() {
			more = append(more, c.opSinceField, c.excDateField, c.excDescField)
		}
		if c.status == answers.Implemented && c.prev.Status != answers.Implemented && c.hasGap() {
			more = append(more, c.clearField)
		}
		more = append(more, c.noteField)
		for _, f := range more {
			if f == c.noteField && c.status == answers.Implemented && c.clearGap {
				continue
			}
			f.WithTheme(theme)
			_ = f.RunAccessible(w, r)
			if r.eof {
				return ErrInterrupted
			}
			a.setCurrent(c)
		}
		ans, changed := c.answer()
		if changed {
			if err := a.commit(ctl.ID, ans); err != nil {
				return err
			}
			fmt.Fprintf(w, "Saved %s as %s. %s\n\n", ctl.ID, StatusLabel(ans.Status), a.scoreLine(s.section))
		} else {
			fmt.Fprintf(w, "%s unchanged.\n\n", ctl.ID)
		}
		a.setCurrent(nil)
	}
	if prevSection >= 0 {
		fmt.Fprintln(w, strings.Join(a.sectionDone(prevSection, -1), "\n"))
		fmt.Fprintln(w)
	}
	return nil
}

// setCurrent notes, for an interrupt, the answer given so far to the question being
// asked in accessible mode. It keeps a copy: the prompt goes on writing into c.
func (a *Assessment) setCurrent(c *controlForm) {
	var snap *controlForm
	if c != nil {
		cp := *c
		snap = &cp
	}
	a.saveMu.Lock()
	a.current = snap
	a.saveMu.Unlock()
}

// accessibleStatus is the numbered status prompt, with the guidance and a skip as two
// more numbers. Enter alone keeps the current answer, or skips an unanswered question,
// so it never records a status nobody chose. The value is always bound: a Select
// without one has no default for an empty line.
func accessibleStatus(current answers.Status, answered bool, theme huh.Theme) *huh.Select[string] {
	opts := make([]huh.Option[string], 0, len(statusChoices)+2)
	for _, s := range statusChoices {
		opts = append(opts, huh.NewOption(s.label+": "+s.hint, string(s.status)))
	}
	opts = append(opts, huh.NewOption("show the guidance and what the auditor asks for", "?guidance"), huh.NewOption("skip this question for now", "?skip"))
	v, title := "?skip", "Status (Enter alone skips the question and records nothing)"
	if answered {
		v, title = string(current), "Status (Enter keeps "+StatusLabel(current)+")"
	}
	sel := huh.NewSelect[string]().Title(title).Options(opts...).Value(&v)
	sel.WithTheme(theme)
	return sel
}
