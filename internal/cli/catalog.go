package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

func (e *env) catalogCommand() *cobra.Command {
	c := &cobra.Command{
		Use:   "catalog",
		Short: "Browse and export the catalogue of criteria and controls",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	c.AddCommand(e.catalogListCommand(), e.catalogShowCommand(), e.catalogExportCommand(), e.catalogStatsCommand())
	return c
}

type listOptions struct{ category, criterion, family, severity string }

func (e *env) catalogListCommand() *cobra.Command {
	o := &listOptions{}
	c := &cobra.Command{
		Use:   "list",
		Short: "List controls, optionally filtered",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return e.runCatalogList(o) },
	}
	c.Flags().StringVar(&o.category, "category", "", "only controls supporting a criterion of this category")
	c.Flags().StringVar(&o.criterion, "criterion", "", "only controls supporting this criterion (e.g. CC6.1) or group (e.g. CC6)")
	c.Flags().StringVar(&o.family, "family", "", "only controls of this family (e.g. access)")
	c.Flags().StringVar(&o.severity, "severity", "", "only controls of this severity")
	return c
}

func (e *env) runCatalogList(o *listOptions) error {
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	if o.category != "" && cat.Category(o.category) == nil {
		return problem.New(problem.DidYouMean(o.category, cat.CategoryIDs(), "categories are "+strings.Join(cat.CategoryIDs(), ", ")), "unknown category %q", o.category)
	}
	if o.family != "" && cat.Family(o.family) == nil {
		ids := make([]string, len(cat.Families))
		for i, f := range cat.Families {
			ids[i] = f.ID
		}
		return problem.New(problem.DidYouMean(o.family, ids, "families are "+strings.Join(ids, ", ")), "unknown family %q", o.family)
	}
	if o.severity != "" && catalogue.SeverityRank(o.severity) < 0 {
		return problem.New("severities are critical, high, medium, low", "unknown severity %q", o.severity)
	}
	crit := strings.ToUpper(o.criterion)
	if crit != "" && cat.Criterion(crit) == nil && !isGroup(cat, crit) {
		return problem.New("criteria look like CC6.1 and groups like CC6", "unknown criterion %q", o.criterion)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tFAMILY\tCRITERIA\tTITLE")
	n := 0
	for i := range cat.Controls {
		ct := &cat.Controls[i]
		if ct.Disabled || (o.family != "" && ct.Family != o.family) || (o.severity != "" && ct.Severity != o.severity) {
			continue
		}
		if o.category != "" && !supportsWhere(cat, ct, func(c *catalogue.Criterion) bool { return c.Category == o.category }) {
			continue
		}
		if crit != "" && !supportsWhere(cat, ct, func(c *catalogue.Criterion) bool { return c.ID == crit || c.Group == crit }) {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ct.ID, ct.Severity, ct.Family, strings.Join(ct.Criteria, ","), ct.Title)
		n++
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d controls\n", n)
	return nil
}

func isGroup(cat *catalogue.Catalogue, id string) bool {
	for _, g := range cat.Groups() {
		if g.ID == id {
			return true
		}
	}
	return false
}

func supportsWhere(cat *catalogue.Catalogue, ct *catalogue.Control, pred func(*catalogue.Criterion) bool) bool {
	for _, id := range ct.Criteria {
		if pred(cat.Criterion(id)) {
			return true
		}
	}
	return false
}

func (e *env) catalogShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show a criterion (CC6.1), point of focus (CC6.1.3) or control (ACC-MFA) in full",
		Args:  cobra.ExactArgs(1),
		RunE:  func(_ *cobra.Command, args []string) error { return e.runCatalogShow(args[0]) },
	}
}

func (e *env) runCatalogShow(id string) error {
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	w := e.stdout
	up := strings.ToUpper(strings.TrimSpace(id))
	if cr := cat.Criterion(up); cr != nil {
		fmt.Fprintf(w, "%s %s\nCategory: %s · Group: %s %s\n\n%s\n\nPoints of focus:\n", cr.ID, cr.Title, cat.Category(cr.Category).Name, cr.Group, cr.GroupName, strings.TrimSpace(cr.Summary))
		for _, p := range cr.PointsOfFocus {
			fmt.Fprintf(w, "  %-9s %s%s\n", p.ID, p.Title, pofTag(p))
		}
		fmt.Fprintf(w, "\nControls:\n")
		for _, ct := range cat.ControlsFor(cr.ID) {
			if !ct.Disabled {
				fmt.Fprintf(w, "  %-24s %-8s %s\n", ct.ID, ct.Severity, ct.Title)
			}
		}
		return nil
	}
	if p := cat.PointOfFocus(up); p != nil {
		fmt.Fprintf(w, "%s %s%s\n\nAddressed by:\n", p.ID, p.Title, pofTag(*p))
		for i := range cat.Controls {
			ct := &cat.Controls[i]
			for _, a := range ct.Addresses {
				if a == p.ID && !ct.Disabled {
					fmt.Fprintf(w, "  %-24s %s\n", ct.ID, ct.Title)
				}
			}
		}
		return nil
	}
	if ct := cat.Control(up); ct != nil {
		showControl(w, cat, ct)
		return nil
	}
	return problem.New(problem.DidYouMean(up, cat.ControlIDs(), "give a criterion (CC6.1), point of focus (CC6.1.3) or control id (see `soc2ready catalog list`)"), "nothing in the catalogue has id %q", id)
}

