package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// The workbook is written and read here with the standard library (archive/zip and
// encoding/xml) rather than a spreadsheet library: the one the issue suggested
// (excelize) imports net/http, and the binary promises by construction that no network
// package is in it (cmd/soc2ready TestOffline). The tests check the files with excelize
// and with LibreOffice, two independent implementations.

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

// Cell styles, as indexes into cellXfs of stylesXML.
const (
	styleDefault  = 0
	styleLocked   = 1 // wrapped, top-aligned, locked: the columns to read
	styleOpen     = 2 // wrapped, top-aligned, unlocked, shaded: the columns to fill in
	styleOpenText = 3 // the same, formatted as text (due dates stay YYYY-MM-DD)
	styleHeader   = 4
	styleBold     = 5
	styleTitle    = 6
)

// ExportXLSX writes the questionnaire as the workbook a client fills in: the header row
// frozen with filters on it, the columns sized and wrapped, a drop-down of statuses, the
// columns to fill in shaded and the others locked (the sheet is protected without a
// password, so nobody edits an id by accident), and a summary sheet. date (YYYY-MM-DD)
// dates the workbook; the same inputs give the same bytes.
func ExportXLSX(w io.Writer, cat *catalogue.Catalogue, f *answers.Data, r *scoring.Result, date string) error {
	rows := Rows(cat, f, r)
	stamp := date + "T00:00:00Z"
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"docProps/app.xml", appXML},
		{"docProps/core.xml", fmt.Sprintf(coreXML, xmlText("SOC 2 readiness questionnaire: "+f.Organization.Name), stamp, stamp)},
		{"xl/workbook.xml", fmt.Sprintf(workbookXML, columnName(len(Columns)), len(rows)+1)},
		{"xl/_rels/workbook.xml.rels", workbookRelsXML},
		{"xl/styles.xml", stylesXML},
		{"xl/worksheets/sheet1.xml", questionnaireXML(rows)},
		{"xl/worksheets/sheet2.xml", summaryXML(cat, f, r, date)},
	}
	zw := zip.NewWriter(w)
	// A fixed time in every entry: the archive's bytes depend on the content only.
	modified := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

func questionnaireXML(rows [][]string) string {
	var b strings.Builder
	last := len(rows) + 1
	lastCol := columnName(len(Columns))
	b.WriteString(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	fmt.Fprintf(&b, `<sheetPr filterMode="0"/><dimension ref="A1:%s%d"/>`, lastCol, last)
	b.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0">` +
		`<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>` +
		`<selection pane="bottomRight" activeCell="H2" sqref="H2"/></sheetView></sheetViews>`)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	status := -1
	for i, c := range Columns {
		style := styleLocked
		switch {
		case c == "due":
			style = styleOpenText
		case isEditable(c):
			style = styleOpen
		}
		if c == "status" {
			status = i + 1
		}
		fmt.Fprintf(&b, `<col min="%d" max="%d" width="%g" style="%d" customWidth="1"/>`, i+1, i+1, widths[c], style)
	}
	b.WriteString(`</cols><sheetData>`)
	writeRow(&b, 1, Columns, func(int) int { return styleHeader })
	for i, row := range rows {
		writeRow(&b, i+2, row, func(col int) int {
			switch c := Columns[col]; {
			case c == "due":
				return styleOpenText
			case isEditable(c):
				return styleOpen
			}
			return styleLocked
		})
	}
	b.WriteString(`</sheetData>`)
	// Protected without a password: locked cells (ids, questions) cannot be typed over by
	// accident; filtering, sorting, resizing and inserting columns stay allowed.
	b.WriteString(`<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" insertColumns="0" sort="0" autoFilter="0"/>`)
	fmt.Fprintf(&b, `<autoFilter ref="A1:%s%d"/>`, lastCol, last)
	sc := columnName(status)
	fmt.Fprintf(&b, `<dataValidations count="1"><dataValidation type="list" errorStyle="stop" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="status" error="Pick one of: %s" sqref="%s2:%s%d"><formula1>"%s"</formula1></dataValidation></dataValidations>`,
		xmlText(strings.Join(answers.StatusNames(), ", ")), sc, sc, max(last, 2), strings.Join(answers.StatusNames(), ","))
	b.WriteString(`</worksheet>`)
	return b.String()
}

func isEditable(column string) bool {
	for _, c := range editable {
		if c == column {
			return true
		}
	}
	return false
}

