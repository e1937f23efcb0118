// Package scoring turns a catalogue and a set of answers into scores, verdicts and a
// remediation plan. It is pure: no I/O, no clock, no terminal, so every rule here can be
// checked against numbers worked out by hand.
package scoring

import (
	"math"
	"sort"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Weights maps a severity to how much its controls count.
type Weights map[string]float64

// DefaultWeights make a critical control count four times a low one.
var DefaultWeights = Weights{"critical": 4, "high": 3, "medium": 2, "low": 1}

// points earned per status; planned, missing and unanswered earn nothing.
var points = map[string]float64{"implemented": 1, "partial": 0.5}

// Thresholds for criterion verdicts and the readiness bands.
const (
	ReadyAt    = 85.0 // a criterion scoring at least this (and with no open key control) is ready
	NotReadyLT = 50.0 // below this a criterion is not ready
)

// Unanswered is the status reported for an applicable control with no answer.
const Unanswered = "unanswered"

type Verdict string

const (
	Ready         Verdict = "ready"
	AtRisk        Verdict = "at_risk"
	NotReady      Verdict = "not_ready"
	NotApplicable Verdict = "not_applicable"
)

// Verdicts in report order.
var Verdicts = []Verdict{Ready, AtRisk, NotReady, NotApplicable}

// Band is the advisory readiness band of the overall score.
type Band struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Min  float64
}

// Bands from best to worst; the first whose Min the score reaches applies.
var Bands = []Band{
	{"audit_ready", "Audit-ready", 85},
	{"findings_likely", "Findings likely", 60},
	{"material_gaps", "Material gaps", 35},
	{"blocker", "Audit blocker", 0},
}

// BandFor returns the band of a score.
func BandFor(score float64) Band {
	for _, b := range Bands {
		if score >= b.Min {
			return b
		}
	}
	return Bands[len(Bands)-1]
}

// Input is everything a score depends on.
type Input struct {
	Catalogue *catalogue.Catalogue
	Scope     answers.Scope
	Answers   map[string]answers.Answer // by canonical control id
	Weights   Weights                   // nil means DefaultWeights
}

// ControlResult is one control as the assessment sees it.
type ControlResult struct {
	Control    *catalogue.Control
	Answer     answers.Answer
	Status     string // the answer's status, or Unanswered
	Applicable bool
	// Excluded says why a control does not count: a scope fact, a not_applicable answer,
	// or no in-scope criteria. Empty for applicable controls.
	Excluded   string
	ExcludedBy string // "fact", "answer" or "category"
	Criteria   []string
	Weight     float64
	Points     float64 // 0, 0.5 or 1
}

// Open reports whether the control is a gap: applicable and not implemented.
func (c *ControlResult) Open() bool { return c.Applicable && c.Status != "implemented" }

// Score is a weighted score over a set of applicable controls.
type Score struct {
	Value       float64 `json:"score"` // 0-100, one decimal
	Earned      float64 `json:"earned"`
	Possible    float64 `json:"possible"`
	Controls    int     `json:"controls"`
	Implemented int     `json:"implemented"`
	Partial     int     `json:"partial"`
	Open        int     `json:"open"` // planned, missing or unanswered
	Unanswered  int     `json:"unanswered"`
}

func (s *Score) add(c *ControlResult) {
	s.Controls++
	s.Earned += c.Weight * c.Points
	s.Possible += c.Weight
	switch c.Status {
	case "implemented":
		s.Implemented++
	case "partial":
		s.Partial++
	default:
		s.Open++
		if c.Status == Unanswered {
			s.Unanswered++
		}
	}
}

func (s *Score) finish() {
	if s.Possible > 0 {
		s.Value = Round1(100 * s.Earned / s.Possible)
	}
}

// Round1 rounds to one decimal, the precision every output shows; verdicts and bands are
// decided on the rounded value so what the reader sees agrees with the verdict.
func Round1(v float64) float64 { return math.Round(v*10) / 10 }

type CriterionResult struct {
	Criterion *catalogue.Criterion
	Score     Score
	Verdict   Verdict
	Reason    string           // the rule that decided the verdict, in plain words
	Controls  []*ControlResult // every control mapped to it, applicable or not
}

type CategoryResult struct {
	Category *catalogue.Category
	InScope  bool
	Score    Score
	Verdicts map[Verdict]int
}

type GroupResult struct {
	ID, Name, Category string
	Score              Score
	Verdicts           map[Verdict]int
}

