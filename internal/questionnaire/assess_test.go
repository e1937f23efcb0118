package questionnaire

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/soc2ready/soc2ready/internal/answers"
)

func sectionIDs(ss []Section) string {
	var out []string
	for _, s := range ss {
		ids := make([]string, len(s.Controls))
		for i, c := range s.Controls {
			ids[i] = c.ID
		}
		out = append(out, s.ID+":"+strings.Join(ids, ","))
	}
	return strings.Join(out, " ")
}

func TestSectionsFollowFirstInScopeCriterion(t *testing.T) {
	cat := testCatalogue(t)
	// Security only: AVL-E's first criterion (A1.2) is out of scope, so it is asked in
	// CC6, in catalogue order (which sorts it after the controls whose home is CC6).
	got := sectionIDs(Sections(cat, secOnly, nil))
	if want := "CC1:GOV-A,GOV-B CC2:COM-C CC6:ACC-D,PHY-F,AVL-E"; got != want {
		t.Errorf("security only:\n got %s\nwant %s", got, want)
	}
	// With availability, A1.2 is in scope and comes first in AVL-E's list.
	got = sectionIDs(Sections(cat, secAvail, nil))
	if want := "CC1:GOV-A,GOV-B CC2:COM-C CC6:ACC-D,PHY-F A1:AVL-E,AVL-G"; got != want {
		t.Errorf("security and availability:\n got %s\nwant %s", got, want)
	}
}

func TestSectionsKeepNotApplicableAndDropFactExcluded(t *testing.T) {
	cat := testCatalogue(t)
	scope := answers.Scope{Categories: []string{"security"}, Facts: map[string]bool{"has_office": false}}
	prev := map[string]answers.Answer{"ACC-D": {Status: "not_applicable", NAReason: "no users"}}
	got := sectionIDs(Sections(cat, scope, prev))
	// ACC-D stays (answered not applicable: a review may change it); PHY-F goes (no office).
	if want := "CC1:GOV-A,GOV-B CC2:COM-C CC6:ACC-D,AVL-E"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestPlanModes(t *testing.T) {
	cat := testCatalogue(t)
	prev := map[string]answers.Answer{"GOV-A": {Status: "implemented"}, "COM-C": {Status: "partial"}}
	secs := Sections(cat, secOnly, prev)
	ids := func(stops []stop) []string {
		var out []string
		for _, s := range stops {
			out = append(out, s.control.ID)
		}
		return out
	}
	stops, start := plan(secs, "", All, prev, nil)
	if got := ids(stops); !reflect.DeepEqual(got, []string{"GOV-A", "GOV-B", "COM-C", "ACC-D", "PHY-F", "AVL-E"}) || start != 1 {
		t.Errorf("all: %v start %d, want every question, starting at GOV-B (1)", got, start)
	}
	stops, _ = plan(secs, "", Unanswered, prev, nil)
	if got := ids(stops); !reflect.DeepEqual(got, []string{"GOV-B", "ACC-D", "PHY-F", "AVL-E"}) {
		t.Errorf("unanswered: %v", got)
	}
	stops, _ = plan(secs, "", Review, prev, nil)
	if got := ids(stops); !reflect.DeepEqual(got, []string{"GOV-A", "COM-C"}) {
		t.Errorf("review: %v", got)
	}
	stops, _ = plan(secs, "CC6", All, prev, nil)
	if got := ids(stops); !reflect.DeepEqual(got, []string{"ACC-D", "PHY-F", "AVL-E"}) {
		t.Errorf("section CC6: %v", got)
	}
}

func TestSectionFlag(t *testing.T) {
	cat := testCatalogue(t)
	for _, tc := range []struct{ arg, want string }{
		{"cc6", ""},
		{"A1", "section A1 (Availability) is not in scope"},
		{"CC7", `unknown section "CC7"`},
	} {
		_, err := NewAssessment(AssessConfig{Catalogue: cat, Scope: secOnly, Section: tc.arg})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("--section %s: %v", tc.arg, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("--section %s: error %v, want %q", tc.arg, err, tc.want)
		}
	}
	scope := answers.Scope{Categories: []string{"security"}, Facts: map[string]bool{"has_office": false}}
	_, err := NewAssessment(AssessConfig{Catalogue: cat, Scope: scope, Section: "CC6"})
	if err != nil {
		t.Errorf("CC6 still has questions without an office: %v", err)
	}
}

func TestStatusChoiceByDigitAndArrows(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.see("CC1 Control Environment · 1/3 sections · 0/6 answered", "GOV-A · critical", "Does the board oversee security?",
		">   (no answer yet", "  1 implemented")

	// A digit picks the status and moves on to the evidence, then the note; Enter saves.
	d.press("1")
	d.see("Status: implemented", "Evidence to add")
	d.press("enter", "enter")
	d.see("Note")
	d.press("enter")
	if got := s.answers["GOV-A"]; got.Status != "implemented" || got.Updated != "2026-11-18" {
		t.Fatalf("GOV-A saved as %+v", got)
	}
	d.see("GOV-B · low", "1/6 answered")

	// Arrows and Enter work too: down three times (from "no answer yet") is "planned",
	// which asks owner and due date.
	d.press("down", "down", "down", "enter")
	d.see("Status: planned", "Owner", "Due date")
	d.press("Dana", "enter", "31/01/2027", "enter")
	d.see("write the date as YYYY-MM-DD")
	if _, ok := s.answers["GOV-B"]; ok {
		t.Fatal("saved before the due date was valid")
	}
	d.press("shift+tab", "tab") // back to the owner and forward again keeps the values
	d.see("Dana")
	d.send(backspaces(10)...)
	d.press("2027-01-31", "enter", "org chart exists in Notion", "enter")
	want := answers.Answer{Status: "planned", Owner: "Dana", Due: "2027-01-31", Note: "org chart exists in Notion", Updated: "2026-11-18"}
	if got := s.answers["GOV-B"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-B saved as %+v, want %+v", got, want)
	}
}

func TestNotApplicableNeedsReason(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "CC2")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("5")
	d.see("Status: not applicable", "Why does it not apply?")
	d.press("enter")
	d.see("give the reason; auditors ask")
	d.press("no staff yet", "enter")
	d.see("Note")
	d.press("enter")
	if got := s.answers["COM-C"]; got.Status != "not_applicable" || got.NAReason != "no staff yet" || got.Owner != "" {
		t.Fatalf("COM-C saved as %+v", got)
	}
	// The only question of CC2: the closing summary follows, and Enter ends the session.
	d.see("Assessment done", "Readiness score")
	d.press("enter")
	if !d.quit || !d.m.(*assessModel).finished() {
		t.Fatal("enter on the summary did not finish the session")
	}
}

