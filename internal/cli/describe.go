package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/pdfreport"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

type describeOptions struct {
	format, output string
	branding
}

func (e *env) describeCommand() *cobra.Command {
	o := &describeOptions{}
	c := &cobra.Command{
		Use:   "describe",
		Short: "Draft the system description (DC 1 to DC 9) from the scope and answers",
		Long: `Write a first draft of the system description, the management-written section 3 of a
SOC 2 report, laid out by the description criteria DC 1 to DC 9: services, commitments,
the five components, incidents, the controls in place per criterion, complementary user
entity controls, subservice organisations with their method and the controls relied on,
criteria not relevant, and changes during the period. Text management must still write is
marked **[TO WRITE]**.

--format pdf writes the same draft as a document to circulate, in the look of the
readiness report: a cover listing which sections still need writing, and every
[TO WRITE] passage in a tinted box. It takes --prepared-by, --logo and --font as
'report --format pdf' does.

  soc2ready describe -f pdf -o description.pdf --prepared-by "Halden & Rowe"`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runDescribe(o) },
	}
	c.Flags().StringVarP(&o.format, "format", "f", "md", "format: md or pdf")
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	o.branding.flags(c, "draft (pdf only)", "description.pdf")
	return c
}

func (e *env) runDescribe(o *describeOptions) error {
	pdf := false
	switch o.format {
	case "md":
		if o.preparedBy != "" {
			return problem.New("use --format pdf, or drop --prepared-by", "--prepared-by only applies to --format pdf")
		}
	case "pdf":
		pdf = true
	default:
		return problem.New("formats: md, pdf (convert the Markdown with any Markdown tool for other documents)", "unknown describe format %q", o.format)
	}
	if err := e.checkBranding(&o.branding, o.format, o.output, pdf); err != nil {
		return err
	}
	m, err := e.model(reports.Options{PreparedBy: o.preparedBy})
	if err != nil {
		return err
	}
	return e.writeOutput(o.output, func(w io.Writer) error {
		if pdf {
			return pdfRender(func() error { return pdfreport.RenderDescribe(w, m, o.pdf) })
		}
		return reports.Describe(w, m)
	})
}

// model loads, scores and builds the report model, as every report-like command needs;
// it fills in the date and the tool.
func (e *env) model(o reports.Options) (*reports.Model, error) {
	a, date, err := e.assessDated()
	if err != nil {
		return nil, err
	}
	o.Date, o.Tool = date, "soc2ready "+Version
	return reports.Build(a.cat, &a.file.Data, a.result, o), nil
}
