package reports

import (
	"encoding/json"
	"io"
	"math"
	"strings"

	"github.com/soc2ready/soc2ready/internal/scoring"
)

// JSONSchemaVersion is the version of the JSON report's structure. It goes up by one
// whenever a field is removed, renamed or changes meaning; adding a field does not change
// it. docs/report.schema.json describes the current version.
const JSONSchemaVersion = 2

// The JSON report's structure. Every list has a fixed order (catalogue order, or the
// plan's order for gaps) and there are no maps, so the same answers give the same bytes.
type jsonReport struct {
	SchemaVersion    int             `json:"schema_version"`
	Tool             string          `json:"tool"`
	Date             string          `json:"date"`
	PreparedBy       string          `json:"prepared_by,omitempty"`
	CatalogueVersion string          `json:"catalogue_version"`
	AnswersCatalogue string          `json:"answers_catalogue_version,omitempty"`
	Organization     jsonOrg         `json:"organization"`
	Scope            jsonScope       `json:"scope"`
	Overall          jsonOverall     `json:"overall"`
	Recommendation   jsonAdvice      `json:"recommendation"`
	Forecast         jsonForecast    `json:"forecast"`
	Priorities       []jsonPriority  `json:"priorities"`
	Exceptions       []jsonException `json:"exceptions_expected"`
	Timeline         *jsonTimeline   `json:"timeline,omitempty"`
	Categories       []jsonCategory  `json:"categories"`
	Criteria         []jsonCriterion `json:"criteria"`
	Gaps             []jsonGap       `json:"gaps"`
	Phases           []jsonPhase     `json:"phases"`
	Controls         []jsonControl   `json:"controls"`
}

type jsonForecast struct {
	Opinion        string   `json:"opinion"` // unmodified, qualified or adverse
	CriteriaNotMet []string `json:"criteria_not_met"`
	Reasons        []string `json:"reasons"`
}

// jsonPriority is one item of the "do this first" list: the top of the plan.
type jsonPriority struct {
	Rank      int      `json:"rank"`
	Control   string   `json:"control"`
	Title     string   `json:"title"`
	Severity  string   `json:"severity"`
	Status    string   `json:"status"`
	FirstStep string   `json:"first_step"`
	DependsOn []string `json:"depends_on"`
}

type jsonException struct {
	Control  string   `json:"control"`
	Criteria []string `json:"criteria"`
	Reason   string   `json:"reason"`
}

type jsonRange struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

type jsonStream struct {
	Owner    string  `json:"owner"` // "" for gaps without an owner
	Gaps     int     `json:"gaps"`
	Days     float64 `json:"person_days"`
	Capacity float64 `json:"capacity_person_days_per_week"`
	Weeks    float64 `json:"weeks"`
}

// jsonTimeline is scoring.Timeline; dates are YYYY-MM-DD, observation dates only for Type 2.
type jsonTimeline struct {
	ReportType            string       `json:"report_type"`
	Reason                string       `json:"reason"`
	RemainingDays         float64      `json:"remaining_person_days"`
	UnansweredDays        jsonRange    `json:"unanswered_person_days"`
	Capacity              *float64     `json:"capacity_person_days_per_week"` // null when owners work in parallel
	Streams               []jsonStream `json:"streams"`
	RemediationWeeks      int          `json:"remediation_weeks"`
	RemediationDone       string       `json:"remediation_done"`
	RemediationDoneLatest string       `json:"remediation_done_latest"`
	ObservationStart      string       `json:"observation_start,omitempty"`
	ObservationEnd        string       `json:"observation_end,omitempty"`
	FieldworkStart        string       `json:"fieldwork_start"`
	FieldworkEnd          string       `json:"fieldwork_end"`
	DraftReport           string       `json:"draft_report"`
	ReportInHand          string       `json:"report_in_hand"`
	Warnings              []string     `json:"warnings"`
	Assumptions           []string     `json:"assumptions"`
}

type jsonOrg struct {
	Name      string `json:"name"`
	System    string `json:"system"`
	Services  string `json:"services,omitempty"`
	Employees int    `json:"employees,omitempty"`
}

type jsonScope struct {
	Categories        []string      `json:"categories"`
	ReportType        string        `json:"report_type"` // "type1", "type2" or ""
	ObservationPeriod *jsonPeriod   `json:"observation_period"`
	Facts             []jsonFact    `json:"facts"`
	Subservice        []jsonSubserv `json:"subservice_organizations"`
	Commitments       []string      `json:"commitments"`
	CUECs             []string      `json:"complementary_user_entity_controls"`
}

type jsonPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonFact struct {
	ID    string `json:"id"`
	Value bool   `json:"value"`
}

