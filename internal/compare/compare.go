// Package compare works out what changed between two assessments of the same system: the
// scores, the verdicts, the gaps closed and opened, the controls that got worse, and the
// scope. It is pure, like scoring: both sides are scored by the caller against one
// catalogue, and nothing here reads files or runs commands.
package compare

import (
	"sort"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Side is one assessment: where it came from, its answers file and its result.
type Side struct {
	Name   string // a path or a git revision such as HEAD~1:soc2ready.yaml
	File   *answers.Data
	Result *scoring.Result
}

// States a control can be in besides its answer status.
const (
	OutOfScope    = "out_of_scope"                // its categories are out of scope, or a scope fact turns it off
	NotApplicable = string(answers.NotApplicable) // answered not_applicable
)

// Diff is everything that changed from Old to New.
type Diff struct {
	Old, New    string
	Overall     ScoreChange
	OldBand     scoring.Band
	NewBand     scoring.Band
	Categories  []CategoryChange  // categories in scope on either side, catalogue order
	Criteria    []CriterionChange // criteria whose verdict changed, catalogue order
	Regressions []ControlChange   // applicable on both sides, status got worse
	Closed      []ControlChange   // gaps on the old side that are not gaps on the new
	Opened      []ControlChange   // gaps on the new side that were not gaps on the old
	Scope       ScopeChange
}

// ScoreChange is a score on both sides. Old or New is nil when there is no score there
// (the category is out of scope).
type ScoreChange struct {
	Old, New *float64
	Delta    float64 // New - Old, one decimal; 0 when either is nil
}

// CategoryChange is one category's score on both sides.
type CategoryChange struct {
	ID, Name string
	ScoreChange
}

// CriterionChange is a criterion whose verdict changed.
type CriterionChange struct {
	ID, Title string
	Old, New  string // a scoring.Verdict, or OutOfScope
	Score     ScoreChange
}

// ControlChange is one control's state on both sides: its status (implemented ...
// missing, scoring.Unanswered), NotApplicable or OutOfScope.
type ControlChange struct {
	ID, Title, Severity string
	Old, New            string
}

// ScopeChange is what changed in the scope section of the answers file.
type ScopeChange struct {
	Added, Removed []string // category ids
	OldReportType  string
	NewReportType  string
	OldPeriod      string // "2026-01-01 to 2026-06-30", or ""
	NewPeriod      string
	Facts          []FactChange
	// NowNotApplicable are controls that counted on the old side and are answered
	// not_applicable on the new: not regressions, but a reviewer should see them.
	NowNotApplicable []ControlChange
}

// FactChange is a scope fact whose value (after catalogue defaults) changed.
type FactChange struct {
	ID       string
	Old, New bool
}

// Empty reports whether nothing changed in scope.
func (s ScopeChange) Empty() bool {
	return len(s.Added) == 0 && len(s.Removed) == 0 && s.OldReportType == s.NewReportType &&
		s.OldPeriod == s.NewPeriod && len(s.Facts) == 0 && len(s.NowNotApplicable) == 0
}

// Changed reports whether anything at all changed.
func (d *Diff) Changed() bool {
	if d.Overall.Delta != 0 || len(d.Criteria) > 0 || len(d.Regressions) > 0 || len(d.Closed) > 0 || len(d.Opened) > 0 || !d.Scope.Empty() {
		return true
	}
	for _, c := range d.Categories {
		if c.Delta != 0 || (c.Old == nil) != (c.New == nil) {
			return true
		}
	}
	return false
}

// rank orders the statuses of an applicable control from best to worst; a regression is a
// move to a higher rank. Unanswered ranks with missing: deleting an answer of missing
// loses nothing, deleting an implemented one does.
var rank = map[answers.Status]int{answers.Implemented: 0, answers.Partial: 1, answers.Planned: 2, answers.Missing: 3, scoring.Unanswered: 3}

// Compare computes the diff. Both results must come from the same catalogue.
func Compare(cat *catalogue.Catalogue, old, new Side) *Diff {
	ro, rn := old.Result, new.Result
	d := &Diff{Old: old.Name, New: new.Name, OldBand: ro.Band, NewBand: rn.Band}
	d.Overall = change(&ro.Overall.Value, &rn.Overall.Value)

	for i, c := range rn.Categories {
		o := ro.Categories[i]
		if !o.InScope && !c.InScope {
			continue
		}
		d.Categories = append(d.Categories, CategoryChange{ID: c.Category.ID, Name: c.Category.Name,
			ScoreChange: change(categoryScore(o), categoryScore(c))})
	}

	oldCrit, newCrit := criteriaByID(ro), criteriaByID(rn)
	for i := range cat.Criteria {
		id := cat.Criteria[i].ID
		o, n := oldCrit[id], newCrit[id]
		ov, nv := verdict(o), verdict(n)
		if ov == nv {
			continue
		}
		d.Criteria = append(d.Criteria, CriterionChange{ID: id, Title: cat.Criteria[i].Title, Old: ov, New: nv,
			Score: change(criterionScore(o), criterionScore(n))})
	}

	oldCtl := controls(ro)
	for _, n := range rn.Controls {
		o := oldCtl[n.Control.ID]
		if o == nil {
			continue // both sides use one catalogue; a nil here is a disabled control
		}
		ch := ControlChange{ID: n.Control.ID, Title: n.Control.Title, Severity: n.Control.Severity, Old: state(o), New: state(n)}
		switch {
		case o.Open() && !n.Open():
			d.Closed = append(d.Closed, ch)
		case !o.Open() && n.Open():
			d.Opened = append(d.Opened, ch)
		}
		if o.Applicable && n.Applicable && rank[n.Status] > rank[o.Status] {
			d.Regressions = append(d.Regressions, ch)
		}
		if o.Applicable && n.ExcludedBy == scoring.ByAnswer {
			d.Scope.NowNotApplicable = append(d.Scope.NowNotApplicable, ch)
		}
	}
	for _, list := range [][]ControlChange{d.Closed, d.Opened, d.Regressions} {
		sort.SliceStable(list, func(i, j int) bool {
			return catalogue.SeverityRank(list[i].Severity) < catalogue.SeverityRank(list[j].Severity)
		})
	}

	d.Scope.fill(cat, old.File.Scope, new.File.Scope)
	return d
}

func (s *ScopeChange) fill(cat *catalogue.Catalogue, o, n answers.Scope) {
	for _, c := range cat.Categories {
		switch in, was := n.InScope(c.ID), o.InScope(c.ID); {
		case in && !was:
			s.Added = append(s.Added, c.ID)
		case was && !in:
			s.Removed = append(s.Removed, c.ID)
		}
	}
	s.OldReportType, s.NewReportType = o.ReportType, n.ReportType
	s.OldPeriod, s.NewPeriod = period(o.ObservationPeriod), period(n.ObservationPeriod)
	for _, f := range cat.Facts {
		if ov, nv := o.Fact(cat, f.ID), n.Fact(cat, f.ID); ov != nv {
			s.Facts = append(s.Facts, FactChange{f.ID, ov, nv})
		}
	}
}

func period(p *answers.Period) string {
	if p == nil {
		return ""
	}
	return string(p.Start) + " to " + string(p.End)
}

func change(o, n *float64) ScoreChange {
	c := ScoreChange{Old: o, New: n}
	if o != nil && n != nil {
		c.Delta = scoring.Round1(*n - *o)
	}
	return c
}

func categoryScore(c *scoring.CategoryResult) *float64 {
	if !c.InScope || c.Score.Controls == 0 {
		return nil
	}
	v := c.Score.Value
	return &v
}

func criterionScore(c *scoring.CriterionResult) *float64 {
	if c == nil || c.Verdict == scoring.NotApplicable {
		return nil
	}
	v := c.Score.Value
	return &v
}

func verdict(c *scoring.CriterionResult) string {
	if c == nil {
		return OutOfScope
	}
	return string(c.Verdict)
}

func criteriaByID(r *scoring.Result) map[string]*scoring.CriterionResult {
	m := map[string]*scoring.CriterionResult{}
	for _, c := range r.Criteria {
		m[c.Criterion.ID] = c
	}
	return m
}

func controls(r *scoring.Result) map[string]*scoring.ControlResult {
	m := map[string]*scoring.ControlResult{}
	for _, c := range r.Controls {
		m[c.Control.ID] = c
	}
	return m
}

func state(c *scoring.ControlResult) string {
	switch {
	case c.Applicable:
		return string(c.Status)
	case c.ExcludedBy == scoring.ByAnswer:
		return NotApplicable
	}
	return OutOfScope
}
