package cli

import (
	"bytes"
	"errors"
	"io"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

type reportOptions struct {
	format     string
	output     string
	preparedBy string
}

func (e *env) reportCommand() *cobra.Command {
	o := &reportOptions{}
	c := &cobra.Command{
		Use:   "report",
		Short: "Write the readiness report (Markdown) to stdout or a file",
		Long: `Write the readiness report: scope, executive summary with the overall score and band,
every in-scope criterion with its verdict, the gap register, a phased roadmap, the core
policies, the evidence request list, not-applicable items and unanswered controls.

The report is dated from the latest 'updated' date in the answers file (or
SOURCE_DATE_EPOCH), so the same answers always give the same bytes.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runReport(o) },
	}
	c.Flags().StringVarP(&o.format, "format", "f", "md", "report format: "+formatNames())
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	c.Flags().StringVar(&o.preparedBy, "prepared-by", "", "name of the person or firm preparing the report")
	return c
}

func (e *env) runReport(o *reportOptions) error {
	render, ok := renderers[o.format]
	if !ok {
		return problem.New("formats: "+formatNames(), "unknown report format %q", o.format)
	}
	a, err := e.assess()
	if err != nil {
		return err
	}
	date, err := e.reportDate(a.file)
	if err != nil {
		return err
	}
	m := reports.Build(a.cat, a.file, a.result, reports.Options{Date: date, PreparedBy: o.preparedBy, Tool: "soc2ready " + Version})
	return e.writeOutput(o.output, func(w io.Writer) error { return render(w, m) })
}

// writeOutput renders to stdout, or to a file atomically so a failed render never leaves
// half a report behind.
func (e *env) writeOutput(path string, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		return render(e.stdout)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return problem.At(path, 0, "check the folder exists and is writable", "could not write: %v", err)
	}
	return nil
}
