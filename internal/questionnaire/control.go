package questionnaire

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// statusChoices are the answers to a control question, in the order of
// answers.Statuses; the digit before each is its shortcut key.
var statusChoices = []struct {
	status      answers.Status
	label, hint string
}{
	{answers.Implemented, "implemented", "in place and operating"},
	{answers.Partial, "partial", "in place for some systems, people or periods"},
	{answers.Planned, "planned", "decided and scheduled, not in place yet"},
	{answers.Missing, "missing", "not in place, no plan yet"},
	{answers.NotApplicable, "not applicable", "does not apply to this system (say why)"},
}

// StatusLabel is how a status reads on screen.
func StatusLabel(status answers.Status) string {
	for _, c := range statusChoices {
		if c.status == status {
			return c.label
		}
	}
	if status == "" {
		return "no answer"
	}
	return string(status)
}

// controlForm holds the fields of one control's question and the values bound to them.
//
// The rule it serves: what a person typed or chose is kept unless they discard it. So
// it remembers what each field showed when the question opened (a field left alone
// keeps the file's exact value, multi-line notes included), and whether the status was
// picked by the person (the list has no status selected until then).
type controlForm struct {
	ctl      *catalogue.Control
	prev     answers.Answer
	answered bool

	status                                  answers.Status
	note, owner, due, reason, evRef, evDate string
	opSince, excDate, excDesc               string // Type 2 only
	type2                                   bool
	picked                                  bool // the person chose a status in this form
	clearGap                                bool // implemented: drop the old gap note, owner and due date

	shown controlValues // what the fields held when the question opened

	statusField *huh.Select[answers.Status]
	noteField   huh.Field
	ownerField  *huh.Input
	dueField    *huh.Input
	reasonField *huh.Input
	evRefField  *huh.Input
	evDateField *huh.Input
	clearField  *huh.Confirm
	// Type 2: when the control began operating, and a deviation already known.
	opSinceField, excDateField, excDescField *huh.Input
}

type controlValues struct{ note, owner, due, reason, opSince string }

// noStatus is the status list's first entry while a question has no answer: the cursor
// rests there, so nothing looks chosen and Enter alone records nothing.
const noStatus answers.Status = ""

func newControlForm(ctl *catalogue.Control, prev answers.Answer, answered, accessible, type2 bool) *controlForm {
	c := &controlForm{ctl: ctl, prev: prev, answered: answered, type2: type2,
		status: prev.Status, note: inert(prev.Note), owner: inert(prev.Owner), due: inert(prev.Due), reason: inert(prev.NAReason),
		opSince: inert(prev.OperatingSince)}
	var opts []huh.Option[answers.Status]
	if !answered {
		opts = append(opts, huh.NewOption("  (no answer yet: pick 1-5, or Enter to leave it open)", noStatus))
	}
	for i, s := range statusChoices {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%d %-15s %s", i+1, s.label, s.hint), s.status))
	}
	c.statusField = huh.NewSelect[answers.Status]().Title("Status").Options(opts...).Value(&c.status)
	if accessible {
		c.noteField = textField(accessible, "Note", "optional: what is in place, what is missing", &c.note, nil)
	} else {
		// A note may span lines (the file may hold one already): alt+enter adds a line.
		c.noteField = huh.NewText().Title("Note").Placeholder("optional: what is in place, what is missing (alt+enter: new line)").
			Lines(3).ShowLineNumbers(false).Value(&c.note)
	}
	c.ownerField = textField(accessible, "Owner", "optional: who closes the gap", &c.owner, nil)
	c.dueField = textField(accessible, "Due date", "optional: YYYY-MM-DD", &c.due, validDue)
	c.reasonField = textField(accessible, "Why does it not apply?", "required: auditors ask", &c.reason, required("give the reason; auditors ask why a control does not apply"))
	c.evRefField = textField(accessible, "Evidence to add", "optional: a link, ticket or file name the auditor can inspect", &c.evRef, nil)
	c.evDateField = textField(accessible, "Evidence date", "optional: YYYY-MM-DD, when it was produced", &c.evDate, validDue)
	c.clearField = huh.NewConfirm().Title("Clear the old gap note, owner and due date?").
		Description(c.gapSummary()).Affirmative("Clear").Negative("Keep").Value(&c.clearGap).WithButtonAlignment(lipgloss.Left)
	c.opSinceField = textField(accessible, "Operating since", "optional: YYYY-MM-DD, when it began to run as described (Type 2)", &c.opSince, validDue)
	c.excDateField = textField(accessible, "Known exception: date", "optional: YYYY-MM-DD of a deviation the auditor will find", &c.excDate, validDue)
	c.excDescField = textField(accessible, "Known exception: what happened", "optional: e.g. quarterly review done 3 weeks late", &c.excDesc, func(s string) error {
		if strings.TrimSpace(s) != "" && strings.TrimSpace(c.excDate) == "" {
			return errors.New("give the exception's date first (shift+tab)")
		}
		return nil
	})
	c.shown = controlValues{c.note, c.owner, c.due, c.reason, c.opSince}
	return c
}

