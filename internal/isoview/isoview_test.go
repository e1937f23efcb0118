package isoview

import (
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

func TestBuild(t *testing.T) {
	cat, err := catalogue.Builtin(criteria.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]answers.Answer{}
	for _, c := range cat.Controls {
		all[c.ID] = answers.Answer{Status: "implemented"}
	}
	scope := answers.Scope{Categories: []string{"security", "availability", "confidentiality", "processing_integrity", "privacy"}, Facts: map[string]bool{"own_hardware": true}}
	v := Build(cat, scoring.Assess(scoring.Input{Catalogue: cat, Scope: scope, Answers: all}))
	if len(v.Items) != 93 {
		t.Fatalf("%d items, want 93", len(v.Items))
	}
	covered := 0
	for _, it := range v.Items {
		switch it.Status {
		case Met:
			covered++
		case NotCovered:
			if it.Score != 0 || len(it.Mapped) != 0 {
				t.Errorf("%s not covered but has score or mappings", it.Control.ID)
			}
		default:
			t.Errorf("%s is %s with every control implemented", it.Control.ID, it.Status)
		}
	}
	if covered < 60 {
		t.Errorf("only %d of 93 Annex A controls met by an all-implemented catalogue", covered)
	}
	// A.8.5 (secure authentication) is met by ACC-MFA; with MFA missing it must drop.
	all["ACC-MFA"] = answers.Answer{Status: "missing"}
	v = Build(cat, scoring.Assess(scoring.Input{Catalogue: cat, Scope: scope, Answers: all}))
	for _, it := range v.Items {
		if it.Control.ID == "A.8.5" && (it.Status != Partial || it.Score >= 100) {
			t.Errorf("A.8.5 with MFA missing: %s %v", it.Status, it.Score)
		}
	}
}
