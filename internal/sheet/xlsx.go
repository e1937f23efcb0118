package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// The workbook's sheets. The questionnaire comes first: that is the sheet a spreadsheet
// opens on, and the one LibreOffice converts when asked for CSV.
const (
	QuestionnaireSheet = "Questionnaire"
	summarySheet       = "Summary"
)

// widths of the questionnaire's columns, in characters, by column name.
var widths = map[string]float64{
	"id": 24, "title": 32, "category": 12, "criterion": 12, "severity": 10, "question": 50,
	"guidance": 50, "status": 16, "note": 40, "owner": 16, "due": 12, "evidence": 36, "na_reason": 30,
}

// ExportXLSX writes the questionnaire as the workbook a client fills in: the header row
// frozen with filters on it, the columns sized and wrapped, a drop-down of statuses, the
// columns to fill in shaded and the others locked (the sheet is protected without a
// password, so nobody edits an id by accident), and a summary sheet. date (YYYY-MM-DD)
// dates the workbook; the same inputs give the same bytes.
func ExportXLSX(w io.Writer, cat *catalogue.Catalogue, f *answers.File, r *scoring.Result, date string) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := buildQuestionnaire(x, cat, f, r); err != nil {
		return err
	}
	if err := buildSummary(x, cat, f, r, date); err != nil {
		return err
	}
	// excelize stamps the workbook with the current time; a fixed date keeps the bytes
	// reproducible (SOURCE_DATE_EPOCH in tests and builds).
	stamp := date + "T00:00:00Z"
	if err := x.SetDocProps(&excelize.DocProperties{
		Created: stamp, Modified: stamp, Creator: "soc2ready", LastModifiedBy: "soc2ready",
		Title: "SOC 2 readiness questionnaire: " + f.Organization.Name, Language: "en",
	}); err != nil {
		return err
	}
	_, err := x.WriteTo(w)
	return err
}

func buildQuestionnaire(x *excelize.File, cat *catalogue.Catalogue, f *answers.File, r *scoring.Result) error {
	sh := QuestionnaireSheet
	if err := x.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	rows := Rows(cat, f, r)
	last := len(rows) + 1
	header := make([]any, len(Columns))
	for i, c := range Columns {
		header[i] = c
	}
	if err := x.SetSheetRow(sh, "A1", &header); err != nil {
		return err
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = c // strings: an xlsx string cell is never run as a formula
		}
		if err := x.SetSheetRow(sh, fmt.Sprintf("A%d", i+2), &cells); err != nil {
			return err
		}
	}
	wrapTop := &excelize.Alignment{WrapText: true, Vertical: "top"}
	locked, err := x.NewStyle(&excelize.Style{Alignment: wrapTop, Protection: &excelize.Protection{Locked: true}})
	if err != nil {
		return err
	}
	editStyle := &excelize.Style{Alignment: wrapTop, Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF8DC"}}}
	open, err := x.NewStyle(editStyle)
	if err != nil {
		return err
	}
	// Dates stay text: a spreadsheet would turn 2027-01-31 into a serial number or a
	// local date format that import cannot read back.
	textDate := *editStyle
	textDate.NumFmt = 49 // "@", text
	openText, err := x.NewStyle(&textDate)
	if err != nil {
		return err
	}
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrapTop,
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
		Border:     []excelize.Border{{Type: "bottom", Color: "4472C4", Style: 2}},
		Protection: &excelize.Protection{Locked: true}})
	if err != nil {
		return err
	}
	isEditable := map[string]bool{}
	for _, c := range editable {
		isEditable[c] = true
	}
	for i, c := range Columns {
		col := columnName(i + 1)
		if err := x.SetColWidth(sh, col, col, widths[c]); err != nil {
			return err
		}
		style := locked
		switch {
		case c == "due":
			style = openText
		case isEditable[c]:
			style = open
		}
		if err := x.SetCellStyle(sh, col+"2", fmt.Sprintf("%s%d", col, max(last, 2)), style); err != nil {
			return err
		}
	}
	lastCol := columnName(len(Columns))
	if err := x.SetCellStyle(sh, "A1", lastCol+"1", head); err != nil {
		return err
	}
	if err := x.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, XSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "H2", ActiveCell: "H2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := x.AutoFilter(sh, fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return err
	}
	status := columnName(indexOf(Columns, "status") + 1)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", status, status, max(last, 2)))
	if err := dv.SetDropList(answers.Statuses); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "status", "Pick one of: "+strings.Join(answers.Statuses, ", "))
	if err := x.AddDataValidation(sh, dv); err != nil {
		return err
	}
	return x.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		AutoFilter: true, Sort: true, FormatColumns: true, FormatRows: true, InsertColumns: true,
		SelectLockedCells: true, SelectUnlockedCells: true,
	})
}

