package questionnaire

// End-to-end tests in a real terminal: tmux runs the built binary in an 80x24 pane,
// send-keys types, capture-pane reads the screen. They need tmux and skip without it.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/golden"
)

// term is a private tmux server with remain-on-exit, so a finished program's last screen
// and exit status can still be read.
type term struct {
	t    *testing.T
	sock string
	dir  string
	bin  string
}

func newTerm(t *testing.T) *term {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "soc2ready")
	build := exec.Command("go", "build", "-o", bin, "./cmd/soc2ready")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	conf := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\nset -g default-terminal xterm-256color\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, sock: filepath.Join(dir, "tmux.sock"), dir: dir, bin: bin}
	// A session that idles keeps the server up between the program's runs.
	tm.tmux("-f", conf, "new-session", "-d", "-s", "idle", "-x", "80", "-y", "24", "sleep", "3600")
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.sock, "kill-server").Run() })
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.sock}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// run starts the binary with args in a new 80x24 window and returns its target name. A
// shell around it writes its exit status to NAME.status: tmux does not always reap a
// pane's process in time to report it.
func (tm *term) run(name string, args ...string) string {
	tm.t.Helper()
	cmd := []string{"new-window", "-d", "-n", name, "-t", "idle",
		"-e", "SOURCE_DATE_EPOCH=1795000000", "-e", "NO_COLOR=1", "-e", "TERM=xterm-256color",
		"-e", "STATUS=" + filepath.Join(tm.dir, name+".status"), "-c", tm.dir,
		"--", "sh", "-c", `"$@"; echo $? >"$STATUS"`, "sh", tm.bin}
	tm.tmux(append(cmd, args...)...)
	target := "idle:" + name
	tm.tmux("resize-window", "-t", target, "-x", "80", "-y", "24")
	return target
}

func (tm *term) screen(target string) string {
	tm.t.Helper()
	return tm.tmux("capture-pane", "-p", "-t", target)
}

// output is everything the pane printed, scrollback included: what a program wrote to
// the normal screen (its messages after leaving the full-screen view).
func (tm *term) output(target string) string {
	tm.t.Helper()
	return tm.tmux("capture-pane", "-p", "-S", "-", "-E", "-", "-t", target)
}

