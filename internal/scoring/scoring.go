// Package scoring turns a catalogue and a set of answers into scores, verdicts and a
// remediation plan. It is pure: no I/O, no clock, no terminal, so every rule here can be
// checked against numbers worked out by hand.
package scoring

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Weights maps a severity to how much its controls count.
type Weights map[string]float64

// DefaultWeights make a critical control count four times a low one.
var DefaultWeights = Weights{"critical": 4, "high": 3, "medium": 2, "low": 1}

// Thresholds for criterion verdicts and the readiness bands. These are the only copies:
// every sentence that states a rule (explain, the reports) is built from them.
const (
	ReadyAt    = 85.0 // a criterion scoring at least this (and with no open key control) is ready
	NotReadyLT = 50.0 // below this a criterion is not ready
	// ExceptionShareMax is the percentage of a criterion's weight that controls expected to
	// show a Type 2 exception may carry; past it the criterion is not ready.
	ExceptionShareMax = 50.0

	AuditReadyAt     = 85.0 // overall score from which the band is audit-ready
	FindingsLikelyAt = 60.0 // overall score from which findings are likely rather than material gaps
	MaterialGapsAt   = 35.0 // overall score from which gaps are material rather than a blocker
)

// Unanswered is the status reported for an applicable control with no answer.
const Unanswered answers.Status = "unanswered"

// Exclusion is what kept a control from counting.
type Exclusion string

const (
	ByCategory Exclusion = "category" // it addresses no point of focus in scope
	ByFact     Exclusion = "fact"     // a scope fact it applies when is false
	ByAnswer   Exclusion = "answer"   // answered not_applicable
)

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
	{"audit_ready", "Audit-ready", AuditReadyAt},
	{"findings_likely", "Findings likely", FindingsLikelyAt},
	{"material_gaps", "Material gaps", MaterialGapsAt},
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
	Status     answers.Status // the answer's status, or Unanswered
	Applicable bool
	// Excluded says why a control does not count: a scope fact, a not_applicable answer,
	// or no in-scope criteria. Empty for applicable controls.
	Excluded   string
	ExcludedBy Exclusion
	// Criteria are the in-scope criteria the control counts toward: those with an in-scope
	// point of focus the control addresses.
	Criteria []string
	// PointsOfFocus are the addressed points of focus that are in scope.
	PointsOfFocus []string
	Weight        float64
	Points        float64 // 0, 0.5 or 1
	// Exception says why a Type 2 examination is expected to find an exception in this
	// control during the observation period; "" when none is expected (and for Type 1).
	Exception string
	// Deviation: the answers record a deviation inside the period (a dated exception, or
	// the control began operating after the period started), not only a control that is
	// not yet fully in place. The auditor will certainly find these.
	Deviation bool
}

// Open reports whether the control is a gap: applicable and not implemented.
func (c *ControlResult) Open() bool { return c.Applicable && c.Status != answers.Implemented }

// Asked reports whether the control is a question of the questionnaire, in the terminal
// and in the spreadsheet alike: every applicable control, and those answered
// not_applicable so the answer can be changed back. A control switched off by a scope
// fact or outside the categories in scope is not asked: the scope already answers it.
func (c *ControlResult) Asked() bool { return c.Applicable || c.ExcludedBy == ByAnswer }

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
	// Pending is the weight of the unanswered controls: what the score gains if they all
	// turn out to be implemented.
	Pending float64 `json:"-"`
}

// High is the score with every unanswered control counted as implemented: the top of the
// range a provisional assessment can still reach.
func (s *Score) High() float64 {
	if s.Possible == 0 {
		return 0
	}
	return Round1(100 * (s.Earned + s.Pending) / s.Possible)
}

