package catalogue

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Two controls ask the same thing when a user would answer both with the same facts. Exact
// wording catches copies only; a reworded duplicate shares most of its distinctive words
// (words that few other controls use) and covers the same ground. So the check weighs each
// word of the title and question by its rarity across the catalogue (inverse document
// frequency), compares the two word sets (weighted Jaccard), and counts a pair only when
// the controls also share a criterion or a point of focus. Policy documents are not
// compared with each other: their questions share a template on purpose.
// sameThing is the weighted word overlap above which two controls that share a criterion
// or a point of focus are taken to ask the same thing. Tuned on the built-in catalogue:
// the seven controls merged away in 2026.12 score 0.30-0.59 against the controls they were
// merged into (testdata/merged-2026-12.yaml); the closest distinct pairs left (office
// access and visitors; cloud and hardware inventories) score 0.22.
const sameThing = 0.28

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or of to in on for with by from at as is are be been
		do does did you your it its their them they this that these those there any all every each
		some such so than then when where which who whom whose what how why can could would should
		must may might will not no nor only own same other others into onto out over under about
		after before up down off more most less least very also just rather both either per via
		etc eg ie have has had we our us get got one`) {
		stopWords[w] = true
	}
}

// synonyms folds words the catalogue uses interchangeably.
var synonyms = map[string]string{"information": "data", "info": "data", "notification": "notify",
	"notice": "notify", "tell": "notify", "told": "notify", "employees": "staff", "people": "staff",
	"personnel": "staff", "workforce": "staff"}

// words returns the normalised word set of a control's title and question.
func words(c *Control) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(c.Title+" "+c.Question), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 2 || stopWords[w] {
			continue
		}
		if s, ok := synonyms[w]; ok {
			w = s
		}
		out[stem(w)] = true
	}
	return out
}

// stem strips common English endings so "reviews", "reviewed" and "reviewing" meet.
func stem(w string) string {
	for _, suf := range []string{"ings", "ing", "ies", "ed", "es", "s"} {
		if len(w) > 4 && strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			if suf == "ies" {
				w += "y"
			}
			return w
		}
	}
	return w
}

// similarPair is two controls that look like the same question, with their score.
type similarPair struct {
	A, B  *Control
	Score float64
}

// similarControls lists pairs of enabled controls that ask the same thing, most similar
// first.
func similarControls(c *Catalogue) []similarPair {
	docs := map[string]bool{}
	for _, p := range c.Policies {
		docs[p.DocumentControl] = true
	}
	var ctl []*Control
	var sets []map[string]bool
	df := map[string]int{}
	for i := range c.Controls {
		if c.Controls[i].Disabled {
			continue
		}
		ctl = append(ctl, &c.Controls[i])
		ws := words(&c.Controls[i])
		sets = append(sets, ws)
		for w := range ws {
			df[w]++
		}
	}
	sorted := make([][]string, len(sets))
	for i, ws := range sets {
		sorted[i] = slices.Sorted(maps.Keys(ws))
	}
	weight := func(w string) float64 { return math.Log(float64(len(ctl)) / float64(df[w])) }
	var out []similarPair
	for i := range ctl {
		for j := i + 1; j < len(ctl); j++ {
			a, b := ctl[i], ctl[j]
			if docs[a.ID] && docs[b.ID] {
				continue
			}
			if !overlaps(a.Criteria, b.Criteria) && !overlaps(a.Addresses, b.Addresses) {
				continue
			}
			// words in sorted order: floating-point sums in map order differ in the last
			// bits from run to run, and a score at the threshold must not flicker
			var inter, union float64
			for _, w := range sorted[i] {
				union += weight(w)
				if sets[j][w] {
					inter += weight(w)
				}
			}
			for _, w := range sorted[j] {
				if !sets[i][w] {
					union += weight(w)
				}
			}
			if union > 0 && inter/union >= sameThing {
				out = append(out, similarPair{a, b, inter / union})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
