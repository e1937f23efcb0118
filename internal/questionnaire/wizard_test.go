package questionnaire

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
)

func builtin(t *testing.T) *catalogue.Catalogue {
	t.Helper()
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestWizardNewFile(t *testing.T) {
	cat := builtin(t)
	w := newWizard(InitConfig{Catalogue: cat, New: true, Today: "2026-11-18", Scope: answers.Scope{Categories: []string{"security"}}}, false)
	m := newStepsModel(wizardFlow{steps: w.steps(), review: w.review}, Options{NoColor: true})
	d := drive(t, m)

	d.see("Step 1 of 9 · Organisation", "Organisation name")
	d.press("enter")
	d.see("the organisation needs a name") // required
	d.press("Acme Ltd", "enter", "Acme Cloud", "enter", "Hosted invoicing", "tab", "twelve", "enter")
	d.see("give a whole number")
	d.send(backspaces(6)...)
	d.press("12", "enter")

	d.see("Step 2 of 9 · Commitments to customers", "An uptime SLA")
	d.press("x", "down", "down", "x", "enter") // uptime and personal data

	// Nothing is pre-filled: the commitments are the user's own words, one per line,
	// whatever punctuation they hold.
	d.see("Step 3 of 9")
	d.notSee("We commit", "privacy notice promises")
	d.press("99.9% uptime; monthly, for the Pro plan", "enter", "Personal data handled as our notice says", "tab")

	// The categories the commitments call for are ticked, with the reason shown.
	d.see("Step 4 of 9 · Trust services categories", "[•] Availability (recommended)", "[•] Privacy (recommended)",
		"• Availability, for an uptime promise. Customers rely on the service being")
	d.press("down", "x", "enter") // the user adds Confidentiality on top

	d.see("Step 5 of 9 · System components", "Infrastructure")
	d.press("AWS eu-west-1", "enter", "enter", "enter", "enter", "enter")

	d.see("Step 6 of 9 · Scope facts", "Does the company have an office")
	d.press("n", "enter", "enter", "enter", "enter") // no office; the rest as the catalogue defaults

	d.see("Step 7 of 9 · Subservice organisations", "None yet.")
	d.press("enter") // "Add one" is the default while there are none
	d.press("Amazon Web Services", "enter", "hosting", "enter", "enter")
	d.see("Controls you rely on them to operate (csocs)")
	d.press("Physical security of data centres", "enter", "Backups of the database", "tab")
	d.see("Now: Amazon Web Services (hosting, carve-out, 2 csocs).", "Edit Amazon Web Services", "Remove Amazon Web Services")
	d.press("enter") // Continue

	d.see("Step 8 of 9 · Complementary user entity controls")
	d.press("Customers remove their leavers", "enter", "Customers protect their API keys", "tab")

	d.see("Step 9 of 9 · Report type", "Recommended: Type 2.")
	d.press("enter")
	// The suggested period is a placeholder, not a value.
	d.see("Observation period", "e.g. 2026-12-01", "e.g. 2027-05-31")
	d.press("enter")
	d.see("write the date as YYYY-MM-DD")
	d.press("2026-12-01", "enter", "2026-11-30", "enter")
	d.see("the period must end after it starts")
	d.send(backspaces(10)...)
	d.press("2027-03-31", "enter")

	// Nothing is saved before the review.
	d.see("Review before saving", "1 Organisation: Acme Ltd · system Acme Cloud · headcount 12",
		"2-3 Commitments (2): 99.9% uptime; monthly, for the Pro plan | Personal", "    data handled as our notice says",
		"7 Subservice organisations: Amazon Web Services (carve-out, 2 csocs)",
		"9 Report: Type 2, observation period 2026-12-01 to 2027-03-31", "enter save")
	if d.quit {
		t.Fatal("the wizard ended before the review")
	}
	// A step picked from the review returns to it once done.
	d.press("1")
	d.see("Step 1 of 9 · Organisation", "Acme Ltd")
	d.press("enter", "enter", "tab", "enter")
	d.see("Review before saving", "1 Organisation: Acme Ltd")
	d.press("enter")
	if !d.quit || !m.finished() {
		t.Fatal("the wizard did not finish")
	}

	org, scope := w.result()
	if want := (answers.Organization{Name: "Acme Ltd", System: "Acme Cloud", Services: "Hosted invoicing", Employees: 12}); org != want {
		t.Errorf("organisation %+v, want %+v", org, want)
	}
	want := answers.Scope{
		Categories: []string{"security", "availability", "confidentiality", "privacy"},
		ReportType: "type2", ObservationPeriod: &answers.Period{Start: "2026-12-01", End: "2027-03-31"},
		Facts: map[string]bool{"has_office": false, "own_hardware": false, "develops_software": true,
			"processes_personal_data": true, "uses_contractors": true},
		Commitments: []string{"99.9% uptime; monthly, for the Pro plan", "Personal data handled as our notice says"},
		Components:  &answers.Components{Infrastructure: "AWS eu-west-1"},
		Subservice: []answers.SubserviceOrg{{Name: "Amazon Web Services", Services: "hosting", Method: "carve_out",
			CSOCs: []string{"Physical security of data centres", "Backups of the database"}}},
		CUECs: []string{"Customers remove their leavers", "Customers protect their API keys"},
	}
	if !reflect.DeepEqual(scope, want) {
		t.Errorf("scope\n got %+v\nwant %+v", scope, want)
	}
}

func TestWizardExistingFileKeepsEverything(t *testing.T) {
	cat := builtin(t)
	org := answers.Organization{Name: "Acme", System: "Ledger", Services: "Payroll", Employees: 80}
	scope := answers.Scope{
		Categories: []string{"security", "processing_integrity"},
		ReportType: "type1",
		Facts: map[string]bool{"has_office": true, "own_hardware": false, "develops_software": false,
			"processes_personal_data": true, "uses_contractors": false},
		Commitments: []string{"Payroll runs are correct to the cent."},
		Components:  &answers.Components{Software: "Ledger app", Data: "payslips"},
		Subservice:  []answers.SubserviceOrg{{Name: "GCP", Services: "hosting", Method: "inclusive", CSOCs: []string{"physical access"}}},
		CUECs:       []string{"Customers approve payroll runs"},
	}
	w := newWizard(InitConfig{Catalogue: cat, Organization: org, Scope: scope, Today: "2026-11-18"}, false)
	m := newStepsModel(wizardFlow{steps: w.steps(), review: w.review}, Options{NoColor: true})
	d := drive(t, m)
	d.see("Acme", "Ledger")
	d.press("enter", "enter", "tab", "enter") // organisation as it was
	d.see("[•] Customers rely on the correctness")
	d.press("enter", "tab")
	d.see("[•] Processing Integrity (recommended)")
	d.press("enter", "enter", "enter", "enter", "enter", "enter")
	d.press("enter", "enter", "enter", "enter", "enter")
	d.see("Now: GCP (hosting, inclusive, 1 csoc).")
	d.press("enter", "tab")
	d.see("Type 1 or Type 2?")
	d.press("enter") // Type 1 kept: no observation period asked
	d.see("Review before saving")
	d.press("enter")
	if !d.quit || !m.finished() {
		t.Fatalf("the wizard did not finish:\n%s", d.screen())
	}
	gotOrg, gotScope := w.result()
	if gotOrg != org || !reflect.DeepEqual(gotScope, scope) {
		t.Errorf("round trip changed the file:\n got %+v %+v\nwant %+v %+v", gotOrg, gotScope, org, scope)
	}
}

func TestWizardRemoveSubservice(t *testing.T) {
	cat := builtin(t)
	scope := answers.Scope{Categories: []string{"security"}, Subservice: []answers.SubserviceOrg{
		{Name: "AWS", Method: "carve_out"}, {Name: "Stripe", Method: "carve_out"}}}
	w := newWizard(InitConfig{Catalogue: cat, Organization: answers.Organization{Name: "A", System: "S"}, Scope: scope}, false)
	w.subservicePages()
	w.subAction = "remove:0"
	if !w.subserviceAfter() || len(w.subs) != 1 || w.subs[0].Name != "Stripe" {
		t.Fatalf("after removing AWS: %+v", w.subs)
	}
}

func TestWizardCtrlCStops(t *testing.T) {
	w := newWizard(InitConfig{Catalogue: builtin(t), New: true}, false)
	m := newStepsModel(wizardFlow{steps: w.steps(), review: w.review}, Options{NoColor: true})
	d := drive(t, m)
	d.press("Acme", "ctrl+c")
	if !d.quit || m.finished() {
		t.Fatal("ctrl+c did not stop the wizard unfinished")
	}
	// What was typed, even in a field not yet left, is in the draft.
	if org, _ := w.draft(); org.Name != "Acme" {
		t.Errorf("draft organisation %+v", org)
	}
}

func TestWizardBackAStepKeepsValues(t *testing.T) {
	w := newWizard(InitConfig{Catalogue: builtin(t), New: true, Today: "2026-11-18", Scope: answers.Scope{Categories: []string{"security"}}}, false)
	m := newStepsModel(wizardFlow{steps: w.steps(), review: w.review}, Options{NoColor: true})
	d := drive(t, m)
	d.press("Acme", "enter", "Cloud", "enter", "tab", "enter")
	d.see("Step 2 of 9")
	d.press("shift+tab")
	d.see("Step 1 of 9", "Acme", "Cloud")
	d.press("enter", "enter", "tab", "enter")
	d.see("Step 2 of 9")
	d.press("esc") // Esc on a step's first field goes back a step too, losing nothing
	d.see("Step 1 of 9", "Acme")
	d.press("tab", "esc") // and back a field elsewhere: the name keeps its text
	d.see("┃ Organisation name", "Acme")
	if d.quit {
		t.Fatal("the wizard ended")
	}
}

func TestWizardEditSubserviceAddsCSOCs(t *testing.T) {
	cat := builtin(t)
	scope := answers.Scope{Categories: []string{"security"}, Subservice: []answers.SubserviceOrg{{Name: "AWS", Method: "carve_out"}}}
	w := newWizard(InitConfig{Catalogue: cat, Organization: answers.Organization{Name: "A", System: "S"}, Scope: scope}, false)
	w.subservicePages()
	w.subAction = "edit:0"
	if !w.subserviceAfter() || !w.subPage {
		t.Fatal("Edit AWS did not open its page")
	}
	w.subCSOCs.text = "Physical access to data centres\nBackups"
	if !w.subserviceAfter() || len(w.subs) != 1 || !reflect.DeepEqual(w.subs[0].CSOCs, []string{"Physical access to data centres", "Backups"}) {
		t.Fatalf("after editing AWS: %+v", w.subs)
	}
}

func TestDefaultPeriod(t *testing.T) {
	for today, want := range map[string][2]string{
		"2026-11-18": {"2026-12-01", "2027-05-31"},
		"2026-12-31": {"2027-01-01", "2027-06-30"},
		"bad":        {"", ""},
	} {
		s, e := defaultPeriod(today)
		if [2]string{s, e} != want {
			t.Errorf("defaultPeriod(%s) = %s..%s, want %v", today, s, e, want)
		}
	}
}

func TestWizardReviewSaysWhatLeavesTheScope(t *testing.T) {
	cat := builtin(t)
	scope := answers.Scope{Categories: []string{"security", "availability"}, ReportType: "type2",
		ObservationPeriod: &answers.Period{Start: "2027-01-01", End: "2027-06-30"}}
	ans := map[string]answers.Answer{"AVL-AUTOSCALE-QUOTAS": {Status: "implemented"}}
	w := newWizard(InitConfig{Catalogue: cat, Organization: answers.Organization{Name: "A", System: "S"}, Scope: scope, Answers: ans}, false)
	w.categories, w.reportType = nil, "type1"
	got := strings.Join(w.review(), "\n")
	for _, want := range []string{
		"Note: a Type 1 report has no observation period: 2027-01-01 to 2027-06-30 is removed",
		"Note: availability is no longer in scope: 1 answer to its controls (AVL-AUTOSCALE-QUOTAS) stay in the file",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("review lacks %q:\n%s", want, got)
		}
	}
}