type jsonSubserv struct {
	Name     string   `json:"name"`
	Services string   `json:"services"`
	Method   string   `json:"method"`
	CSOCs    []string `json:"csocs"`
}

type jsonOverall struct {
	Score       float64      `json:"score"`
	Band        string       `json:"band"`
	BandName    string       `json:"band_name"`
	Controls    int          `json:"controls"`
	Implemented int          `json:"implemented"`
	Partial     int          `json:"partial"`
	Open        int          `json:"open"`
	Unanswered  int          `json:"unanswered"`
	Verdicts    jsonVerdicts `json:"verdicts"`
	Gaps        int          `json:"gaps"`
	EffortDays  float64      `json:"effort_days"`
	Provisional bool         `json:"provisional"`
	Answered    int          `json:"answered"`
	ScoreRange  jsonRange    `json:"score_range"`
	// UnansweredEffort is what the unanswered controls add if none is in place.
	UnansweredEffort float64 `json:"unanswered_effort_days"`
}

type jsonVerdicts struct {
	Ready         int `json:"ready"`
	AtRisk        int `json:"at_risk"`
	NotReady      int `json:"not_ready"`
	NotApplicable int `json:"not_applicable"`
}

func verdictCounts(m map[scoring.Verdict]int) jsonVerdicts {
	return jsonVerdicts{m[scoring.Ready], m[scoring.AtRisk], m[scoring.NotReady], m[scoring.NotApplicable]}
}

type jsonAdvice struct {
	ReportType string `json:"report_type"`
	Reason     string `json:"reason"`
}

type jsonCategory struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	InScope  bool          `json:"in_scope"`
	Score    *float64      `json:"score"` // null when out of scope or nothing applies
	Controls int           `json:"controls"`
	Verdicts *jsonVerdicts `json:"verdicts"` // null when out of scope
}

type jsonCriterion struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Category string   `json:"category"`
	Score    *float64 `json:"score"` // null when the verdict is not_applicable
	Verdict  string   `json:"verdict"`
	Reason   string   `json:"reason"`
	Controls int      `json:"controls"`
	Open     int      `json:"open"` // applicable controls not implemented
	// Provisional: the verdict would change if the unanswered controls were implemented.
	Provisional bool `json:"provisional"`
	NotMet      bool `json:"not_met"` // likely not met on the answers given
	// PointsOfFocus are the criterion's in-scope points of focus; Causes the answered
	// critical or high controls holding it back; Unanswered the counted controls with no answer.
	PointsOfFocus []string `json:"points_of_focus"`
	Causes        []string `json:"causes"`
	Unanswered    []string `json:"unanswered"`
}

type jsonGap struct {
	Rank       int      `json:"rank"`
	Control    string   `json:"control"`
	Title      string   `json:"title"`
	Severity   string   `json:"severity"`
	Criteria   []string `json:"criteria"`
	Status     string   `json:"status"`
	Owner      string   `json:"owner"`
	Due        string   `json:"due"`
	Note       string   `json:"note"`
	Effort     string   `json:"effort"`
	EffortDays float64  `json:"effort_days"`
	Phase      int      `json:"phase"`
	FirstStep  string   `json:"first_step"`
	DependsOn  []string `json:"depends_on"` // open gaps that come first
}

type jsonPhase struct {
	Number     int      `json:"number"`
	Name       string   `json:"name"`
	Goal       string   `json:"goal"`
	EffortDays float64  `json:"effort_days"`
	Gaps       []string `json:"gaps"`
}

type jsonControl struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Family     string         `json:"family"`
	Severity   string         `json:"severity"`
	Criteria   []string       `json:"criteria"` // in-scope criteria only
	Status     string         `json:"status"`
	Applicable bool           `json:"applicable"`
	Excluded   *jsonExcluded  `json:"excluded"` // null when applicable
	Weight     float64        `json:"weight"`
	Points     float64        `json:"points"`
	Owner      string         `json:"owner"`
	Due        string         `json:"due"`
	Note       string         `json:"note"`
	Updated    string         `json:"updated"`
	Evidence   []jsonEvidence `json:"evidence"`
	// PointsOfFocus are the in-scope points of focus it addresses.
	PointsOfFocus  []string        `json:"points_of_focus"`
	DependsOn      []string        `json:"depends_on"`
	OperatingSince string          `json:"operating_since"`
	Exceptions     []jsonDeviation `json:"exceptions"`
}

type jsonDeviation struct {
	Date        string `json:"date"`
	Description string `json:"description"`
}

type jsonExcluded struct {
	By     string `json:"by"` // "category", "fact" or "answer"
	Reason string `json:"reason"`
}

