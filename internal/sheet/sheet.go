// Package sheet reads and writes the CSV files people open in a spreadsheet: the
// questionnaire that `export` writes and `import` merges back, and the CSV report. Files
// it writes open cleanly in Excel and LibreOffice (UTF-8 with a byte-order mark, CRLF line
// ends, cells that could run as formulas neutralised); files it reads may come back from
// either, with or without the byte-order mark, CRLF or LF, comma, semicolon or tab
// separated.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/soc2ready/soc2ready/internal/problem"
)

// bom is the UTF-8 byte-order mark. Excel needs it to read a CSV file as UTF-8 rather than
// the Windows code page, and writes it in "CSV UTF-8" files.
const bom = "\ufeff"

// triggers are the first characters that make a spreadsheet treat a cell as a formula
// (or, for tab and carriage return, that hide one). See OWASP "CSV Injection".
const triggers = "=+-@\t\r"

// Neutralise makes a cell safe to open in a spreadsheet: a cell that would start a formula
// gets a leading single quote, which spreadsheets show as text. A cell that is already a
// run of quotes before a trigger gets one more, so Restore(Neutralise(s)) == s for every s.
func Neutralise(s string) string {
	if t := strings.TrimLeft(s, "'"); t != "" && strings.IndexByte(triggers, t[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Restore undoes Neutralise on a cell read back from a spreadsheet.
func Restore(s string) string {
	if strings.HasPrefix(s, "'") {
		if t := strings.TrimLeft(s, "'"); t != "" && strings.IndexByte(triggers, t[0]) >= 0 {
			return s[1:]
		}
	}
	return s
}

// Writer writes a spreadsheet CSV file: a byte-order mark, comma-separated cells, CRLF
// line ends (RFC 4180, and what Excel writes) and every cell neutralised.
type Writer struct {
	w       io.Writer
	cw      *csv.Writer
	started bool
}

// NewWriter starts a CSV file on w.
func NewWriter(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{w: w, cw: cw}
}

// Write writes one row.
func (w *Writer) Write(cells ...string) error {
	if !w.started {
		w.started = true
		if _, err := io.WriteString(w.w, bom); err != nil {
			return err
		}
	}
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = Neutralise(c)
	}
	return w.cw.Write(row)
}

// Flush writes any buffered rows and reports the first error.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// Table is a CSV file read back: the header row and the rows after it, cells restored.
type Table struct {
	File      string
	Header    []string
	Rows      []Row
	Delimiter rune
}

// Row is one data row. Number is its row number in a spreadsheet (the header is row 1),
// which is what the user sees, even when a cell spans lines.
type Row struct {
	Number int
	Cells  []string
}

// Cell returns cell i, or "" when the row is shorter (spreadsheets drop trailing empties).
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Empty reports whether every cell is blank: spreadsheets often save trailing empty rows.
func (r Row) Empty() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Read parses CSV content. It removes a byte-order mark, accepts CRLF or LF, and picks the
// separator (comma, semicolon or tab) that the header line uses most: Excel in many
// European locales saves with semicolons. Cells are restored (see Restore) and their line
// breaks normalised to LF.
func Read(file string, data []byte) (*Table, error) {
	data = bytes.TrimPrefix(data, []byte(bom))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, problem.At(file, 0, "export a questionnaire with `soc2ready export -o FILE.csv`", "file is empty")
	}
	t := &Table{File: file, Delimiter: sniff(data)}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = t.Delimiter
	cr.FieldsPerRecord = -1 // rows may be short or long; checked per cell
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, problem.New("check the quotes in that cell; save the sheet again as CSV",
					"%s:%d:%d: %v", file, pe.Line, pe.Column, pe.Err)
			}
			return nil, problem.At(file, 0, "", "cannot read: %v", err)
		}
		for i, c := range rec {
			rec[i] = Restore(strings.ReplaceAll(c, "\r\n", "\n"))
		}
		if n == 1 {
			t.Header = rec
			continue
		}
		t.Rows = append(t.Rows, Row{Number: n, Cells: rec})
	}
	return t, nil
}

// sniff counts the candidate separators outside quotes on the first line.
func sniff(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted && (r == ',' || r == ';' || r == '\t') {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// Column normalises a header cell: lower case, spaces and hyphens as underscores, so
// "NA reason" and "na-reason" both name na_reason.
func Column(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// RowError is a problem with one cell of a sheet being imported.
type RowError struct {
	File   string
	Row    int // spreadsheet row number; the header is 1
	Col    int // 1-based column number; 0 when the whole row is at fault
	Column string
	Msg    string
	Hint   string
}

func (e *RowError) Error() string {
	if e.Col == 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Row, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Row, e.Col, e.Msg)
}
