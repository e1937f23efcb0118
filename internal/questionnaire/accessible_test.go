package questionnaire

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// terminalLines stands in for a terminal in its normal (cooked) mode: each read returns
// one line, as the user pressed Enter. huh's accessible prompts depend on that; a pipe
// that returns everything at once breaks them, which is why the cli never uses them
// without a terminal.
type terminalLines struct{ lines []string }

func (t *terminalLines) Read(p []byte) (int, error) {
	if len(t.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, t.lines[0]+"\n")
	t.lines = t.lines[1:]
	return n, nil
}

func TestAccessibleAssess(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	var out bytes.Buffer
	in := &terminalLines{lines: []string{
		"6", "1", "", "", "", // GOV-A: the guidance, then implemented, no evidence, no note
		"7",                     // GOV-B: skipped
		"5", "", "no staff", "", // COM-C: not applicable, the reason is required
		"4", "Dana", "2027-02-30", "2027-02-28", "mfa soon", // ACC-D: missing, a bad date re-asked
	}}
	err := a.runAccessible(Options{In: in, Out: &out, Accessible: true})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("end of input: err = %v, want ErrInterrupted", err)
	}
	want := map[string]answers.Answer{
		"GOV-A": {Status: "implemented", Updated: "2026-11-18"},
		"COM-C": {Status: "not_applicable", NAReason: "no staff", Updated: "2026-11-18"},
		"ACC-D": {Status: "missing", Owner: "Dana", Due: "2027-02-28", Note: "mfa soon", Updated: "2026-11-18"},
	}
	if !reflect.DeepEqual(s.answers, want) {
		t.Errorf("saved %+v\nwant %+v", s.answers, want)
	}
	text := ansi.Strip(out.String())
	for _, w := range []string{
		"Section CC1 Control Environment · 1/3 sections · 0/6 answered",
		"Question 1 of 6: GOV-A, Critical governance (critical)",
		"Guidance for a small company: Small: the founders review security monthly.",
		"Saved GOV-A as implemented. Score",
		"give the reason; auditors ask",
		"write the date as YYYY-MM-DD",
		"CC2 Information and Communication: section done",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
}

func TestAccessibleAssessKeepsAnswerOnEnter(t *testing.T) {
	prev := map[string]answers.Answer{"GOV-A": {Status: "partial", Owner: "Dana", Note: "half"}}
	a, s := newSession(t, secOnly, prev, Review, "")
	var out bytes.Buffer
	// Enter keeps the status, the owner, the (empty) due date and the note.
	in := &terminalLines{lines: []string{"", "", "", ""}}
	if err := a.runAccessible(Options{In: in, Out: &out, Accessible: true}); err != nil {
		t.Fatal(err)
	}
	if len(s.ids) != 0 {
		t.Errorf("unchanged answer saved: %v", s.ids)
	}
	if text := out.String(); !strings.Contains(text, `Owner [Enter keeps "Dana"]:`) || !strings.Contains(text, "GOV-A unchanged.") {
		t.Errorf("output:\n%s", text)
	}
}

func TestAccessibleWizard(t *testing.T) {
	cat := builtin(t)
	w := newWizard(InitConfig{Catalogue: cat, New: true, Today: "2026-11-18", Scope: answers.Scope{Categories: []string{"security"}}}, true)
	var out bytes.Buffer
	in := &terminalLines{lines: []string{
		"", "Acme", "Acme Cloud", "", "12", // name is required: asked again
		"1", "0", // commitments: uptime, done
		"99.9% uptime; monthly", "", // commitments: one item, its ";" kept
		"0",                   // categories: keep the recommended ones
		"AWS", "", "", "", "", // components
		"n", "", "", "", "", // facts: no office
		"", "AWS", "hosting", "", // add a subservice organisation (carve-out)
		"Physical access to data centres", "", // its csocs
		"1",                                                     // continue
		"Customers remove leavers", "Customers rotate keys", "", // CUECs
		"1", // Type 1
		"1", // review: save it
	}}
	if err := accessibleSteps(wizardFlow{steps: w.steps(), review: w.review}, Options{In: in, Out: &out, Accessible: true}); err != nil {
		t.Fatal(err)
	}
	org, scope := w.result()
	if org.Name != "Acme" || org.Employees != 12 {
		t.Errorf("organisation %+v", org)
	}
	if !reflect.DeepEqual(scope.Categories, []string{"security", "availability"}) || scope.ReportType != "type1" || scope.ObservationPeriod != nil {
		t.Errorf("scope %+v", scope)
	}
	if !reflect.DeepEqual(scope.CUECs, []string{"Customers remove leavers", "Customers rotate keys"}) {
		t.Errorf("CUECs %q", scope.CUECs)
	}
	if !reflect.DeepEqual(scope.Commitments, []string{"99.9% uptime; monthly"}) {
		t.Errorf("commitments %q", scope.Commitments)
	}
	if !reflect.DeepEqual(scope.Subservice, []answers.SubserviceOrg{{Name: "AWS", Services: "hosting", Method: "carve_out", CSOCs: []string{"Physical access to data centres"}}}) {
		t.Errorf("subservice %+v", scope.Subservice)
	}
	if scope.Facts["has_office"] || !scope.Facts["develops_software"] {
		t.Errorf("facts %v", scope.Facts)
	}
	if text := out.String(); !strings.Contains(text, "the organisation needs a name") || !strings.Contains(text, "Step 9 of 9: Report type") ||
		!strings.Contains(text, "Review before saving") {
		t.Errorf("output:\n%s", text)
	}
}

func TestAccessibleWizardStopsAtEndOfInput(t *testing.T) {
	w := newWizard(InitConfig{Catalogue: builtin(t), New: true}, true)
	var out bytes.Buffer
	err := accessibleSteps(wizardFlow{steps: w.steps(), review: w.review}, Options{In: &terminalLines{lines: []string{"Acme"}}, Out: &out, Accessible: true})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
}
