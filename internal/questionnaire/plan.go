package questionnaire

import (
	"slices"
	"sort"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Section is one page of the questionnaire: a criterion group (CC1 ... CC9, A1, C1, PI1,
// P1 ... P8) and the controls asked in it.
type Section struct {
	ID, Name string
	Controls []*catalogue.Control
}

// Sections lists every question of the assessment: the controls that count for the
// in-scope categories plus those answered not_applicable (so a review can change its
// mind), each in the group of its first in-scope criterion, groups in catalogue order and
// controls in catalogue order within a group. Controls switched off by a scope fact are
// not asked: the fact already answers them.
func Sections(cat *catalogue.Catalogue, scope answers.Scope, ans map[string]answers.Answer) []Section {
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: scope, Answers: ans})
	byGroup := map[string][]*catalogue.Control{}
	for _, c := range r.Controls {
		if !c.Asked() {
			continue
		}
		g := cat.Criterion(c.Criteria[0]).Group
		byGroup[g] = append(byGroup[g], c.Control)
	}
	var out []Section
	for _, g := range cat.Groups() {
		if len(byGroup[g.ID]) > 0 {
			out = append(out, Section{ID: g.ID, Name: g.Name, Controls: byGroup[g.ID]})
		}
	}
	return out
}

// Mode picks which questions of the chosen sections are asked.
type Mode int

const (
	// All asks every question, pre-filled where answered, starting at the first open one.
	All Mode = iota
	// Unanswered asks only the questions without an answer.
	Unanswered
	// Review asks only the questions already answered, pre-filled, to revisit them.
	Review
)

// stop is one question on the way: which section and which control.
type stop struct {
	section int
	control *catalogue.Control
}

// plan picks the questions to ask, in order, and where to start.
func plan(sections []Section, only string, mode Mode, ans map[string]answers.Answer, severities []string) (stops []stop, start int) {
	for i, s := range sections {
		if only != "" && s.ID != only {
			continue
		}
		for _, c := range s.Controls {
			_, answered := ans[c.ID]
			if (mode == Unanswered && answered) || (mode == Review && !answered) {
				continue
			}
			if len(severities) > 0 && !slices.Contains(severities, c.Severity) {
				continue
			}
			stops = append(stops, stop{i, c})
		}
	}
	if mode == All {
		// Resume: start at the first open question; earlier ones are a shift+tab away.
		for i, s := range stops {
			if _, answered := ans[s.control.ID]; !answered {
				return stops, i
			}
		}
	}
	return stops, 0
}

// findSection resolves a --section value (any case) against the catalogue and the
// sections in scope.
func findSection(cat *catalogue.Catalogue, scope answers.Scope, sections []Section, id string) (string, error) {
	want := strings.ToUpper(strings.TrimSpace(id))
	for _, s := range sections {
		if s.ID == want {
			return s.ID, nil
		}
	}
	var all, inScope []string
	for _, g := range cat.Groups() {
		if g.ID == want && scope.InScope(g.Category) {
			return "", problem.New("the scope facts switch off every control of this section; see `soc2ready init`",
				"section %s (%s) has no questions", g.ID, g.Name)
		}
		if g.ID == want {
			return "", problem.New("add its category with `soc2ready init`, or pick one of "+strings.Join(ids(sections), ", "),
				"section %s (%s) is not in scope", g.ID, g.Name)
		}
		all = append(all, g.ID)
	}
	inScope = ids(sections)
	sort.Strings(all)
	return "", problem.New(problem.DidYouMean(want, all, "sections in scope are "+strings.Join(inScope, ", ")), "unknown section %q", id)
}

func ids(sections []Section) []string {
	out := make([]string, len(sections))
	for i, s := range sections {
		out[i] = s.ID
	}
	return out
}
