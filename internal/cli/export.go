package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/sheet"
)

type exportOptions struct {
	format string
	output string
}

func (e *env) exportCommand() *cobra.Command {
	o := &exportOptions{}
	c := &cobra.Command{
		Use:   "export",
		Short: "Write the questionnaire with the current answers as a spreadsheet (CSV)",
		Long: `Write every question in scope, with its current answer, as a CSV file to fill in with a
spreadsheet: id, title, category, criterion, question, guidance, then the columns to
edit: status, note, owner, due (YYYY-MM-DD) and na_reason (why a not_applicable control
does not apply). 'soc2ready import' merges the filled-in sheet back.

The file is UTF-8 with a byte-order mark and CRLF line ends, which Excel and LibreOffice
open as they are. A cell that a spreadsheet would run as a formula (starting with = + -
or @) is written with a leading ' and read back without it.

Examples:
  soc2ready export -o questionnaire.csv
  soc2ready import questionnaire.csv`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runExport(o) },
	}
	c.Flags().StringVarP(&o.format, "format", "f", "csv", "export format: csv")
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	return c
}

func (e *env) runExport(o *exportOptions) error {
	if o.format != "csv" {
		return problem.New("formats: csv", "unknown export format %q", o.format)
	}
	a, err := e.assess()
	if err != nil {
		return err
	}
	return e.writeOutput(o.output, func(w io.Writer) error { return sheet.Export(w, a.cat, a.file, a.result) })
}
