package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/soc2ready/soc2ready/internal/scoring"
)

func exportXLSX(t testing.TB) []byte {
	t.Helper()
	cat, f := load(t)
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	var buf bytes.Buffer
	if err := ExportXLSX(&buf, cat, &f.Data, r, today); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXWorkbook checks what a client sees when opening the workbook: the sheets, the
// header, frozen panes, filter, drop-down, protection and the fixed document dates.
func TestXLSXWorkbook(t *testing.T) {
	data := exportXLSX(t)
	if again := exportXLSX(t); !bytes.Equal(data, again) {
		t.Error("two exports of the same answers differ")
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), ","); got != "Questionnaire,Summary" {
		t.Errorf("sheets = %s", got)
	}
	rows, err := x.GetRows(QuestionnaireSheet)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(Columns, ",") {
		t.Errorf("header = %v", rows[0])
	}
	panes, err := x.GetPanes(QuestionnaireSheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v", panes, err)
	}
	dvs, err := x.GetDataValidations(QuestionnaireSheet)
	if err != nil || len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "not_applicable") || !strings.HasPrefix(dvs[0].Sqref, "H2:H") {
		t.Errorf("data validations = %+v, %v", dvs, err)
	}
	props, err := x.GetDocProps()
	if err != nil || props.Created != today+"T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("doc props = %+v, %v", props, err)
	}
	// id is locked, status is not; the sheet is protected
	for cell, locked := range map[string]bool{"A2": true, "H2": false, "K2": false} {
		id, _ := x.GetCellStyle(QuestionnaireSheet, cell)
		st, err := x.GetStyle(id)
		if err != nil || st.Protection == nil || st.Protection.Locked != locked {
			t.Errorf("%s protection = %+v, want locked %v", cell, st.Protection, locked)
		}
	}
	summary, _ := x.GetRows("Summary")
	if len(summary) < 5 || summary[2][0] != "Organisation" {
		t.Errorf("summary = %v", summary)
	}
}

// TestXLSXImport: the workbook filled in imports with the same checks as CSV, and errors
// name the sheet and cell.
func TestXLSXImport(t *testing.T) {
	cat, f := load(t)
	x, err := excelize.OpenReader(bytes.NewReader(exportXLSX(t)))
	if err != nil {
		t.Fatal(err)
	}
	row := findRow(t, x, "ACC-LEAVER")
	x.SetCellStr(QuestionnaireSheet, "H"+row, "partial")
	x.SetCellStr(QuestionnaireSheet, "J"+row, "Dana")
	x.SetCellStr(QuestionnaireSheet, "L"+row, "offboarding checklist@2026-10-01\nticket OPS-12")
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadXLSX("q.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	changes, errs, err := PlanTable(tab, cat, &f.Data, today)
	if err != nil || len(errs) > 0 || len(changes) != 1 {
		t.Fatalf("changes %v, errors %v, %v", changes, errs, err)
	}
	if got := changes[0].Describe(); got != `ACC-LEAVER: status unanswered -> partial; owner "" -> "Dana"; evidence added` {
		t.Errorf("change = %s", got)
	}
	if ev := changes[0].New.Evidence; len(ev) != 2 || ev[0].Date != "2026-10-01" || ev[1].Ref != "ticket OPS-12" {
		t.Errorf("evidence = %+v", ev)
	}

	x.SetCellStr(QuestionnaireSheet, "H"+row, "done")
	x.SetCellStr(QuestionnaireSheet, "K"+row, "31/12/2026")
	buf.Reset()
	x.WriteTo(&buf)
	tab, err = ReadXLSX("q.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	changes, errs, _ = PlanTable(tab, cat, &f.Data, today)
	if changes != nil || len(errs) != 2 {
		t.Fatalf("changes %v, errors %v", changes, errs)
	}
	got := errs[0].Error() + "\n" + errs[1].Error()
	want := "q.xlsx:Questionnaire!K" + row + `: ACC-LEAVER: due "31/12/2026" is not a date` + "\n" +
		"q.xlsx:Questionnaire!H" + row + `: ACC-LEAVER: invalid status "done"`
	if got != want {
		t.Errorf("errors:\n%s\nwant\n%s", got, want)
	}
}

func findRow(t *testing.T, x *excelize.File, id string) string {
	t.Helper()
	rows, _ := x.GetRows(QuestionnaireSheet)
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return itoa(i + 1)
		}
	}
	t.Fatalf("no row %s", id)
	return ""
}

func TestReadXLSXRefusesOtherFiles(t *testing.T) {
	for data, want := range map[string]string{
		"id,status\n":                      "q.xlsx: is not an .xlsx workbook",
		"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1": "q.xlsx: is an old-style Excel (.xls)",
		"PK\x03\x04broken":                 "q.xlsx: cannot read the workbook",
	} {
		_, err := ReadXLSX("q.xlsx", []byte(data))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ReadXLSX(%q) = %v, want %s", data, err, want)
		}
	}
}

