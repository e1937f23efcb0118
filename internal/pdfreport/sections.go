package pdfreport

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// cover is the first page: who, what, when, by whom, and what this document is not.
func (d *doc) cover() {
	m := d.m
	d.coverHead("CONFIDENTIAL", "SOC 2 READINESS ASSESSMENT", d.ts.line(m.File.Organization.System), 72, 28)

	r := m.Result
	facts := [][2]string{
		{"Scope", m.ScopeNames()},
		{"Report type", m.ReportType()},
		{"Assessment date", m.Date},
		{"Overall readiness", overallText(r)},
		{"Answered", answeredText(r)},
	}
	if m.PreparedBy != "" {
		facts = append(facts, [2]string{"Prepared by", m.PreparedBy})
	}
	if s := m.File.Organization.Services; s != "" {
		facts = append(facts, [2]string{"Services", s})
	}
	facts = append(facts, [2]string{"Criteria", "AICPA Trust Services Criteria (2017, points of focus revised 2022); soc2ready catalogue " + m.Catalogue.Version})
	d.coverFacts(facts, 3, 225-d.lift())

	// the disclaimer, at the foot of the page
	text := fmt.Sprintf("This document assesses how ready %s is for a SOC 2 examination, measured against the AICPA Trust Services Criteria. It is a planning aid for management: it is not an auditor's opinion, an attestation or a SOC 2 report, and it gives no assurance to customers or other third parties. Only an independent CPA firm can examine the system and issue a SOC 2 report.", d.org)
	d.coverFoot("Readiness assessment, not an attestation", text, 0)
}

// summary is the executive summary: score, forecast, verdicts, categories, blockers by
// criterion, the priority list and the Type 1 or 2 advice.
func (d *doc) summary() {
	m := d.m
	r := m.Result
	d.h1("Executive summary", true)
	if v := m.File.CatalogVersion; v != "" && v != m.Catalogue.Version {
		d.callout("Catalogue changed", fmt.Sprintf("The answers were recorded against catalogue %s; this report uses %s. New controls count as unanswered until they are answered.", v, m.Catalogue.Version), amber)
	}
	if r.Provisional {
		d.callout("Not everything is answered yet", m.Answered(), amber)
	}
	d.scoreGauge()
	d.para(m.Summary(), textStyle{st: regular, size: 10, color: ink, after: 4})
	d.callout("Opinion forecast (advisory): "+scoring.OpinionName(m.Forecast.Opinion), strings.Join(m.Forecast.Reasons, " "), forecastColor(m.Forecast.Opinion))
	d.verdictTiles()

	d.h2("Readiness by category", 20)
	for _, c := range r.Categories {
		if !c.InScope {
			continue
		}
		sub := fmt.Sprintf("%d ready · %d at risk · %d not ready", c.Verdicts[scoring.Ready], c.Verdicts[scoring.AtRisk], c.Verdicts[scoring.NotReady])
		d.scoreBar(c.Category.Name, sub, c.Score, 52, 9, true)
	}
	d.color(muted)
	d.ensure(5)
	d.ts.draw(marginL+52, d.y+2.5, fmt.Sprintf("Bar colour is the readiness band of the score; the dashed line marks %g, the score a ready criterion needs.", scoring.ReadyAt), italic, 6.8)
	d.y += 5

	if pr := m.Priorities; len(pr) > 0 {
		d.h2("First priorities", 24)
		d.para(fmt.Sprintf("The top %d of the %d gaps in plan order (dependencies first, then severity, then effort); the gap register lists them all.", len(pr), len(r.Gaps)), body)
		for i, g := range pr {
			text := fmt.Sprintf("%s (%s, %s): %s", g.Control.Title, g.Control.Severity, reports.StatusName(g.Status), g.Control.Remediation[0])
			if len(g.Waits) > 0 {
				text += " After " + strings.Join(g.Waits, ", ") + "."
			}
			d.numbered(i+1, g.Control.ID, text)
		}
		d.y += 1.5
	}

	d.h2("Type 1 or Type 2", d.calloutHeight(m.Advice.Reason))
	d.callout("Recommended: "+reports.TypeName(m.Advice.Type), m.Advice.Reason, accent)

	d.exceptions()

	d.h2("Blockers by criterion", 14)
	d.blockers()
}

