// Package sheet reads and writes the files people open in a spreadsheet: the
// questionnaire that `export` writes and `import` merges back (CSV or an Excel workbook),
// the CSV report and the CSV catalogue. CSV files it writes open cleanly in Excel and
// LibreOffice (UTF-8 with a byte-order mark, CRLF line ends, cells that could run as
// formulas neutralised, whatever separator the spreadsheet splits on); files it reads may
// come back from either: with or without the byte-order mark, UTF-16 ("Unicode text"),
// CRLF, LF or CR-only ("CSV (Macintosh)") line ends, comma, semicolon or tab separated.
// Workbooks (.xlsx) are written and read with the standard library (xlsx.go,
// xlsx_read.go); excelize and LibreOffice check them in the tests.
package sheet

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/soc2ready/soc2ready/internal/problem"
)

// bom is the UTF-8 byte-order mark. Excel needs it to read a CSV file as UTF-8 rather than
// the Windows code page, and writes it in "CSV UTF-8" files.
const bom = "\ufeff"

// triggers are the first characters that make a spreadsheet treat a cell as a formula
// (or, for tab and carriage return, that hide one). See OWASP "CSV Injection".
const triggers = "=+-@\t\r"

// splitters are the characters a spreadsheet might start a new cell after, besides the
// comma our files use: Excel in many European locales splits a .csv file on ';', a user
// may pick tab, and a line break inside a quoted cell starts a new row for a reader that
// did not see the quote open (one splitting on ';' sees `a,"x` as one unquoted cell).
const splitters = ";\t\r\n"

// Neutralise makes a cell safe to open in a spreadsheet, however the spreadsheet splits
// it: each piece that could start a cell (the start, and what follows each ; tab or line
// break) and would start a formula gets a leading single quote, which spreadsheets show
// as text (a leading blank already makes spreadsheets read text). A piece that is already
// a run of quotes before a trigger gets one more, so Restore(Neutralise(s)) == s for
// every s.
func Neutralise(s string) string {
	if !strings.ContainsAny(s, triggers+"'") {
		return s
	}
	var b strings.Builder
	for _, piece := range pieces(s) {
		if t := strings.TrimLeft(piece, "'"); t != "" && strings.IndexByte(triggers, t[0]) >= 0 {
			b.WriteByte('\'')
		}
		b.WriteString(piece)
	}
	return b.String()
}

// Restore undoes Neutralise on a cell read back from a spreadsheet.
func Restore(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	var b strings.Builder
	for _, piece := range pieces(s) {
		if strings.HasPrefix(piece, "'") {
			if t := strings.TrimLeft(piece, "'"); t != "" && strings.IndexByte(triggers, t[0]) >= 0 {
				piece = piece[1:]
			}
		}
		b.WriteString(piece)
	}
	return b.String()
}

// pieces cuts s after each splitter; the quotes Neutralise adds are never splitters, so
// a cell and its neutralised form cut into matching pieces.
func pieces(s string) []string {
	var out []string
	for {
		i := strings.IndexAny(s, splitters)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
}

// Writer writes a spreadsheet CSV file: a byte-order mark, comma-separated cells, CRLF
// line ends (RFC 4180, and what Excel writes) and every cell neutralised (see Neutralise:
// also after each ; tab or line break, since Excel in a locale whose list separator is ';'
// splits `remote;=cmd()` into a second cell that starts a formula). A cell holding a
// semicolon or a tab is quoted too, so such a reader keeps it whole when it can.
type Writer struct {
	w       io.Writer
	buf     bytes.Buffer
	started bool
	err     error
}

// NewWriter starts a CSV file on w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w}
}

