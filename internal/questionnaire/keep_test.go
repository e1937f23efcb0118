package questionnaire

import (
	"context"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/soc2ready/soc2ready/internal/answers"
)

// The rule these tests hold the questionnaire to: what a person chose or typed is kept
// unless they discard it on purpose.

func TestEnterAloneRecordsNothing(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.see("GOV-A", ">   (no answer yet")
	d.press("enter")
	d.see("GOV-B")
	if len(s.ids) != 0 {
		t.Fatalf("Enter alone saved %v", s.ids)
	}
	// ctrl+s with no status picked records nothing either, and says why.
	d.press("ctrl+s")
	d.see("GOV-B", "pick a status first")
	if len(s.ids) != 0 {
		t.Fatalf("ctrl+s without a status saved %v", s.ids)
	}
}

func TestEscGoesBackAFieldAndAsksBeforeDiscarding(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("4", "Dana")
	d.see("Status: missing", "Dana")
	d.press("esc") // back a field: the status list, the owner kept
	d.see("> 4 missing", "esc discard")
	d.press("esc") // something was entered: ask first
	d.see("Discard what you chose and typed for GOV-A?", "y discard", "n keep editing")
	d.press("n")
	d.see("> 4 missing")
	d.press("enter")
	d.see("Owner", "Dana") // still there
	d.press("enter", "enter", "enter")
	want := answers.Answer{Status: "missing", Owner: "Dana", Updated: "2026-11-18"}
	if got := s.answers["GOV-A"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-A saved as %+v, want %+v", got, want)
	}

	// An explicit discard: y.
	d.see("GOV-B")
	d.press("2", "Sam", "esc", "esc", "y")
	d.see("section done")
	if _, ok := s.answers["GOV-B"]; ok {
		t.Fatal("a discarded answer was saved")
	}
}

