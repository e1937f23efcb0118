package compare

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/soc2ready/soc2ready/internal/mdtext"
)

// Markdown writes the diff for a pull-request comment or a job summary.
func Markdown(w io.Writer, d *Diff) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("# SOC 2 readiness diff\n\n")
	p("From `%s` to `%s`.\n\n", code(d.Old), code(d.New))
	if !d.Changed() {
		p("No change in scores, verdicts, gaps or scope.\n")
		return bw.Flush()
	}
	p("| | Old | New | Change |\n|---|---:|---:|---:|\n")
	p("| **Overall** | %s (%s) | %s (%s) | %s |\n", score(d.Overall.Old), d.OldBand.Name, score(d.Overall.New), d.NewBand.Name, delta(d.Overall))
	for _, c := range d.Categories {
		p("| %s | %s | %s | %s |\n", md(c.Name), score(c.Old), score(c.New), delta(c.ScoreChange))
	}
	p("\n")

	if !d.Scope.Empty() {
		s := d.Scope
		p("## Scope changes\n\n")
		if len(s.Added) > 0 {
			p("- Categories added: %s\n", strings.Join(s.Added, ", "))
		}
		if len(s.Removed) > 0 {
			p("- Categories removed: %s\n", strings.Join(s.Removed, ", "))
		}
		if s.OldReportType != s.NewReportType {
			p("- Report type: %s → %s\n", orNone(s.OldReportType), orNone(s.NewReportType))
		}
		if s.OldPeriod != s.NewPeriod {
			p("- Observation period: %s → %s\n", orNone(s.OldPeriod), orNone(s.NewPeriod))
		}
		for _, f := range s.Facts {
			p("- Scope fact %s: %t → %t\n", f.ID, f.Old, f.New)
		}
		for _, c := range s.NowNotApplicable {
			p("- Now answered not applicable: **%s** %s (was %s)\n", c.ID, md(c.Title), name(c.Old))
		}
		p("\n")
	}

	p("## Criteria whose verdict changed (%d)\n\n", len(d.Criteria))
	if len(d.Criteria) == 0 {
		p("None.\n\n")
	} else {
		p("| Criterion | Old | New | Old score | New score |\n|---|---|---|---:|---:|\n")
		for _, c := range d.Criteria {
			p("| **%s** %s | %s | %s | %s | %s |\n", c.ID, md(c.Title), name(c.Old), name(c.New), score(c.Score.Old), score(c.Score.New))
		}
		p("\n")
	}
	controlTable(p, "Regressions", "Controls whose status got worse.", d.Regressions)
	controlTable(p, "Gaps closed", "", d.Closed)
	controlTable(p, "New gaps", "", d.Opened)
	return bw.Flush()
}

func controlTable(p func(string, ...any), title, intro string, list []ControlChange) {
	p("## %s (%d)\n\n", title, len(list))
	if len(list) == 0 {
		p("None.\n\n")
		return
	}
	if intro != "" {
		p("%s\n\n", intro)
	}
	p("| Control | Severity | Old | New |\n|---|---|---|---|\n")
	for _, c := range list {
		p("| **%s** %s | %s | %s | %s |\n", c.ID, md(c.Title), c.Severity, name(c.Old), name(c.New))
	}
	p("\n")
}

func score(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f", *v)
}

func delta(c ScoreChange) string {
	switch {
	case c.Old == nil && c.New == nil:
		return "—"
	case c.Old == nil:
		return "new in scope"
	case c.New == nil:
		return "out of scope"
	}
	return fmt.Sprintf("%+.1f", c.Delta)
}