// Every step keeps its "Step N of 9" header on the first line and fits the window.
func TestWizardStepsFitTheWindow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		w := newWizard(InitConfig{Catalogue: builtin(t), New: true, Today: "2026-11-18", Scope: answers.Scope{Categories: []string{"security"}}}, false)
		m := newStepsModel(wizardFlow{steps: w.steps(), review: w.review}, Options{NoColor: true})
		d := drive(t, m)
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		check := func(when string) {
			t.Helper()
			lines := strings.Split(d.screen(), "\n")
			if len(lines) > size[1] || !(strings.HasPrefix(lines[0], "Step ") || strings.HasPrefix(lines[0], "Review")) {
				t.Fatalf("%dx%d %s: %d lines, first %q:\n%s", size[0], size[1], when, len(lines), lines[0], d.screen())
			}
			for _, l := range lines {
				if n := len([]rune(l)); n > size[0] {
					t.Errorf("%dx%d %s: line of %d columns: %q", size[0], size[1], when, n, l)
				}
			}
		}
		check("step 1")
		d.press("Acme", "enter", "Cloud", "enter", "tab", "enter")
		check("step 2")
		d.press("x", "down", "x", "down", "x", "enter")
		check("step 3")
		d.press("tab")
		check("step 4")
		d.press("enter")
		check("step 5")
		d.press("enter", "enter", "enter", "enter", "enter")
		check("step 6")
		d.press("enter", "enter", "enter", "enter", "enter")
		check("step 7")
		d.press("enter")
		check("step 7, adding")
		d.press("AWS", "enter", "enter", "enter", "tab")
		check("step 7 again")
		d.press("enter")
		check("step 8")
		d.press("tab", "down", "enter")
		check("step 9 / review")
	}
}

