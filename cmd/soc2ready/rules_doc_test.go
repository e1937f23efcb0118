package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// TestDocsStateTheRules: the README and the architecture notes state the scoring rules in
// prose. Each sentence is built here from the constants the code applies, so a changed
// threshold fails this test until the documents say the new number.
func TestDocsStateTheRules(t *testing.T) {
	n := func(v float64) string { return fmt.Sprintf("%g", v) }
	for file, want := range map[string][]string{
		"README.md": {
			"the score is below " + n(scoring.NotReadyLT) + " or",
			"or the score is below " + n(scoring.ReadyAt) + ";",
			fmt.Sprintf("%s+ audit-ready, %s-%s findings likely, %s-%s material gaps, below %s audit blocker",
				n(scoring.AuditReadyAt), n(scoring.FindingsLikelyAt), n(scoring.AuditReadyAt-1),
				n(scoring.MaterialGapsAt), n(scoring.FindingsLikelyAt-1), n(scoring.MaterialGapsAt)),
			fmt.Sprintf("(%d people or fewer, or more)", catalogue.SmallMax),
		},
		"docs/ARCHITECTURE.md": {
			"score < " + n(scoring.NotReadyLT) + ";",
			"carry > " + n(scoring.ExceptionShareMax) + "% of its weight",
			"score < " + n(scoring.ReadyAt) + ")",
			fmt.Sprintf("Bands: %s audit-ready, %s findings likely, %s material gaps", n(scoring.AuditReadyAt), n(scoring.FindingsLikelyAt), n(scoring.MaterialGapsAt)),
		},
	} {
		data, err := os.ReadFile("../../" + file)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(data)), " ") // sentences wrap across lines
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not say %q: the rule changed in code or the words changed; make them agree", file, w)
			}
		}
	}
}