// overallText is the overall score for the cover: a range while answers are missing.
func overallText(r *scoring.Result) string {
	if r.Provisional {
		return score1(r.Range.Low) + " to " + score1(r.Range.High) + " / 100 (" + r.Band.Name + ", provisional)"
	}
	return score1(r.Overall.Value) + " / 100 (" + r.Band.Name + ")"
}

func answeredText(r *scoring.Result) string {
	return fmt.Sprintf("%d of %d applicable controls", r.Answered, r.Overall.Controls)
}

func forecastColor(opinion string) rgb {
	switch opinion {
	case scoring.Adverse:
		return red
	case scoring.Qualified:
		return amber
	}
	return green
}

// exceptionsShown is how many expected exceptions the board-length summary lists; the
// full report lists them all.
const exceptionsShown = 10

// exceptions lists the Type 2 exceptions expected in the observation period (a Type 1
// tests design only and has none).
func (d *doc) exceptions() {
	m := d.m
	if m.Result.ReportType != answers.Type2 || m.File.Scope.ObservationPeriod == nil {
		return
	}
	const heading = "Exceptions expected in the observation period"
	ex := m.Exceptions
	if len(ex) == 0 {
		d.h2(heading, 12)
		d.para("No control is expected to show an exception.", body)
		return
	}
	intro := "Fixing a control later does not remove a deviation inside the period; the auditor will report these with management's response."
	if len(ex) > exceptionsShown && !m.Full() {
		intro += fmt.Sprintf(" The first %d of %d in catalogue order; the full report (--detail full) lists them all.", exceptionsShown, len(ex))
		ex = ex[:exceptionsShown]
	}
	t := d.table(8, column{title: "Control", w: 50}, column{title: "Severity", w: 20}, column{title: "Criteria", w: 24}, column{title: "Exception", w: 80})
	for _, c := range ex {
		sc := severityColor(c.Control.Severity)
		t.row(cell{spans: []span{{text: c.Control.ID, st: bold, size: 7.6, id: true}, {text: c.Control.Title}}},
			cell{spans: []span{{text: title(c.Control.Severity)}}, dot: &sc},
			txt(strings.Join(c.Criteria, ", ")), txt(c.Exception))
	}
	d.tableUnder(heading, intro, body, t)
}

// tableUnder draws a sub-heading, an optional paragraph and a filled table, starting a
// new page unless the heading, the paragraph and the table's first rows fit together.
func (d *doc) tableUnder(heading, intro string, ts textStyle, t *table) {
	keep := t.startH()
	if intro != "" {
		keep += d.paraHeight(intro, ts)
	}
	if keep > d.bottom-top-20 {
		keep = 30 // a table whose first rows fill a page starts where it is
	}
	d.h2(heading, keep)
	if intro != "" {
		d.para(intro, ts)
	}
	t.end()
}

// numbered is one item of a numbered list: the number, a control id in bold, the text
// after it, continuation lines under the id.
func (d *doc) numbered(n int, id, text string) {
	const size, indent = 9.0, 7.0
	lh := lineH(size)
	id = d.ts.line(id)
	idW := d.ts.width(id+"  ", bold, size)
	// the first line starts after the id: wrap as if the id were there in regular type,
	// with the difference to the bold id kept free
	lead := id + "  "
	w := contentW - indent - (idW - d.ts.width(lead, regular, size))
	lines := d.ts.wrap(d.ts.clean(lead+strings.TrimSpace(text), true), w, regular, size)
	d.ensure(min(float64(len(lines))*lh, 30))
	for i, l := range lines {
		d.ensure(lh)
		by := baseline(d.y, lh, size)
		x := marginL + indent
		if i == 0 {
			d.color(accent)
			num := strconv.Itoa(n) + "."
			d.ts.draw(marginL+5-d.ts.width(num, bold, size), by, num, bold, size)
			d.color(navy)
			d.ts.draw(x, by, id, bold, size)
			x += idW
			l = strings.TrimPrefix(strings.TrimPrefix(l, id), "  ")
		}
		d.color(ink)
		d.ts.draw(x, by, l, regular, size)
		d.y += lh
	}
	d.y += 1.2
}