// name shows a status, verdict or state in words.
func name(s string) string {
	switch s {
	case "at_risk":
		return "at risk"
	case "not_ready":
		return "not ready"
	}
	return strings.ReplaceAll(s, "_", " ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// md and code are the tool's one Markdown escaper (package mdtext).
var (
	md   = mdtext.Escape
	code = mdtext.Code
)

// JSONSchemaVersion is the version of the JSON diff's structure; it goes up when a field
// is removed, renamed or changes meaning.
const JSONSchemaVersion = 1

type jsonDiff struct {
	SchemaVersion int              `json:"schema_version"`
	Old           string           `json:"old"`
	New           string           `json:"new"`
	Changed       bool             `json:"changed"`
	Overall       jsonOverall      `json:"overall"`
	Categories    []jsonCategory   `json:"categories"`
	Criteria      []jsonCriterion  `json:"criteria"`
	Regressions   []jsonControl    `json:"regressions"`
	Closed        []jsonControl    `json:"gaps_closed"`
	Opened        []jsonControl    `json:"new_gaps"`
	Scope         jsonScopeChanges `json:"scope"`
}

type jsonScore struct {
	Old   *float64 `json:"old"`
	New   *float64 `json:"new"`
	Delta *float64 `json:"delta"` // null when either side has no score
}

func jsonScoreOf(c ScoreChange) jsonScore {
	s := jsonScore{Old: c.Old, New: c.New}
	if c.Old != nil && c.New != nil {
		d := c.Delta
		s.Delta = &d
	}
	return s
}

type jsonOverall struct {
	jsonScore
	OldBand string `json:"old_band"`
	NewBand string `json:"new_band"`
}

type jsonCategory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	jsonScore
}

type jsonCriterion struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Old   string    `json:"old"`
	New   string    `json:"new"`
	Score jsonScore `json:"score"`
}

type jsonControl struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Old      string `json:"old"`
	New      string `json:"new"`
}

type jsonScopeChanges struct {
	Added            []string      `json:"categories_added"`
	Removed          []string      `json:"categories_removed"`
	OldReportType    string        `json:"old_report_type"`
	NewReportType    string        `json:"new_report_type"`
	OldPeriod        string        `json:"old_observation_period"`
	NewPeriod        string        `json:"new_observation_period"`
	Facts            []jsonFact    `json:"facts"`
	NowNotApplicable []jsonControl `json:"now_not_applicable"`
}

type jsonFact struct {
	ID  string `json:"id"`
	Old bool   `json:"old"`
	New bool   `json:"new"`
}

// JSON writes the diff as one indented JSON document.
func JSON(w io.Writer, d *Diff) error {
	out := jsonDiff{
		SchemaVersion: JSONSchemaVersion, Old: d.Old, New: d.New, Changed: d.Changed(),
		Overall:     jsonOverall{jsonScoreOf(d.Overall), d.OldBand.ID, d.NewBand.ID},
		Categories:  []jsonCategory{},
		Criteria:    []jsonCriterion{},
		Regressions: controlsJSON(d.Regressions),
		Closed:      controlsJSON(d.Closed),
		Opened:      controlsJSON(d.Opened),
		Scope: jsonScopeChanges{Added: nonNil(d.Scope.Added), Removed: nonNil(d.Scope.Removed),
			OldReportType: d.Scope.OldReportType, NewReportType: d.Scope.NewReportType,
			OldPeriod: d.Scope.OldPeriod, NewPeriod: d.Scope.NewPeriod, Facts: []jsonFact{},
			NowNotApplicable: controlsJSON(d.Scope.NowNotApplicable)},
	}
	for _, c := range d.Categories {
		out.Categories = append(out.Categories, jsonCategory{c.ID, c.Name, jsonScoreOf(c.ScoreChange)})
	}
	for _, c := range d.Criteria {
		out.Criteria = append(out.Criteria, jsonCriterion{c.ID, c.Title, c.Old, c.New, jsonScoreOf(c.Score)})
	}
	for _, f := range d.Scope.Facts {
		out.Scope.Facts = append(out.Scope.Facts, jsonFact{f.ID, f.Old, f.New})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // readable text; consumers parse JSON, not HTML
	return enc.Encode(out)
}

func controlsJSON(list []ControlChange) []jsonControl {
	out := []jsonControl{}
	for _, c := range list {
		out = append(out, jsonControl{c.ID, c.Title, c.Severity, c.Old, c.New})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