// hasGap reports whether the previous answer carries gap fields an implemented control
// no longer needs.
func (c *controlForm) hasGap() bool {
	return c.prev.Note != "" || c.prev.Owner != "" || c.prev.Due != ""
}

func (c *controlForm) gapSummary() string {
	var parts []string
	if c.prev.Owner != "" {
		parts = append(parts, "owner "+c.prev.Owner)
	}
	if c.prev.Due != "" {
		parts = append(parts, "due "+c.prev.Due)
	}
	if c.prev.Note != "" {
		parts = append(parts, "note "+truncate(strings.ReplaceAll(c.prev.Note, "\n", " "), 40))
	}
	return inert("Recorded now: " + strings.Join(parts, ", ") + ".")
}

// textField is a one-line input. In accessible mode huh shows no pre-filled value and
// validates the raw line before falling back to it, so the current value goes in the
// title and an empty line passes validation when there is one.
func textField(accessible bool, title, placeholder string, v *string, validate func(string) error) *huh.Input {
	in := huh.NewInput().Title(title).Placeholder(placeholder)
	if accessible {
		hint := strings.TrimPrefix(placeholder, "optional: ")
		if *v != "" {
			in.Title(fmt.Sprintf("%s [Enter keeps %q]:", title, *v))
		} else {
			in.Title(fmt.Sprintf("%s (%s):", title, hint))
		}
	}
	if validate != nil {
		prefilled := *v != ""
		in.Validate(func(s string) error {
			if accessible && strings.TrimSpace(s) == "" && prefilled {
				return nil
			}
			return validate(s)
		})
	}
	return in.Value(v)
}

func validDue(s string) error {
	s = strings.TrimSpace(s)
	if s == "" || answers.ValidDate(s) {
		return nil
	}
	return errors.New("write the date as YYYY-MM-DD, e.g. 2027-03-31")
}

func required(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(msg)
		}
		return nil
	}
}

// form lays the fields out for the full-screen questionnaire: the status first; for a
// gap the owner and due date, for not_applicable the reason, for implemented the
// evidence (and the offer to clear an old gap); then the note.
func (c *controlForm) form(theme huh.Theme) *huh.Form {
	f := huh.NewForm(
		huh.NewGroup(c.statusField),
		huh.NewGroup(c.ownerField, c.dueField).WithHideFunc(func() bool { return !c.status.IsGap() }),
		huh.NewGroup(c.reasonField).WithHideFunc(func() bool { return c.status != answers.NotApplicable }),
		huh.NewGroup(c.evRefField, c.evDateField).WithHideFunc(func() bool { return c.status != answers.Implemented }),
		huh.NewGroup(c.opSinceField, c.excDateField, c.excDescField).WithHideFunc(func() bool { return !c.asksOperation() }),
		huh.NewGroup(c.clearField).WithHideFunc(func() bool {
			return c.status != answers.Implemented || c.prev.Status == answers.Implemented || !c.hasGap()
		}),
		huh.NewGroup(c.noteField).WithHideFunc(func() bool { return c.status == answers.Implemented && c.clearGap }),
	).WithShowHelp(false).WithTheme(theme).WithKeyMap(keymap())
	return f
}

// asksOperation reports whether the Type 2 questions apply: a control that operates.
func (c *controlForm) asksOperation() bool {
	return c.type2 && c.status.InPlace()
}

// keep returns the file's value when the field still shows what it showed at the start,
// so an untouched field keeps its exact text (the field showed it made inert); otherwise
// the trimmed new text.
func keep(now, shown, file string) string {
	if now == shown {
		return file
	}
	return strings.TrimSpace(now)
}

// dirty reports whether the person chose or typed anything in this form that the file
// does not hold yet (keeping the recorded status is no change).
func (c *controlForm) dirty() bool {
	return (c.picked && (!c.answered || c.status != c.prev.Status)) || c.note != c.shown.note || c.owner != c.shown.owner || c.due != c.shown.due ||
		c.reason != c.shown.reason || strings.TrimSpace(c.evRef) != "" || strings.TrimSpace(c.evDate) != "" ||
		c.opSince != c.shown.opSince || strings.TrimSpace(c.excDate) != "" || strings.TrimSpace(c.excDesc) != ""
}