func TestNavigationGuidanceAndSkip(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	a.cfg.Employees = 120
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.notSee("Guidance")
	d.press("?")
	d.see("Guidance for a larger company: Large: a board committee reviews security")
	d.press("?")
	d.notSee("Guidance")

	d.press("4", "enter", "enter", "enter") // GOV-A missing, no owner, no due, no note
	d.see("GOV-B")
	d.press("shift+tab") // back to GOV-A, pre-filled
	d.see("GOV-A · critical · Critical governance · now missing (2026-11-18)", "> 4 missing")
	d.press("esc") // skip: GOV-A unchanged, on to GOV-B
	d.see("GOV-B")
	d.press("esc") // skip GOV-B unanswered: CC1 is done
	d.see("CC1 Control Environment: section done", "Next: CC2 Information and Communication (1 question).")
	d.press("enter")
	d.see("COM-C", "2/3 sections")
	if !reflect.DeepEqual(s.ids, []string{"GOV-A"}) {
		t.Fatalf("saved %v, want only GOV-A", s.ids)
	}
}

func TestUnchangedAnswerIsNotRewritten(t *testing.T) {
	prev := map[string]answers.Answer{"GOV-A": {Status: "partial", Owner: "Dana", Updated: "2026-01-02"}}
	a, s := newSession(t, secOnly, prev, Review, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.see("> 2 partial", "now partial (2026-01-02)")
	d.press("enter") // status unchanged
	d.see("Dana")
	d.press("enter", "enter", "enter")
	if len(s.ids) != 0 {
		t.Fatalf("an unchanged answer was saved: %v", s.ids)
	}
	d.see("Assessment done")
}

func TestCtrlCAndInterruptEndTheSession(t *testing.T) {
	for _, stop := range []string{"ctrl+c", "signal"} {
		a, s := newSession(t, secOnly, nil, Unanswered, "")
		m := newAssessModel(a, Options{NoColor: true})
		d := drive(t, m)
		d.press("1", "enter", "enter", "enter")
		d.press("2", "Dana") // half-way through GOV-B: partial chosen, owner typed
		if stop == "signal" {
			d.send(interruptMsg{})
		} else {
			d.press("ctrl+c")
		}
		if !d.quit || m.finished() || m.failure() != nil {
			t.Fatalf("%s: quit=%v finished=%v failure=%v", stop, d.quit, m.finished(), m.failure())
		}
		if !reflect.DeepEqual(s.ids, []string{"GOV-A", "GOV-B"}) {
			t.Fatalf("%s: saved %v, want GOV-A and GOV-B", stop, s.ids)
		}
		want := answers.Answer{Status: "partial", Owner: "Dana", Updated: "2026-11-18"}
		if got := s.answers["GOV-B"]; !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: GOV-B kept as %+v, want %+v", stop, got, want)
		}
		if a.Kept != "GOV-B kept as entered (partial, owner Dana)" {
			t.Errorf("%s: Kept = %q", stop, a.Kept)
		}
	}
}

