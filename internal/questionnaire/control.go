package questionnaire

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// statusChoices are the answers to a control question, in the order of
// answers.Statuses; the digit before each is its shortcut key.
var statusChoices = []struct{ status, label, hint string }{
	{"implemented", "implemented", "in place and operating"},
	{"partial", "partial", "in place for some systems, people or periods"},
	{"planned", "planned", "decided and scheduled, not in place yet"},
	{"missing", "missing", "not in place, no plan yet"},
	{"not_applicable", "not applicable", "does not apply to this system (say why)"},
}

// StatusLabel is how a status reads on screen.
func StatusLabel(status string) string {
	for _, c := range statusChoices {
		if c.status == status {
			return c.label
		}
	}
	return status
}

// open reports whether a status leaves a gap that needs an owner and a due date.
func open(status string) bool {
	return status == "partial" || status == "planned" || status == "missing"
}

// controlForm holds the fields of one control's question and the values bound to them.
type controlForm struct {
	ctl      *catalogue.Control
	prev     answers.Answer
	answered bool

	status, note, owner, due, reason string

	statusField *huh.Select[string]
	noteField   *huh.Input
	ownerField  *huh.Input
	dueField    *huh.Input
	reasonField *huh.Input
}

func newControlForm(ctl *catalogue.Control, prev answers.Answer, answered, accessible bool) *controlForm {
	c := &controlForm{ctl: ctl, prev: prev, answered: answered,
		status: prev.Status, note: prev.Note, owner: prev.Owner, due: prev.Due, reason: prev.NAReason}
	opts := make([]huh.Option[string], len(statusChoices))
	for i, s := range statusChoices {
		opts[i] = huh.NewOption(fmt.Sprintf("%d %-15s %s", i+1, s.label, s.hint), s.status)
	}
	c.statusField = huh.NewSelect[string]().Title("Status").Options(opts...).Value(&c.status)
	c.noteField = textField(accessible, "Note", "optional: what is in place, what is missing", &c.note, nil)
	c.ownerField = textField(accessible, "Owner", "optional: who closes the gap", &c.owner, nil)
	c.dueField = textField(accessible, "Due date", "optional: YYYY-MM-DD", &c.due, validDue)
	c.reasonField = textField(accessible, "Why does it not apply?", "required: auditors ask", &c.reason, required("give the reason; auditors ask why a control does not apply"))
	return c
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

// form lays the fields out for the full-screen questionnaire: the status first, then the
// owner and due date for a gap or the reason for not_applicable, then the note.
func (c *controlForm) form(theme *huh.Theme) *huh.Form {
	f := huh.NewForm(
		huh.NewGroup(c.statusField),
		huh.NewGroup(c.ownerField, c.dueField).WithHideFunc(func() bool { return !open(c.status) }),
		huh.NewGroup(c.reasonField).WithHideFunc(func() bool { return c.status != "not_applicable" }),
		huh.NewGroup(c.noteField),
	).WithShowHelp(false).WithTheme(theme).WithKeyMap(keymap())
	return f
}

// answer is the answer the form now holds, and whether it differs from the one before.
// Fields that do not belong to the status (a reason on an implemented control) are
// dropped; evidence is kept as it was.
func (c *controlForm) answer() (answers.Answer, bool) {
	a := c.prev
	a.Status = c.status
	a.Note = strings.TrimSpace(c.note)
	a.Owner = strings.TrimSpace(c.owner)
	a.Due = strings.TrimSpace(c.due)
	a.NAReason = ""
	if c.status == "not_applicable" {
		a.NAReason = strings.TrimSpace(c.reason)
	}
	changed := !c.answered || a.Status != c.prev.Status || a.Note != c.prev.Note || a.Owner != c.prev.Owner ||
		a.Due != c.prev.Due || a.NAReason != c.prev.NAReason
	return a, changed
}

// guidance picks the small- or large-company guidance by headcount.
func guidance(ctl *catalogue.Control, employees int) (string, string) {
	if employees > 50 {
		return "Guidance for a larger company", ctl.Guidance.Large
	}
	return "Guidance for a small company", ctl.Guidance.Small
}
