package problem

import (
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