// writeRow writes one row of text cells (inline strings: a text cell is never run as a
// formula, whatever it starts with).
func writeRow(b *strings.Builder, n int, cells []string, style func(col int) int) {
	fmt.Fprintf(b, `<row r="%d">`, n)
	for i, c := range cells {
		fmt.Fprintf(b, `<c r="%s%d" s="%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, columnName(i+1), n, style(i), xmlText(c))
	}
	b.WriteString(`</row>`)
}

func summaryXML(cat *catalogue.Catalogue, f *answers.Data, r *scoring.Result, date string) string {
	counts := map[answers.Status]int{}
	for _, c := range r.Controls {
		if c.Applicable {
			counts[c.Status]++
		}
	}
	type cell struct {
		v     any
		style int
	}
	rows := [][]cell{
		{{"SOC 2 readiness questionnaire", styleTitle}},
		nil,
		{{"Organisation", 0}, {f.Organization.Name, 0}},
		{{"System", 0}, {f.Organization.System, 0}},
		{{"Exported", 0}, {date, 0}},
		{{"Catalogue", 0}, {cat.Version, 0}},
		{{"Score at export", 0}, {r.Overall.Value, 0}},
		{{"Band", 0}, {r.Band.Name, 0}},
		{{"Applicable controls", 0}, {r.Overall.Controls, 0}},
	}
	for _, s := range []answers.Status{answers.Implemented, answers.Partial, answers.Planned, answers.Missing, scoring.Unanswered} {
		rows = append(rows, []cell{{"  " + string(s), 0}, {counts[s], 0}})
	}
	rows = append(rows, nil, []cell{{"Category", styleBold}, {"Score", styleBold}, {"Controls", styleBold}})
	for _, c := range r.Categories {
		if c.InScope {
			rows = append(rows, []cell{{c.Category.Name, 0}, {c.Score.Value, 0}, {c.Score.Controls, 0}})
		}
	}
	rows = append(rows, nil,
		[]cell{{"How to fill in", styleBold}},
		[]cell{{"1. On the Questionnaire sheet, fill in the shaded columns: status (drop-down), note, owner, due (YYYY-MM-DD), evidence (one item per line, REF or REF@YYYY-MM-DD) and na_reason (why a not_applicable control does not apply).", 0}},
		[]cell{{"2. Leave the id column as it is; rows may be sorted, filtered or deleted.", 0}},
		[]cell{{"3. Save as .xlsx and run: soc2ready import FILE.xlsx --dry-run, then soc2ready import FILE.xlsx", 0}},
	)
	var b strings.Builder
	b.WriteString(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	b.WriteString(`<cols><col min="1" max="1" width="28" customWidth="1"/><col min="2" max="3" width="24" customWidth="1"/></cols><sheetData>`)
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, c := range row {
			ref := fmt.Sprintf("%s%d", columnName(j+1), i+1)
			switch v := c.v.(type) {
			case string:
				fmt.Fprintf(&b, `<c r="%s" s="%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, c.style, xmlText(v))
			default:
				fmt.Fprintf(&b, `<c r="%s" s="%d"><v>%v</v></c>`, ref, c.style, v)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// xmlText escapes text for XML and replaces the characters XML 1.0 cannot carry at all
// (most control characters), which a note could in principle hold.
func xmlText(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\r':
			b.WriteString("&#13;")
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
)

const contentTypesXML = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRelsXML = xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>soc2ready</Application></Properties>`

// coreXML takes the title and the created and modified times.
const coreXML = xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
	`<dc:title>%s</dc:title><dc:creator>soc2ready</dc:creator><cp:lastModifiedBy>soc2ready</cp:lastModifiedBy><dc:language>en</dc:language>` +
	`<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`

// workbookXML takes the questionnaire's last column and row, for the filter's defined name.
const workbookXML = xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
	`<bookViews><workbookView/></bookViews><sheets>` +
	`<sheet name="` + QuestionnaireSheet + `" sheetId="1" r:id="rId1"/><sheet name="` + summarySheet + `" sheetId="2" r:id="rId2"/>` +
	`</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">` + QuestionnaireSheet + `!$A$1:$%s$%d</definedName></definedNames>` +
	`</workbook>`

const workbookRelsXML = xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

// stylesXML: the cellXfs are, in order, the style constants above.
const stylesXML = xmlHeader + `<styleSheet xmlns="` + nsMain + `">` +
	`<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFFFF8DC"/><bgColor indexed="64"/></patternFill></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFD9E2F3"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left/><right/><top/><bottom style="medium"><color rgb="FF4472C4"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="7">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" applyProtection="1"><alignment vertical="top" wrapText="1"/><protection locked="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyAlignment="1" applyProtection="1"><alignment vertical="top" wrapText="1"/><protection locked="0"/></xf>` +
	`<xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyAlignment="1" applyProtection="1"><alignment vertical="top" wrapText="1"/><protection locked="0"/></xf>` +
	`<xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment vertical="top" wrapText="1"/><protection locked="1"/></xf>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// IsWorkbook reports whether data is a zip archive, as an .xlsx file is.
func IsWorkbook(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// ReadXLSX reads the questionnaire sheet of a workbook (the sheet named Questionnaire, or
// the first one) into a Table. Cells are taken as text; a date a spreadsheet stored as a
// number in a date format comes back as YYYY-MM-DD. No quote is stripped: a workbook
// keeps text as text.
func ReadXLSX(file string, data []byte) (*Table, error) {
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return nil, problem.At(file, 0, "save it as an Excel Workbook (.xlsx) or as CSV UTF-8", "is an old-style Excel (.xls) or encrypted workbook, which import cannot read")
	}
	if !IsWorkbook(data) {
		return nil, problem.At(file, 0, "import reads .xlsx workbooks and CSV or TSV files; save the sheet as one of those", "is not an .xlsx workbook")
	}
	wb, err := openWorkbook(data)
	if err != nil {
		return nil, problem.At(file, 0, "open it in a spreadsheet and save it again as an Excel Workbook (.xlsx)", "cannot read the workbook: %v", err)
	}
	sh, rows, err := wb.questionnaire()
	if err != nil {
		return nil, problem.At(file, 0, "open it in a spreadsheet and save it again as an Excel Workbook (.xlsx)", "cannot read the workbook: %v", err)
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