func TestResume(t *testing.T) {
	// First session: two answers, then Ctrl-C.
	a, s := newSession(t, secOnly, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("1", "enter", "enter", "enter", "3", "enter", "enter", "enter", "ctrl+c")

	// Second session on what was saved: it starts at the first open question.
	for _, mode := range []Mode{All, Unanswered} {
		a2, _ := newSession(t, secOnly, s.answers, mode, "")
		d2 := drive(t, newAssessModel(a2, Options{NoColor: true}))
		d2.see("CC2 Information and Communication · 2/3 sections · 2/6 answered", "COM-C")
	}
	// All mode can still go back to the answers given.
	a3, _ := newSession(t, secOnly, s.answers, All, "")
	d3 := drive(t, newAssessModel(a3, Options{NoColor: true}))
	d3.press("shift+tab")
	d3.see("GOV-B · low · Low governance · now planned", "> 3 planned")
}

func TestSaveFailureEndsSession(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	s.fail = errDiskFull
	m := newAssessModel(a, Options{NoColor: true})
	d := drive(t, m)
	d.press("1", "enter", "enter", "enter")
	if !d.quit || !errors.Is(m.failure(), errDiskFull) {
		t.Fatalf("quit=%v failure=%v", d.quit, m.failure())
	}
}

func TestRunningScoreAndSummary(t *testing.T) {
	a, _ := newSession(t, secOnly, nil, All, "CC1")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.see("Score 0.0 (audit blocker) · CC1 0.0")
	d.press("1", "ctrl+s")
	// GOV-A (critical, 4) implemented of GOV-A + GOV-B (low, 1) in CC1: 80.0.
	d.see("CC1 80.0")
	d.press("1", "enter", "enter", "enter")
	d.see("Assessment done", "2 of 6 questions answered (2 in this session)", // unanswered questions are not gaps
		"4 questions are still open: soc2ready assess --unanswered -a soc2ready.yaml",
		"Next: soc2ready report -a soc2ready.yaml -o readiness.md")
}

func TestViewFitsEightyByTwentyFour(t *testing.T) {
	a, _ := newSession(t, secAvail, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	for _, step := range [][]string{nil, {"?"}, {"2"}, {"enter"}} {
		d.press(step...)
		lines := strings.Split(d.screen(), "\n")
		if len(lines) > 24 {
			t.Errorf("after %v: %d lines", step, len(lines))
		}
		for _, l := range lines {
			if w := len([]rune(l)); w > 80 {
				t.Errorf("after %v: line of %d columns: %q", step, w, l)
			}
		}
	}
}

func backspaces(n int) []tea.Msg {
	var out []tea.Msg
	for range n {
		out = append(out, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	return out
}