// answer is the answer the form now holds, and whether it differs from the one before.
// Fields that do not belong to the status (a reason on an implemented control) are
// dropped; evidence typed is added to the list.
func (c *controlForm) answer() (answers.Answer, bool) {
	a := c.prev
	if c.status == noStatus {
		return a, false
	}
	a.Status = c.status
	a.Note = keep(c.note, c.shown.note, c.prev.Note)
	a.Owner = keep(c.owner, c.shown.owner, c.prev.Owner)
	a.Due = keep(c.due, c.shown.due, c.prev.Due)
	a.NAReason = ""
	if c.status == answers.NotApplicable {
		a.NAReason = keep(c.reason, c.shown.reason, c.prev.NAReason)
	}
	if c.status == answers.Implemented && c.clearGap {
		a.Note, a.Owner, a.Due = "", "", ""
	}
	if ref := strings.TrimSpace(c.evRef); ref != "" && c.status == answers.Implemented {
		a.Evidence = append(append([]answers.Evidence(nil), c.prev.Evidence...), answers.Evidence{Ref: ref, Date: strings.TrimSpace(c.evDate)})
	}
	if c.asksOperation() {
		a.OperatingSince = keep(c.opSince, c.shown.opSince, c.prev.OperatingSince)
		if d, what := strings.TrimSpace(c.excDate), strings.TrimSpace(c.excDesc); d != "" && what != "" {
			a.Exceptions = append(append([]answers.Exception(nil), c.prev.Exceptions...), answers.Exception{Date: d, Description: what})
		}
	}
	changed := !c.answered || a.Status != c.prev.Status || a.Note != c.prev.Note || a.Owner != c.prev.Owner ||
		a.Due != c.prev.Due || a.NAReason != c.prev.NAReason || len(a.Evidence) != len(c.prev.Evidence) ||
		a.OperatingSince != c.prev.OperatingSince || len(a.Exceptions) != len(c.prev.Exceptions)
	return a, changed
}

// partial is what an interrupted form keeps: the status chosen and the fields typed so
// far. A value the file cannot hold yet (a due date half typed, not_applicable without
// its reason) is left out and named in lost.
func (c *controlForm) partial() (a answers.Answer, changed bool, lost []string) {
	if c.status == noStatus || (!c.picked && !c.dirty()) {
		return c.prev, false, nil
	}
	if !c.picked && !c.answered {
		return c.prev, false, nil
	}
	if validDue(c.due) != nil {
		lost = append(lost, fmt.Sprintf("due date %q (not YYYY-MM-DD)", strings.TrimSpace(c.due)))
		c.due = c.shown.due
	}
	if validDue(c.evDate) != nil {
		lost = append(lost, fmt.Sprintf("evidence date %q (not YYYY-MM-DD)", strings.TrimSpace(c.evDate)))
		c.evDate = ""
	}
	if validDue(c.opSince) != nil {
		lost = append(lost, fmt.Sprintf("operating since %q (not YYYY-MM-DD)", strings.TrimSpace(c.opSince)))
		c.opSince = c.shown.opSince
	}
	if d, what := strings.TrimSpace(c.excDate), strings.TrimSpace(c.excDesc); (d == "") != (what == "") || validDue(d) != nil {
		if d != "" || what != "" {
			lost = append(lost, fmt.Sprintf("the exception half entered (%q, %q)", d, what))
		}
		c.excDate, c.excDesc = "", ""
	}
	if (answers.Answer{Status: c.status, NAReason: c.reason}).MissingReason() {
		if !c.answered || c.prev.Status != answers.NotApplicable {
			// The file cannot say not_applicable without a reason: keep the rest.
			lost = append(lost, "status not applicable (no reason given yet)")
			c.status = c.prev.Status
			if !c.answered {
				return c.prev, false, lost
			}
		}
	}
	a, changed = c.answer()
	return a, changed, lost
}

// guidance picks the small- or large-company guidance by headcount.
func guidance(ctl *catalogue.Control, employees int) (string, string) {
	if catalogue.IsSmall(employees) {
		return "Guidance for a small company", inert(ctl.Guidance.Small)
	}
	return "Guidance for a larger company", inert(ctl.Guidance.Large)
}

// evidenceRequest is what the auditor will ask to see for the control.
func evidenceRequest(ctl *catalogue.Control) string {
	var parts []string
	if len(ctl.Evidence.Artefacts) > 0 {
		parts = append(parts, strings.Join(ctl.Evidence.Artefacts, "; ")+".")
	}
	if p := strings.TrimSpace(ctl.Evidence.Population); p != "" {
		parts = append(parts, "Population sampled: "+p)
	}
	if len(parts) == 0 {
		return ""
	}
	return inert("The auditor will ask for: " + strings.Join(parts, " "))
}