func buildSummary(x *excelize.File, cat *catalogue.Catalogue, f *answers.File, r *scoring.Result, date string) error {
	sh := summarySheet
	if _, err := x.NewSheet(sh); err != nil {
		return err
	}
	counts := map[string]int{}
	for _, c := range r.Controls {
		if c.Applicable {
			counts[c.Status]++
		}
	}
	rows := [][]any{
		{"SOC 2 readiness questionnaire"},
		{},
		{"Organisation", f.Organization.Name},
		{"System", f.Organization.System},
		{"Exported", date},
		{"Catalogue", cat.Version},
		{"Score at export", r.Overall.Value},
		{"Band", r.Band.Name},
		{"Applicable controls", r.Overall.Controls},
	}
	for _, s := range append(append([]string(nil), answers.Statuses[:4]...), scoring.Unanswered) {
		rows = append(rows, []any{"  " + s, counts[s]})
	}
	rows = append(rows, []any{}, []any{"Category", "Score", "Controls"})
	for _, c := range r.Categories {
		if c.InScope {
			rows = append(rows, []any{c.Category.Name, c.Score.Value, c.Score.Controls})
		}
	}
	rows = append(rows, []any{},
		[]any{"How to fill in"},
		[]any{"1. On the Questionnaire sheet, fill in the shaded columns: status (drop-down), note, owner, due (YYYY-MM-DD), evidence (one item per line, REF or REF@YYYY-MM-DD) and na_reason (why a not_applicable control does not apply)."},
		[]any{"2. Leave the id column as it is; rows may be sorted, filtered or deleted."},
		[]any{"3. Save as .xlsx and run: soc2ready import FILE.xlsx --dry-run, then soc2ready import FILE.xlsx"},
	)
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		if err := x.SetSheetRow(sh, fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := x.SetCellStyle(sh, "A1", "A1", title); err != nil {
		return err
	}
	for i, row := range rows {
		if len(row) > 0 && (row[0] == "Category" || row[0] == "How to fill in") {
			if err := x.SetCellStyle(sh, fmt.Sprintf("A%d", i+1), fmt.Sprintf("C%d", i+1), bold); err != nil {
				return err
			}
		}
	}
	if err := x.SetColWidth(sh, "A", "A", 28); err != nil {
		return err
	}
	return x.SetColWidth(sh, "B", "C", 24)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// zip bomb limits: a questionnaire of a few hundred rows unpacks to a few MB.
const (
	maxUnzipped    = 200 << 20
	maxUnzippedXML = 100 << 20
)

// IsWorkbook reports whether data is a zip archive, as an .xlsx file is.
func IsWorkbook(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// ReadXLSX reads the questionnaire sheet of a workbook (the sheet named Questionnaire, or
// the first one) into a Table. Cells are taken as the spreadsheet shows them; no quote
// is stripped, since a workbook keeps text as text.
func ReadXLSX(file string, data []byte) (*Table, error) {
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return nil, problem.At(file, 0, "save it as an Excel Workbook (.xlsx) or as CSV UTF-8", "is an old-style Excel (.xls) or encrypted workbook, which import cannot read")
	}
	if !IsWorkbook(data) {
		return nil, problem.At(file, 0, "import reads .xlsx workbooks and CSV or TSV files; save the sheet as one of those", "is not an .xlsx workbook")
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		return nil, problem.At(file, 0, "open it in a spreadsheet and save it again as an Excel Workbook (.xlsx)", "cannot read the workbook: %v", workbookError(err))
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, problem.At(file, 0, "export a questionnaire with `soc2ready export -f xlsx -o FILE.xlsx`", "workbook has no sheets")
	}
	sh := sheets[0]
	for _, s := range sheets {
		if s == QuestionnaireSheet {
			sh = s
		}
	}
	rows, err := x.GetRows(sh)
	if err != nil {
		return nil, problem.At(file, 0, "open it in a spreadsheet and save it again as an Excel Workbook (.xlsx)", "cannot read sheet %q: %v", sh, workbookError(err))
	}
	t := &Table{File: file, Sheet: sh}
	empty := true
	for i, row := range rows {
		for j, c := range row {
			row[j] = strings.ReplaceAll(c, "\r\n", "\n")
			empty = empty && strings.TrimSpace(c) == ""
		}
		if i == 0 {
			t.Header = row
			continue
		}
		t.Rows = append(t.Rows, Row{Number: i + 1, Cells: row})
	}
	if len(rows) == 0 || empty {
		return nil, problem.At(file, 0, "export a questionnaire with `soc2ready export -f xlsx -o FILE.xlsx`", "sheet %q is empty", sh)
	}
	return t, nil
}

// workbookError keeps excelize's message short: one line, no Go type names.
func workbookError(err error) error {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return errors.New(msg)
}