type jsonEvidence struct {
	Ref  string `json:"ref"`
	Date string `json:"date"`
}

// JSON writes the report as one JSON document (docs/report.schema.json), indented, with a
// final newline.
func JSON(w io.Writer, m *Model) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // readable text; consumers parse JSON, not HTML
	return enc.Encode(jsonOf(m))
}

func jsonOf(m *Model) *jsonReport {
	r, f := m.Result, m.File
	out := &jsonReport{
		SchemaVersion:    JSONSchemaVersion,
		Tool:             m.Tool,
		Date:             m.Date,
		PreparedBy:       m.PreparedBy,
		CatalogueVersion: m.Catalogue.Version,
		AnswersCatalogue: f.CatalogVersion,
		Organization:     jsonOrg{f.Organization.Name, f.Organization.System, f.Organization.Services, f.Organization.Employees},
		Overall: jsonOverall{
			Score: r.Overall.Value, Band: r.Band.ID, BandName: r.Band.Name,
			Controls: r.Overall.Controls, Implemented: r.Overall.Implemented, Partial: r.Overall.Partial,
			Open: r.Overall.Open, Unanswered: r.Overall.Unanswered, Verdicts: verdictCounts(r.Verdicts),
			Gaps: len(r.Gaps), EffortDays: r.RemainingEffort(),
			Provisional: r.Provisional, Answered: r.Answered, ScoreRange: jsonRange{r.Range.Low, r.Range.High},
			UnansweredEffort: r.UnansweredEffort(),
		},
		Recommendation: jsonAdvice{m.Advice.Type, m.Advice.Reason},
		Forecast:       jsonForecast{m.Forecast.Opinion, nonNil(m.Forecast.CriteriaNotMet), nonNil(m.Forecast.Reasons)},
		Priorities:     []jsonPriority{},
		Exceptions:     []jsonException{},
		Timeline:       timelineJSON(m.Timeline),
		Gaps:           []jsonGap{},
		Phases:         []jsonPhase{},
	}
	out.Scope = scopeJSON(m)
	out.Categories, out.Criteria = categoriesJSON(r), criteriaJSON(r)
	out.addPlan(m)
	out.Controls = controlsJSON(r)
	return out
}

// scopeJSON is the scope as the assessment used it: every catalogue fact with its value.
func scopeJSON(m *Model) jsonScope {
	s := m.File.Scope
	out := jsonScope{ReportType: s.ReportType, Categories: []string{}, Facts: []jsonFact{},
		Subservice: []jsonSubserv{}, Commitments: nonNil(s.Commitments), CUECs: nonNil(s.CUECs)}
	for _, c := range m.InScope {
		out.Categories = append(out.Categories, c.ID)
	}
	if p := s.ObservationPeriod; p != nil {
		out.ObservationPeriod = &jsonPeriod{string(p.Start), string(p.End)}
	}
	// Every catalogue fact with the value the assessment used, in catalogue order.
	for _, fact := range m.Catalogue.Facts {
		out.Facts = append(out.Facts, jsonFact{fact.ID, s.Fact(m.Catalogue, fact.ID)})
	}
	for _, so := range s.Subservice {
		out.Subservice = append(out.Subservice, jsonSubserv{so.Name, so.Services, string(so.Method), nonNil(so.CSOCs)})
	}
	return out
}

// categoriesJSON lists every category; scores and verdicts only for those in scope.
func categoriesJSON(r *scoring.Result) []jsonCategory {
	out := []jsonCategory{}
	for _, c := range r.Categories {
		jc := jsonCategory{ID: c.Category.ID, Name: c.Category.Name, InScope: c.InScope}
		if c.InScope {
			v := verdictCounts(c.Verdicts)
			jc.Verdicts, jc.Controls = &v, c.Score.Controls
			if c.Score.Controls > 0 {
				jc.Score = ptr(c.Score.Value)
			}
		}
		out = append(out, jc)
	}
	return out
}

// criteriaJSON lists the in-scope criteria with their verdicts.
func criteriaJSON(r *scoring.Result) []jsonCriterion {
	out := []jsonCriterion{}
	for _, c := range r.Criteria {
		jc := jsonCriterion{ID: c.Criterion.ID, Title: c.Criterion.Title, Category: c.Criterion.Category,
			Verdict: string(c.Verdict), Reason: c.Reason, Controls: c.Score.Controls, Open: c.Score.Open + c.Score.Partial,
			Provisional: c.Provisional, NotMet: c.NotMet, PointsOfFocus: nonNil(c.PointsOfFocus), Causes: controlIDs(c.Causes), Unanswered: controlIDs(c.Unanswered)}
		if c.Verdict != scoring.NotApplicable {
			jc.Score = ptr(c.Score.Value)
		}
		out = append(out, jc)
	}
	return out
}

