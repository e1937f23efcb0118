package catalogue

import (
	"fmt"
	"strings"
)

// Statistics summarise the catalogue and list the quality rules it breaks; the built-in
// catalogue must break none (the catalogue test enforces it).
type Statistics struct {
	Criteria, PointsOfFocus, Addressed, Controls int
	Categories                                   []CategoryStats
	BySeverity                                   map[string]int
	PerCriterion                                 map[string]int
	MinPerCriterion, MaxPerCriterion             int
	Problems                                     []string
}

// CategoryStats counts a category's criteria, the points of focus that count for it
// (tagged ones included) and the controls linked to its criteria.
type CategoryStats struct {
	ID                                string
	Criteria, PointsOfFocus, Controls int
}

// Stats counts and checks the quality rules: two controls per criterion, every point of
// focus addressed, every control-criterion link backed by an addressed point of focus, no two controls asking the same question (in the same or in other
// words, see similar.go).
func Stats(c *Catalogue) Statistics {
	s := Statistics{Criteria: len(c.Criteria), BySeverity: map[string]int{}, PerCriterion: map[string]int{}, MinPerCriterion: 1 << 30}
	addressed := map[string]bool{}
	questions := map[string]string{}
	catControls := map[string]map[string]bool{}
	for i := range c.Controls {
		ct := &c.Controls[i]
		if ct.Disabled {
			continue
		}
		s.Controls++
		s.BySeverity[ct.Severity]++
		for _, a := range ct.Addresses {
			addressed[a] = true
		}
		// A link to a criterion must rest on a point of focus of that criterion the control
		// addresses: that is what lets scoring decide by point of focus whether a control
		// counts in a scope, and what an auditor asks when reading the mapping.
		for _, cr := range ct.Criteria {
			if !backed(ct, cr) {
				s.Problems = append(s.Problems, fmt.Sprintf("%s supports %s but addresses none of its points of focus", ct.ID, cr))
			}
		}
		for _, cr := range ct.Criteria {
			s.PerCriterion[cr]++
			cat := c.Criterion(cr).Category
			if catControls[cat] == nil {
				catControls[cat] = map[string]bool{}
			}
			catControls[cat][ct.ID] = true
		}
		q := strings.ToLower(strings.Join(strings.Fields(ct.Question), " "))
		if other, dup := questions[q]; dup {
			s.Problems = append(s.Problems, fmt.Sprintf("%s asks the same question as %s", ct.ID, other))
		}
		questions[q] = ct.ID
	}
	for _, p := range similarControls(c) {
		s.Problems = append(s.Problems, fmt.Sprintf("%s and %s ask the same thing in other words (similarity %.2f): merge them or make the questions distinct", p.A.ID, p.B.ID, p.Score))
	}
	for _, cat := range c.Categories {
		cs := CategoryStats{ID: cat.ID, Controls: len(catControls[cat.ID])}
		for _, cr := range c.Criteria {
			if cr.Category == cat.ID {
				cs.Criteria++
			}
			// Points count for their own category: a privacy point inside a common
			// criterion is a privacy point.
			for _, p := range cr.PointsOfFocus {
				if p.Category == cat.ID {
					cs.PointsOfFocus++
				}
			}
		}
		s.Categories = append(s.Categories, cs)
	}
	for _, cr := range c.Criteria {
		n := s.PerCriterion[cr.ID]
		s.MinPerCriterion = min(s.MinPerCriterion, n)
		s.MaxPerCriterion = max(s.MaxPerCriterion, n)
		if n < 2 {
			s.Problems = append(s.Problems, fmt.Sprintf("%s has %d control(s); at least 2 are needed", cr.ID, n))
		}
		for _, p := range cr.PointsOfFocus {
			s.PointsOfFocus++
			if addressed[p.ID] {
				s.Addressed++
			} else {
				s.Problems = append(s.Problems, fmt.Sprintf("point of focus %s (%s) is addressed by no control", p.ID, p.Title))
			}
		}
	}
	return s
}

// backed reports whether the control addresses a point of focus of the criterion.
func backed(ct *Control, criterion string) bool {
	for _, a := range ct.Addresses {
		if strings.HasPrefix(a, criterion+".") && !strings.Contains(a[len(criterion)+1:], ".") {
			return true
		}
	}
	return false
}
