package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Markdown writes the readiness report as GitHub-flavoured Markdown.
func Markdown(w io.Writer, m *Model) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	r := m.Result
	org := m.File.Organization

	p("# SOC 2 readiness report: %s\n\n", md(org.Name))
	p("| | |\n|---|---|\n")
	p("| Organisation | %s |\n", md(org.Name))
	p("| System | %s |\n", orDash(md(org.System)))
	p("| Date | %s |\n", m.Date)
	p("| Scope | %s |\n", m.ScopeNames())
	p("| Report type | %s |\n", m.ReportType())
	if m.PreparedBy != "" {
		p("| Prepared by | %s |\n", md(m.PreparedBy))
	}
	p("| Catalogue | soc2ready catalogue %s |\n\n", md(m.Catalogue.Version))
	if v := m.File.CatalogVersion; v != "" && v != m.Catalogue.Version {
		p("> **Note:** the answers were recorded against catalogue %s; this report uses %s. Run `soc2ready assess --unanswered` to answer new controls.\n\n", md(v), md(m.Catalogue.Version))
	}
	p("> This is a readiness assessment to plan remediation. It is not an auditor's opinion, an attestation or a SOC 2 report.\n\n")

	p("## Executive summary\n\n")
	p("**Overall readiness: %.1f / 100 — %s.**\n\n", r.Overall.Value, r.Band.Name)
	p("%s\n\n", m.Summary())
	p("| Category | Score | Ready | At risk | Not ready | Not applicable |\n|---|---:|---:|---:|---:|---:|\n")
	for _, c := range r.Categories {
		if !c.InScope {
			continue
		}
		p("| %s | %.1f | %d | %d | %d | %d |\n", c.Category.Name, c.Score.Value,
			c.Verdicts[scoring.Ready], c.Verdicts[scoring.AtRisk], c.Verdicts[scoring.NotReady], c.Verdicts[scoring.NotApplicable])
	}
	p("| **All in scope** | **%.1f** | **%d** | **%d** | **%d** | **%d** |\n\n", r.Overall.Value,
		r.Verdicts[scoring.Ready], r.Verdicts[scoring.AtRisk], r.Verdicts[scoring.NotReady], r.Verdicts[scoring.NotApplicable])

	p("### Blockers\n\n")
	if len(m.Blockers) == 0 {
		p("No criterion is rated not ready.\n\n")
	} else {
		p("These criteria would likely draw a qualified opinion if the audit started today:\n\n")
		for _, b := range m.Blockers {
			p("- **%s** %s: %s.\n", b.Criterion.ID, md(b.Criterion.Title), b.Reason)
		}
		p("\n")
	}
	p("### Type 1 or Type 2\n\n")
	p("Recommended: **%s**. %s\n\n", TypeName(m.Advice.Type), m.Advice.Reason)

	writeTimeline(p, m)

	p("## Criteria\n\n")
	p("| Criterion | Title | Score | Verdict | Controls | Open | Why |\n|---|---|---:|---|---:|---:|---|\n")
	for _, c := range r.Criteria {
		score := fmt.Sprintf("%.1f", c.Score.Value)
		if c.Verdict == scoring.NotApplicable {
			score = "—"
		}
		p("| %s | %s | %s | %s | %d | %d | %s |\n", c.Criterion.ID, md(c.Criterion.Title), score, VerdictName(c.Verdict),
			c.Score.Controls, c.Score.Open+c.Score.Partial, c.Reason)
	}
	p("\n")

	p("## Gap register\n\n")
	if len(r.Gaps) == 0 {
		p("No open gaps.\n\n")
	} else {
		p("Every applicable control that is not implemented, most urgent first.\n\n")
		p("| # | Severity | Control | Status | Criteria | First step | Note | Owner | Due | Effort (days) |\n|---:|---|---|---|---|---|---|---|---|---:|\n")
		for i, g := range r.Gaps {
			p("| %d | %s | **%s** %s | %s | %s | %s | %s | %s | %s | %s |\n", i+1, g.Control.Severity, g.Control.ID, md(g.Control.Title),
				StatusName(g.Status), strings.Join(g.Criteria, ", "), md(g.Control.Remediation[0]), orDash(md(g.Answer.Note)),
				orDash(md(g.Answer.Owner)), orDash(g.Answer.Due), Days(g.EffortDays))
		}
		p("\n")
	}

	p("## Roadmap\n\n")
	p("Remaining effort: **%s person-days** across %d gaps.\n\n", Days(r.RemainingEffort()), len(r.Gaps))
	for _, ph := range r.Phases {
		p("### Phase %d: %s (%d gaps, %s person-days)\n\n%s\n\n", ph.Number, ph.Name, len(ph.Gaps), Days(ph.EffortDays), ph.Goal)
		if len(ph.Gaps) == 0 {
			p("Nothing to do in this phase.\n\n")
			continue
		}
		for _, g := range ph.Gaps {
			extra := []string{"effort " + g.Control.Effort}
			if g.Answer.Owner != "" {
				extra = append(extra, "owner "+md(g.Answer.Owner))
			}
			if g.Answer.Due != "" {
				extra = append(extra, "due "+g.Answer.Due)
			}
			p("- [ ] **%s** %s (%s)\n", g.Control.ID, md(g.Control.Title), strings.Join(extra, ", "))
		}
		p("\n")
	}

	p("## Core policies\n\n| Policy | Document control | Status | Controls it backs |\n|---|---|---|---:|\n")
	for _, ps := range m.Policies {
		p("| %s | %s | %s | %d |\n", md(ps.Policy.Title), ps.Policy.DocumentControl, StatusName(ps.Status), len(ps.Backing))
	}
	p("\n")

	p("## Evidence request list\n\n")
	if len(m.Evidence) == 0 {
		p("No control is implemented yet, so there is no evidence to gather.\n\n")
	} else {
		p("What the auditor will ask for, for each control in place.")
		if m.File.Scope.ReportType == answers.Type2 {
			p(" For a Type 2, the population column says what they will sample.")
		}
		p("\n\n")
		if m.File.Scope.ReportType == answers.Type2 {
			p("| Control | Status | Artefacts | Population | Evidence on file |\n|---|---|---|---|---|\n")
		} else {
			p("| Control | Status | Artefacts | Evidence on file |\n|---|---|---|---|\n")
		}
		for _, c := range m.Evidence {
			row := fmt.Sprintf("| **%s** %s | %s | %s", c.Control.ID, md(c.Control.Title), StatusName(c.Status), mdJoin(c.Control.Evidence.Artefacts, "; "))
			if m.File.Scope.ReportType == answers.Type2 {
				row += " | " + md(c.Control.Evidence.Population)
			}
			p("%s | %s |\n", row, orDash(evidenceOnFile(c.Answer.Evidence)))
		}
		p("\n")
	}

	p("## Not applicable\n\n")
	if len(m.Excluded) == 0 {
		p("Every control applies to this system.\n\n")
	} else {
		p("| Control | Reason | Relied on instead |\n|---|---|---|\n")
		for _, c := range m.Excluded {
			reason := md(c.Excluded)
			if c.ExcludedBy == "fact" {
				reason = "Scope: " + reason
			}
			p("| **%s** %s | %s | %s |\n", c.Control.ID, md(c.Control.Title), reason, orDash(md(c.Control.CarveOut)))
		}
		p("\n")
	}

	p("## Unanswered\n\n")
	if len(m.Open) == 0 {
		p("Every applicable control has an answer.\n\n")
	} else {
		p("%d applicable controls have no answer yet and count as gaps. Answer them with `soc2ready assess --unanswered` or `soc2ready set`.\n\n", len(m.Open))
		for _, c := range m.Open {
			p("- **%s** %s\n", c.Control.ID, md(c.Control.Title))
		}
		p("\n")
	}

	writeScope(p, m)
	p("---\n\nGenerated by %s. Scores are a planning aid: auditors record exceptions, not scores.\n", m.Tool)
	return bw.Flush()
}

