package problem

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"short", "short"},
		{strings.Repeat("a", MaxEcho), strings.Repeat("a", MaxEcho)},
		{strings.Repeat("a", MaxEcho+1), strings.Repeat("a", MaxEcho-1) + "…"},
		{strings.Repeat("é", MaxEcho+5), strings.Repeat("é", MaxEcho-1) + "…"},
	} {
		if got := Clip(c.in, MaxEcho); got != c.want {
			t.Errorf("Clip(%d bytes) = %q, want %q", len(c.in), got, c.want)
		}
	}
	if got := New("", "unknown id %q (%d)", strings.Repeat("x", 1000), 7).Msg; len(got) > MaxEcho+30 {
		t.Errorf("message not capped: %d bytes", len(got))
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"ACC-MFA", "ACC-SSO", "CHG-PEER-REVIEW"}
	if got := Suggest("ACC-MFE", ids); got != "ACC-MFA" {
		t.Errorf("typo: %q", got)
	}
	if got := Suggest("ZZZ-000001", ids); got != "" {
		t.Errorf("unrelated: %q", got)
	}
	// A 300 KB word against 5,000 candidates must not cost an edit distance each (that
	// would take minutes, and the test would time out).
	many := make([]string, 5000)
	for i := range many {
		many[i] = strings.Repeat("Q", 70) + string(rune('a'+i%26))
	}
	if got := Suggest(strings.Repeat("Q", 300000), many); got != "" {
		t.Errorf("long word: %q", got)
	}
	if got := Suggest("ACC", many); got != "" {
		t.Errorf("short word against long candidates: %q", got)
	}
}

func TestJoin(t *testing.T) {
	if Join(nil) != nil || Join([]error{nil}) != nil {
		t.Error("Join of nothing is not nil")
	}
	one := At("a.yaml", 3, "", "x")
	if Join([]error{one}) != one {
		t.Error("Join of one problem is not that problem")
	}
	plain := errors.New("plain")
	if Join([]error{one, plain}) != plain {
		t.Error("a non-problem error is not passed through")
	}
	err := Join([]error{At("a.yaml", 9, "", "late"), At("a.yaml", 2, "", "early"), New("", "no line")})
	l, ok := err.(*List)
	if !ok {
		t.Fatalf("Join = %T", err)
	}
	var got []string
	for _, p := range l.Problems {
		got = append(got, p.Error())
	}
	if strings.Join(got, "|") != "no line|a.yaml:2: early|a.yaml:9: late" {
		t.Errorf("order = %q", got)
	}
	if l.Error() != "no line (and 2 more)" || l.ExitCode() != ExitBadInput {
		t.Errorf("Error() = %q, code %d", l.Error(), l.ExitCode())
	}
}

func TestJoinCaps(t *testing.T) {
	var errs []error
	for i := 200; i > 0; i-- {
		errs = append(errs, At("a.yaml", i, "", "problem %d", i))
	}
	l := Join(errs).(*List)
	if len(l.Problems) != MaxList || l.More != 200-MaxList || l.Problems[0].Line != 1 || l.Problems[MaxList-1].Line != MaxList {
		t.Errorf("capped list: %d kept, %d more, first line %d", len(l.Problems), l.More, l.Problems[0].Line)
	}
}

// TestRehint: a command's hint replaces the generic one only for the kind it names, found
// through wrapping, never by the message text.
func TestRehint(t *testing.T) {
	missing := At("a.yaml", 0, "check the path", "no such file").Of(fs.ErrNotExist)
	err := Rehint(fmt.Errorf("loading: %w", missing), fs.ErrNotExist, "run init")
	if missing.Hint != "run init" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("hint %q, errors.Is %v", missing.Hint, errors.Is(err, fs.ErrNotExist))
	}
	other := At("a.yaml", 0, "keep", "no such file") // same words, no kind
	Rehint(other, fs.ErrNotExist, "run init")
	if other.Hint != "keep" {
		t.Errorf("a problem without the kind got the hint %q", other.Hint)
	}
	if Rehint(nil, fs.ErrNotExist, "x") != nil {
		t.Error("nil must stay nil")
	}
}
