package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/sheet"
)

// The catalog commands' output: a control list, one entry shown in full, the statistics,
// and the JSON and CSV exports (the Markdown export is CatalogueMarkdown).

// CatalogueList writes controls as an aligned table with a count underneath.
func CatalogueList(w io.Writer, controls []*catalogue.Control) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tFAMILY\tCRITERIA\tTITLE")
	for _, ct := range controls {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ct.ID, ct.Severity, ct.Family, strings.Join(ct.Criteria, ","), ct.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%d controls\n", len(controls))
	return err
}

// CatalogueCriterion shows a criterion: its summary, points of focus and controls.
func CatalogueCriterion(w io.Writer, cat *catalogue.Catalogue, cr *catalogue.Criterion) {
	fmt.Fprintf(w, "%s %s\nCategory: %s · Group: %s %s\n\n%s\n\nPoints of focus:\n", cr.ID, cr.Title, cat.Category(cr.Category).Name, cr.Group, cr.GroupName, strings.TrimSpace(cr.Summary))
	for _, p := range cr.PointsOfFocus {
		fmt.Fprintf(w, "  %-9s %s%s\n", p.ID, p.Title, pofTag(cat, &p))
	}
	fmt.Fprintf(w, "\nControls:\n")
	for _, ct := range cat.ControlsFor(cr.ID) {
		if !ct.Disabled {
			fmt.Fprintf(w, "  %-24s %-8s %s\n", ct.ID, ct.Severity, ct.Title)
		}
	}
}

// CatalogueGroup lists a group's criteria: a group is accepted wherever a criterion is.
func CatalogueGroup(w io.Writer, cat *catalogue.Catalogue, g *catalogue.Group) {
	fmt.Fprintf(w, "%s %s\nCategory: %s\n\nCriteria:\n", g.ID, g.Name, cat.Category(g.Category).Name)
	for _, cr := range g.Criteria {
		fmt.Fprintf(w, "  %-6s %s\n", cr.ID, cr.Title)
	}
	fmt.Fprintf(w, "\nRun `soc2ready catalog show %s.1` for a criterion's points of focus and controls.\n", g.ID)
}

// CataloguePointOfFocus shows a point of focus and the controls that address it.
func CataloguePointOfFocus(w io.Writer, cat *catalogue.Catalogue, p *catalogue.PointOfFocus) {
	fmt.Fprintf(w, "%s %s%s\n\nAddressed by:\n", p.ID, p.Title, pofTag(cat, p))
	for _, ct := range cat.AddressedBy(p.ID) {
		fmt.Fprintf(w, "  %-24s %s\n", ct.ID, ct.Title)
	}
}

func pofTag(cat *catalogue.Catalogue, p *catalogue.PointOfFocus) string {
	if only := cat.OnlyFor(p); only != "" {
		return " [" + only + " only]"
	}
	return ""
}

// CatalogueControl shows a control in full: where it sits, the question, guidance for
// both sizes, the evidence asked for and how to close the gap.
func CatalogueControl(w io.Writer, cat *catalogue.Catalogue, ct *catalogue.Control) {
	fam := cat.Family(ct.Family)
	fmt.Fprintf(w, "%s %s\n", ct.ID, ct.Title)
	fmt.Fprintf(w, "Family: %s · Severity: %s · Effort: %s · Frequency: %s\n", fam.Name, ct.Severity, cat.EffortDays.Describe(ct.Effort), ct.Frequency)
	fmt.Fprintf(w, "Criteria: %s\n", strings.Join(ct.Criteria, ", "))
	for _, l := range []struct {
		label string
		ids   []string
	}{{"Points of focus", ct.Addresses}, {"ISO/IEC 27001:2022", ct.ISO27001}, {"Applies when", ct.AppliesWhen}, {"Formerly", ct.Aliases}} {
		if len(l.ids) > 0 {
			fmt.Fprintf(w, "%s: %s\n", l.label, strings.Join(l.ids, ", "))
		}
	}
	fmt.Fprintf(w, "\nQuestion: %s\n", strings.TrimSpace(ct.Question))
	fmt.Fprintf(w, "\nGood at a small company: %s\nGood at a larger company: %s\n", strings.TrimSpace(ct.Guidance.Small), strings.TrimSpace(ct.Guidance.Large))
	fmt.Fprintf(w, "\nEvidence the auditor asks for:\n")
	for _, a := range ct.Evidence.Artefacts {
		fmt.Fprintf(w, "  - %s\n", a)
	}
	fmt.Fprintf(w, "Type 2 population: %s\n", strings.TrimSpace(ct.Evidence.Population))
	fmt.Fprintf(w, "\nHow to close the gap:\n")
	for i, s := range ct.Remediation {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s)
	}
	if ct.CarveOut != "" {
		fmt.Fprintf(w, "\nWhen a subservice organisation covers it: %s\n", strings.TrimSpace(ct.CarveOut))
	}
}

