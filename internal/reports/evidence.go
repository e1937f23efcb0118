package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/sheet"
)

// maxEvidenceAge is how old evidence may be outside a Type 2 period before it is flagged:
// auditors treat a report, and the evidence behind it, as current for about a year.
const maxEvidenceAge = 365

// policyFamily is the catalogue family of the core policy documents.
const policyFamily = "policies"

// EvidenceItem is one line of the evidence request list (the auditor's information
// request list): what to collect for one applicable control and what is already on file.
type EvidenceItem struct {
	Control *scoring.ControlResult
	Newest  string // date of the newest evidence on file, "" when undated or none
	Flag    string // "", "none on file", "stale: ..." or "undated"
}

// EvidenceList builds the request list for every applicable control, in catalogue order.
// Evidence of an operating control is stale when it predates a Type 2 observation period
// (it cannot show the control operating during it) or, otherwise, when it is over a year
// older than the report date. A policy is different: it is approved once and then
// reviewed, so one approved before the period is still current when it was approved or
// reviewed within the last year; only an older one is stale.
func EvidenceList(m *Model) []EvidenceItem {
	cutoff, why := "", ""
	yearAgo := ""
	if d, err := time.Parse("2006-01-02", m.Date); err == nil {
		yearAgo = d.AddDate(0, 0, -maxEvidenceAge).Format("2006-01-02")
		cutoff, why = yearAgo, "over a year old"
	}
	if p := m.File.Scope.ObservationPeriod; m.File.Scope.ReportType == answers.Type2 && p != nil {
		cutoff, why = string(p.Start), "before the observation period"
	}
	var out []EvidenceItem
	for _, c := range m.Result.Controls {
		if !c.Applicable {
			continue
		}
		it := EvidenceItem{Control: c}
		undated := false
		for _, e := range c.Answer.Evidence {
			if e.Date == "" {
				undated = true
			} else if e.Date > it.Newest {
				it.Newest = e.Date
			}
		}
		limit, reason := cutoff, why
		if c.Control.Family == policyFamily {
			limit, reason = yearAgo, "not approved or reviewed in the last 12 months"
		}
		switch {
		case len(c.Answer.Evidence) == 0 && (c.Status == answers.Implemented || c.Status == answers.Partial):
			it.Flag = "none on file"
		case it.Newest != "" && limit != "" && it.Newest < limit:
			it.Flag = "stale: " + reason
		case it.Newest == "" && undated:
			it.Flag = "undated"
		}
		out = append(out, it)
	}
	return out
}

// EvidenceMarkdown writes the evidence request list as Markdown.
func EvidenceMarkdown(w io.Writer, m *Model) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	type2 := m.File.Scope.ReportType == answers.Type2
	items := EvidenceList(m)
	p("# Evidence request list: %s\n\n", md(m.File.Organization.Name))
	p("What the auditor will ask for, control by control (%d applicable controls, %s). Dated %s.", len(items), m.ScopeNames(), m.Date)
	if type2 {
		p(" For a Type 2 the population column says what will be sampled across the period.")
	}
	p("\n\n")
	flagged := 0
	for _, it := range items {
		if it.Flag != "" {
			flagged++
		}
	}
	p("%d controls need attention: no evidence on file for a control marked in place, evidence without a date, or evidence too old for the period.\n\n", flagged)
	if type2 {
		p("| Control | Status | Owner | Artefacts to collect | Population and sample | On file | Attention |\n|---|---|---|---|---|---|---|\n")
	} else {
		p("| Control | Status | Owner | Artefacts to collect | On file | Attention |\n|---|---|---|---|---|---|\n")
	}
	for _, it := range items {
		c := it.Control
		row := fmt.Sprintf("| **%s** %s | %s | %s | %s", c.Control.ID, md(c.Control.Title), StatusName(c.Status), orDash(md(c.Answer.Owner)), mdJoin(c.Control.Evidence.Artefacts, "<br>"))
		if type2 {
			row += " | " + md(c.Control.Evidence.Population)
		}
		p("%s | %s | %s |\n", row, orDash(evidenceOnFile(c.Answer.Evidence)), orDash(it.Flag))
	}
	return bw.Flush()
}

// OnFile names each evidence item as the reports show it: the reference, and its date in
// brackets when it has one.
func OnFile(ev []answers.Evidence) []string {
	var out []string
	for _, e := range ev {
		s := e.Ref
		if e.Date != "" {
			s += " (" + e.Date + ")"
		}
		out = append(out, s)
	}
	return out
}

// EvidenceCSV writes the evidence request list for a spreadsheet.
func EvidenceCSV(w io.Writer, m *Model) error {
	sw := sheet.NewWriter(w)
	sw.Write("control", "title", "status", "owner", "artefacts", "population", "evidence_on_file", "newest_evidence", "attention")
	for _, it := range EvidenceList(m) {
		c := it.Control
		sw.Write(c.Control.ID, c.Control.Title, string(c.Status), c.Answer.Owner, strings.Join(c.Control.Evidence.Artefacts, "; "),
			strings.TrimSpace(c.Control.Evidence.Population), strings.Join(OnFile(c.Answer.Evidence), "; "), it.Newest, it.Flag)
	}
	return sw.Flush()
}