func (d *doc) calloutHeight(text string) float64 {
	return d.paraHeight(text, textStyle{st: regular, size: 9, indent: 6, width: contentW - 10}) + 12
}

// timeline is when remediation is likely done and a report could be in hand.
func (d *doc) timeline() {
	t := d.m.Timeline
	if t.RemediationDone == "" {
		return
	}
	d.h1keep("Timeline and audit plan", false, 80)
	d.para(fmt.Sprintf("Report type: %s (%s).", reports.TypeName(t.ReportType), strings.TrimSuffix(t.Reason, ".")), body)
	tb := d.table(8.5, column{title: "Step", w: 110}, column{title: "When", w: 64})
	dot := func(c rgb) *rgb { return &c }
	work := fmt.Sprintf("Remaining remediation: %s person-days at %g a week (%s)", reports.Days(t.RemainingDays), t.Capacity, plural(t.RemediationWeeks, "week", "weeks"))
	if t.Capacity == 0 {
		work = fmt.Sprintf("Remaining remediation: %s person-days across %s in parallel (%s)", reports.Days(t.RemainingDays), plural(len(t.Streams), "owner", "owners"), plural(t.RemediationWeeks, "week", "weeks"))
	}
	tb.row(cell{spans: []span{{text: work}}, dot: dot(red)}, txt("done by "+t.RemediationDone))
	if t.UnansweredDays > 0 {
		tb.row(cell{spans: []span{{text: "Unanswered controls: 0 to " + reports.Days(t.UnansweredDays) + " person-days more"}}, dot: dot(amber)}, txt("by "+t.RemediationDoneLatest+" at the latest"))
	}
	if t.ObservationStart != "" {
		tb.row(cell{spans: []span{{text: "Type 2 observation period"}}, dot: dot(amber)}, txt(t.ObservationStart+" to "+t.ObservationEnd))
	}
	tb.row(cell{spans: []span{{text: "Auditor fieldwork"}}, dot: dot(accent)}, txt(t.FieldworkStart+" to "+t.FieldworkEnd))
	tb.row(cell{spans: []span{{text: "Draft report"}}, dot: dot(navy)}, txt("about "+t.DraftReport))
	tb.row(cell{spans: []span{{text: "Final report in hand"}}, dot: dot(green)}, txt("about "+t.ReportInHand))
	tb.end()
	for _, w := range t.Warnings {
		d.callout("Warning", title(w)+".", red)
	}
	if len(t.Streams) > 1 {
		parts := make([]string, len(t.Streams))
		for i, st := range t.Streams {
			parts[i] = fmt.Sprintf("%s %s person-days, done after %.1f weeks", reports.OwnerName(st.Owner), reports.Days(st.Days), st.Weeks)
		}
		d.para("Owners working in parallel: "+strings.Join(parts, "; ")+".", textStyle{st: regular, size: 8.5, color: ink, after: 2})
	}
	d.para("Assumptions", textStyle{st: bold, size: 8.5, color: navy, after: 1})
	for _, a := range t.Assumptions {
		d.bullet(a, textStyle{st: regular, size: 8.5, color: muted, after: 0.8})
	}
	d.y += 2
}