// subserviceScope has two vendors; GCP's name and first csoc hold characters the screen
// shows escaped, so saving them unchanged must give back the file's exact text.
func subserviceScope() answers.Scope {
	return answers.Scope{Categories: []string{"security"}, ReportType: "type1", Subservice: []answers.SubserviceOrg{
		{Name: "GCP\u200b", Services: "hosting, managed database", Method: answers.Inclusive,
			CSOCs: []string{"Physical\u202e access to data centres", "Nightly backups"}},
		{Name: "Stripe", Services: "payments", Method: answers.CarveOut},
	}}
}

// subserviceOnly drives the wizard's subservice step alone, then its review.
func subserviceOnly(t *testing.T, scope answers.Scope) (*wizard, *stepsModel, *driver) {
	t.Helper()
	w := newWizard(InitConfig{Catalogue: builtin(t), Organization: answers.Organization{Name: "A", System: "S"}, Scope: scope, Today: "2026-11-18"}, false)
	var steps []step
	for _, s := range w.steps() {
		if s.title == "Subservice organisations" {
			steps = append(steps, s)
		}
	}
	m := newStepsModel(wizardFlow{steps: steps, review: w.review}, Options{NoColor: true})
	return w, m, drive(t, m)
}

func TestWizardEditSubserviceShowsAndKeepsIt(t *testing.T) {
	w, m, d := subserviceOnly(t, subserviceScope())
	d.see(`Now: GCP\u200b (hosting, managed database, inclusive, 2 csocs); Stripe`)
	d.press("down", "down") // Continue, Add one, Edit GCP
	d.see("> Edit GCP")
	d.press("enter")
	// The page shows the vendor's values, not the placeholders.
	d.see("Subservice organisation", `GCP\u200b`, "hosting, managed database", "> inclusive",
		`Physical\u202e access to data centres`, "Nightly backups")
	d.notSee("e.g. Amazon Web Services", "e.g. hosting, managed database")

	// Esc at the first field goes back to the list and keeps what was typed: going back
	// never discards; Remove on the list is the explicit way to drop an organisation.
	d.press(" Cloud", "esc")
	d.see("Next", "> Edit GCP", `Now: GCP\u200b Cloud (hosting, managed database, inclusive, 2 csocs)`)
	d.press("enter")
	d.see(`GCP\u200b Cloud`, "Nightly backups")

	// Through every other field unchanged, then Continue.
	d.press("enter", "enter", "enter", "tab")
	d.see(`Now: GCP\u200b Cloud (hosting, managed database, inclusive, 2 csocs); Stripe`, "(payments, carve-out, 0 csocs).")
	d.press("enter")
	d.see("Review before saving")
	d.press("enter")
	if !d.quit || !m.finished() {
		t.Fatalf("the wizard did not finish:\n%s", d.screen())
	}
	// The edited name is saved as it was shown (its hidden character made visible); every
	// other field keeps the file's exact text.
	want := subserviceScope().Subservice
	want[0].Name = `GCP\u200b Cloud`
	if _, got := w.result(); !reflect.DeepEqual(got.Subservice, want) {
		t.Errorf("vendors changed:\n got %#v\nwant %#v", got.Subservice, want)
	}
}