func TestReviewKeepsUntouchedAnswerExactly(t *testing.T) {
	prev := map[string]answers.Answer{
		"GOV-A": {Status: "partial", Owner: "Dana", Note: "board meets quarterly\nminutes in Notion\n", Updated: "2026-01-02"},
		"GOV-B": {Status: "implemented", Note: "org chart", Owner: "Lee", Due: "2026-03-01", Updated: "2026-01-02",
			Evidence: []answers.Evidence{{Ref: "org chart v3", Date: "2026-01-01"}}},
	}
	a, s := newSession(t, secOnly, prev, Review, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("enter", "enter", "enter", "enter") // GOV-A: status, owner, due, note as they were
	d.see("GOV-B")
	d.press("enter", "enter", "enter", "enter", "enter") // GOV-B: status, evidence, date, clear? no, note
	d.see("Assessment done")
	if len(s.ids) != 0 {
		t.Fatalf("untouched answers were saved: %v", s.ids)
	}
}

func TestReviewOneFieldThenSaveNow(t *testing.T) {
	prev := map[string]answers.Answer{"GOV-A": {Status: "partial", Owner: "Dana", Note: "two\nlines", Updated: "2026-01-02"}}
	a, s := newSession(t, secOnly, prev, Review, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("enter") // keep the status
	d.send(backspaces(4)...)
	d.press("Sam", "ctrl+s") // change the owner only, and save at once
	want := answers.Answer{Status: "partial", Owner: "Sam", Note: "two\nlines", Updated: "2026-11-18"}
	if got := s.answers["GOV-A"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-A saved as %+v, want %+v", got, want)
	}
}

func TestImplementedRecordsEvidenceAndOffersToClearTheGap(t *testing.T) {
	prev := map[string]answers.Answer{"GOV-A": {Status: "partial", Owner: "Dana", Due: "2027-01-31", Note: "half done",
		Evidence: []answers.Evidence{{Ref: "old policy"}}}}
	a, s := newSession(t, secOnly, prev, Review, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("?")
	d.see("Guidance for a small company", "The auditor will ask for:")
	d.press("1")
	d.see("Evidence to add")
	d.press("board minutes Q3", "enter", "2026-10-01", "enter")
	d.see("Clear the old gap note, owner and due date?", "owner Dana, due 2027-01-31")
	d.press("left", "enter") // Clear
	want := answers.Answer{Status: "implemented", Updated: "2026-11-18",
		Evidence: []answers.Evidence{{Ref: "old policy"}, {Ref: "board minutes Q3", Date: "2026-10-01"}}}
	if got := s.answers["GOV-A"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-A saved as %+v, want %+v", got, want)
	}
}

func TestSeverityFirstPass(t *testing.T) {
	a, _ := newSession(t, secOnly, nil, All, "")
	all := a.Questions()
	a2, err := NewAssessment(AssessConfig{Catalogue: testCatalogue(t), Scope: secOnly, Severities: []string{"critical"}})
	if err != nil {
		t.Fatal(err)
	}
	if a2.Questions() == 0 || a2.Questions() >= all {
		t.Fatalf("critical only: %d of %d questions", a2.Questions(), all)
	}
	for _, st := range a2.stops {
		if st.control.Severity != "critical" {
			t.Errorf("%s (%s) asked in a critical-only pass", st.control.ID, st.control.Severity)
		}
	}
}

func TestSectionDoneCountsThisSectionOnly(t *testing.T) {
	a, _ := newSession(t, secOnly, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("1", "ctrl+s", "4", "ctrl+s")
	d.see("CC1 Control Environment: section done")
	want := "This section's 2 questions: 1 implemented, 0 partial, 1 planned or missing, 0 not applicable, 0 open."
	if got := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(got, want) {
		t.Fatalf("section done screen lacks %q:\n%s", want, d.screen())
	}
}

// The header never scrolls away, whatever the window and the guidance; a window that
// grows shows the whole status list again.
func TestLayoutHoldsAcrossResizes(t *testing.T) {
	a, _ := newSession(t, secAvail, nil, All, "")
	a.cfg.Employees = 120
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	check := func(w, h int) {
		t.Helper()
		d.send(tea.WindowSizeMsg{Width: w, Height: h})
		lines := strings.Split(d.screen(), "\n")
		if len(lines) > h {
			t.Errorf("%dx%d: %d lines:\n%s", w, h, len(lines), d.screen())
		}
		if !strings.Contains(lines[0], "sections ·") {
			t.Errorf("%dx%d: the header is gone:\n%s", w, h, d.screen())
		}
		for _, l := range lines {
			if n := len([]rune(l)); n > w {
				t.Errorf("%dx%d: line of %d columns: %q", w, h, n, l)
			}
		}
	}
	d.press("?")
	check(80, 24)
	check(60, 20)
	check(120, 40)
	d.see("1 implemented", "2 partial", "3 planned", "4 missing", "5 not applicable")
	check(60, 16)
	check(80, 24)
	d.see("5 not applicable")
}

func TestTypeTwoAsksOperatingSinceAndExceptions(t *testing.T) {
	scope := answers.Scope{Categories: []string{"security"}, ReportType: answers.Type2,
		ObservationPeriod: &answers.Period{Start: "2027-01-01", End: "2027-06-30"}}
	a, s := newSession(t, scope, nil, All, "")
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.press("2", "enter", "enter") // partial: no owner, no due date
	d.see("Operating since", "Known exception: date")
	d.press("2027-02-01", "enter", "enter", "review done late", "enter")
	d.see("give the exception's date first")
	d.press("shift+tab", "2027-03-15", "enter", "enter", "enter")
	want := answers.Answer{Status: "partial", Updated: "2026-11-18", OperatingSince: "2027-02-01",
		Exceptions: []answers.Exception{{Date: "2027-03-15", Description: "review done late"}}}
	if got := s.answers["GOV-A"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-A saved as %+v, want %+v", got, want)
	}
	// A Type 1 file is not asked.
	a1, _ := newSession(t, secOnly, nil, All, "")
	d1 := drive(t, newAssessModel(a1, Options{NoColor: true}))
	d1.press("2", "enter", "enter")
	d1.notSee("Operating since")
	d1.see("Note")
}

// blockingLines gives its lines one read at a time, then blocks until closed, like a
// terminal where the person has stopped typing.
type blockingLines struct {
	lines   []string
	waiting chan struct{}
	release chan struct{}
}

func (b *blockingLines) Read(p []byte) (int, error) {
	if len(b.lines) == 0 {
		close(b.waiting)
		<-b.release
		return 0, io.EOF
	}
	n := copy(p, b.lines[0]+"\n")
	b.lines = b.lines[1:]
	return n, nil
}

func TestAccessibleInterruptKeepsTheAnswerSoFar(t *testing.T) {
	a, s := newSession(t, secOnly, nil, All, "")
	in := &blockingLines{lines: []string{"2", "Dana"}, waiting: make(chan struct{}), release: make(chan struct{})}
	defer close(in.release)
	done := make(chan error, 1)
	go func() {
		done <- a.Run(context.Background(), Options{In: in, Out: io.Discard, Accessible: true})
	}()
	<-in.waiting // partial chosen, the owner typed; the due date prompt waits
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	want := answers.Answer{Status: "partial", Owner: "Dana", Updated: "2026-11-18"}
	if got := s.answers["GOV-A"]; !reflect.DeepEqual(got, want) {
		t.Fatalf("GOV-A kept as %+v, want %+v", got, want)
	}
}

func TestLongGuidanceScrollsInAShortWindow(t *testing.T) {
	a, _ := newSession(t, secOnly, nil, All, "")
	a.cfg.Employees = 120
	d := drive(t, newAssessModel(a, Options{NoColor: true}))
	d.send(tea.WindowSizeMsg{Width: 40, Height: 16})
	d.press("?")
	d.see("GOV-A · critical", "pgdown: more")
	first := d.screen()
	for i := 0; i < 10 && !strings.Contains(d.screen(), "pgup: back to the start"); i++ {
		d.press("pgdown")
	}
	d.see("pgup: back to the start", "1/3 sections") // the header stays
	if d.screen() == first {
		t.Fatal("pgdown did not scroll")
	}
	if n := len(strings.Split(d.screen(), "\n")); n > 16 {
		t.Errorf("%d lines in a 16-line window:\n%s", n, d.screen())
	}
}

func TestAccessibleInitInterruptKeepsTheDraft(t *testing.T) {
	in := &blockingLines{lines: []string{"Acme Ltd", "Acme Cloud"}, waiting: make(chan struct{}), release: make(chan struct{})}
	defer close(in.release)
	type result struct {
		org answers.Organization
		err error
	}
	done := make(chan result, 1)
	go func() {
		org, _, err := RunInit(context.Background(), InitConfig{Catalogue: builtin(t), New: true, Today: "2026-11-18",
			Scope: answers.Scope{Categories: []string{"security"}}}, Options{In: in, Out: io.Discard, Accessible: true})
		done <- result{org, err}
	}()
	<-in.waiting // name and system given; the services prompt waits
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if !errors.Is(r.err, ErrInterrupted) || r.org.Name != "Acme Ltd" || r.org.System != "Acme Cloud" {
		t.Fatalf("draft %+v, err %v", r.org, r.err)
	}
}