// Gap is an open control placed in the plan.
type Gap struct {
	*ControlResult
	EffortDays float64 // remaining: the size's days, halved for a partial control
	Phase      int
}

// Phase is one step of the roadmap.
type Phase struct {
	Number     int
	Name       string
	Goal       string
	Gaps       []*Gap
	EffortDays float64
}

// Result is the whole assessment.
type Result struct {
	Overall    Score
	Band       Band
	Categories []*CategoryResult
	Groups     []*GroupResult
	Criteria   []*CriterionResult // in-scope criteria only, catalogue order
	Controls   []*ControlResult   // every enabled control, catalogue order
	Gaps       []*Gap             // the plan: open controls, most urgent first
	Phases     []Phase
	Verdicts   map[Verdict]int
}

// Assess computes the assessment.
func Assess(in Input) *Result {
	cat := in.Catalogue
	w := in.Weights
	if w == nil {
		w = DefaultWeights
	}
	r := &Result{Verdicts: map[Verdict]int{}}
	byID := map[string]*ControlResult{}
	for i := range cat.Controls {
		ct := &cat.Controls[i]
		if ct.Disabled {
			continue
		}
		cr := classify(in, ct)
		cr.Weight = w[ct.Severity]
		r.Controls = append(r.Controls, cr)
		byID[ct.ID] = cr
	}

	catIndex := map[string]*CategoryResult{}
	for i := range cat.Categories {
		c := &cat.Categories[i]
		res := &CategoryResult{Category: c, InScope: in.Scope.InScope(c.ID), Verdicts: map[Verdict]int{}}
		r.Categories = append(r.Categories, res)
		catIndex[c.ID] = res
	}
	groupIndex := map[string]*GroupResult{}
	for _, g := range cat.Groups() {
		if !in.Scope.InScope(g.Category) {
			continue
		}
		gr := &GroupResult{ID: g.ID, Name: g.Name, Category: g.Category, Verdicts: map[Verdict]int{}}
		r.Groups = append(r.Groups, gr)
		groupIndex[g.ID] = gr
	}

	for i := range cat.Criteria {
		crit := &cat.Criteria[i]
		if !in.Scope.InScope(crit.Category) {
			continue
		}
		res := &CriterionResult{Criterion: crit}
		var keyOpen []*ControlResult
		var criticalZero *ControlResult
		for _, ct := range cat.ControlsFor(crit.ID) {
			c := byID[ct.ID]
			if c == nil {
				continue // disabled
			}
			res.Controls = append(res.Controls, c)
			if !c.Applicable {
				continue
			}
			res.Score.add(c)
			rank := catalogue.SeverityRank(ct.Severity)
			if rank <= 1 && c.Status != "implemented" {
				keyOpen = append(keyOpen, c)
			}
			if rank == 0 && c.Points == 0 && criticalZero == nil {
				criticalZero = c
			}
		}
		res.Score.finish()
		res.Verdict, res.Reason = verdict(res.Score, keyOpen, criticalZero)
		r.Criteria = append(r.Criteria, res)
		r.Verdicts[res.Verdict]++
		catIndex[crit.Category].Verdicts[res.Verdict]++
		groupIndex[crit.Group].Verdicts[res.Verdict]++
	}

	// Category, group and overall scores count each applicable control once, however
	// many of their criteria it supports.
	for _, c := range r.Controls {
		if !c.Applicable {
			continue
		}
		r.Overall.add(c)
		seenCat, seenGroup := map[string]bool{}, map[string]bool{}
		for _, id := range c.Criteria {
			crit := cat.Criterion(id)
			if !seenCat[crit.Category] {
				seenCat[crit.Category] = true
				catIndex[crit.Category].Score.add(c)
			}
			if !seenGroup[crit.Group] {
				seenGroup[crit.Group] = true
				groupIndex[crit.Group].Score.add(c)
			}
		}
	}
	r.Overall.finish()
	for _, c := range r.Categories {
		c.Score.finish()
	}
	for _, g := range r.Groups {
		g.Score.finish()
	}
	r.Band = BandFor(r.Overall.Value)
	r.plan(cat)
	return r
}

