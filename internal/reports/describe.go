package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// placeholder marks text the organisation must still write; it is easy to search for.
func placeholder(what string) string { return "**[TO WRITE]** " + what }

// Describe writes a first draft of the system description (section 3 of a SOC 2 report),
// laid out by the AICPA description criteria DC 1 to DC 9 and filled from the scope and
// answers.
func Describe(w io.Writer, m *Model) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	f := m.File
	org, s := f.Organization, f.Scope
	system := orDash(md(org.System))
	p("# Description of the %s system: %s\n\n", system, md(org.Name))
	p("> Draft prepared with %s on %s from the answers file. It follows the description criteria DC 1 to DC 9; every **[TO WRITE]** marks text management must supply, and every statement must be checked before it goes to an auditor.\n\n", m.Tool, m.Date)

	p("## DC 1: Services provided\n\n")
	if org.Services != "" {
		p("%s\n\n", md(org.Services))
	} else {
		p("%s\n\n", placeholder("what the system does for customers, who uses it and how it is delivered (set organization.services)."))
	}

	p("## DC 2: Principal service commitments and system requirements\n\n")
	if len(s.Commitments) > 0 {
		p("%s makes these commitments to its customers in contracts, service terms and published documents:\n\n", md(org.Name))
		for _, c := range s.Commitments {
			p("- %s\n", md(c))
		}
		p("\n")
	} else {
		p("%s\n\n", placeholder("the security, availability and confidentiality commitments made to customers (set scope.commitments)."))
	}
	p("The system requirements that support them come from the policies in place:\n\n")
	anyPolicy := false
	for _, ps := range m.Policies {
		if ps.Status == "implemented" || ps.Status == "partial" {
			p("- %s%s\n", md(ps.Policy.Title), draftSuffix(ps.Status))
			anyPolicy = true
		}
	}
	if !anyPolicy {
		p("- %s\n", placeholder("no core policy is in place yet; list the policies once approved."))
	}
	p("\n%s\n\n", placeholder("legal, regulatory and contractual requirements that shape the system (for example data protection law)."))

	p("## DC 3: Components of the system\n\n")
	comp := answers.Components{}
	if s.Components != nil {
		comp = *s.Components
	}
	for _, c := range []struct{ name, text, hint string }{
		{"Infrastructure", comp.Infrastructure, "hosting, networks and the managed services the system runs on"},
		{"Software", comp.Software, "the applications, databases and tools that make up the system"},
		{"People", comp.People, "the teams that build, run and support the system, and who governs security"},
		{"Procedures", comp.Procedures, "the automated and manual procedures that operate the system"},
		{"Data", comp.Data, "the data the system receives, stores and produces, and how it is classified"},
	} {
		p("### %s\n\n", c.name)
		if c.text != "" {
			p("%s\n\n", md(c.text))
		} else {
			p("%s\n\n", placeholder(c.hint+" (set scope.components)."))
		}
	}

	p("## DC 4: System incidents\n\n%s\n\n", placeholder("security incidents that were the result of a control failure or that kept the organisation from meeting its commitments, with their nature, timing and the response; or a statement that there were none."))

	p("## DC 5: Applicable trust services criteria and related controls\n\n")
	p("The categories in scope are %s. The controls below are those recorded as in place (implemented, or partly in place where marked) for each criterion.\n\n", m.ScopeNames())
	for _, c := range m.Result.Criteria {
		p("### %s %s\n\n", c.Criterion.ID, md(c.Criterion.Title))
		n := 0
		for _, ctl := range c.Controls {
			if ctl.Applicable && (ctl.Status == "implemented" || ctl.Status == "partial") {
				p("- %s (%s)%s\n", md(ctl.Control.Title), ctl.Control.ID, draftSuffix(ctl.Status))
				n++
			}
		}
		if n == 0 {
			p("- %s\n", placeholder("no control is in place yet for this criterion."))
		}
		p("\n")
	}

	p("## DC 6: Complementary user entity controls\n\n")
	if len(s.CUECs) > 0 {
		p("The controls above assume that customers do the following themselves:\n\n")
		for _, c := range s.CUECs {
			p("- %s\n", md(c))
		}
		p("\n")
	} else {
		p("%s\n\n", placeholder("what customers must do themselves for the controls to work (set scope.complementary_user_entity_controls)."))
	}

	p("## DC 7: Subservice organisations\n\n")
	if len(s.Subservice) == 0 {
		p("%s\n\n", placeholder("the cloud provider and other subservice organisations, and whether each is presented with the carve-out or the inclusive method (set scope.subservice_organizations)."))
	}
	for _, so := range s.Subservice {
		p("### %s\n\n", md(so.Name))
		if so.Services != "" {
			p("Services: %s.\n\n", strings.TrimSuffix(md(so.Services), "."))
		}
		if so.Method == "inclusive" {
			p("Presented with the **inclusive** method: its relevant controls are described here and tested with the organisation's own.\n\n")
			continue
		}
		p("Presented with the **carve-out** method: its controls are excluded from this description. The organisation relies on it for the complementary subservice organisation controls below and monitors them by reviewing its SOC report each year.\n\n")
		for _, c := range so.CSOCs {
			p("- %s\n", md(c))
		}
		if len(so.CSOCs) == 0 {
			p("- %s\n", placeholder("the controls relied on at this organisation (set csocs)."))
		}
		p("\n")
	}
	if relied := reliedOn(m); len(relied) > 0 {
		p("Controls of this catalogue that are met by a subservice organisation instead of the organisation itself:\n\n")
		for _, c := range relied {
			p("- %s (%s): %s\n", md(c.Control.Title), c.Control.ID, md(c.Control.CarveOut))
		}
		p("\n")
	}

	p("## DC 8: Criteria not relevant to the system\n\n")
	n := 0
	for _, c := range m.Result.Criteria {
		if c.Verdict == scoring.NotApplicable {
			p("- %s %s: %s.\n", c.Criterion.ID, md(c.Criterion.Title), md(c.Reason))
			n++
		}
	}
	if n == 0 {
		p("Every criterion of the categories in scope is relevant to the system.\n")
	}
	if len(m.Excluded) > 0 {
		p("\nControls that do not apply, with the reason:\n\n")
		for _, c := range m.Excluded {
			p("- %s (%s): %s\n", md(c.Control.Title), c.Control.ID, md(c.Excluded))
		}
	}
	p("\n")

	p("## DC 9: Significant changes during the period\n\n")
	if s.ReportType == answers.Type2 {
		period := "the observation period"
		if op := s.ObservationPeriod; op != nil {
			period = fmt.Sprintf("the period %s to %s", op.Start, op.End)
		}
		p("%s\n", placeholder("significant changes to the system, its controls or its commitments during "+period+", or a statement that there were none."))
	} else {
		p("Not required for a Type 1 description, which is as of a single date.\n")
	}
	return bw.Flush()
}

func draftSuffix(status string) string {
	if status == "partial" {
		return " *(partly in place)*"
	}
	return ""
}

// reliedOn lists the controls switched off by scope that name what a subservice
// organisation provides instead.
func reliedOn(m *Model) []*scoring.ControlResult {
	var out []*scoring.ControlResult
	for _, c := range m.Excluded {
		if c.ExcludedBy == "fact" && strings.TrimSpace(c.Control.CarveOut) != "" {
			out = append(out, c)
		}
	}
	return out
}
