package cli

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/sheet"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

type importOptions struct {
	dryRun bool
}

func (e *env) importCommand() *cobra.Command {
	o := &importOptions{}
	c := &cobra.Command{
		Use:   "import FILE.xlsx|FILE.csv",
		Short: "Merge a filled-in questionnaire (from 'export') into the answers file",
		Long: `Merge a questionnaire written by 'soc2ready export' and filled in with a spreadsheet
back into the answers file: an Excel workbook (.xlsx, the sheet named Questionnaire or
the first one) or a CSV/TSV file. Only the status, note, owner, due, evidence and
na_reason columns are read; columns may be reordered, hidden or added. A row whose
status is empty on an unanswered control is skipped.

Every row is checked before anything is written: a bad row (unknown id, invalid status,
a date not written YYYY-MM-DD) is reported as FILE.csv:ROW:COLUMN (for a workbook,
FILE.xlsx:Questionnaire!H7) and nothing is imported. Then each changed control is listed
on stdout, one line each, and the answers file is saved, keeping its comments.

Sheets saved by Excel or LibreOffice load as they are: with or without a byte-order mark,
UTF-8 or UTF-16 ("Unicode text"), CRLF, LF or CR-only ("CSV (Macintosh)") line ends,
comma, semicolon or tab separators.

Examples:
  soc2ready import questionnaire.xlsx --dry-run
  soc2ready import questionnaire.xlsx
  soc2ready import questionnaire.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return e.runImport(args[0], o) },
	}
	c.Flags().BoolVarP(&o.dryRun, "dry-run", "n", false, "show what would change without writing the answers file")
	return c
}

func (e *env) runImport(path string, o *importOptions) error {
	table, err := readSheet(path)
	if err != nil {
		return err
	}
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	if !o.dryRun {
		unlock, err := e.lockAnswers()
		if err != nil {
			return err
		}
		defer unlock()
	}
	f, err := e.loadAnswers(cat)
	if err != nil {
		return err
	}
	today, err := e.today()
	if err != nil {
		return err
	}
	changes, rowErrs, err := sheet.PlanTable(table, cat, &f.Data, today)
	if err != nil {
		return err
	}
	if len(rowErrs) > 0 {
		for _, re := range rowErrs {
			fmt.Fprintf(e.stderr, "soc2ready: %s\n", oneLine(re.Error()))
			if re.Hint != "" {
				fmt.Fprintf(e.stderr, "soc2ready: hint: %s\n", oneLine(re.Hint))
			}
		}
		rows := map[int]bool{}
		for _, re := range rowErrs {
			rows[re.Row] = true
		}
		n := fmt.Sprintf("%d rows have problems", len(rows))
		if len(rows) == 1 {
			n = "1 row has problems"
		}
		return problem.New("fix the rows above and import again", "%s: %s; nothing was imported", path, n)
	}
	for _, c := range changes {
		fmt.Fprintln(e.stdout, c.Describe())
	}
	switch {
	case len(changes) == 0:
		fmt.Fprintf(e.stderr, "soc2ready: %s: no changes in %s\n", f.Path, path)
		return nil
	case o.dryRun:
		fmt.Fprintf(e.stderr, "soc2ready: %s: %d %s would change (dry run: nothing written)\n", f.Path, len(changes), plural(len(changes), "control", "controls"))
		return nil
	}
	for _, c := range changes {
		if err := f.SetAnswer(c.ID, c.New); err != nil {
			return err
		}
	}
	if err := f.Save(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: %d %s changed from %s\n", f.Path, len(changes), plural(len(changes), "control", "controls"), path)
	return nil
}

// readSheet reads a filled-in questionnaire: a workbook by its content (whatever the
// name), else CSV or TSV text in UTF-8 or UTF-16.
func readSheet(path string) (*sheet.Table, error) {
	data, err := readBinary(path, yamlfile.MaxSize, "sheet")
	if err != nil {
		return nil, problem.Rehint(err, fs.ErrNotExist, "write a questionnaire with `soc2ready export -o "+path+"` first")
	}
	if sheet.IsWorkbook(data) || strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		return sheet.ReadXLSX(path, data)
	}
	data = sheet.Decode(data)
	if err := yamlfile.CheckText(path, data); err != nil {
		return nil, problem.Rehint(err, yamlfile.ErrNotText, "save the sheet as \"CSV UTF-8\" or \"Unicode text\" (Excel), or as CSV with the character set UTF-8 (LibreOffice)")
	}
	return sheet.Read(path, data)
}
