package questionnaire

import (
	"reflect"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// hostile carries what must never reach the terminal from input: an OSC 52 clipboard
// write, a screen clear, a C1 CSI, a bidi override and a zero-width space.
const hostile = "x\x1b]52;c;aGk=\x07\x1b[2J\u009b2J\u202eevil\u200by"

// raw are the pieces of hostile that would act on a terminal if drawn as they are.
var raw = []string{"\x1b]52;c;", "\x1b[2J", "\u009b", "\u202e", "\u200b", "\x07"}

// noRaw fails if the view, colours and all (not stripped), holds any raw piece of the
// hostile text; the UI's own styling escapes are allowed.
func noRaw(t *testing.T, d *driver) {
	t.Helper()
	v := d.m.View().Content
	for _, r := range raw {
		if strings.Contains(v, r) {
			t.Fatalf("the screen draws %q raw:\n%q", r, v)
		}
	}
}

func TestHostileCatalogueAndAnswersAreInertInAssess(t *testing.T) {
	cat := testCatalogue(t)
	ctl := cat.Control("GOV-A")
	ctl.Title, ctl.Question = "Title "+hostile, "Question "+hostile
	ctl.Guidance.Small, ctl.Guidance.Large = "Guide "+hostile, "Guide "+hostile
	ctl.Evidence.Artefacts = []string{"Artefact " + hostile}
	cat.Criterion("CC1.1").GroupName = "Group " + hostile
	prev := map[string]answers.Answer{"GOV-A": {Status: "partial", Owner: "Owner " + hostile, Due: "2027-01-31",
		Note: "Note " + hostile + "\nsecond line", Updated: "2026-01-02"}}
	var saved []string
	a, err := NewAssessment(AssessConfig{Catalogue: cat, Scope: secOnly, Answers: prev, Today: "2026-11-18",
		Path: "answers\x1b]52;c;.yaml", Mode: Review,
		OnAnswer: func(id string, ans answers.Answer) error { saved = append(saved, id); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	d := drive(t, newAssessModel(a, Options{}))
	// The text is there, written out visibly, and nothing of it acts on the terminal.
	d.see(`Title x\x1b]52;c;aGk=\x07\x1b[2J\x9b2J\u202eevil\u200by`, `Question x\x1b]52;c;`, `Group x\x1b]52`)
	noRaw(t, d)
	d.press("?")
	d.see("Guidance for a small company: Guide", "The auditor will ask for: Artefact")
	if n := strings.Count(d.screen(), `x\x1b]52;c;aGk=\x07`); n < 4 { // title, question, guidance, evidence
		t.Fatalf("the hostile text is shown %d times, want 4:\n%s", n, d.screen())
	}
	noRaw(t, d)
	d.press("?", "enter") // status kept: the owner field shows the file's owner, made inert
	d.see(`Owner x\x1b]52;c;`)
	noRaw(t, d)
	d.press("enter", "enter") // owner and due as they were: the note next
	d.see(`Note x\x1b]52;c;`)
	noRaw(t, d)
	d.press("enter") // note as it was
	d.see("Assessment done")
	noRaw(t, d)
	// Looking is not editing: the answer keeps its exact bytes, so nothing is saved.
	if len(saved) != 0 {
		t.Fatalf("untouched hostile answer rewritten: %v", saved)
	}
}

func TestEditedHostileFieldSavesWhatWasShown(t *testing.T) {
	prev := map[string]answers.Answer{"GOV-A": {Status: "partial", Owner: "Dana\u202e", Note: "n\x1b]52;c;", Updated: "2026-01-02"}}
	a, s := newSession(t, secOnly, prev, Review, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("enter", "!", "ctrl+s") // add to the owner: what is saved is what was on screen
	want := answers.Answer{Status: "partial", Owner: `Dana\u202e!`, Note: "n\x1b]52;c;", Updated: "2026-11-18"}
	if got := s.answers["GOV-A"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-A saved as %+v, want %+v (the untouched note keeps its bytes)", got, want)
	}
}

func TestHostileScopeIsInertInInitAndKeptExactly(t *testing.T) {
	cat := builtin(t)
	cat.Facts[0].Question = "Fact " + hostile
	for i := range cat.Categories {
		if cat.Categories[i].ID == "processing_integrity" {
			cat.Categories[i].Name = "Category " + hostile
		}
	}
	org := answers.Organization{Name: "Acme " + hostile, System: "Ledger", Services: "Payroll " + hostile, Employees: 80}
	scope := answers.Scope{
		Categories: []string{"security", "processing_integrity"},
		ReportType: "type1",
		Facts: map[string]bool{"has_office": true, "own_hardware": false, "develops_software": false,
			"processes_personal_data": true, "uses_contractors": false},
		Commitments: []string{"Commitment " + hostile, "plain one"},
		Components:  &answers.Components{Software: "Software " + hostile, Data: "payslips"},
		Subservice: []answers.SubserviceOrg{{Name: "GCP " + hostile, Services: "hosting " + hostile, Method: "inclusive",
			CSOCs: []string{"csoc " + hostile}}},
		CUECs: []string{"CUEC " + hostile},
	}
	w := newWizard(InitConfig{Catalogue: cat, Organization: org, Scope: scope, Today: "2026-11-18"}, false)
	m := newStepsModel(wizardFlow{steps: w.steps(), review: w.review}, Options{})
	d := drive(t, m)
	step := func(see string, keys ...string) {
		t.Helper()
		d.see(see)
		noRaw(t, d)
		d.press(keys...)
	}
	step(`Acme x\x1b]52;c;`, "enter", "enter", "tab", "enter")
	step("Customers rely on the correctness", "enter", "tab")
	step(`Category x\x1b]52;c;`, "enter")
	step(`Software x\x1b]52;c;`, "enter", "enter", "enter", "enter", "enter")
	step(`Fact x\x1b]52;c;`, "enter", "enter", "enter", "enter", "enter")
	step(`Now: GCP x\x1b]52;c;aGk=\x07\x1b[2J\x9b2J\u202eevil\u200by (hosting x\x1b]52;c;`, "enter") // Continue
	step(`CUEC x\x1b]52;c;`, "tab")
	step("Type 1 or Type 2?", "enter")
	step(`Acme x\x1b]52;c;`, "enter") // the review
	if !d.quit || !m.finished() {
		t.Fatalf("the wizard did not finish:\n%s", d.screen())
	}
	// Everything was shown inert and left alone: the file keeps its exact text.
	gotOrg, gotScope := w.result()
	if gotOrg != org || !reflect.DeepEqual(gotScope, scope) {
		t.Errorf("round trip changed the file:\n got %+v %+v\nwant %+v %+v", gotOrg, gotScope, org, scope)
	}
}