// blockers explains, criterion by criterion, why each is likely not met; criteria not
// ready only for want of answers are named apart.
func (d *doc) blockers() {
	m := d.m
	if len(m.Blockers) == 0 {
		d.para("On the answers given, no criterion is likely to be found not met.", body)
	} else {
		d.para(fmt.Sprintf("If the examination ran on these answers, %s likely be found not met, because controls are missing or %s:", plural(len(m.Blockers), "criterion would", "criteria would"), reports.NotMetCause(m)), body)
		if m.Brief() {
			// the executive summary names them; the longer reports say what holds each back
			ids := make([]string, len(m.Blockers))
			for i, b := range m.Blockers {
				ids[i] = b.Criterion.ID
			}
			d.para(strings.Join(ids, ", ")+". The board-length report (soc2ready report) names the controls that hold each one back.", textStyle{st: bold, size: 9, color: ink, after: 2.5})
		} else {
			d.blockerTable()
		}
	}
	if len(m.Undecided) > 0 {
		ids := make([]string, len(m.Undecided))
		for i, b := range m.Undecided {
			ids[i] = b.Criterion.ID
		}
		d.para("Not ready only because controls are unanswered (answer them to know): "+strings.Join(ids, ", ")+".", body)
	}
}

// blockerTable is each criterion likely not met, why, and the controls holding it back.
func (d *doc) blockerTable() {
	t := d.table(8, column{title: "Criterion", w: 18}, column{title: "Title", w: 44}, column{title: "Why", w: 46}, column{title: "Held back by", w: 66})
	for _, b := range d.m.Blockers {
		held := "—"
		if len(b.Causes) > 0 {
			parts := make([]string, len(b.Causes))
			for i, k := range b.Causes {
				parts[i] = k.Control.ID + " (" + reports.StatusName(k.Status) + ")"
			}
			held = strings.Join(parts, ", ")
		}
		red := red
		t.row(
			cell{spans: []span{{text: b.Criterion.ID, st: bold, id: true}}, dot: &red},
			txt(b.Criterion.Title),
			cell{spans: []span{{text: b.Reason, size: 7.5, color: &muted}}},
			cell{spans: []span{{text: held, size: 7.4}}},
		)
	}
	t.end()
}

// callout is a shaded box with a bold title and a paragraph.
func (d *doc) callout(heading, text string, bar rgb) {
	ts := textStyle{st: regular, size: 9, color: ink, indent: 6, width: contentW - 10}
	h := d.paraHeight(text, ts) + 12
	if h < d.bottom-top {
		d.ensure(h)
	}
	y0 := d.y
	d.rect(marginL, y0, contentW, h, noteFill)
	d.rect(marginL, y0, 1.4, h, bar)
	d.color(navy)
	d.ts.draw(marginL+6, y0+6.5, d.clip(heading, contentW-10, bold, 10), bold, 10)
	d.y = y0 + 9.5
	d.para(text, ts)
	d.y = max(d.y, y0+h) + 3
}

// criteriaOverview is the heat map on one page, then the criteria that need attention
// (standard) or every criterion (full). The summary report stops after the heat map.
func (d *doc) criteriaOverview() {
	d.h1("Criteria overview", true)
	d.para("Every in-scope criterion, grouped as the AICPA groups them, coloured by verdict. The small figure in each box is the criterion's score; the figure under a group's id is the group's score, counting each of its controls once.", body)
	d.heatLegend()
	d.heatRows()
	if d.m.Brief() {
		return
	}
	r := d.m.Result
	var list []*scoring.CriterionResult
	if d.m.Full() {
		list = r.Criteria
		d.h1("All criteria", false)
		d.para("Verdicts are decided criterion by criterion, as an auditor forms an opinion: one open critical control makes a criterion not ready whatever its average. Open counts controls not yet implemented, including partial ones.", body)
	} else {
		// the not-ready ones are explained in the executive summary
		for _, c := range r.Criteria {
			if c.Verdict == scoring.AtRisk {
				list = append(list, c)
			}
		}
		d.h1("Criteria at risk", false)
		if len(list) == 0 {
			d.para("No criterion is at risk. The executive summary explains the criteria not ready; the full report (--detail full) lists every criterion.", body)
			return
		}
		d.para("The criteria at risk, with the rule that decided each verdict. "+reports.AtRiskMeaning(d.m)+" The executive summary explains the criteria not ready; the full report (--detail full) lists every criterion. Open counts controls not yet implemented, including partial ones.", body)
	}
	d.criteriaTable(list)
}

