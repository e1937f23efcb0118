package catalogue_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Content rules for the built-in catalogue (issue 12): the severity caps and Type 2
// sample guidance that agrees with each control's frequency. docs/CATALOGUE.md states
// both rules; these tests keep the YAML from drifting away from them.

// TestSeverityCaps: "ready" needs every critical and high control in place, so the two
// top severities must stay rare enough to mean what docs/CATALOGUE.md says they mean.
func TestSeverityCaps(t *testing.T) {
	cat := builtin(t)
	n := map[string]int{}
	total := 0
	for _, c := range cat.Controls {
		if c.Disabled {
			continue
		}
		n[c.Severity]++
		total++
	}
	for _, limit := range []struct {
		sev string
		pct float64
	}{{"critical", 8}, {"high", 40}} {
		if got := 100 * float64(n[limit.sev]) / float64(total); got >= limit.pct {
			t.Errorf("%d of %d controls are %s (%.1f%%); keep it under %.0f%% (docs/CATALOGUE.md, Severity)",
				n[limit.sev], total, limit.sev, got, limit.pct)
		}
	}
}

// sampleRange is the common Type 2 sample size by how often a control operates. A
// per-event or continuous control is sampled like one that runs many times a day, when
// its population is large; smaller populations get fewer, which the text may say.
var sampleRange = map[string][2]int{
	"annual":      {1, 1},
	"semi_annual": {1, 2},
	"quarterly":   {2, 2},
	"monthly":     {2, 5},
	"weekly":      {5, 15},
	"daily":       {20, 40},
	"per_event":   {25, 60},
	"continuous":  {25, 60},
}

// mustStateSample lists the frequencies whose population text must give the sample
// size in numbers: for them the size follows from the frequency alone.
var mustStateSample = map[string]bool{"quarterly": true, "monthly": true, "weekly": true, "daily": true}

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}

const numRE = `(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty)`

// A sample size is a number that follows a sampling verb ("samples 25", "picks two to
// four", "inspects about 5") or opens a parenthesis with a hedge ("(often 10 to 25)").
// Population counts ("12 monthly reports") are left alone because no verb precedes them.
var sampleRE = regexp.MustCompile(`(?i)(?:\b(?:samples?|picks?|selects?|inspects?|tests?|checks?)\s+(?:(?:about|around|roughly|up to|at least|typically|usually|often|a sample of|only)\s+)*|\((?:often|typically|usually|commonly|about|around|up to)\s+)` +
	numRE + `(?:\s*(?:to|or|-)\s*` + numRE + `)?\b`)

func num(s string) int {
	if v, err := strconv.Atoi(s); err == nil {
		return v
	}
	return numberWords[strings.ToLower(s)]
}

// sampleSizes returns every sample size the text states, as "lo-hi" ranges.
func sampleSizes(text string) [][2]int {
	var out [][2]int
	for _, m := range sampleRE.FindAllStringSubmatch(text, -1) {
		lo, hi := num(m[1]), num(m[1])
		if m[2] != "" {
			hi = num(m[2])
		}
		out = append(out, [2]int{lo, hi})
	}
	return out
}

func sampleProblems(c *catalogue.Control) []string {
	want, ok := sampleRange[c.Frequency]
	if !ok {
		return []string{fmt.Sprintf("%s: no sample rule for frequency %q", c.ID, c.Frequency)}
	}
	var probs []string
	sizes := sampleSizes(c.Evidence.Population)
	if len(sizes) == 0 && mustStateSample[c.Frequency] {
		probs = append(probs, fmt.Sprintf("%s (%s): population text states no sample size; common practice is %d-%d",
			c.ID, c.Frequency, want[0], want[1]))
	}
	for _, s := range sizes {
		// For per-event and continuous controls a range may start below the band ("10
		// to 25" when the population is small) but must reach it; a periodic control's
		// sample follows from its frequency, so the whole range sits in the band.
		low := s[0]
		if c.Frequency == "per_event" || c.Frequency == "continuous" {
			low = s[1]
		}
		if low < want[0] || s[1] > want[1] {
			probs = append(probs, fmt.Sprintf("%s (%s): sample %d-%d outside common practice %d-%d",
				c.ID, c.Frequency, s[0], s[1], want[0], want[1]))
		}
	}
	return probs
}

// TestSampleGuidanceMatchesFrequency: the sample sizes in each control's population text
// follow the frequency table, so an auditor reading them finds the usual numbers.
func TestSampleGuidanceMatchesFrequency(t *testing.T) {
	cat := builtin(t)
	for i := range cat.Controls {
		for _, p := range sampleProblems(&cat.Controls[i]) {
			t.Error(p)
		}
	}
}

// TestSampleRuleCatchesDrift: the parser reads numbers in digits and words, and the rule
// rejects the examples that issue 12 found.
func TestSampleRuleCatchesDrift(t *testing.T) {
	for _, tc := range []struct {
		freq, text string
		bad        bool
	}{
		{"weekly", "Advisories in the period; the auditor may pick one or two and check each.", true},
		{"weekly", "All weekly reviews in the period; the auditor samples 5 to 15 weeks.", false},
		{"daily", "Backup jobs run in the period; the auditor samples days (often 25, or a few per quarter).", false},
		{"daily", "Backup jobs; the auditor samples 60 days.", true},
		{"monthly", "Monthly closes in the period. The auditor may sample one or two months.", true},
		{"monthly", "Monthly closes in the period (12 of them); the auditor samples 2 to 5.", false},
		{"quarterly", "Each quarterly review in the period, usually all of them.", true},
		{"quarterly", "The 4 quarterly reviews; the auditor inspects 2.", false},
		{"annual", "Annual test. The auditor inspects the report.", false},
		{"annual", "The auditor samples 25 people.", true},
		{"per_event", "All leavers; the auditor samples about 25 (fewer for small populations).", false},
		{"per_event", "All changes; the auditor samples 10 to 25.", false},
		{"per_event", "All changes; the auditor samples 5.", true},
	} {
		c := &catalogue.Control{ID: "X", Frequency: tc.freq, Evidence: catalogue.Evidence{Population: tc.text}}
		if got := len(sampleProblems(c)) > 0; got != tc.bad {
			t.Errorf("%s %q: flagged=%v, want %v (%v)", tc.freq, tc.text, got, tc.bad, sampleProblems(c))
		}
	}
}
