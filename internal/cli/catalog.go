package cli

import (
	"io"
	"strings"

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
	// ids are not case-sensitive: categories, families and severities are lower case
	o.category, o.family, o.severity = strings.ToLower(o.category), strings.ToLower(o.family), strings.ToLower(o.severity)
	if o.category != "" && cat.Category(o.category) == nil {
		return problem.New(problem.DidYouMean(o.category, cat.CategoryIDs(), "categories are "+strings.Join(cat.CategoryIDs(), ", ")), "unknown category %q", o.category)
	}
	if o.family != "" && cat.Family(o.family) == nil {
		ids := cat.FamilyIDs()
		return problem.New(problem.DidYouMean(o.family, ids, "families are "+strings.Join(ids, ", ")), "unknown family %q", o.family)
	}
	if o.severity != "" && catalogue.SeverityRank(o.severity) < 0 {
		return problem.New("severities are critical, high, medium, low", "unknown severity %q", o.severity)
	}
	crit := strings.ToUpper(o.criterion)
	if crit != "" && cat.Criterion(crit) == nil && cat.Group(crit) == nil {
		return problem.New("criteria look like CC6.1 and groups like CC6", "unknown criterion %q", o.criterion)
	}
	return reports.CatalogueList(e.stdout, cat.Select(catalogue.Filter{Category: o.category, Criterion: crit, Family: o.family, Severity: o.severity}))
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
	up := strings.ToUpper(strings.TrimSpace(id))
	if cr := cat.Criterion(up); cr != nil {
		reports.CatalogueCriterion(e.stdout, cat, cr)
		return nil
	}
	if g := cat.Group(up); g != nil {
		reports.CatalogueGroup(e.stdout, cat, g)
		return nil
	}
	if p := cat.PointOfFocus(up); p != nil {
		reports.CataloguePointOfFocus(e.stdout, cat, p)
		return nil
	}
	if ct := cat.Control(up); ct != nil {
		reports.CatalogueControl(e.stdout, cat, ct)
		return nil
	}
	return problem.New(problem.DidYouMean(up, cat.ControlIDs(), "give a criterion (CC6.1), point of focus (CC6.1.3) or control id (see `soc2ready catalog list`)"), "nothing in the catalogue has id %q", id)
}

func (e *env) catalogExportCommand() *cobra.Command {
	var format, output string
	c := &cobra.Command{
		Use:   "export",
		Short: "Export the whole catalogue as JSON, CSV or Markdown",
		Long: `Export the catalogue as it is used (built-in plus any --catalog overlay, disabled
controls left out). JSON has a schema: docs/catalogue.schema.json. CSV is written for a
spreadsheet like every CSV file soc2ready writes: UTF-8 with a byte-order mark, CRLF,
formula-like cells neutralised.

Examples:
  soc2ready catalog export -o catalogue.json
  soc2ready catalog export -f csv -o catalogue.csv
  soc2ready --catalog overlay.yaml catalog export -f md -o catalogue.md`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runCatalogExport(format, output) },
	}
	c.Flags().StringVarP(&format, "format", "f", "json", "json, csv or md")
	c.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of stdout")
	return c
}

func (e *env) runCatalogExport(format, output string) error {
	var render func(io.Writer, *catalogue.Catalogue) error
	switch format {
	case "json":
		render = reports.CatalogueJSON
	case "csv":
		render = reports.CatalogueCSV
	case "md":
		render = reports.CatalogueMarkdown
	default:
		return problem.New("formats: json, csv, md", "unknown export format %q", format)
	}
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	return e.writeOutput(output, func(w io.Writer) error { return render(w, cat) })
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
	return reports.CatalogueStats(e.stdout, cat)
}
