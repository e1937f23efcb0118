package policies

import (
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// TestGenericDraft: a policy the text has no writer for (a catalogue addition) still gets a
// complete draft: front matter, scope, roles, one requirement per control it backs, and
// the closing sections; and a second policy with the same title gets its own file name.
func TestGenericDraft(t *testing.T) {
	cat, err := catalogue.Builtin(criteria.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	// a new policy backed by what backs the acceptable use policy
	extra := catalogue.Policy{ID: "endpoint", Title: "Acceptable use policy", DocumentControl: "POL-AUP"}
	cat.Policies = append(cat.Policies, extra)
	for i := range cat.Controls {
		if strings.HasPrefix(cat.Controls[i].ID, "END-") {
			cat.Controls[i].Policies = append(cat.Controls[i].Policies, "endpoint")
		}
	}
	f := answersfile.New("a.yaml", cat)
	f.Organization.Name = "Acme"
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	ds, _ := Build(Input{Catalogue: cat, File: &f.Data, Result: r, Date: "2026-11-18", Tool: "test"})
	last := ds[len(ds)-1]
	if last.Policy.ID != "endpoint" || last.Slug != "acceptable-use-policy-endpoint" {
		t.Fatalf("last draft %s %q", last.Policy.ID, last.Slug)
	}
	var titles []string
	for _, s := range last.Sections {
		titles = append(titles, s.Title)
	}
	want := "Purpose|Scope|Roles and responsibilities|Requirements|Exceptions and enforcement|Records|Review, approval and acknowledgement"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("sections %s, want %s", got, want)
	}
	req := last.Sections[3]
	if len(req.Backs) == 0 || len(req.Blocks) != 2 || len(req.Blocks[1].Items) != len(req.Backs) {
		t.Errorf("requirements: %d controls, blocks %+v", len(req.Backs), req.Blocks)
	}
}