// criteriaTable is a table of criteria under their group headings.
func (d *doc) criteriaTable(list []*scoring.CriterionResult) {
	t := d.table(8,
		column{title: "Criterion", w: 16},
		column{title: "Title", w: 46},
		column{title: "Score", w: 12, right: true},
		column{title: "Verdict", w: 29},
		column{title: "Controls", w: 16, right: true},
		column{title: "Open", w: 11, right: true},
		column{title: "Why", w: 44},
	)
	group := ""
	for _, c := range list {
		if c.Criterion.Group != group {
			group = c.Criterion.Group
			t.group(group + "  " + c.Criterion.GroupName)
		}
		score := score1(c.Score.Value)
		if c.Verdict == scoring.NotApplicable {
			score = "—"
		}
		vc := verdictColor(c.Verdict)
		t.row(
			cell{spans: []span{{text: c.Criterion.ID, st: bold, id: true}}},
			txt(c.Criterion.Title),
			txt(score),
			cell{spans: []span{{text: reports.VerdictName(c.Verdict), st: bold}}, dot: &vc},
			txt(fmt.Sprint(c.Score.Controls)),
			txt(fmt.Sprint(c.Score.Open+c.Score.Partial)),
			cell{spans: []span{{text: c.Reason, size: 7.5, color: &muted}}},
		)
	}
	t.end()
}