func writeTimeline(p func(string, ...any), m *Model) {
	t := m.Timeline
	if t.RemediationDone == "" {
		return
	}
	p("### Timeline and audit plan\n\n")
	p("Report type: **%s** (%s).\n\n", TypeName(t.ReportType), md(t.Reason))
	p("| Step | Date |\n|---|---|\n")
	p("| Remaining remediation: %s person-days at %g a week (%d weeks) | done by %s |\n", Days(t.RemainingDays), t.Capacity, t.RemediationWeeks, t.RemediationDone)
	if t.ObservationStart != "" {
		p("| Type 2 observation period | %s to %s |\n", t.ObservationStart, t.ObservationEnd)
	}
	p("| Auditor fieldwork | %s to %s |\n", t.FieldworkStart, t.FieldworkEnd)
	p("| Draft report | about %s |\n", t.DraftReport)
	p("| Final report in hand | about %s |\n\n", t.ReportInHand)
	for _, w := range t.Warnings {
		p("> **Warning:** %s.\n\n", w)
	}
	p("Assumptions:\n\n")
	for _, a := range t.Assumptions {
		p("- %s\n", a)
	}
	p("\n")
}

func writeScope(p func(string, ...any), m *Model) {
	s := m.File.Scope
	if len(s.Subservice) == 0 && len(s.CUECs) == 0 && len(s.Commitments) == 0 {
		return
	}
	p("## Scope details\n\n")
	if len(s.Commitments) > 0 {
		p("### Commitments to customers\n\n")
		for _, c := range s.Commitments {
			p("- %s\n", md(c))
		}
		p("\n")
	}
	if len(s.Subservice) > 0 {
		p("### Subservice organisations\n\n| Organisation | Services | Method | Controls relied on |\n|---|---|---|---|\n")
		for _, so := range s.Subservice {
			method := "carve-out"
			if so.Method == "inclusive" {
				method = "inclusive"
			}
			p("| %s | %s | %s | %s |\n", md(so.Name), orDash(md(so.Services)), method, orDash(mdJoin(so.CSOCs, "<br>")))
		}
		p("\n")
	}
	if len(s.CUECs) > 0 {
		p("### Complementary user entity controls\n\nWhat customers must do themselves for the controls to work:\n\n")
		for _, c := range s.CUECs {
			p("- %s\n", md(c))
		}
		p("\n")
	}
}

func evidenceOnFile(ev []answers.Evidence) string {
	parts := make([]string, len(ev))
	for i, e := range ev {
		parts[i] = md(e.Ref)
		if e.Date != "" {
			parts[i] += " (" + e.Date + ")"
		}
	}
	return strings.Join(parts, "<br>")
}

// mdJoin escapes each item and joins them.
func mdJoin(items []string, sep string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = md(s)
	}
	return strings.Join(out, sep)
}
