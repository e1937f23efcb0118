package catalogue_test

import (
	"slices"
	"testing"

	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// TestSelect checks the catalog list filter against a count made by hand from the
// controls themselves: a group matches its criteria, filters combine with "and".
func TestSelect(t *testing.T) {
	cat := builtin(t)
	got := cat.Select(catalogue.Filter{Criterion: "CC6", Severity: "critical"})
	if len(got) == 0 {
		t.Fatal("no critical CC6 control")
	}
	want := 0
	for _, ct := range cat.Controls {
		if ct.Disabled || ct.Severity != "critical" {
			continue
		}
		if slices.ContainsFunc(ct.Criteria, func(id string) bool { return cat.Criterion(id).Group == "CC6" }) {
			want++
		}
	}
	if len(got) != want {
		t.Errorf("Select(CC6, critical) = %d controls, want %d", len(got), want)
	}
	for _, ct := range got {
		if ct.Severity != "critical" {
			t.Errorf("%s has severity %s", ct.ID, ct.Severity)
		}
	}
	if n := len(cat.Select(catalogue.Filter{})); n != len(cat.InUse()) {
		t.Errorf("empty filter selects %d, %d in use", n, len(cat.InUse()))
	}
	if cat.Group("CC6") == nil || cat.Group("CC6.1") != nil {
		t.Error("Group must find CC6 and only groups")
	}
	p := cat.Criterion("CC6.1").PointsOfFocus[0]
	for _, ct := range cat.AddressedBy(p.ID) {
		if !slices.Contains(ct.Addresses, p.ID) {
			t.Errorf("%s does not address %s", ct.ID, p.ID)
		}
	}
}