// Write writes one row.
func (w *Writer) Write(cells ...string) error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		w.buf.WriteString(bom)
	}
	for i, c := range cells {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		c = Neutralise(c)
		if needsQuotes(c) {
			w.buf.WriteByte('"')
			c = strings.ReplaceAll(c, `"`, `""`)
			// Line breaks inside a cell are CRLF too, as Excel writes them.
			c = strings.ReplaceAll(strings.ReplaceAll(c, "\r\n", "\n"), "\n", "\r\n")
			w.buf.WriteString(c)
			w.buf.WriteByte('"')
		} else {
			w.buf.WriteString(c)
		}
	}
	w.buf.WriteString("\r\n")
	if w.buf.Len() >= 64<<10 {
		return w.flush()
	}
	return nil
}

// needsQuotes: any separator a spreadsheet might split on, a quote, a line break, or
// blanks at either end (which some readers trim).
func needsQuotes(c string) bool {
	if c == "" {
		return false
	}
	return strings.ContainsAny(c, ",;\t\"\r\n") || c[0] == ' ' || c[len(c)-1] == ' '
}

func (w *Writer) flush() error {
	if w.err == nil {
		_, w.err = w.w.Write(w.buf.Bytes())
	}
	w.buf.Reset()
	return w.err
}

// Flush writes any buffered rows and reports the first error.
func (w *Writer) Flush() error {
	return w.flush()
}

// Table is a CSV file read back: the header row and the rows after it, cells restored.
type Table struct {
	File      string
	Sheet     string // the worksheet a workbook's rows came from; "" for CSV
	Header    []string
	Rows      []Row
	Delimiter rune
}

// Cell names a place in the sheet the way its user finds it: FILE:ROW:COLUMN for CSV,
// FILE:Sheet!B7 for a workbook; col 0 names the row.
func (t *Table) Cell(row, col int) string {
	return (&RowError{File: t.File, Sheet: t.Sheet, Row: row, Col: col}).place()
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
	if !bytes.Contains(data, []byte("\n")) && bytes.Contains(data, []byte("\r")) {
		// Excel's "CSV (Macintosh)" ends lines with CR alone, which encoding/csv reads as
		// one long row. A quoted cell's own line breaks are CR too, so all become LF.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
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

// Decode turns the bytes of a sheet into UTF-8 text: UTF-16 with a byte-order mark (what
// Excel saves as "Unicode text", little- or big-endian) is converted; other content is
// returned as it is, for the caller's UTF-8 check. Unpaired surrogates and an odd last
// byte become U+FFFD, which the import then shows where it stands. (The standard library
// does this; golang.org/x/text stays behind the PDF package alone.)
func Decode(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return data
	}
	data = data[2:]
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	runes := utf16.Decode(units)
	if len(data)%2 == 1 {
		runes = append(runes, utf8.RuneError)
	}
	// A second mark, from text that carried a UTF-8 mark before it was converted, goes too.
	return bytes.TrimPrefix([]byte(string(runes)), []byte(bom))
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
	Sheet  string // set for a workbook: the place is then written Sheet!B7
	Row    int    // spreadsheet row number; the header is 1
	Col    int    // 1-based column number; 0 when the whole row is at fault
	Column string
	Msg    string
	Hint   string
}

func (e *RowError) Error() string { return e.place() + ": " + e.Msg }

func (e *RowError) place() string {
	switch {
	case e.Sheet != "" && e.Col == 0:
		return fmt.Sprintf("%s:%s!%d", e.File, quoteSheet(e.Sheet), e.Row)
	case e.Sheet != "":
		return fmt.Sprintf("%s:%s!%s%d", e.File, quoteSheet(e.Sheet), columnName(e.Col), e.Row)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d", e.File, e.Row)
	}
	return fmt.Sprintf("%s:%d:%d", e.File, e.Row, e.Col)
}

// quoteSheet writes a sheet name as a spreadsheet formula would: quoted when it holds
// anything but letters, digits and underscores.
func quoteSheet(s string) string {
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
	}
	return s
}

// columnName is the spreadsheet letter of a 1-based column: 1 A, 26 Z, 27 AA.
func columnName(n int) string {
	name := ""
	for n > 0 {
		n--
		name = string(rune('A'+n%26)) + name
		n /= 26
	}
	return name
}
