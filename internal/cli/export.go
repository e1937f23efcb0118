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
		Short: "Write the questionnaire with the current answers as a spreadsheet (CSV or Excel)",
		Long: `Write every question in scope, with its current answer, as a spreadsheet to fill in:
id, title, category, criterion, severity, question, guidance, then the columns to edit:
status, note, owner, due (YYYY-MM-DD), evidence (one item per line, REF or
REF@YYYY-MM-DD) and na_reason (why a not_applicable control does not apply).
'soc2ready import' merges the filled-in sheet back.

--format xlsx writes the workbook to hand a client: header frozen with filters, columns
sized and wrapped, a status drop-down, the columns to fill in shaded and the others
locked (the sheet is protected without a password), and a summary sheet.

--format csv (the default) is UTF-8 with a byte-order mark and CRLF line ends, which
Excel and LibreOffice open as they are. A cell that a spreadsheet would run as a formula
(starting with = + - or @) is written with a leading ' and read back without it; a cell
holding a semicolon or tab is quoted, so a spreadsheet splitting on those cannot start
a formula mid-cell.

Examples:
  soc2ready export -f xlsx -o questionnaire.xlsx
  soc2ready export -o questionnaire.csv
  soc2ready import questionnaire.xlsx --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runExport(o) },
	}
	c.Flags().StringVarP(&o.format, "format", "f", "csv", "export format: csv or xlsx")
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	return c
}

func (e *env) runExport(o *exportOptions) error {
	switch o.format {
	case "csv":
	case "xlsx":
		if (o.output == "" || o.output == "-") && isTerminal(e.stdout) {
			return problem.New("write it to a file with -o questionnaire.xlsx, or pipe it", "refusing to write an xlsx file to the terminal")
		}
	default:
		return problem.New("formats: csv, xlsx", "unknown export format %q", o.format)
	}
	a, err := e.assess()
	if err != nil {
		return err
	}
	if o.format == "xlsx" {
		date, err := e.reportDate()
		if err != nil {
			return err
		}
		return e.writeOutput(o.output, func(w io.Writer) error { return sheet.ExportXLSX(w, a.cat, &a.file.Data, a.result, date) })
	}
	return e.writeOutput(o.output, func(w io.Writer) error { return sheet.Export(w, a.cat, &a.file.Data, a.result) })
}