// addPlan fills the gaps, priorities, exceptions and phases.
func (out *jsonReport) addPlan(m *Model) {
	r := m.Result
	for i, g := range r.Gaps {
		out.Gaps = append(out.Gaps, jsonGap{
			Rank: i + 1, Control: g.Control.ID, Title: g.Control.Title, Severity: g.Control.Severity,
			Criteria: nonNil(g.Criteria), Status: string(g.Status), Owner: g.Answer.Owner, Due: g.Answer.Due,
			Note: strings.TrimSpace(g.Answer.Note), Effort: g.Control.Effort, EffortDays: g.EffortDays,
			Phase: g.Phase, FirstStep: firstStep(g.Control.Remediation), DependsOn: nonNil(g.Waits),
		})
	}
	for i, g := range m.Priorities {
		out.Priorities = append(out.Priorities, jsonPriority{Rank: i + 1, Control: g.Control.ID, Title: g.Control.Title,
			Severity: g.Control.Severity, Status: string(g.Status), FirstStep: firstStep(g.Control.Remediation), DependsOn: nonNil(g.Waits)})
	}
	for _, c := range m.Exceptions {
		out.Exceptions = append(out.Exceptions, jsonException{c.Control.ID, nonNil(c.Criteria), c.Exception})
	}
	for _, ph := range r.Phases {
		jp := jsonPhase{Number: ph.Number, Name: ph.Name, Goal: ph.Goal, EffortDays: ph.EffortDays, Gaps: []string{}}
		for _, g := range ph.Gaps {
			jp.Gaps = append(jp.Gaps, g.Control.ID)
		}
		out.Phases = append(out.Phases, jp)
	}
}

// controlsJSON lists every control in a category in scope, with its answer.
func controlsJSON(r *scoring.Result) []jsonControl {
	out := []jsonControl{}
	for _, c := range r.Controls {
		if c.ExcludedBy == scoring.ByCategory {
			continue // out of scope entirely: the catalogue export lists those
		}
		jc := jsonControl{
			ID: c.Control.ID, Title: c.Control.Title, Family: c.Control.Family, Severity: c.Control.Severity,
			Criteria: nonNil(c.Criteria), Status: string(c.Status), Applicable: c.Applicable, Weight: c.Weight, Points: c.Points,
			Owner: c.Answer.Owner, Due: c.Answer.Due, Note: strings.TrimSpace(c.Answer.Note), Updated: c.Answer.Updated,
			Evidence: []jsonEvidence{}, PointsOfFocus: nonNil(c.PointsOfFocus), DependsOn: nonNil(c.Control.DependsOn),
			OperatingSince: c.Answer.OperatingSince, Exceptions: []jsonDeviation{},
		}
		for _, e := range c.Answer.Exceptions {
			jc.Exceptions = append(jc.Exceptions, jsonDeviation{e.Date, strings.TrimSpace(e.Description)})
		}
		if !c.Applicable {
			jc.Excluded = &jsonExcluded{string(c.ExcludedBy), strings.TrimSpace(c.Excluded)}
			jc.Weight, jc.Points = 0, 0
		}
		for _, e := range c.Answer.Evidence {
			jc.Evidence = append(jc.Evidence, jsonEvidence{e.Ref, e.Date})
		}
		out = append(out, jc)
	}
	return out
}

func ptr(v float64) *float64 { return &v }

func controlIDs(cs []*scoring.ControlResult) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Control.ID)
	}
	return out
}

// nonNil turns a nil list into an empty one, so JSON shows [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func firstStep(steps []string) string {
	if len(steps) == 0 {
		return ""
	}
	return strings.TrimSpace(steps[0])
}

func timelineJSON(t scoring.Timeline) *jsonTimeline {
	if t.RemediationDone == "" {
		return nil
	}
	warnings := t.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	streams := []jsonStream{}
	for _, s := range t.Streams {
		streams = append(streams, jsonStream{s.Owner, s.Gaps, s.Days, s.Capacity, math.Round(s.Weeks*10) / 10})
	}
	var capacity *float64
	if t.Capacity > 0 {
		capacity = ptr(t.Capacity)
	}
	return &jsonTimeline{t.ReportType, t.Reason, t.RemainingDays, jsonRange{0, t.UnansweredDays}, capacity, streams,
		t.RemediationWeeks, t.RemediationDone, t.RemediationDoneLatest,
		t.ObservationStart, t.ObservationEnd, t.FieldworkStart, t.FieldworkEnd, t.DraftReport, t.ReportInHand, warnings, t.Assumptions}
}
