package questionnaire

// End-to-end checks, in a real terminal, of the rule that nothing a person chose or
// typed is lost, and of the layout across window sizes.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/soc2ready/soc2ready/internal/golden"
)

func (tm *term) resize(target string, w, h string) {
	tm.t.Helper()
	tm.tmux("resize-window", "-t", target, "-x", w, "-y", h)
}

func TestE2EEnterAloneAndEscKeep(t *testing.T) {
	tm := newTerm(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security")
	w := tm.run("keep", "assess", "-a", "soc2ready.yaml")
	first := tm.nextQuestion(w, "")
	if *golden.Update {
		writeCapture(t, "question.txt", tm.screen(w))
	}
	tm.waitFor(w, "(no answer yet")

	// Enter alone on a fresh question records nothing.
	tm.keys(w, "Enter")
	second := tm.nextQuestion(w, first)
	if out := tm.cli("validate", "-a", "soc2ready.yaml"); !strings.Contains(out, "valid: 0 answers") {
		t.Fatalf("Enter alone recorded something: %s", out)
	}

	// Esc goes back a field, then asks before discarding; "n" keeps everything.
	tm.keys(w, "4")
	tm.waitFor(w, "Owner")
	tm.text(w, "Dana")
	tm.waitFor(w, "Dana")
	tm.keys(w, "Escape")
	tm.waitFor(w, "esc discard")
	tm.keys(w, "Escape")
	tm.waitFor(w, "Discard what you chose and typed for "+second+"?")
	tm.keys(w, "n")
	tm.waitFor(w, "esc discard")
	tm.keys(w, "Enter")
	tm.waitFor(w, "Dana")
	tm.keys(w, "Enter", "Enter", "Enter")
	tm.nextQuestion(w, second)
	tm.keys(w, "C-c")
	if got := tm.exitStatus(w); got != 130 {
		t.Fatalf("exit status %d", got)
	}
	data, _ := os.ReadFile(filepath.Join(tm.dir, "soc2ready.yaml"))
	if !strings.Contains(string(data), second+":\n    status: missing\n    owner: Dana\n") || strings.Contains(string(data), first+":") {
		t.Errorf("file after Enter alone and Esc:\n%s", data)
	}
}

func TestE2EReviewLeavesUntouchedAnswersByteIdentical(t *testing.T) {
	tm := newTerm(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security")
	path := filepath.Join(tm.dir, "soc2ready.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Hand-written answers: a multi-line note in a literal block, a comment, quoting.
	data = append(data, []byte(`answers:
  # reviewed with the CTO
  ACC-MFA:
    status: partial
    owner: "Dana"
    note: |
      enforced for staff
      contractors next quarter
    updated: 2026-01-02
  CHG-PEER-REVIEW:
    status: implemented
    evidence:
      - ref: branch protection settings
        date: 2026-01-05
    updated: 2026-01-05
`)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	w := tm.run("review", "assess", "--review", "-a", "soc2ready.yaml")
	tm.nextQuestion(w, "")
	// Enter through every field and screen without changing anything.
	for i := 0; i < 40 && !tm.screenHas(w, "Assessment done"); i++ {
		tm.keys(w, "Enter")
		tm.settle(w)
	}
	tm.waitFor(w, "Assessment done")
	tm.keys(w, "Enter")
	if got := tm.exitStatus(w); got != 0 {
		t.Fatalf("exit status %d:\n%s", got, tm.output(w))
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(data) {
		t.Errorf("review changed the file:\n--- before\n%s\n--- after\n%s", data, after)
	}
}

func (tm *term) screenHas(target, s string) bool {
	tm.t.Helper()
	return strings.Contains(tm.screen(target), s)
}

// settle waits until the screen stops changing for a moment.
func (tm *term) settle(target string) {
	tm.t.Helper()
	prev := ""
	for i := 0; i < 50; i++ {
		s := tm.screen(target)
		if s == prev {
			return
		}
		prev = s
		sleepMs(60)
	}
}

func TestE2EResize(t *testing.T) {
	tm := newTerm(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security", "--employees", "80")
	w := tm.run("resize", "assess", "-a", "soc2ready.yaml")
	tm.nextQuestion(w, "")
	tm.keys(w, "?")
	tm.waitFor(w, "Guidance for a larger company")
	for _, size := range [][2]string{{"60", "20"}, {"120", "40"}, {"80", "24"}} {
		tm.resize(w, size[0], size[1])
		// Redrawn for the new size: the header on the first line, the whole status list,
		// and lines no wider than the window.
		tm.wait(w, "the header and the status list at "+size[0]+"x"+size[1], func(s string) bool {
			lines := strings.Split(s, "\n")
			return strings.Contains(lines[0], "sections ·") && strings.Contains(s, "5 not applicable") &&
				strings.Contains(s, "1-5 status")
		})
	}
	// Back at 80x24: the control line is cut to 80 columns again.
	s := tm.waitFor(w, "HR-AGREEMENTS · high · Security and confidentiality terms in employment contra…")
	if *golden.Update {
		writeCapture(t, "question-guidance.txt", s)
	}
	tm.keys(w, "C-c")
	if got := tm.exitStatus(w); got != 130 {
		t.Fatalf("exit status %d", got)
	}
}

func TestE2EInitCtrlCKeepsDraft(t *testing.T) {
	tm := newTerm(t)
	w := tm.run("draft", "init", "-a", "client.yaml")
	tm.waitFor(w, "Step 1 of 9 · Organisation")
	tm.text(w, "Acme Ltd")
	tm.waitFor(w, "Acme Ltd")
	tm.keys(w, "C-c")
	if got := tm.exitStatus(w); got != 130 {
		t.Fatalf("exit status %d", got)
	}
	out := strings.ReplaceAll(tm.output(w), "\n", "")
	for _, want := range []string{
		"soc2ready: interrupted: client.yaml was not changed; what you entered is kept in client.yaml.draft",
		"soc2ready: hint: run `soc2ready init -a client.yaml` to carry on from it",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, tm.output(w))
		}
	}
	if _, err := os.Stat(filepath.Join(tm.dir, "client.yaml")); err == nil {
		t.Error("the answers file was created by an interrupted init")
	}
	// The next init resumes with the name typed.
	w2 := tm.run("resume", "init", "-a", "client.yaml")
	tm.waitFor(w2, "> Acme Ltd")
	tm.keys(w2, "C-c")
	tm.exitStatus(w2)
}

func sleepMs(n int) { time.Sleep(time.Duration(n) * time.Millisecond) }

func TestE2ESetOffersToClearTheGap(t *testing.T) {
	tm := newTerm(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security")
	tm.cli("set", "ACC-MFA", "partial", "--owner", "Dana", "--due", "2027-01-31", "--note", "staff only")
	w := tm.run("set", "set", "ACC-MFA", "implemented")
	tm.waitFor(w, "ACC-MFA had gap fields (owner Dana, due 2027-01-31, a note).")
	tm.text(w, "y")
	tm.keys(w, "Enter")
	if got := tm.exitStatus(w); got != 0 {
		t.Fatalf("exit status %d:\n%s", got, tm.output(w))
	}
	data, _ := os.ReadFile(filepath.Join(tm.dir, "soc2ready.yaml"))
	if !strings.Contains(string(data), "ACC-MFA:\n    status: implemented\n    updated:") {
		t.Errorf("gap fields not cleared:\n%s", data)
	}
}

// TestE2ENoTerminalQueries runs commands that do not prompt under a pseudo-terminal
// that never answers (script(1), as some CI runners and editors provide): they must not
// write terminal queries into their output, nor wait for replies.
func TestE2ENoTerminalQueries(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed")
	}
	tm := newTerm(t) // for the binary and a folder
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security")
	for _, args := range []string{"version", "validate -a soc2ready.yaml", "check -a soc2ready.yaml"} {
		cmd := exec.Command(script, "-qfc", tm.bin+" "+args, "/dev/null")
		cmd.Dir = tm.dir
		start := time.Now()
		out, _ := cmd.Output()
		t.Logf("%s under script: %v", args, time.Since(start).Round(time.Millisecond))
		if strings.Contains(string(out), "\x1b") {
			t.Errorf("%s wrote terminal escapes: %q", args, out)
		}
		if !strings.Contains(string(out), "soc2ready") && !strings.Contains(string(out), "valid") {
			t.Errorf("%s: output %q", args, out)
		}
	}

	// The questionnaire itself draws its first question at once and answers Ctrl-C, with
	// nobody answering the terminal's queries.
	cmd := exec.Command(script, "-qfc", tm.bin+" assess -a soc2ready.yaml", "/dev/null")
	cmd.Dir = tm.dir
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	cmd.Stdout = &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	in.Write([]byte{3}) // Ctrl-C
	cmd.Wait()
	t.Logf("assess under script: drawn and interrupted in %v", time.Since(start).Round(time.Millisecond))
	if s := out.String(); !strings.Contains(s, "1 implemented") || !strings.Contains(s, "soc2ready: interrupted: 0 answers") {
		t.Errorf("assess under script:\n%q", s)
	}
}

func TestE2ESigtermMidAnswerKeepsIt(t *testing.T) {
	tm := newTerm(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security")
	w := tm.run("term", "assess", "-a", "soc2ready.yaml")
	id := tm.nextQuestion(w, "")
	tm.keys(w, "3") // planned
	tm.waitFor(w, "Owner")
	tm.text(w, "Priya")
	tm.keys(w, "Enter")
	tm.text(w, "2027-04-30")
	tm.waitFor(w, "2027-04-30")
	if err := syscall.Kill(tm.pid(w), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if got := tm.exitStatus(w); got != 130 {
		t.Fatalf("exit status after SIGTERM = %d, want 130", got)
	}
	data, _ := os.ReadFile(filepath.Join(tm.dir, "soc2ready.yaml"))
	if !strings.Contains(string(data), id+":\n    status: planned\n    owner: Priya\n    due: 2027-04-30\n") {
		t.Errorf("after SIGTERM:\n%s", data)
	}
}

// An answers file is input: an owner carrying an OSC 2 title change (observable as the
// pane's title), a screen clear and a bidi override is drawn as visible escapes, changes
// nothing on the terminal, and the untouched answer stays byte for byte.
func TestE2EHostileAnswerIsInert(t *testing.T) {
	tm := newTerm(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security")
	path := filepath.Join(tm.dir, "soc2ready.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, []byte(`answers:
  ACC-MFA:
    status: partial
    owner: "Dana\e]2;PWNED\a\e[2J\u202e"
    updated: 2026-01-02
`)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	w := tm.run("hostile", "assess", "--review", "-a", "soc2ready.yaml")
	tm.nextQuestion(w, "")
	tm.keys(w, "Enter") // keep the status: the owner field shows the file's owner
	s := tm.waitFor(w, `Dana\x1b]2;PWNED\x07\x1b[2J\u202e`)
	if !strings.Contains(s, "Owner") {
		t.Fatalf("the owner field is not on screen:\n%s", s)
	}
	if title := tm.tmux("display-message", "-p", "-t", w, "#{pane_title}"); strings.Contains(title, "PWNED") {
		t.Fatalf("the answers file set the terminal's title: %q", title)
	}
	for i := 0; i < 20 && !tm.screenHas(w, "Assessment done"); i++ {
		tm.keys(w, "Enter")
		tm.settle(w)
	}
	tm.waitFor(w, "Assessment done")
	tm.keys(w, "Enter")
	if got := tm.exitStatus(w); got != 0 {
		t.Fatalf("exit status %d:\n%s", got, tm.output(w))
	}
	if title := tm.tmux("display-message", "-p", "-t", w, "#{pane_title}"); strings.Contains(title, "PWNED") {
		t.Fatalf("the answers file set the terminal's title: %q", title)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Errorf("looking at the answer changed the file:\n--- before\n%s\n--- after\n%s", data, after)
	}
}
