package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// CatalogueMarkdown writes the whole catalogue as one readable document: the criteria with
// their points of focus and controls, then every control in full, then the core policies.
// Overlay text is user input, so it is escaped like any other.
func CatalogueMarkdown(w io.Writer, cat *catalogue.Catalogue) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	s := catalogue.Stats(cat)
	p("# soc2ready catalogue %s\n\n", md(cat.Version))
	p("%d criteria, %d points of focus, %d controls, %d core policies. Criterion ids and points of focus follow the AICPA Trust Services Criteria (2017, points of focus revised 2022); all titles and text are soc2ready's own wording.\n\n", s.Criteria, s.PointsOfFocus, s.Controls, len(cat.Policies))
	p("## Categories\n\n| Category | Criteria | In scope when |\n|---|---:|---|\n")
	for _, c := range s.Categories {
		cat := cat.Category(c.ID)
		p("| %s | %d | %s |\n", md(cat.Name), c.Criteria, md(cat.RecommendWhen))
	}
	p("\n## Criteria\n\n")
	group := ""
	for _, cr := range cat.Criteria {
		if cr.Group != group {
			group = cr.Group
			p("### %s %s\n\n", cr.Group, md(cr.GroupName))
		}
		p("#### %s %s\n\n%s\n\n", cr.ID, md(cr.Title), md(cr.Summary))
		for j := range cr.PointsOfFocus {
			pf := &cr.PointsOfFocus[j]
			tag := ""
			if only := cat.OnlyFor(pf); only != "" {
				tag = " *(" + only + " only)*"
			}
			p("- %s %s%s\n", pf.ID, md(pf.Title), tag)
		}
		p("\n| Control | Severity | Title |\n|---|---|---|\n")
		for _, ct := range cat.ControlsFor(cr.ID) {
			if !ct.Disabled {
				p("| [%s](#%s) | %s | %s |\n", ct.ID, strings.ToLower(ct.ID), ct.Severity, md(ct.Title))
			}
		}
		p("\n")
	}
	p("## Controls\n\n")
	for i := range cat.Controls {
		ct := &cat.Controls[i]
		if ct.Disabled {
			continue
		}
		p("### %s\n\n**%s**\n\n", ct.ID, md(ct.Title))
		p("| | |\n|---|---|\n")
		p("| Family | %s |\n| Severity | %s |\n| Effort | %s |\n| Type 2 frequency | %s |\n", md(cat.Family(ct.Family).Name), ct.Severity, cat.EffortDays.Describe(ct.Effort), strings.ReplaceAll(ct.Frequency, "_", " "))
		p("| Criteria | %s |\n", strings.Join(ct.Criteria, ", "))
		if len(ct.Addresses) > 0 {
			p("| Points of focus | %s |\n", strings.Join(ct.Addresses, ", "))
		}
		if len(ct.ISO27001) > 0 {
			p("| ISO/IEC 27001:2022 | %s |\n", strings.Join(ct.ISO27001, ", "))
		}
		if len(ct.AppliesWhen) > 0 {
			p("| Applies when | %s |\n", md(strings.Join(ct.AppliesWhen, ", ")))
		}
		if len(ct.Aliases) > 0 {
			p("| Formerly | %s |\n", strings.Join(ct.Aliases, ", "))
		}
		p("\n**Question.** %s\n\n", md(ct.Question))
		p("**Good at a small company.** %s\n\n**Good at a larger company.** %s\n\n", md(ct.Guidance.Small), md(ct.Guidance.Large))
		p("**Evidence.** %s\n\n**Type 2 population.** %s\n\n", mdJoin(ct.Evidence.Artefacts, "; "), md(ct.Evidence.Population))
		p("**Remediation.**\n\n")
		for j, step := range ct.Remediation {
			p("%d. %s\n", j+1, md(step))
		}
		if ct.CarveOut != "" {
			p("\n**When a subservice organisation covers it.** %s\n", md(ct.CarveOut))
		}
		p("\n")
	}
	p("## Core policies\n\n| Policy | Document control |\n|---|---|\n")
	for _, pol := range cat.Policies {
		p("| %s | [%s](#%s) |\n", md(pol.Title), pol.DocumentControl, strings.ToLower(pol.DocumentControl))
	}
	return bw.Flush()
}
