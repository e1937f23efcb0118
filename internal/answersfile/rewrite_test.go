package answersfile_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
)

// changedLines counts the lines that differ between a and b, both ways, in the manner of
// `diff | grep -c '^[<>]'` for edits that keep the line count near.
func changedLines(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	// longest common subsequence, small files only
	n, m := len(la), len(lb)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if la[i] == lb[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return n + m - 2*dp[0][0]
}

// One `set` on a copy of the scale-up example changes the lines of that answer and
// nothing else: its folded scope descriptions, blank lines and comments stay byte for
// byte (the whole-tree rewrite once unwrapped them: 26 diff lines).
func TestSetChangesOnlyThatAnswer(t *testing.T) {
	cat := builtin(t)
	orig, err := os.ReadFile("../../examples/scaleup.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "scaleup.yaml")
	os.WriteFile(path, orig, 0o644)
	f, err := answersfile.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	a := f.Answers["ACC-MFA"]
	a.Status, a.Note, a.Updated = "partial", "only staff", "2026-12-01"
	if err := f.SetAnswer("ACC-MFA", a); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	// status, note and updated: three lines out, three in
	if n := changedLines(string(orig), string(got)); n != 6 {
		t.Errorf("%d lines changed, want 6:\n%s", n, got)
	}
	g, err := answersfile.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	if g.Answers["ACC-MFA"].Status != "partial" || !reflect.DeepEqual(g.Scope, f.Scope) {
		t.Error("the saved file does not say what was set")
	}
}

const anchored = `organization: {name: Acme}
scope: {categories: [security]}
answers:
  ACC-MFA: &std
    status: implemented
    owner: Dana
    evidence:
      - ref: IdP policy
  ACC-SSO: *std
  ACC-PRIVILEGED:
    <<: *std
    note: inherited owner
  ACC-ACCESS-REVIEW:
    status: not_applicable
    na_reason: &why no production access yet
  ACC-LEAVER:
    status: not_applicable
    na_reason: *why
`

func loadString(t *testing.T, src string) (*answersfile.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(path, []byte(src), 0o644)
	f, err := answersfile.Load(path, builtin(t))
	if err != nil {
		t.Fatal(err)
	}
	return f, path
}

// set changes one answer the way `soc2ready set` does, saves, and reloads the file.
func set(t *testing.T, src, id string, status answers.Status, edit func(*answers.Answer)) map[string]answers.Answer {
	t.Helper()
	f, path := loadString(t, src)
	a := f.Answers[id]
	a.Status = status
	if status != "not_applicable" {
		a.NAReason = ""
	}
	if edit != nil {
		edit(&a)
	}
	if err := f.SetAnswer(id, a); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	g, err := answersfile.Load(path, builtin(t))
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("the saved file does not load: %v\n%s", err, data)
	}
	return g.Answers
}

func TestSetAnchoredAnswer(t *testing.T) {
	before, _ := loadString(t, anchored)
	check := func(got map[string]answers.Answer, changed string) {
		t.Helper()
		for id, a := range before.Answers {
			if id != changed && !reflect.DeepEqual(got[id], a) {
				t.Errorf("%s changed: %+v, was %+v", id, got[id], a)
			}
		}
	}
	// the anchored answer itself: the others keep what they shared
	got := set(t, anchored, "ACC-MFA", "partial", nil)
	check(got, "ACC-MFA")
	if got["ACC-MFA"].Status != "partial" || got["ACC-MFA"].Owner != "Dana" {
		t.Errorf("ACC-MFA = %+v", got["ACC-MFA"])
	}
	// an alias: becomes a copy, edited
	got = set(t, anchored, "ACC-SSO", "missing", nil)
	check(got, "ACC-SSO")
	if a := got["ACC-SSO"]; a.Status != "missing" || a.Owner != "Dana" || len(a.Evidence) != 1 {
		t.Errorf("ACC-SSO = %+v, want missing with Dana's owner and evidence", a)
	}
	// a merge: inherited fields stay
	got = set(t, anchored, "ACC-PRIVILEGED", "planned", nil)
	check(got, "ACC-PRIVILEGED")
	if a := got["ACC-PRIVILEGED"]; a.Status != "planned" || a.Owner != "Dana" || a.Note != "inherited owner" {
		t.Errorf("ACC-PRIVILEGED = %+v, want planned, owner Dana, its note", a)
	}
	// removing a field the answer only inherits
	got = set(t, anchored, "ACC-PRIVILEGED", "planned", func(a *answers.Answer) { a.Owner = "" })
	if a := got["ACC-PRIVILEGED"]; a.Owner != "" || len(a.Evidence) != 1 {
		t.Errorf("ACC-PRIVILEGED = %+v, want no owner, inherited evidence kept", a)
	}
	check(got, "ACC-PRIVILEGED")
	// an anchored scalar shared by another answer
	got = set(t, anchored, "ACC-ACCESS-REVIEW", "implemented", nil)
	check(got, "ACC-ACCESS-REVIEW")
	if got["ACC-LEAVER"].NAReason != "no production access yet" {
		t.Errorf("ACC-LEAVER lost its reason: %+v", got["ACC-LEAVER"])
	}
}

// FuzzSaveRoundTrip: whatever file loads, one set on it saves a file that loads again,
// with the new answer and every other answer and the scope unchanged.
func FuzzSaveRoundTrip(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/seeds/*")
	for _, s := range seeds {
		data, _ := os.ReadFile(s)
		f.Add(data, uint8(0))
	}
	f.Add([]byte(anchored), uint8(1))
	f.Add([]byte(anchored), uint8(2))
	ex, _ := os.ReadFile("../../examples/startup.yaml")
	f.Add(ex, uint8(3))
	f.Add([]byte("# head\norganization: {name: x}\nanswers: {}\n# end\n"), uint8(0))
	f.Add([]byte("organization:\n  name: x\nanswers:\n  ACC-MFA:\n    status: partial\n    # inside\n\n  # before SSO\n  ACC-SSO: {status: missing} # flow\n# foot\n"), uint8(1))
	cat := builtin(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		path := filepath.Join(dir, "fuzz.yaml")
		before, err := answersfile.Parse(path, data, cat)
		if err != nil {
			return
		}
		ids := before.AnsweredIDs()
		id := "ACC-MFA"
		if len(ids) > 0 {
			id = ids[int(pick)%len(ids)]
		}
		a := before.Answers[id]
		a.Status, a.NAReason, a.Note = "partial", "", "fuzzed"
		if err := before.SetAnswer(id, a); err != nil {
			t.Fatal(err)
		}
		if err := before.Save(); err != nil {
			if strings.Contains(err.Error(), "would not load") || strings.Contains(err.Error(), "limit") {
				return
			}
			t.Fatal(err)
		}
		saved, _ := os.ReadFile(path)
		after, err := answersfile.Load(path, cat)
		if err != nil {
			t.Fatalf("saved file does not load: %v\n--- in\n%s\n--- out\n%s", err, data, saved)
		}
		orig, _ := answersfile.Parse(path, data, cat)
		for oid, oa := range orig.Answers {
			if oid != id && !reflect.DeepEqual(after.Answers[oid], oa) {
				t.Fatalf("%s changed: %+v -> %+v\n--- in\n%s\n--- out\n%s", oid, oa, after.Answers[oid], data, saved)
			}
		}
		if got := after.Answers[id]; got.Status != "partial" || got.Note != "fuzzed" {
			t.Fatalf("%s = %+v\n--- out\n%s", id, got, saved)
		}
		// set never invents or repeats a comment
		in := commentLines(string(data))
		for c, n := range commentLines(string(saved)) {
			if n > in[c] {
				t.Fatalf("comment %q %d times, %d in the input\n--- in\n%s\n--- out\n%s", c, n, in[c], data, saved)
			}
		}
		if !reflect.DeepEqual(orig.Scope, after.Scope) || !reflect.DeepEqual(orig.Organization, after.Organization) {
			t.Fatalf("scope or organisation changed\n--- in\n%s\n--- out\n%s", data, saved)
		}
	})
}

func commentLines(s string) map[string]int {
	out := map[string]int{}
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "#") {
			out[t]++
		}
	}
	return out
}
