// Package isoview shows the same answers as ISO/IEC 27001:2022 Annex A readiness: each
// Annex A control with the soc2ready controls that meet it, a status and a score per theme,
// and the Annex A controls nothing answered covers (the extra work a certification needs).
// It is pure, like scoring.
package isoview

import (
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Statuses of an Annex A control.
const (
	Met           = "met"            // every applicable mapped control implemented
	Partial       = "partial"        // some credit, not all
	Gap           = "gap"            // mapped controls apply but earn nothing
	NotCovered    = "not_covered"    // no soc2ready control maps to it: extra ISO work
	NotApplicable = "not_applicable" // mapped controls exist but none applies here
)

// Item is one Annex A control.
type Item struct {
	Control catalogue.AnnexAControl
	Mapped  []*scoring.ControlResult // soc2ready controls mapped to it, applicable or not
	Score   float64                  // 0-100, weighted like scoring; 0 when not covered
	Status  string
}

// Theme sums the items of one theme.
type Theme struct {
	ID       string
	Score    float64 // mean item score, not-applicable items left out
	Counts   map[string]int
	Controls int
}

// View is the whole ISO picture.
type View struct {
	Items   []Item
	Themes  []Theme
	Overall float64
}

// Build maps the scored soc2ready controls onto Annex A.
func Build(cat *catalogue.Catalogue, r *scoring.Result) View {
	byAnnex := map[string][]*scoring.ControlResult{}
	for _, c := range r.Controls {
		for _, id := range c.Control.ISO27001 {
			byAnnex[id] = append(byAnnex[id], c)
		}
	}
	var v View
	themes := map[string]*Theme{}
	for _, t := range catalogue.AnnexAThemes {
		v.Themes = append(v.Themes, Theme{ID: t, Counts: map[string]int{}})
	}
	for i := range v.Themes {
		themes[v.Themes[i].ID] = &v.Themes[i]
	}
	total, n := 0.0, 0
	for _, a := range cat.AnnexA {
		it := Item{Control: a, Mapped: byAnnex[a.ID]}
		earned, possible := 0.0, 0.0
		for _, c := range it.Mapped {
			if c.Applicable {
				earned += c.Weight * c.Points
				possible += c.Weight
			}
		}
		switch {
		case len(it.Mapped) == 0:
			it.Status = NotCovered
		case possible == 0:
			it.Status = NotApplicable
		default:
			it.Score = scoring.Round1(100 * earned / possible)
			switch {
			case it.Score == 100:
				it.Status = Met
			case it.Score > 0:
				it.Status = Partial
			default:
				it.Status = Gap
			}
		}
		th := themes[a.Theme]
		th.Counts[it.Status]++
		th.Controls++
		if it.Status != NotApplicable {
			th.Score += it.Score
			total += it.Score
			n++
		}
		v.Items = append(v.Items, it)
	}
	for i := range v.Themes {
		th := &v.Themes[i]
		if counted := th.Controls - th.Counts[NotApplicable]; counted > 0 {
			th.Score = scoring.Round1(th.Score / float64(counted))
		}
	}
	if n > 0 {
		v.Overall = scoring.Round1(total / float64(n))
	}
	return v
}