func pofTag(p catalogue.PointOfFocus) string {
	if p.Category != "" {
		return " [" + p.Category + " only]"
	}
	return ""
}

func showControl(w io.Writer, cat *catalogue.Catalogue, ct *catalogue.Control) {
	fam := cat.Family(ct.Family)
	fmt.Fprintf(w, "%s %s\n", ct.ID, ct.Title)
	fmt.Fprintf(w, "Family: %s · Severity: %s · Effort: %s · Frequency: %s\n", fam.Name, ct.Severity, cat.EffortDays.Describe(ct.Effort), ct.Frequency)
	fmt.Fprintf(w, "Criteria: %s\n", strings.Join(ct.Criteria, ", "))
	if len(ct.Addresses) > 0 {
		fmt.Fprintf(w, "Points of focus: %s\n", strings.Join(ct.Addresses, ", "))
	}
	if len(ct.ISO27001) > 0 {
		fmt.Fprintf(w, "ISO/IEC 27001:2022: %s\n", strings.Join(ct.ISO27001, ", "))
	}
	if len(ct.AppliesWhen) > 0 {
		fmt.Fprintf(w, "Applies when: %s\n", strings.Join(ct.AppliesWhen, ", "))
	}
	if len(ct.Aliases) > 0 {
		fmt.Fprintf(w, "Formerly: %s\n", strings.Join(ct.Aliases, ", "))
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

func (e *env) catalogExportCommand() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "export",
		Short: "Export the whole catalogue as JSON, CSV or Markdown",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return e.runCatalogExport(format) },
	}
	c.Flags().StringVarP(&format, "format", "f", "json", "json, csv or md")
	return c
}

func (e *env) runCatalogExport(format string) error {
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	switch format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(exportOf(cat))
	case "csv":
		return exportCSV(e.stdout, cat)
	case "md":
		return reports.CatalogueMarkdown(e.stdout, cat)
	}
	return problem.New("formats: json, csv, md", "unknown export format %q", format)
}

// exportOf leaves out disabled controls: the export is the catalogue as it is used.
func exportOf(cat *catalogue.Catalogue) any {
	controls := make([]catalogue.Control, 0, len(cat.Controls))
	for _, c := range cat.Controls {
		if !c.Disabled {
			if c.DependsOn == nil {
				c.DependsOn = []string{} // [] rather than null: every control has the key
			}
			controls = append(controls, c)
		}
	}
	return struct {
		Version    string                `json:"version"`
		Categories []catalogue.Category  `json:"categories"`
		Criteria   []catalogue.Criterion `json:"criteria"`
		Controls   []catalogue.Control   `json:"controls"`
		Policies   []catalogue.Policy    `json:"policies"`
	}{cat.Version, cat.Categories, cat.Criteria, controls, cat.Policies}
}

func exportCSV(w io.Writer, cat *catalogue.Catalogue) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "family", "title", "question", "severity", "effort", "frequency", "criteria", "points_of_focus", "iso27001", "applies_when", "policies"})
	for _, c := range cat.Controls {
		if c.Disabled {
			continue
		}
		cw.Write([]string{c.ID, c.Family, c.Title, strings.TrimSpace(c.Question), c.Severity, c.Effort, c.Frequency,
			strings.Join(c.Criteria, " "), strings.Join(c.Addresses, " "), strings.Join(c.ISO27001, " "),
			strings.Join(c.AppliesWhen, " "), strings.Join(c.Policies, " ")})
	}
	cw.Flush()
	return cw.Error()
}

func (e *env) catalogStatsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Count criteria, points of focus and controls, and show coverage",
		Args:  cobra.NoArgs,
		RunE:  func(*cobra.Command, []string) error { return e.runCatalogStats() },
	}
}

func (e *env) runCatalogStats() error {
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	s := catalogue.Stats(cat)
	w := e.stdout
	fmt.Fprintf(w, "catalogue %s: %d criteria, %d points of focus (%d addressed), %d controls, %d policies\n\n",
		cat.Version, s.Criteria, s.PointsOfFocus, s.Addressed, s.Controls, len(cat.Policies))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CATEGORY\tCRITERIA\tPOINTS OF FOCUS\tCONTROLS\t")
	for _, c := range s.Categories {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", c.ID, c.Criteria, c.PointsOfFocus, c.Controls)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nSeverity: ")
	for i, sev := range catalogue.Severities {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%s %d", sev, s.BySeverity[sev])
	}
	fmt.Fprintf(w, "\nControls per criterion: min %d, max %d\n\n", s.MinPerCriterion, s.MaxPerCriterion)
	tw = tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	for i, c := range cat.Criteria {
		fmt.Fprintf(tw, "%s\t%d\t", c.ID, s.PerCriterion[c.ID])
		if i%6 == 5 || i == len(cat.Criteria)-1 {
			fmt.Fprintln(tw)
		}
	}
	tw.Flush()
	if len(s.Problems) > 0 {
		fmt.Fprintf(w, "\nQuality problems:\n")
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	return nil
}