// gapRegister lists every open control once, under its phase, in plan order. The first
// step is shown for the first phase with gaps (for every phase in the full report); the
// later phases are compact lists.
func (d *doc) gapRegister() {
	r := d.m.Result
	d.h1("Gap register", true)
	if len(r.Gaps) == 0 {
		d.para("No confirmed gaps: every answered applicable control is implemented.", body)
		d.unanswered()
		return
	}
	counts := severityCounts(r.Gaps)
	var parts []string
	for _, s := range severityOrder() {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	d.para(fmt.Sprintf("Every answered control that is not implemented, once, under its phase, in plan order: dependencies first, then severity, then effort (%s); about %s person-days in all. Unanswered controls are listed apart at the end.",
		strings.Join(parts, ", "), reports.Days(r.RemainingEffort())), body)
	d.phaseChart()
	firstPhase := 0
	for _, ph := range r.Phases {
		if len(ph.Gaps) > 0 {
			firstPhase = ph.Number
			break
		}
	}
	n := 0
	for _, ph := range r.Phases {
		heading := fmt.Sprintf("Phase %d: %s", ph.Number, ph.Name)
		goal := fmt.Sprintf("%s. %s, %s person-days.", strings.TrimSuffix(ph.Goal, "."), plural(len(ph.Gaps), "gap", "gaps"), reports.Days(ph.EffortDays))
		goalTS := textStyle{st: italic, size: 9, color: muted, after: 2}
		if len(ph.Gaps) == 0 {
			d.h2(heading, 12)
			d.para(goal, goalTS)
			d.para("Nothing to do in this phase.", body)
			continue
		}
		// the first steps of the work to start now: the first phase that has gaps
		steps := d.m.Full() || ph.Number == firstPhase
		var t *table
		if steps {
			t = d.table(8,
				column{title: "#", w: 9, right: true},
				column{title: "Severity", w: 20},
				column{title: "Control", w: 47},
				column{title: "What to do first", w: 45},
				column{title: "Owner", w: 22},
				column{title: "Due", w: 21},
				column{title: "Days", w: 10, right: true},
			)
		} else {
			// one line a gap where the names allow: id and title side by side
			t = d.table(7.8,
				column{title: "#", w: 8, right: true},
				column{title: "Severity", w: 19},
				column{title: "Status", w: 17},
				column{title: "Control", w: 44},
				column{title: "Title", w: 37},
				column{title: "Owner", w: 18},
				column{title: "Due", w: 21},
				column{title: "Days", w: 10, right: true},
			)
		}
		for _, g := range ph.Gaps {
			n++
			sc, stc := severityColor(g.Control.Severity), statusColor(g.Status)
			if !steps {
				t.row(txt(fmt.Sprint(n)),
					cell{spans: []span{{text: title(g.Control.Severity), st: bold}}, dot: &sc},
					cell{spans: []span{{text: reports.StatusName(g.Status), size: 7.2}}, dot: &stc},
					cell{spans: []span{{text: g.Control.ID, st: bold, size: 7.4, id: true}}},
					txt(g.Control.Title), txt(orDash(g.Answer.Owner)), txt(orDash(g.Answer.Due)), txt(reports.Days(g.EffortDays)))
				continue
			}
			t.row(
				txt(fmt.Sprint(n)),
				cell{spans: []span{{text: title(g.Control.Severity), st: bold}, {text: reports.StatusName(g.Status), st: italic, size: 7.2, color: &muted}}, dot: &sc},
				cell{spans: []span{{text: g.Control.ID, st: bold, size: 7.6, id: true}, {text: g.Control.Title}}},
				txt(g.Control.Remediation[0]),
				txt(orDash(g.Answer.Owner)), txt(orDash(g.Answer.Due)), txt(reports.Days(g.EffortDays)),
			)
		}
		d.tableUnder(heading, goal, goalTS, t)
	}
	d.unanswered()
}

// unanswered lists the applicable controls with no answer, apart from the gaps.
func (d *doc) unanswered() {
	r := d.m.Result
	if u := r.Unanswered; len(u) > 0 {
		intro := fmt.Sprintf("%s no answer yet. They are not counted as gaps; if none of them is in place they add %s person-days. Answer them with soc2ready assess --unanswered, or soc2ready set.", plural(len(u), "applicable control has", "applicable controls have"), reports.Days(r.UnansweredEffort()))
		t := d.table(8, column{title: "Control", w: 50}, column{title: "Title", w: 84}, column{title: "Severity", w: 26}, column{title: "Days", w: 14, right: true})
		for _, g := range u {
			sc := severityColor(g.Control.Severity)
			t.row(cell{spans: []span{{text: g.Control.ID, st: bold, id: true}}}, txt(g.Control.Title), cell{spans: []span{{text: title(g.Control.Severity)}}, dot: &sc}, txt(reports.Days(g.EffortDays)))
		}
		d.tableUnder("Not answered yet", intro, body, t)
	}
}

// evidence is what the auditor will ask for, for each control in place.
func (d *doc) evidence() {
	m := d.m
	d.h1("Evidence request list", true)
	if len(m.Evidence) == 0 {
		d.para("No control is implemented yet, so there is no evidence to gather.", body)
		return
	}
	type2 := m.File.Scope.ReportType == answers.Type2
	intro := "What the auditor will ask for, for each control that is implemented or partly implemented."
	if type2 {
		intro += " For a Type 2, the population is what they will sample over the observation period."
	}
	d.para(intro, body)
	cols := []column{{title: "Control", w: 46}, {title: "Status", w: 24}, {title: "Artefacts to provide", w: 72}, {title: "Evidence on file", w: 32}}
	if type2 {
		cols = []column{{title: "Control", w: 44}, {title: "Status", w: 22}, {title: "Artefacts to provide", w: 50}, {title: "Population", w: 34}, {title: "Evidence on file", w: 24}}
	}
	t := d.table(7.8, cols...)
	for _, c := range m.Evidence {
		sc := statusColor(c.Status)
		var art []string
		for _, a := range c.Control.Evidence.Artefacts {
			art = append(art, "• "+a)
		}
		onFile := reports.OnFile(c.Answer.Evidence)
		row := []cell{
			{spans: []span{{text: c.Control.ID, st: bold, size: 7.4, id: true}, {text: c.Control.Title}}},
			{spans: []span{{text: reports.StatusName(c.Status), size: 7}}, dot: &sc},
			txt(strings.Join(art, "\n")),
		}
		if type2 {
			row = append(row, txt(orDash(c.Control.Evidence.Population)))
		}
		row = append(row, txt(orDash(strings.Join(onFile, "\n"))))
		t.row(row...)
	}
	t.end()
}

// policies is the status of the core policies.
func (d *doc) policies() {
	d.h1("Core policies", false)
	d.para("The policies an auditor expects to see, each with the control that asks whether it exists and how many applicable controls rely on it.", body)
	t := d.table(8.5,
		column{title: "Policy", w: 74},
		column{title: "Document control", w: 42},
		column{title: "Status", w: 32},
		column{title: "Controls it backs", w: 26, right: true},
	)
	for _, p := range d.m.Policies {
		sc := statusColor(p.Status)
		t.row(
			txt(p.Policy.Title),
			txt(p.Policy.DocumentControl),
			cell{spans: []span{{text: reports.StatusName(p.Status)}}, dot: &sc},
			txt(fmt.Sprint(len(p.Backing))),
		)
	}
	t.end()
}

// scope is the system description and boundaries: components, subservice organisations,
// user entity controls, commitments and what does not apply.
func (d *doc) scope() {
	m := d.m
	s := m.File.Scope
	org := m.File.Organization
	d.h1("Scope details", true)
	rows := [][2]string{
		{"Organisation", org.Name},
		{"System", orDash(org.System)},
		{"Services", orDash(org.Services)},
		{"Trust services categories", m.ScopeNames()},
		{"Report type", m.ReportType()},
	}
	if org.Employees > 0 {
		rows = append(rows, [2]string{"People", fmt.Sprint(org.Employees)})
	}
	t := d.table(8.5, column{title: "", w: 48}, column{title: "", w: contentW - 48})
	for _, r := range rows {
		t.row(cell{spans: []span{{text: r[0], st: bold}}}, txt(r[1]))
	}
	t.end()

	if c := s.Components; c == nil {
		d.h2("System components", 12)
		d.para("The answers file does not describe the system's components yet (scope.components: infrastructure, software, people, procedures, data).", textStyle{st: italic, size: 9, color: muted, after: 2})
	} else {
		t := d.table(8.5, column{title: "Component", w: 48}, column{title: "Description", w: contentW - 48})
		for _, r := range [][2]string{{"Infrastructure", c.Infrastructure}, {"Software", c.Software}, {"People", c.People}, {"Procedures", c.Procedures}, {"Data", c.Data}} {
			t.row(cell{spans: []span{{text: r[0], st: bold}}}, txt(orDash(r[1])))
		}
		d.tableUnder("System components", "", body, t)
	}

	if len(s.Subservice) == 0 {
		d.h2("Subservice organisations", 12)
		d.para("None listed.", textStyle{st: italic, size: 9, color: muted, after: 2})
	} else {
		t := d.table(8.2, column{title: "Organisation", w: 38}, column{title: "Services", w: 50}, column{title: "Method", w: 22}, column{title: "Controls relied on (CSOCs)", w: 64})
		for _, so := range s.Subservice {
			method := "Carve-out"
			if so.Method == answers.Inclusive {
				method = "Inclusive"
			}
			var cs []string
			for _, c := range so.CSOCs {
				cs = append(cs, "• "+c)
			}
			t.row(cell{spans: []span{{text: so.Name, st: bold}}}, txt(orDash(so.Services)), txt(method), txt(orDash(strings.Join(cs, "\n"))))
		}
		d.tableUnder("Subservice organisations", "", body, t)
	}

	d.h2("Complementary user entity controls", 12)
	if len(s.CUECs) == 0 {
		d.para("None listed.", textStyle{st: italic, size: 9, color: muted, after: 2})
	} else {
		d.para("What customers must do themselves for the controls to work:", body)
		for _, c := range s.CUECs {
			d.bullet(c, textStyle{st: regular, size: 9, color: ink, after: 1})
		}
		d.y += 2
	}

	d.h2("Commitments to customers", 12)
	if len(s.Commitments) == 0 {
		d.para("None listed.", textStyle{st: italic, size: 9, color: muted, after: 2})
	} else {
		for _, c := range s.Commitments {
			d.bullet(c, textStyle{st: regular, size: 9, color: ink, after: 1})
		}
		d.y += 2
	}

	if len(m.Excluded) == 0 {
		d.h2("Not applicable", 12)
		d.para("Every control applies to this system.", body)
		return
	}
	t = d.table(8, column{title: "Control", w: 52}, column{title: "Reason", w: 76}, column{title: "Relied on instead", w: 46})
	for _, c := range m.Excluded {
		reason := c.Excluded
		if c.ExcludedBy == scoring.ByFact {
			reason = "Scope: " + reason
		}
		t.row(cell{spans: []span{{text: c.Control.ID, st: bold, size: 7.4, id: true}, {text: c.Control.Title}}}, txt(orDash(reason)), txt(orDash(c.Control.CarveOut)))
	}
	d.tableUnder("Not applicable", "Controls left out by a scope fact or answered not applicable, with the reason an auditor will read.", body, t)
}

// appendix lists every answer with its note in full, in catalogue order (the unanswered
// controls are listed at the end of the gap register).
func (d *doc) appendix() {
	m := d.m
	d.h1("Appendix: answers and notes", true)
	d.para("Every answered control in catalogue order, with the note, owner, dates and evidence recorded in the answers file.", body)
	n := 0
	for _, c := range m.Result.Controls {
		if c.Status == scoring.Unanswered {
			continue
		}
		n++
		d.answer(c)
	}
	if n == 0 {
		d.para("No control has been answered yet.", body)
	}
}

// answer is one entry of the appendix: heading line, facts line, then the note, which may
// run over pages.
func (d *doc) answer(c *scoring.ControlResult) {
	a := c.Answer
	head := c.Control.ID + "  " + c.Control.Title
	var meta []string
	meta = append(meta, "Severity "+c.Control.Severity)
	if a.Owner != "" {
		meta = append(meta, "owner "+a.Owner)
	}
	if a.Due != "" {
		meta = append(meta, "due "+a.Due)
	}
	if a.Updated != "" {
		meta = append(meta, "updated "+a.Updated)
	}
	if len(c.Criteria) > 0 {
		meta = append(meta, "criteria "+strings.Join(c.Criteria, ", "))
	} else if c.ExcludedBy == scoring.ByCategory {
		meta = append(meta, "not in scope")
	}
	status := reports.StatusName(c.Status)
	sw := d.ts.width(status, bold, 8) + 7
	headTS := textStyle{st: bold, size: 9, color: navy, width: contentW - sw - 4}
	metaTS := textStyle{st: regular, size: 7.5, color: muted, after: 0.8}
	noteTS := textStyle{st: regular, size: 8.8, color: ink, indent: 3, width: contentW - 3, after: 0.8}
	// keep the heading, the facts and the first lines of the note together
	keep := d.paraHeight(head, headTS) + d.paraHeight(strings.Join(meta, " · "), metaTS) + 3*lineH(8.8) + 3
	d.ensure(keep)
	y0 := d.y + 1
	d.y = y0
	sc := statusColor(c.Status)
	d.rect(pageW-marginR-sw, y0+0.2, sw, 4.6, sc)
	d.color(white)
	if c.Status == answers.Partial || c.Status == answers.NotApplicable {
		d.color(ink)
	}
	d.ts.draw(pageW-marginR-sw+3.5, y0+3.7, status, bold, 8)
	d.para(head, headTS)
	d.para(strings.Join(meta, " · "), metaTS)
	if a.NAReason != "" {
		d.para("Not applicable because: "+a.NAReason, textStyle{st: italic, size: 8.8, color: ink, indent: 3, width: contentW - 3, after: 0.8})
	}
	if len(a.Evidence) > 0 {
		d.para("Evidence: "+strings.Join(reports.OnFile(a.Evidence), "; "), textStyle{st: regular, size: 8, color: muted, indent: 3, width: contentW - 3, after: 0.8})
	}
	if strings.TrimSpace(a.Note) != "" {
		d.para(a.Note, noteTS)
	} else {
		d.para("No note.", textStyle{st: italic, size: 8, color: faint, indent: 3, after: 0.8})
	}
	d.y += 1.2
	if d.y < d.bottom {
		d.hline(marginL, pageW-marginR, d.y, 0.1, rule)
	}
	d.y += 1
}