func (s *Score) add(c *ControlResult) {
	s.Controls++
	s.Earned += c.Weight * c.Points
	s.Possible += c.Weight
	switch c.Status {
	case answers.Implemented:
		s.Implemented++
	case answers.Partial:
		s.Partial++
	default:
		s.Open++
		if c.Status == Unanswered {
			s.Unanswered++
			s.Pending += c.Weight
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
	Reason    string // the rule that decided the verdict, in plain words
	// Controls are the controls that count toward it (applicable, addressing one of its
	// in-scope points of focus) and the mapped controls that do not apply.
	Controls []*ControlResult
	// NotCounted are applicable controls mapped to the criterion that address none of its
	// in-scope points of focus, so they count elsewhere but not here.
	NotCounted []*ControlResult
	// PointsOfFocus are the criterion's points of focus that are in scope.
	PointsOfFocus []string
	// Causes are the answered controls that hold the verdict down: critical or high
	// controls not implemented, or expected to show a Type 2 exception.
	Causes []*ControlResult
	// Unanswered are the counted controls with no answer yet.
	Unanswered []*ControlResult
	// Provisional: the verdict would change if the unanswered controls were implemented.
	Provisional bool
	// NotMet: the criterion is not ready even with every unanswered control counted as
	// implemented, so an auditor would likely find it not met (the opinion forecast).
	NotMet bool
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
	// Urgency is the severity rank (0 critical .. 3 low) the gap is planned at: its own,
	// or that of the most severe gap that depends on it, since that one cannot close first.
	Urgency int
	// Waits lists the open gaps it depends on; they come earlier in the plan.
	Waits []string
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
	Gaps       []*Gap             // the plan: answered controls not implemented, in plan order
	Unanswered []*Gap             // applicable controls with no answer, kept apart from the gaps
	Phases     []Phase
	Verdicts   map[Verdict]int
	// Provisional: some applicable control is unanswered, so the score is a range and the
	// band cannot be audit-ready.
	Provisional bool
	Answered    int        // applicable controls with an answer
	Range       ScoreRange // unanswered counted as missing (Low), then as implemented (High)
	// Exceptions are the controls a Type 2 examination is expected to find exceptions in,
	// in catalogue order; empty for Type 1.
	Exceptions []*ControlResult
	Forecast   Forecast
	ReportType string // the scope's report type: answers.Type1, answers.Type2 or ""
}

// ScoreRange is the overall score a provisional assessment can end up with.
type ScoreRange struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Assess computes the assessment: each control classified, each in-scope criterion judged
// on its controls, then the category, group and overall scores, the band, the plan and
// the forecast.
func Assess(in Input) *Result {
	cat := in.Catalogue
	r := &Result{Verdicts: map[Verdict]int{}}
	byID := r.classifyControls(in)
	catIndex, groupIndex := r.addCategoriesAndGroups(in)
	for i := range cat.Criteria {
		crit := &cat.Criteria[i]
		if !in.Scope.InScope(crit.Category) {
			continue
		}
		res := assessCriterion(in, crit, byID)
		r.Criteria = append(r.Criteria, res)
		r.Verdicts[res.Verdict]++
		catIndex[crit.Category].Verdicts[res.Verdict]++
		groupIndex[crit.Group].Verdicts[res.Verdict]++
	}
	r.rollUp(cat, catIndex, groupIndex)
	r.summarise(in.Scope)
	r.plan(cat)
	r.Forecast = forecast(r)
	return r
}

// classifyControls adds every enabled control, classified and weighted, and returns them
// by id.
func (r *Result) classifyControls(in Input) map[string]*ControlResult {
	w := in.Weights
	if w == nil {
		w = DefaultWeights
	}
	byID := map[string]*ControlResult{}
	for i := range in.Catalogue.Controls {
		ct := &in.Catalogue.Controls[i]
		if ct.Disabled {
			continue
		}
		cr := classify(in, ct)
		cr.Weight = w[ct.Severity]
		r.Controls = append(r.Controls, cr)
		byID[ct.ID] = cr
	}
	return byID
}

// addCategoriesAndGroups adds a result for every category and every in-scope group, and
// returns them by id.
func (r *Result) addCategoriesAndGroups(in Input) (map[string]*CategoryResult, map[string]*GroupResult) {
	cat := in.Catalogue
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
	return catIndex, groupIndex
}

// criterionTally is what the verdict of one criterion is decided on, gathered over its
// controls.
type criterionTally struct {
	// keyHigh holds the answered critical and high controls that stop the criterion being
	// ready; pending the unanswered ones, which only the as-answered verdict counts.
	keyHigh, pending []*ControlResult
	criticalZero     *ControlResult
	excWeight        float64 // weight of the counted controls expected to show a Type 2 exception
}

// assessCriterion scores one in-scope criterion and decides its verdict, both as answered
// today and with every unanswered control counted as implemented.
func assessCriterion(in Input, crit *catalogue.Criterion, byID map[string]*ControlResult) *CriterionResult {
	res := &CriterionResult{Criterion: crit}
	for _, pf := range crit.PointsOfFocus {
		if pofInScope(in, crit, &pf) {
			res.PointsOfFocus = append(res.PointsOfFocus, pf.ID)
		}
	}
	t := res.tally(in.Catalogue, byID)
	keyLow := append(append([]*ControlResult(nil), t.keyHigh...), t.pending...)
	res.Score.finish()
	excShare := 0.0
	if res.Score.Possible > 0 {
		excShare = Round1(100 * t.excWeight / res.Score.Possible)
	}
	res.Verdict, res.Reason = verdict(res.Score.Value, res.Score.Controls, excShare, keyLow, t.criticalZero)
	best, _ := verdict(res.Score.High(), res.Score.Controls, excShare, t.keyHigh, t.criticalZero)
	res.Provisional = best != res.Verdict
	res.NotMet = best == NotReady
	if res.Provisional {
		res.Reason += fmt.Sprintf(" (provisional: %d unanswered; %s if they are in place)", len(res.Unanswered), strings.ReplaceAll(string(best), "_", " "))
	}
	return res
}

// tally sorts the criterion's controls into counted, not counted and unanswered, adds the
// counted ones to its score, and gathers what its verdict depends on.
func (res *CriterionResult) tally(cat *catalogue.Catalogue, byID map[string]*ControlResult) criterionTally {
	var t criterionTally
	crit := res.Criterion
	for _, ct := range cat.ControlsFor(crit.ID) {
		c := byID[ct.ID]
		if c == nil {
			continue // disabled
		}
		if c.Applicable && !slices.Contains(c.Criteria, crit.ID) {
			res.NotCounted = append(res.NotCounted, c)
			continue
		}
		res.Controls = append(res.Controls, c)
		if !c.Applicable {
			continue
		}
		res.Score.add(c)
		rank := catalogue.SeverityRank(ct.Severity)
		if c.Status == Unanswered {
			res.Unanswered = append(res.Unanswered, c)
			if rank <= 1 {
				t.pending = append(t.pending, c)
			}
			continue
		}
		if c.Exception != "" {
			t.excWeight += c.Weight
		}
		if rank <= 1 && (c.Status != answers.Implemented || c.Exception != "") {
			t.keyHigh = append(t.keyHigh, c)
			res.Causes = append(res.Causes, c)
		}
		if rank == 0 && c.Points == 0 && t.criticalZero == nil {
			t.criticalZero = c
		}
	}
	return t
}

// rollUp computes the category, group and overall scores. They count each applicable
// control once, however many of their criteria it supports.
func (r *Result) rollUp(cat *catalogue.Catalogue, catIndex map[string]*CategoryResult, groupIndex map[string]*GroupResult) {
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
}

// summarise fills the overall figures: answered count, range, exceptions and band.
func (r *Result) summarise(scope answers.Scope) {
	r.ReportType = scope.ReportType
	r.Answered = r.Overall.Controls - r.Overall.Unanswered
	r.Provisional = r.Overall.Unanswered > 0
	r.Range = ScoreRange{r.Overall.Value, r.Overall.High()}
	for _, c := range r.Controls {
		if c.Exception != "" {
			r.Exceptions = append(r.Exceptions, c)
		}
	}
	// Recorded deviations first, then by severity: the ones a reader must see are the
	// deviations the auditor will certainly find in the controls that weigh most.
	sort.SliceStable(r.Exceptions, func(i, j int) bool {
		a, b := r.Exceptions[i], r.Exceptions[j]
		if a.Deviation != b.Deviation {
			return a.Deviation
		}
		return catalogue.SeverityRank(a.Control.Severity) < catalogue.SeverityRank(b.Control.Severity)
	})
	// Audit-ready means an auditor would find nothing to report: not while answers are
	// missing, nor while a Type 2 test is expected to find an exception.
	r.Band = BandFor(r.Overall.Value)
	if r.Band.ID == Bands[0].ID && (r.Provisional || len(r.Exceptions) > 0) {
		r.Band = Bands[1]
	}
}

// pofInScope: a point of focus counts when its criterion's category is in scope and, for
// a point specific to one category (a privacy point inside a common criterion), when that
// category is in scope too.
func pofInScope(in Input, crit *catalogue.Criterion, pf *catalogue.PointOfFocus) bool {
	if !in.Scope.InScope(crit.Category) {
		return false
	}
	return pf.Category == "" || in.Scope.InScope(pf.Category)
}

// classify decides whether a control counts and what it earns. A control counts toward a
// criterion only through the points of focus of that criterion it addresses that are in
// scope; with none at all it does not apply.
func classify(in Input, ct *catalogue.Control) *ControlResult {
	c := &ControlResult{Control: ct, Status: Unanswered}
	if a, ok := in.Answers[ct.ID]; ok {
		c.Answer, c.Status = a, a.Status
	}
	reached := map[string]bool{}
	for _, id := range ct.Addresses {
		pf := in.Catalogue.PointOfFocus(id)
		crit := in.Catalogue.Criterion(id[:strings.LastIndex(id, ".")])
		if pf == nil || crit == nil || !pofInScope(in, crit, pf) {
			continue
		}
		c.PointsOfFocus = append(c.PointsOfFocus, id)
		reached[crit.ID] = true
	}
	for _, id := range ct.Criteria { // in the control's own order, home criterion first
		if reached[id] {
			c.Criteria = append(c.Criteria, id)
		}
	}
	off := factOff(in, ct)
	switch {
	case len(c.Criteria) == 0:
		c.Excluded, c.ExcludedBy = "it addresses no point of focus in scope", ByCategory
	case off != nil:
		c.Excluded, c.ExcludedBy = off.WhenFalse, ByFact
	case c.Status == answers.NotApplicable:
		c.Excluded, c.ExcludedBy = c.Answer.NAReason, ByAnswer
	default:
		c.Applicable = true
		c.Points = c.Status.Points()
		c.Exception, c.Deviation = typeTwoException(in.Scope, c)
	}
	return c
}

// typeTwoException forecasts what a Type 2 auditor's tests will find in the observation
// period. Fixing a control later does not undo a deviation inside the period, so a
// control not in place, partly in place, started late or with known deviations in the
// period is expected to show an exception. Unanswered controls are unknown, not forecast.
func typeTwoException(scope answers.Scope, c *ControlResult) (why string, deviation bool) {
	p := scope.ObservationPeriod
	if scope.ReportType != answers.Type2 || p == nil || c.Status == Unanswered {
		return "", false
	}
	start, end := string(p.Start), string(p.End)
	var reasons []string
	switch c.Status {
	case answers.Planned, answers.Missing:
		reasons = append(reasons, "not in place ("+string(c.Status)+")")
	case answers.Partial:
		reasons = append(reasons, "only partly in place")
	}
	if s := c.Answer.OperatingSince; s > start {
		reasons = append(reasons, "operating only since "+s+", after the period began on "+start)
		deviation = true
	}
	var in []answers.Exception
	for _, e := range c.Answer.Exceptions {
		if e.Date >= start && e.Date <= end {
			in = append(in, e)
		}
	}
	switch len(in) {
	case 0:
	case 1:
		reasons = append(reasons, "known exception on "+in[0].Date+": "+sentence(in[0].Description))
	default:
		reasons = append(reasons, fmt.Sprintf("%d known exceptions in the period, the first on %s: %s", len(in), in[0].Date, sentence(in[0].Description)))
	}
	return strings.Join(reasons, "; "), deviation || len(in) > 0
}

// sentence trims a user's text so it can be embedded in one of ours.
func sentence(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".") }

func factOff(in Input, ct *catalogue.Control) *catalogue.Fact {
	for _, id := range ct.AppliesWhen {
		if !in.Scope.Fact(in.Catalogue, id) {
			return in.Catalogue.Fact(id)
		}
	}
	return nil
}

// verdict applies the per-criterion rules, most severe first. Auditors form their opinion
// criterion by criterion, so one open key control outweighs a good average. key lists the
// critical and high controls not implemented or expected to show an exception; excShare
// is the percentage of the criterion's weight carried by controls expected to show a
// Type 2 exception: past half, the criterion did not operate through the period.
func verdict(value float64, controls int, excShare float64, key []*ControlResult, criticalZero *ControlResult) (Verdict, string) {
	switch {
	case controls == 0:
		return NotApplicable, "no control applies to this system"
	case criticalZero != nil:
		return NotReady, "critical control " + criticalZero.Control.ID + " is " + string(criticalZero.Status)
	case excShare > ExceptionShareMax:
		return NotReady, "controls expected to show exceptions in the period carry more than " + share(ExceptionShareMax) + " its weight"
	case value < NotReadyLT:
		return NotReady, "score is below " + num(NotReadyLT)
	case len(key) > 0:
		c := key[0]
		if c.Status == answers.Implemented {
			return AtRisk, c.Control.Severity + " control " + c.Control.ID + " is expected to show an exception in the period"
		}
		return AtRisk, c.Control.Severity + " control " + c.Control.ID + " is " + string(c.Status)
	case value < ReadyAt:
		return AtRisk, "score is below " + num(ReadyAt)
	default:
		return Ready, num(ReadyAt) + " or more, every critical and high control implemented"
	}
}

// num writes a threshold as the rules state it: 85, 0.5.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// share writes a percentage of weight in words where there is a word for it.
func share(pct float64) string {
	if pct == 50 {
		return "half"
	}
	return num(pct) + "% of"
}

// RuleText states the criterion rules in the words explain prints, from the constants
// and weights the code applies, so the prose cannot drift from the rules. Lines are
// broken for an 96-column terminal.
func RuleText() string {
	w := make([]string, len(catalogue.Severities))
	for i, s := range catalogue.Severities {
		w[i] = s + " " + num(DefaultWeights[s])
	}
	return fmt.Sprintf("Rules: a control counts toward a criterion through the points of focus of that criterion it\n"+
		"addresses that are in scope. Implemented earns %s point, partial %s, planned/missing 0,\n"+
		"weighted by severity (%s); unanswered earns 0 but is shown\n"+
		"as a range, not a gap. Ready needs %s+ and every critical and high control implemented\n"+
		"(and, for a Type 2, none expected to show an exception); a critical control not started, a\n"+
		"score under %s, or (Type 2) exceptions on more than %s the weight makes it not ready.\n",
		num(answers.Implemented.Points()), num(answers.Partial.Points()), strings.Join(w, ", "), num(ReadyAt), num(NotReadyLT), share(ExceptionShareMax))
}

var statusOrder = map[answers.Status]int{answers.Partial: 0, answers.Planned: 1, answers.Missing: 2, Unanswered: 3}

// phases of the roadmap, by the urgency of the gaps they close.
var phases = []struct{ name, goal string }{
	{"Remove the blockers", "Critical gaps, and what they depend on: each one alone can sink the audit."},
	{"Close what auditors will flag", "High-severity gaps, and what they depend on: likely findings in the report."},
	{"Finish before fieldwork", "Medium and low gaps: tidy up so the report stays clean."},
}

func phaseOf(urgency int) int {
	switch urgency {
	case 0:
		return 1
	case 1:
		return 2
	}
	return 3
}

// plan orders the answered gaps: dependencies first, then severity, then quick wins
// (least effort), then those already under way. A gap that others depend on inherits the
// most severe of their severities, so a low-severity foundation a critical control needs
// is planned with the critical controls, never after them. Unanswered controls are kept
// apart: they may turn out to be in place.
func (r *Result) plan(cat *catalogue.Catalogue) {
	open := map[string]*Gap{}
	var gaps []*Gap
	for _, c := range r.Controls {
		if !c.Open() {
			continue
		}
		// A partial control is half done, so half its effort remains.
		g := &Gap{ControlResult: c, EffortDays: cat.EffortDays.Days(c.Control.Effort) * (1 - c.Points), Urgency: catalogue.SeverityRank(c.Control.Severity)}
		if c.Status == Unanswered {
			r.Unanswered = append(r.Unanswered, g)
			continue
		}
		gaps = append(gaps, g)
		open[c.Control.ID] = g
	}
	for _, g := range gaps {
		for _, d := range g.Control.DependsOn {
			if open[d] != nil {
				g.Waits = append(g.Waits, d)
			}
		}
	}
	// Pass urgency down to dependencies until nothing changes (the graph has no cycles,
	// so this ends within as many rounds as the longest chain).
	for changed := true; changed; {
		changed = false
		for _, g := range gaps {
			for _, d := range g.Waits {
				if dep := open[d]; dep.Urgency > g.Urgency {
					dep.Urgency, changed = g.Urgency, true
				}
			}
		}
	}
	less := func(a, b *Gap) bool {
		if a.Urgency != b.Urgency {
			return a.Urgency < b.Urgency
		}
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
	}
	// Repeatedly take the best gap whose dependencies are all planned.
	placed := map[string]bool{}
	for len(r.Gaps) < len(gaps) {
		var best *Gap
		for _, g := range gaps {
			if placed[g.Control.ID] {
				continue
			}
			ready := true
			for _, d := range g.Waits {
				ready = ready && placed[d]
			}
			if ready && (best == nil || less(g, best)) {
				best = g
			}
		}
		placed[best.Control.ID] = true
		r.Gaps = append(r.Gaps, best)
	}
	sort.SliceStable(r.Unanswered, func(i, j int) bool { return less(r.Unanswered[i], r.Unanswered[j]) })
	for _, g := range r.Gaps {
		g.Phase = phaseOf(g.Urgency)
	}
	for _, g := range r.Unanswered {
		g.Phase = phaseOf(g.Urgency)
	}
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

// RemainingEffort sums the effort of the answered gaps, in person-days.
func (r *Result) RemainingEffort() float64 { return sumEffort(r.Gaps) }

// UnansweredEffort is the effort the unanswered controls would add if none of them were
// in place: the top of the range they stand for (the bottom is 0).
func (r *Result) UnansweredEffort() float64 { return sumEffort(r.Unanswered) }

func sumEffort(gaps []*Gap) float64 {
	total := 0.0
	for _, g := range gaps {
		total += g.EffortDays
	}
	return total
}