func TestWizardEditSubserviceChangesOneCSOC(t *testing.T) {
	w, m, d := subserviceOnly(t, subserviceScope())
	d.press("down", "down", "enter", "enter", "enter", "enter")
	d.see("Controls you rely on them to operate (csocs)", "Nightly backups")
	d.press(" and restores", "tab") // the cursor starts at the end of the list
	d.see("Now: GCP")
	d.press("enter", "enter")
	if !d.quit || !m.finished() {
		t.Fatalf("the wizard did not finish:\n%s", d.screen())
	}
	want := subserviceScope().Subservice
	want[0].CSOCs[1] = "Nightly backups and restores"
	if _, got := w.result(); !reflect.DeepEqual(got.Subservice, want) {
		t.Errorf("vendors:\n got %#v\nwant %#v", got.Subservice, want)
	}
}

// Ctrl+C on the Edit page keeps the edit in the draft, and the rest of the vendor exactly.
func TestWizardEditSubserviceDraft(t *testing.T) {
	w, m, d := subserviceOnly(t, subserviceScope())
	d.press("down", "down", "enter", "enter", "enter", "enter", " and restores", "ctrl+c")
	if !d.quit || m.finished() {
		t.Fatal("ctrl+c did not stop the wizard unfinished")
	}
	want := subserviceScope().Subservice
	want[0].CSOCs[1] = "Nightly backups and restores"
	if _, got := w.draft(); !reflect.DeepEqual(got.Subservice, want) {
		t.Errorf("draft vendors:\n got %#v\nwant %#v", got.Subservice, want)
	}
}