// TestLibreOffice is the round trip through a real spreadsheet program: LibreOffice
// converts the exported workbook to CSV, which imports with no change; and a workbook
// edited and then saved by LibreOffice imports the edit. CI installs
// libreoffice-calc-nogui; under CI=true a missing soffice fails the test rather than
// skipping it, so the check cannot silently stop running.
func TestLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice not found: CI must install libreoffice-calc-nogui (.ci/run)")
		}
		t.Skip("soffice not installed (apt-get install libreoffice-calc-nogui)")
	}
	cat, f := load(t)
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		// A private profile: a user's running LibreOffice or a stale lock cannot interfere.
		cmd := exec.Command(soffice, append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice %v: %v\n%s", args, err, out)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "q.xlsx"), exportXLSX(t), 0o644); err != nil {
		t.Fatal(err)
	}

	// xlsx -> CSV by LibreOffice: same questionnaire, nothing to import
	run("--convert-to", "csv", "--outdir", filepath.Join(dir, "csv"), "q.xlsx")
	data, err := os.ReadFile(filepath.Join(dir, "csv", "q.csv"))
	if err != nil {
		t.Fatal(err)
	}
	changes, errs, err := Plan("q.csv", data, cat, &f.Data, today)
	if err != nil || len(errs) > 0 || len(changes) > 0 {
		t.Fatalf("LibreOffice's CSV: changes %v, errors %v, %v", changes, errs, err)
	}
	tab, _ := Read("q.csv", data)
	if len(tab.Rows) < 100 || strings.Join(tab.Header, ",") != strings.Join(Columns, ",") {
		t.Errorf("LibreOffice's CSV has %d rows, header %v", len(tab.Rows), tab.Header)
	}

	// edit, then let LibreOffice open and save the workbook
	x, err := excelize.OpenFile(filepath.Join(dir, "q.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	row := findRow(t, x, "ACC-LEAVER")
	x.SetCellStr(QuestionnaireSheet, "H"+row, "planned")
	x.SetCellStr(QuestionnaireSheet, "K"+row, "2027-01-31")
	x.SetCellStr(QuestionnaireSheet, "I"+row, "HR sends the leaver list; =not a formula")
	if err := x.SaveAs(filepath.Join(dir, "edited.xlsx")); err != nil {
		t.Fatal(err)
	}
	run("--convert-to", "xlsx", "--outdir", filepath.Join(dir, "lo"), "edited.xlsx")
	saved, err := os.ReadFile(filepath.Join(dir, "lo", "edited.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	tab, err = ReadXLSX("edited.xlsx", saved)
	if err != nil {
		t.Fatal(err)
	}
	changes, errs, err = PlanTable(tab, cat, &f.Data, today)
	if err != nil || len(errs) > 0 || len(changes) != 1 {
		t.Fatalf("LibreOffice's workbook: changes %v, errors %v, %v", changes, errs, err)
	}
	if got := changes[0].Describe(); got != `ACC-LEAVER: status unanswered -> planned; due "" -> "2027-01-31"; note added` {
		t.Errorf("change = %s", got)
	}
	if changes[0].New.Note != "HR sends the leaver list; =not a formula" {
		t.Errorf("note = %q", changes[0].New.Note)
	}
}

// FuzzReadXLSX: a damaged or hostile workbook is refused with a problem, never a crash.
func FuzzReadXLSX(f *testing.F) {
	f.Add(exportXLSX(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadXLSX("q.xlsx", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "q.xlsx: ") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		if tab.Sheet == "" {
			t.Fatal("table without a sheet name")
		}
	})
}

// TestXLSXReadsWhatSpreadsheetsWrite: shared and rich-text strings, and a date typed
// into a cell that is not formatted as text (stored as a day number), read back as the
// user sees them.
func TestXLSXReadsWhatSpreadsheetsWrite(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "Filled in")
	x.SetSheetRow("Filled in", "A1", &[]any{"id", "status", "due", "note"})
	x.SetSheetRow("Filled in", "A2", &[]any{"ACC-LEAVER", "planned", time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	x.SetCellRichText("Filled in", "D2", []excelize.RichTextRun{{Text: "HR sends "}, {Text: "the list", Font: &excelize.Font{Bold: true}}})
	x.SetSheetRow("Filled in", "A4", &[]any{"ACC-MFA", "implemented", nil, 42})
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadXLSX("f.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%s %q %d:%q %d:%q", tab.Sheet, tab.Header, tab.Rows[0].Number, tab.Rows[0].Cells, tab.Rows[2].Number, tab.Rows[2].Cells)
	want := `Filled in ["id" "status" "due" "note"] 2:["ACC-LEAVER" "planned" "2027-01-31" "HR sends the list"] 4:["ACC-MFA" "implemented" "" "42"]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestXLSXRefusesZipBomb: a part that inflates past the limit is refused, not read.
func TestXLSXRefusesZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 65; i++ {
		w.Write(zeros)
	}
	zw.Close()
	_, err := ReadXLSX("bomb.xlsx", buf.Bytes())
	if err == nil || !strings.Contains(err.Error(), "unpacks to more than 64 MB") {
		t.Errorf("ReadXLSX(bomb) = %v", err)
	}
}