// CatalogueStats writes the counts, coverage by category and severity, controls per
// criterion and any quality problems.
func CatalogueStats(w io.Writer, cat *catalogue.Catalogue) error {
	s := catalogue.Stats(cat)
	fmt.Fprintf(w, "catalogue %s: %d criteria, %d points of focus (%d addressed), %d controls, %d policies\n\n",
		cat.Version, s.Criteria, s.PointsOfFocus, s.Addressed, s.Controls, len(cat.Policies))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CATEGORY\tCRITERIA\tPOINTS OF FOCUS\tCONTROLS\t")
	for _, c := range s.Categories {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", c.ID, c.Criteria, c.PointsOfFocus, c.Controls)
	}
	tw.Flush()
	sev := make([]string, len(catalogue.Severities))
	for i, v := range catalogue.Severities {
		sev[i] = fmt.Sprintf("%s %d", v, s.BySeverity[v])
	}
	fmt.Fprintf(w, "\nSeverity: %s", strings.Join(sev, ", "))
	fmt.Fprintf(w, "\nControls per criterion: min %d, max %d\n\n", s.MinPerCriterion, s.MaxPerCriterion)
	tw = tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for i, c := range cat.Criteria {
		fmt.Fprintf(tw, "%s\t%d\t", c.ID, s.PerCriterion[c.ID])
		if i%6 == 5 || i == len(cat.Criteria)-1 {
			fmt.Fprintln(tw)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(s.Problems) > 0 {
		fmt.Fprintf(w, "\nQuality problems:\n")
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	return nil
}

// CatalogueJSON exports the catalogue as it is used (docs/catalogue.schema.json):
// disabled controls left out, every control with a depends_on list.
func CatalogueJSON(w io.Writer, cat *catalogue.Catalogue) error {
	controls := cat.InUse()
	for i := range controls {
		if controls[i].DependsOn == nil {
			controls[i].DependsOn = []string{} // [] rather than null: every control has the key
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Version    string                `json:"version"`
		Categories []catalogue.Category  `json:"categories"`
		Criteria   []catalogue.Criterion `json:"criteria"`
		Controls   []catalogue.Control   `json:"controls"`
		Policies   []catalogue.Policy    `json:"policies"`
	}{cat.Version, cat.Categories, cat.Criteria, controls, cat.Policies})
}

// CatalogueCSV goes through the spreadsheet writer: an overlay's titles and questions are
// user text, and a catalogue CSV is opened in a spreadsheet like any other.
func CatalogueCSV(w io.Writer, cat *catalogue.Catalogue) error {
	sw := sheet.NewWriter(w)
	if err := sw.Write("id", "family", "title", "question", "severity", "effort", "frequency", "criteria", "points_of_focus", "iso27001", "applies_when", "policies"); err != nil {
		return err
	}
	for _, c := range cat.InUse() {
		err := sw.Write(c.ID, c.Family, c.Title, strings.TrimSpace(c.Question), c.Severity, c.Effort, c.Frequency,
			strings.Join(c.Criteria, " "), strings.Join(c.Addresses, " "), strings.Join(c.ISO27001, " "),
			strings.Join(c.AppliesWhen, " "), strings.Join(c.Policies, " "))
		if err != nil {
			return err
		}
	}
	return sw.Flush()
}
