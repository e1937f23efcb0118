package problem

import (
	"errors"
	"strings"
	"testing"
)

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
