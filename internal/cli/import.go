package cli

import (
	"errors"
	"fmt"

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
		Use:   "import FILE.csv",
		Short: "Merge a filled-in questionnaire sheet (from 'export') into the answers file",
		Long: `Merge a questionnaire sheet written by 'soc2ready export' and filled in with a
spreadsheet back into the answers file. Only the status, note, owner, due and na_reason
columns are read; columns may be reordered, hidden or added. A row whose status is empty
on an unanswered control is skipped.

Every row is checked before anything is written: a bad row (unknown id, invalid status,
a date not written YYYY-MM-DD) is reported as FILE.csv:ROW:COLUMN and nothing is
imported. Then each changed control is listed on one line and the answers file is saved,
keeping its comments. Sheets saved by Excel or LibreOffice load as they are: with or
without a byte-order mark, CRLF or LF line ends, comma, semicolon or tab separators.

Examples:
  soc2ready import questionnaire.csv --dry-run
  soc2ready import questionnaire.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return e.runImport(args[0], o) },
	}
	c.Flags().BoolVarP(&o.dryRun, "dry-run", "n", false, "show what would change without writing the answers file")
	return c
}

func (e *env) runImport(path string, o *importOptions) error {
	data, err := yamlfile.ReadFile(path)
	if err != nil {
		var p *problem.Error
		if errors.As(err, &p) {
			switch p.Msg {
			case "no such file":
				p.Hint = "write a questionnaire with `soc2ready export -o " + path + "` first"
			case "is not valid UTF-8 text":
				p.Hint = "save the sheet as \"CSV UTF-8\" (Excel) or with the character set UTF-8 (LibreOffice)"
			}
		}
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
	changes, rowErrs, err := sheet.Plan(path, data, cat, f, today)
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
		fmt.Fprintf(e.stdout, "%s: no changes in %s\n", f.Path, path)
		return nil
	case o.dryRun:
		fmt.Fprintf(e.stdout, "%s: %d controls would change (dry run: nothing written)\n", f.Path, len(changes))
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
	fmt.Fprintf(e.stdout, "%s: %d controls changed from %s\n", f.Path, len(changes), path)
	return nil
}
