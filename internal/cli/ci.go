package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/termsafe"
)

// checkResult is `check --format json` (docs/check.schema.json). Failures is never null,
// so a consumer can always iterate it.
type checkResult struct {
	SchemaVersion int            `json:"schema_version"`
	File          string         `json:"file"`
	AsOf          string         `json:"as_of"`
	Passed        bool           `json:"passed"`
	Score         float64        `json:"score"`
	Provisional   bool           `json:"provisional"` // unanswered controls make the score a range
	ScoreRange    [2]float64     `json:"score_range"` // unanswered counted missing, then implemented
	Band          string         `json:"band"`
	Criteria      checkCriteria  `json:"criteria"`
	OpenGaps      int            `json:"open_gaps"`
	Unanswered    int            `json:"unanswered"`
	Failures      []checkFailure `json:"failures"`
}

type checkCriteria struct {
	Ready    int `json:"ready"`
	AtRisk   int `json:"at_risk"`
	NotReady int `json:"not_ready"`
}

type checkFailure struct {
	Gate      string `json:"gate"`
	Message   string `json:"message"`
	Control   string `json:"control,omitempty"`
	Criterion string `json:"criterion,omitempty"`
	Line      int    `json:"line,omitempty"` // line in the answers file, when there is one to point at
}

// checkOutcome evaluates the gate and places each failure in the answers file: a control's
// failure points at its answer (its evidence list for the evidence gate).
func checkOutcome(a *assessment, g scoring.Gate) *checkResult {
	r := a.result
	out := &checkResult{
		SchemaVersion: 1, File: a.file.Path, AsOf: g.AsOf, Score: r.Overall.Value, Band: r.Band.Name,
		Provisional: r.Provisional, ScoreRange: [2]float64{r.Range.Low, r.Range.High},
		Criteria:   checkCriteria{r.Verdicts[scoring.Ready], r.Verdicts[scoring.AtRisk], r.Verdicts[scoring.NotReady]},
		OpenGaps:   len(r.Gaps),
		Unanswered: r.Overall.Unanswered,
		Failures:   []checkFailure{},
	}
	for _, f := range g.Check(r) {
		cf := checkFailure{Gate: f.Gate, Message: f.Reason, Control: f.Control, Criterion: f.Criterion}
		if f.Control != "" {
			field := "status"
			if f.Gate == "max-evidence-age" {
				field = "evidence"
			}
			cf.Line = a.file.AnswerLine(f.Control, field)
		}
		out.Failures = append(out.Failures, cf)
	}
	out.Passed = len(out.Failures) == 0
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeAnnotations prints each failure as a GitHub Actions error annotation on the answers
// file, so the pull request shows it on the line concerned.
func writeAnnotations(w io.Writer, out *checkResult) {
	for _, f := range out.Failures {
		props := "file=" + escapeProperty(termsafe.String(out.File))
		if f.Line > 0 {
			props += fmt.Sprintf(",line=%d", f.Line)
		}
		props += ",title=" + escapeProperty("soc2ready "+f.Gate)
		fmt.Fprintf(w, "::error %s::%s\n", props, escapeData(termsafe.String(f.Message)))
	}
}

// escapeData and escapeProperty encode text the way GitHub's runner decodes workflow
// command values, so a message can never end the command early or start a new one.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// stepSummaryPath returns $GITHUB_STEP_SUMMARY when --step-summary was given; asking for
// a summary outside GitHub Actions is a usage error, caught before any work is done.
func (e *env) stepSummaryPath(want bool) (string, error) {
	if !want {
		return "", nil
	}
	path := e.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return "", problem.New("--step-summary works in a GitHub Actions step, which sets GITHUB_STEP_SUMMARY; elsewhere drop the flag or set the variable to a file", "--step-summary: GITHUB_STEP_SUMMARY is not set")
	}
	return path, nil
}

// maxSummary caps what one step adds to the job summary. GitHub refuses a step's summary
// over 1 MiB; the summary is a digest with a pointer to the full report, not the report.
const maxSummary = 64 << 10

// maxSummaryRows bounds each table in a summary.
const maxSummaryRows = 50