// wait polls the screen until cond holds; terminals are slow on a loaded machine, so
// the limit is generous and nothing here depends on how long a step took.
func (tm *term) wait(target, what string, cond func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := tm.screen(target)
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited for %s; the screen is:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (tm *term) waitFor(target, text string) string {
	tm.t.Helper()
	return tm.wait(target, strconv.Quote(text), func(s string) bool { return strings.Contains(s, text) })
}

// keys sends tmux key names (Enter, Escape, C-c) or, with literal, text.
func (tm *term) keys(target string, keys ...string) {
	tm.t.Helper()
	tm.tmux(append([]string{"send-keys", "-t", target}, keys...)...)
}

func (tm *term) text(target, s string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", target, "-l", s)
}

// exitStatus waits for the program in target to end and returns its status.
func (tm *term) exitStatus(target string) int {
	tm.t.Helper()
	file := filepath.Join(tm.dir, strings.TrimPrefix(target, "idle:")+".status")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if data, err := os.ReadFile(file); err == nil && strings.HasSuffix(string(data), "\n") {
			n, err := strconv.Atoi(strings.TrimSpace(string(data)))
			if err != nil {
				tm.t.Fatalf("status file %q", data)
			}
			return n
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the program did not end; the screen is:\n%s", tm.screen(target))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pid is the process id of soc2ready in target: the child of the shell around it.
func (tm *term) pid(target string) int {
	tm.t.Helper()
	sh := strings.TrimSpace(tm.tmux("display-message", "-p", "-t", target, "#{pane_pid}"))
	data, err := os.ReadFile("/proc/" + sh + "/task/" + sh + "/children")
	if err != nil {
		tm.t.Fatalf("cannot find the process: %v", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		tm.t.Fatalf("children of %s: %q", sh, data)
	}
	return n
}

// cli runs the binary without a terminal (validate, set, init with flags).
func (tm *term) cli(args ...string) string {
	tm.t.Helper()
	cmd := exec.Command(tm.bin, args...)
	cmd.Dir = tm.dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1795000000")
	out, err := cmd.CombinedOutput()
	if err != nil {
		tm.t.Fatalf("soc2ready %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

var questionLine = regexp.MustCompile(`(?m)^([A-Z]+(?:-[A-Z0-9]+)+) · (critical|high|medium|low)`)

// question is the control id on the screen.
func question(s string) string {
	if m := questionLine.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// nextQuestion waits until a question other than prev is shown and returns its id.
func (tm *term) nextQuestion(target, prev string) string {
	tm.t.Helper()
	s := tm.wait(target, "a question after "+prev, func(s string) bool {
		id := question(s)
		return id != "" && id != prev && strings.Contains(s, "1 implemented")
	})
	return question(s)
}

func builtinCatalogue(t *testing.T) *catalogue.Catalogue {
	t.Helper()
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestE2EAssessInterruptAndResume(t *testing.T) {
	tm := newTerm(t)
	cat := builtinCatalogue(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security", "--employees", "12")

	// First session: three answers, then Ctrl-C in the middle of the fourth.
	w := tm.run("first", "assess", "-a", "soc2ready.yaml")
	first := tm.nextQuestion(w, "")
	tm.waitFor(w, "1/9 sections · 0/")

	tm.keys(w, "1")
	tm.waitFor(w, "Status: implemented")
	tm.keys(w, "Enter", "Enter", "Enter") // no evidence, no date, no note
	second := tm.nextQuestion(w, first)

	tm.keys(w, "4") // missing: owner and due date
	tm.waitFor(w, "Owner")
	tm.text(w, "Dana")
	tm.keys(w, "Enter")
	tm.text(w, "2027-13-01") // not a date: refused
	tm.keys(w, "Enter")
	tm.waitFor(w, "write the date as YYYY-MM-DD")
	tm.keys(w, "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
	tm.text(w, "02-01")
	tm.keys(w, "Enter")
	tm.waitFor(w, "Note")
	tm.text(w, "contractors not yet covered")
	tm.keys(w, "Enter")
	third := tm.nextQuestion(w, second)

	tm.keys(w, "5") // not applicable: the reason is required
	tm.waitFor(w, "Why does it not apply?")
	tm.keys(w, "Enter")
	tm.waitFor(w, "give the reason")
	tm.text(w, "no staff handbook yet")
	tm.keys(w, "Enter")
	tm.waitFor(w, "Note")
	tm.keys(w, "Enter")
	fourth := tm.nextQuestion(w, third)
	tm.waitFor(w, "3/")

	tm.keys(w, "2") // half-way through the fourth question: partial, the owner typed
	tm.waitFor(w, "Owner")
	tm.text(w, "Sam Lee")
	tm.waitFor(w, "Sam Lee")
	tm.keys(w, "C-c")
	if got := tm.exitStatus(w); got != 130 {
		t.Fatalf("exit status after Ctrl-C = %d, want 130", got)
	}
	s := tm.output(w)
	if *golden.Update {
		writeCapture(t, "ctrl-c.txt", strings.TrimRight(s[:strings.LastIndex(s, "soc2ready: hint:")], "\n ")+"\n"+
			strings.SplitAfter(s[strings.LastIndex(s, "soc2ready: hint:"):], "\n")[0])
	}
	for _, want := range []string{
		"soc2ready: interrupted: 4 answers from this session saved in soc2ready.yaml;",
		"kept as entered (partial, owner Sam Lee)",
		"soc2ready: hint: resume with `soc2ready assess --unanswered -a soc2ready.yaml`",
	} {
		if !strings.Contains(strings.ReplaceAll(s, "\n", ""), want) {
			t.Errorf("screen after Ctrl-C lacks %q:\n%s", want, s)
		}
	}

	// The file validates and holds exactly those answers, the interrupted one included.
	if out := tm.cli("validate", "-a", "soc2ready.yaml"); !strings.Contains(out, "valid: 4 answers") {
		t.Errorf("validate: %s", out)
	}
	f, err := answersfile.Load(filepath.Join(tm.dir, "soc2ready.yaml"), cat)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]answers.Answer{
		first:  {Status: "implemented", Updated: "2026-11-18"},
		second: {Status: "missing", Owner: "Dana", Due: "2027-02-01", Note: "contractors not yet covered", Updated: "2026-11-18"},
		third:  {Status: "not_applicable", NAReason: "no staff handbook yet", Updated: "2026-11-18"},
		fourth: {Status: "partial", Owner: "Sam Lee", Updated: "2026-11-18"},
	}
	if fmt.Sprint(f.Answers) != fmt.Sprint(want) {
		t.Errorf("saved answers\n got %v\nwant %v", f.Answers, want)
	}

	// Second session, as the hint says: it starts where the first stopped.
	w2 := tm.run("second", "assess", "--unanswered", "-a", "soc2ready.yaml")
	fifth := tm.nextQuestion(w2, "")
	if fifth == fourth || fifth == "" {
		t.Errorf("resumed at %s, after the kept %s", fifth, fourth)
	}
	tm.waitFor(w2, "4/")

	// While it runs, a third assess on the same file refuses.
	w3 := tm.run("third", "assess", "-a", "soc2ready.yaml")
	if got := tm.exitStatus(w3); got != 75 {
		t.Errorf("concurrent assess: exit status %d, want 75 (busy)", got)
	}
	if s := tm.output(w3); !strings.Contains(s, "soc2ready.yaml: is being edited by another soc2ready process") {
		t.Errorf("concurrent assess screen:\n%s", s)
	}

	// One more answer, then the terminal "hangs up": SIGHUP saves and exits 130 too.
	tm.keys(w2, "1")
	tm.waitFor(w2, "Status: implemented")
	tm.keys(w2, "Enter", "Enter", "Enter")
	tm.nextQuestion(w2, fifth)
	if err := syscall.Kill(tm.pid(w2), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if got := tm.exitStatus(w2); got != 130 {
		t.Errorf("exit status after SIGHUP = %d, want 130", got)
	}
	if out := tm.cli("validate", "-a", "soc2ready.yaml"); !strings.Contains(out, "valid: 5 answers") {
		t.Errorf("after SIGHUP: %s", out)
	}

	// A window that really closes: the process ends and the file stays whole.
	w4 := tm.run("fourth", "assess", "--unanswered", "-a", "soc2ready.yaml")
	tm.nextQuestion(w4, "")
	pid := tm.pid(w4)
	tm.tmux("kill-window", "-t", w4)
	deadline := time.Now().Add(30 * time.Second)
	for running(pid) {
		if time.Now().After(deadline) {
			t.Fatal("soc2ready kept running after its terminal closed")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if out := tm.cli("validate", "-a", "soc2ready.yaml"); !strings.Contains(out, "valid: 5 answers") {
		t.Errorf("after the window closed: %s", out)
	}
	if left, _ := filepath.Glob(filepath.Join(tm.dir, ".soc2ready.yaml.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestE2ESectionTiming answers the whole of CC2 as a consultant who knows the answers
// would: mostly a digit and Enter, an owner and due date for the gaps, one reason. It
// logs the keystrokes and the time taken (never asserted: it measures the tool's own
// latency, not a person) and, with -update, saves a typical screen to
// docs/assess-screen.txt.
func TestE2ESectionTiming(t *testing.T) {
	tm := newTerm(t)
	cat := builtinCatalogue(t)
	tm.cli("init", "-a", "soc2ready.yaml", "--org", "Acme", "--system", "Acme Cloud", "--categories", "security", "--employees", "12")
	// CC1 answered already, so the header and the score read as they would mid-way.
	f, err := answersfile.Load(filepath.Join(tm.dir, "soc2ready.yaml"), cat)
	if err != nil {
		t.Fatal(err)
	}
	secs := Sections(cat, f.Scope, nil)
	for i, c := range secs[0].Controls {
		st := []string{"implemented", "implemented", "partial"}[i%3]
		if err := f.SetAnswer(c.ID, answers.Answer{Status: answers.Status(st), Updated: "2026-11-02"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	var cc2 *Section
	for i := range secs {
		if secs[i].ID == "CC2" {
			cc2 = &secs[i]
		}
	}

	w := tm.run("timing", "assess", "--section", "CC2", "-a", "soc2ready.yaml")
	id := tm.nextQuestion(w, "")
	start := time.Now()
	strokes := 0
	for i := range cc2.Controls {
		if i == 2 && *golden.Update {
			screen := tm.screen(w)
			if err := os.WriteFile(filepath.Join("..", "..", "docs", "assess-screen.txt"), []byte(screen), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		switch {
		case i%5 == 3: // a gap: missing, with owner and due date
			tm.keys(w, "4")
			tm.waitFor(w, "Owner")
			tm.text(w, "Sam")
			tm.keys(w, "Enter")
			tm.text(w, "2027-03-31")
			tm.keys(w, "Enter")
			tm.waitFor(w, "Note")
			tm.keys(w, "Enter")
			strokes += 1 + 4 + 11 + 1
		case i == 7: // partial with a note
			tm.keys(w, "2")
			tm.waitFor(w, "Owner")
			tm.keys(w, "Enter", "Enter")
			tm.waitFor(w, "Note")
			tm.text(w, "only prod")
			tm.keys(w, "Enter")
			strokes += 1 + 2 + 10
		default: // implemented
			tm.keys(w, "1")
			tm.waitFor(w, "Status: implemented")
			tm.keys(w, "C-s") // saved as it stands: no evidence or note this time
			strokes += 2
		}
		if i < len(cc2.Controls)-1 {
			id = tm.nextQuestion(w, id)
		}
	}
	tm.waitFor(w, "Assessment done")
	elapsed := time.Since(start)
	tm.keys(w, "Enter")
	if got := tm.exitStatus(w); got != 0 {
		t.Fatalf("exit status %d:\n%s", got, tm.screen(w))
	}
	// A person reads each question (about 5 s for one they know) and types about 5
	// keys a second; the tool's own time is what the script measured.
	human := time.Duration(len(cc2.Controls))*5*time.Second + time.Duration(strokes)*200*time.Millisecond
	t.Logf("CC2: %d questions, %d keystrokes, %v scripted through the terminal; about %v for a consultant who knows the answers",
		len(cc2.Controls), strokes, elapsed.Round(time.Millisecond), human.Round(time.Second))
	if out := tm.cli("validate", "-a", "soc2ready.yaml"); !strings.Contains(out, fmt.Sprintf("valid: %d answers", len(secs[0].Controls)+len(cc2.Controls))) {
		t.Errorf("validate: %s", out)
	}
}

// running reports whether a process is alive; a zombie (ended, not yet reaped by
// whichever process adopted it) is not.
func running(pid int) bool {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	// The state follows the command name in parentheses, which may itself hold spaces.
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// TestE2EInitWizard runs `soc2ready init` on a terminal twice: to create the file (the
// keys sent in one burst, as a paste or a fast typist would), then on the same file with
// an answer in it, pressing through (the subservice organisation's Edit page too): the scope
// comes back as it was and the answer stays.
func TestE2EInitWizard(t *testing.T) {
	tm := newTerm(t)
	w := tm.run("create", "init")
	tm.waitFor(w, "Step 1 of 9 · Organisation")
	tm.text(w, "Acme Ltd")
	tm.keys(w, "Enter")
	tm.text(w, "Acme Cloud")
	tm.keys(w, "Enter")
	tm.text(w, "Hosted invoicing")
	tm.keys(w, "Tab")
	tm.text(w, "12")
	tm.keys(w, "Enter",
		"x", "Enter") // commitments: an uptime promise
	tm.text(w, "99.9% uptime; monthly, Pro plan") // in the user's words: nothing pre-filled
	tm.keys(w, "Tab",
		"Enter",                                     // categories: the recommended Availability
		"Enter", "Enter", "Enter", "Enter", "Enter", // components left empty
		"n", "Enter", "Enter", "Enter", "Enter", // no office
		"Enter") // add a subservice organisation
	tm.text(w, "Amazon Web Services")
	tm.keys(w, "Enter")
	tm.text(w, "hosting")
	tm.keys(w, "Enter", "Enter") // carve-out
	tm.text(w, "Physical access to data centres")
	tm.keys(w, "Tab", "Enter", // its csocs, then continue
		"Tab",   // no CUECs
		"Enter") // Type 2, as recommended
	tm.text(w, "2026-12-01")
	tm.keys(w, "Enter")
	tm.text(w, "2027-05-31")
	tm.keys(w, "Enter")
	tm.waitFor(w, "Review before saving")
	if *golden.Update {
		writeCapture(t, "init-review.txt", tm.screen(w))
	}
	tm.keys(w, "Enter")
	if got := tm.exitStatus(w); got != 0 {
		t.Fatalf("init exit status %d:\n%s", got, tm.output(w))
	}
	if out := tm.output(w); !strings.Contains(out, "soc2ready.yaml: saved scope for Acme Ltd (security, availability)") {
		t.Errorf("init output:\n%s", out)
	}
	cat := builtinCatalogue(t)
	path := filepath.Join(tm.dir, "soc2ready.yaml")
	f, err := answersfile.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	sc := f.Scope
	got := fmt.Sprintf("%+v | %v %s %+v | %v | %q | %d %d", f.Organization, sc.Categories, sc.ReportType, *sc.ObservationPeriod,
		sc.Facts, sc.Commitments, len(sc.CUECs), len(sc.Subservice))
	want := "{Name:Acme Ltd System:Acme Cloud Services:Hosted invoicing Employees:12} | [security availability] type2 {Start:2026-12-01 End:2027-05-31} | " +
		"map[develops_software:true has_office:false own_hardware:false processes_personal_data:true uses_contractors:true] | " +
		`["99.9% uptime; monthly, Pro plan"] | 0 1`
	if got != want || sc.Subservice[0].Name != "Amazon Web Services" || sc.Subservice[0].Method != "carve_out" ||
		fmt.Sprint(sc.Subservice[0].CSOCs) != "[Physical access to data centres]" {
		t.Errorf("saved\n got %s %+v\nwant %s", got, sc.Subservice, want)
	}

	// Again on the existing file, which now has an answer: Enter and Tab through.
	tm.cli("set", "ACC-MFA", "implemented", "--note", "enforced for all")
	before, _ := os.ReadFile(path)
	w2 := tm.run("edit", "init")
	tm.waitFor(w2, "Acme Ltd")
	tm.keys(w2, "Enter", "Enter", "Tab", "Enter", "Enter", "Tab", "Enter",
		"Enter", "Enter", "Enter", "Enter", "Enter",
		"Enter", "Enter", "Enter", "Enter", "Enter",
		"Down", "Down", "Enter") // edit Amazon Web Services: its page shows what the file holds
	tm.waitFor(w2, "Physical access to data centres")
	if s := tm.screen(w2); !strings.Contains(s, "Amazon Web Services") || !strings.Contains(s, "hosting") || !strings.Contains(s, "> carve-out") {
		t.Errorf("the Edit page does not show the organisation:\n%s", s)
	}
	tm.keys(w2, "Enter", "Enter", "Enter", "Tab") // through its fields unchanged
	tm.waitFor(w2, "Now: Amazon Web Services (hosting, carve-out, 1 csoc).")
	tm.keys(w2, "Enter", "Tab", "Enter", "Enter", "Enter", // continue, CUECs, Type 2 and its period as they were
		"Enter") // the review: save
	if got := tm.exitStatus(w2); got != 0 {
		t.Fatalf("second init exit status %d:\n%s", got, tm.output(w2))
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Errorf("pressing through changed the file:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if out := tm.cli("validate"); !strings.Contains(out, "valid: 1 answers") {
		t.Errorf("validate: %s", out)
	}
}

// writeCapture saves a screen for the docs (with -update): what a person sees at 80x24.
func writeCapture(t *testing.T, name, screen string) {
	t.Helper()
	dir := filepath.Join("..", "..", "docs", "screens")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(screen), 0o644); err != nil {
		t.Fatal(err)
	}
}
