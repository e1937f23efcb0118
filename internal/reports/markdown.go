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
	p("> **%s**\n\n", m.Answered())
	p("> This is a readiness assessment to plan remediation. It is not an auditor's opinion, an attestation or a SOC 2 report.\n\n")

	p("## Executive summary\n\n")
	if r.Provisional {
		p("**Overall readiness: %.1f to %.1f / 100 — %s (provisional).**\n\n", r.Range.Low, r.Range.High, r.Band.Name)
	} else {
		p("**Overall readiness: %.1f / 100 — %s.**\n\n", r.Overall.Value, r.Band.Name)
	}
	p("%s\n\n", m.Summary())
	p("**%s**\n\n", m.ForecastText())
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

	writePriorities(p, m)
	writeBlockers(p, m)
	writeExceptions(p, m)
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
		p("Every answered control that is not implemented, in plan order: dependencies first, then severity, then effort. Unanswered controls are listed apart below.\n\n")
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
		p("%d applicable controls have no answer yet. They are not counted as gaps; if none of them is in place they add %s person-days. Answer them with `soc2ready assess --unanswered` or `soc2ready set`.\n\n", len(m.Open), Days(r.UnansweredEffort()))
		for _, g := range r.Unanswered {
			p("- **%s** %s (%s, %s person-days if missing)\n", g.Control.ID, md(g.Control.Title), g.Control.Severity, Days(g.EffortDays))
		}
		p("\n")
	}

	writeScope(p, m)
	p("---\n\nGenerated by %s. Scores are a planning aid: auditors judge each criterion, not a score.\n", m.Tool)
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
	if t.Capacity > 0 {
		p("| Remaining remediation: %s person-days at %g a week (%d weeks) | done by %s |\n", Days(t.RemainingDays), t.Capacity, t.RemediationWeeks, t.RemediationDone)
	} else {
		p("| Remaining remediation: %s person-days across %d owners in parallel (%d weeks) | done by %s |\n", Days(t.RemainingDays), len(t.Streams), t.RemediationWeeks, t.RemediationDone)
	}
	if t.UnansweredDays > 0 {
		p("| Unanswered controls: 0 to %s person-days more | done by %s at the latest |\n", Days(t.UnansweredDays), t.RemediationDoneLatest)
	}
	if t.ObservationStart != "" {
		p("| Type 2 observation period | %s to %s |\n", t.ObservationStart, t.ObservationEnd)
	}
	p("| Auditor fieldwork | %s to %s |\n", t.FieldworkStart, t.FieldworkEnd)
	p("| Draft report | about %s |\n", t.DraftReport)
	p("| Final report in hand | about %s |\n\n", t.ReportInHand)
	for _, w := range t.Warnings {
		p("> **Warning:** %s.\n\n", w)
	}
	if len(t.Streams) > 1 {
		p("| Owner | Gaps | Person-days | Done after (weeks) |\n|---|---:|---:|---:|\n")
		for _, st := range t.Streams {
			p("| %s | %d | %s | %.1f |\n", orDash(md(OwnerName(st.Owner))), st.Gaps, Days(st.Days), st.Weeks)
		}
		p("\n")
	}
	p("Assumptions:\n\n")
	for _, a := range t.Assumptions {
		p("- %s\n", a)
	}
	p("\n")
}

// writePriorities prints the top of the plan: the one "do this first" list.
func writePriorities(p func(string, ...any), m *Model) {
	if len(m.Priorities) == 0 {
		return
	}
	p("### First priorities\n\n")
	p("The top %d of the %d gaps in plan order (dependencies first, then severity, then effort); the gap register lists them all.\n\n", len(m.Priorities), len(m.Result.Gaps))
	for i, g := range m.Priorities {
		after := ""
		if len(g.Waits) > 0 {
			after = " After " + strings.Join(g.Waits, ", ") + "."
		}
		p("%d. **%s** %s (%s, %s): %s%s\n", i+1, g.Control.ID, md(g.Control.Title), g.Control.Severity, StatusName(g.Status), md(g.Control.Remediation[0]), after)
	}
	p("\n")
}

// writeBlockers explains, criterion by criterion, what holds each back.
func writeBlockers(p func(string, ...any), m *Model) {
	p("### Criteria likely not met\n\n")
	if len(m.Blockers) == 0 {
		p("On the answers given, no criterion is likely to be found not met.\n\n")
	} else {
		if m.Result.ReportType == answers.Type2 {
			p("If the examination ran on these answers, these criteria would likely be found not met, because their controls are missing or did not operate through the period:\n\n")
		} else {
			p("If the examination ran on these answers, these criteria would likely be found not met, because their controls are missing or not designed well enough:\n\n")
		}
		for _, b := range m.Blockers {
			p("- **%s** %s: %s.%s\n", b.Criterion.ID, md(b.Criterion.Title), b.Reason, causes(b))
		}
		p("\n")
	}
	if len(m.Undecided) > 0 {
		p("Not ready only because controls are unanswered (answer them to know):\n\n")
		for _, b := range m.Undecided {
			ids := make([]string, len(b.Unanswered))
			for i, c := range b.Unanswered {
				ids[i] = c.Control.ID
			}
			p("- **%s** %s: %s unanswered.\n", b.Criterion.ID, md(b.Criterion.Title), strings.Join(ids, ", "))
		}
		p("\n")
	}
}

// causes names the answered critical and high controls holding a criterion back.
func causes(c *scoring.CriterionResult) string {
	if len(c.Causes) == 0 {
		return ""
	}
	parts := make([]string, len(c.Causes))
	for i, k := range c.Causes {
		parts[i] = k.Control.ID + " (" + StatusName(k.Status) + ")"
	}
	return " Held back by " + strings.Join(parts, ", ") + "."
}

// writeExceptions lists the Type 2 exceptions expected in the observation period; a
// Type 1 tests design only and has none.
func writeExceptions(p func(string, ...any), m *Model) {
	if m.Result.ReportType != answers.Type2 || m.File.Scope.ObservationPeriod == nil {
		return
	}
	p("### Exceptions expected in the observation period\n\n")
	if len(m.Exceptions) == 0 {
		p("No control is expected to show an exception.\n\n")
		return
	}
	p("Fixing a control later does not remove a deviation inside the period; the auditor will report these with management's response:\n\n")
	for _, c := range m.Exceptions {
		p("- **%s** %s (%s; %s): %s.\n", c.Control.ID, md(c.Control.Title), c.Control.Severity, strings.Join(c.Criteria, ", "), md(c.Exception))
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