// classify decides whether a control counts and what it earns.
func classify(in Input, ct *catalogue.Control) *ControlResult {
	c := &ControlResult{Control: ct, Status: Unanswered}
	if a, ok := in.Answers[ct.ID]; ok {
		c.Answer, c.Status = a, a.Status
	}
	for _, id := range ct.Criteria {
		if crit := in.Catalogue.Criterion(id); crit != nil && in.Scope.InScope(crit.Category) {
			c.Criteria = append(c.Criteria, id)
		}
	}
	off := factOff(in, ct)
	switch {
	case len(c.Criteria) == 0:
		c.Excluded, c.ExcludedBy = "its categories are not in scope", "category"
	case off != nil:
		c.Excluded, c.ExcludedBy = off.WhenFalse, "fact"
	case c.Status == "not_applicable":
		c.Excluded, c.ExcludedBy = c.Answer.NAReason, "answer"
	default:
		c.Applicable = true
		c.Points = points[c.Status]
	}
	return c
}

func factOff(in Input, ct *catalogue.Control) *catalogue.Fact {
	for _, id := range ct.AppliesWhen {
		if !in.Scope.Fact(in.Catalogue, id) {
			return in.Catalogue.Fact(id)
		}
	}
	return nil
}

// verdict applies the per-criterion rules, most severe first. Auditors form their opinion
// criterion by criterion, so one open key control outweighs a good average.
func verdict(s Score, keyOpen []*ControlResult, criticalZero *ControlResult) (Verdict, string) {
	switch {
	case s.Controls == 0:
		return NotApplicable, "no control applies to this system"
	case criticalZero != nil:
		return NotReady, "critical control " + criticalZero.Control.ID + " is " + criticalZero.Status
	case s.Value < NotReadyLT:
		return NotReady, "score is below 50"
	case len(keyOpen) > 0:
		c := keyOpen[0]
		return AtRisk, c.Control.Severity + " control " + c.Control.ID + " is " + c.Status
	case s.Value < ReadyAt:
		return AtRisk, "score is below 85"
	default:
		return Ready, "85 or more, every critical and high control implemented"
	}
}

var statusOrder = map[string]int{"partial": 0, "planned": 1, "missing": 2, Unanswered: 3}

// phases of the roadmap, by the severity of the gaps they close.
var phases = []struct{ name, goal string }{
	{"Remove the blockers", "Critical gaps: each one alone can sink the audit."},
	{"Close what auditors will flag", "High-severity gaps: likely exceptions in the report."},
	{"Finish before fieldwork", "Medium and low gaps: tidy up so the report stays clean."},
}

func phaseOf(severity string) int {
	switch severity {
	case "critical":
		return 1
	case "high":
		return 2
	}
	return 3
}

// plan orders the open controls: severity first, then quick wins (least effort), then
// those already under way.
func (r *Result) plan(cat *catalogue.Catalogue) {
	for _, c := range r.Controls {
		if !c.Open() {
			continue
		}
		// A partial control is half done, so half its effort remains.
		effort := cat.EffortDays.Days(c.Control.Effort) * (1 - c.Points)
		r.Gaps = append(r.Gaps, &Gap{ControlResult: c, EffortDays: effort, Phase: phaseOf(c.Control.Severity)})
	}
	sort.SliceStable(r.Gaps, func(i, j int) bool {
		a, b := r.Gaps[i], r.Gaps[j]
		if ra, rb := catalogue.SeverityRank(a.Control.Severity), catalogue.SeverityRank(b.Control.Severity); ra != rb {
			return ra < rb
		}
		if a.EffortDays != b.EffortDays {
			return a.EffortDays < b.EffortDays
		}
		if statusOrder[a.Status] != statusOrder[b.Status] {
			return statusOrder[a.Status] < statusOrder[b.Status]
		}
		return a.Control.ID < b.Control.ID
	})
	for i, p := range phases {
		ph := Phase{Number: i + 1, Name: p.name, Goal: p.goal}
		for _, g := range r.Gaps {
			if g.Phase == ph.Number {
				ph.Gaps = append(ph.Gaps, g)
				ph.EffortDays += g.EffortDays
			}
		}
		r.Phases = append(r.Phases, ph)
	}
}

// Criterion returns the result for one criterion, or nil when it is out of scope.
func (r *Result) Criterion(id string) *CriterionResult {
	for _, c := range r.Criteria {
		if c.Criterion.ID == id {
			return c
		}
	}
	return nil
}

// RemainingEffort sums the effort of all open gaps, in person-days.
func (r *Result) RemainingEffort() float64 {
	total := 0.0
	for _, g := range r.Gaps {
		total += g.EffortDays
	}
	return total
}