// checkSummary is the job summary of `check --step-summary`.
func checkSummary(out *checkResult) []byte {
	var b bytes.Buffer
	verdict := "passed"
	if !out.Passed {
		verdict = fmt.Sprintf("failed (%d)", len(out.Failures))
	}
	fmt.Fprintf(&b, "### soc2ready check %s\n\n", verdict)
	score := fmt.Sprintf("**%.1f**", out.Score)
	if out.Provisional {
		score += fmt.Sprintf(" (provisional: %.1f to %.1f until %d unanswered are answered)", out.ScoreRange[0], out.ScoreRange[1], out.Unanswered)
	}
	fmt.Fprintf(&b, "`%s` as of %s: score %s, %s; criteria %d ready, %d at risk, %d not ready; %d open %s.\n\n",
		mdCode(out.File), out.AsOf, score, out.Band, out.Criteria.Ready, out.Criteria.AtRisk, out.Criteria.NotReady, out.OpenGaps, plural(out.OpenGaps, "gap", "gaps"))
	if len(out.Failures) > 0 {
		b.WriteString("| gate | failure | line |\n|---|---|---|\n")
		for i, f := range out.Failures {
			if i == maxSummaryRows {
				fmt.Fprintf(&b, "\n…and %d more: run `soc2ready check` for the full list.\n", len(out.Failures)-i)
				break
			}
			line := ""
			if f.Line > 0 {
				line = fmt.Sprint(f.Line)
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Gate, mdCell(f.Message), line)
		}
		b.WriteString("\n")
	}
	return capSummary(b.Bytes())
}

// reportSummary is the job summary of `report --step-summary`: the headline figures, the
// categories and the first gaps to close. The full report is the file the step wrote.
func reportSummary(m *reports.Model) []byte {
	var b bytes.Buffer
	r := m.Result
	fmt.Fprintf(&b, "### SOC 2 readiness: %s\n\n", mdCell(m.File.Organization.Name))
	score := fmt.Sprintf("**%.1f**", r.Overall.Value)
	if r.Provisional {
		// Unanswered controls make the score a range: counted missing, then implemented.
		score = fmt.Sprintf("**%.1f** (provisional: %.1f to %.1f until %d unanswered are answered)", r.Overall.Value, r.Range.Low, r.Range.High, r.Overall.Unanswered)
	}
	fmt.Fprintf(&b, "As of %s: score %s, %s; criteria %d ready, %d at risk, %d not ready; %d open %s.\n\n",
		m.Date, score, r.Band.Name, r.Verdicts[scoring.Ready], r.Verdicts[scoring.AtRisk], r.Verdicts[scoring.NotReady], len(r.Gaps), plural(len(r.Gaps), "gap", "gaps"))
	b.WriteString("| category | score | controls |\n|---|---:|---:|\n")
	for _, c := range r.Categories {
		if c.InScope {
			fmt.Fprintf(&b, "| %s | %.1f | %d |\n", mdCell(c.Category.Name), c.Score.Value, c.Score.Controls)
		}
	}
	if len(r.Gaps) > 0 {
		n := min(len(r.Gaps), 10)
		fmt.Fprintf(&b, "\nFirst %d of %d %s to close:\n\n| # | control | severity | status |\n|---:|---|---|---|\n", n, len(r.Gaps), plural(len(r.Gaps), "gap", "gaps"))
		for i, g := range r.Gaps[:n] {
			fmt.Fprintf(&b, "| %d | %s %s | %s | %s |\n", i+1, g.Control.ID, mdCell(g.Control.Title), g.Control.Severity, g.Status)
		}
	}
	b.WriteString("\n")
	return capSummary(b.Bytes())
}

// capSummary cuts a summary at a line end under maxSummary.
func capSummary(b []byte) []byte {
	if len(b) <= maxSummary {
		return b
	}
	cut := bytes.LastIndexByte(b[:maxSummary-100], '\n')
	return append(b[:cut+1], "\n…summary cut at 64 KiB; see the full output of the step.\n"...)
}

// mdCell keeps user text inside one Markdown table cell.
func mdCell(s string) string {
	s = strings.NewReplacer("&", "&amp;", "|", `\|`, "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
	return strings.TrimSpace(s)
}

func mdCode(s string) string { return strings.ReplaceAll(mdCell(s), "`", "'") }

// appendFile adds to the job summary file. GitHub gives each step its own file and shows
// them one after another, so append, never replace.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err == nil {
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return problem.At(path, 0, "GITHUB_STEP_SUMMARY must name a writable file", "could not append the job summary: %v", unwrapPathErr(err))
	}
	return nil
}
