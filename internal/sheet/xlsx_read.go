package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// Limits on what a workbook may unpack to: a questionnaire of a few hundred rows is a few
// MB of XML; a zip bomb is refused before it is inflated.
const (
	maxPartSize  = 64 << 20
	maxTotalSize = 200 << 20
	maxRows      = 100000
	maxCols      = 1000
)

// workbook is an .xlsx archive opened for reading.
type workbook struct {
	files  map[string]*zip.File
	total  int64
	shared []string
	dates  map[int]bool // cell style index -> its number format shows a date
}

func openWorkbook(data []byte) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("not a valid zip archive")
	}
	wb := &workbook{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return wb, nil
}

// part reads one member, refusing one that inflates past the limits.
func (wb *workbook) part(name string) ([]byte, error) {
	f, ok := wb.files[name]
	if !ok {
		return nil, fmt.Errorf("no %s in the archive", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	wb.total += int64(len(data))
	if len(data) > maxPartSize || wb.total > maxTotalSize {
		return nil, fmt.Errorf("%s unpacks to more than %d MB", name, maxPartSize>>20)
	}
	return data, nil
}

// questionnaire finds the sheet to import (Questionnaire, else the first) and reads its
// cells as text, row by row; rows[0] is spreadsheet row 1.
func (wb *workbook) questionnaire() (string, [][]string, error) {
	data, err := wb.part("xl/workbook.xml")
	if err != nil {
		return "", nil, err
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(data, &book); err != nil {
		return "", nil, fmt.Errorf("xl/workbook.xml: %v", err)
	}
	if len(book.Sheets) == 0 {
		return "", nil, errors.New("the workbook has no sheets")
	}
	sheet := book.Sheets[0]
	for _, s := range book.Sheets {
		if s.Name == QuestionnaireSheet {
			sheet = s
		}
	}
	rels, err := wb.relations("xl/_rels/workbook.xml.rels", "xl")
	if err != nil {
		return "", nil, err
	}
	target, ok := rels[sheet.ID]
	if !ok {
		return "", nil, fmt.Errorf("sheet %q has no part in the archive", sheet.Name)
	}
	if err := wb.readShared(rels); err != nil {
		return "", nil, err
	}
	if err := wb.readStyles(rels); err != nil {
		return "", nil, err
	}
	rows, err := wb.readSheet(target)
	return sheet.Name, rows, err
}

const (
	relShared = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	relStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
)

// relations maps relationship ids (and, for the shared strings and styles, their types)
// to archive paths. Targets are relative to dir unless absolute.
func (wb *workbook) relations(name, dir string) (map[string]string, error) {
	data, err := wb.part(name)
	if err != nil {
		return nil, err
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	out := map[string]string{}
	for _, r := range rels.Rel {
		target := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(r.Target, "/") {
			target = path.Join(dir, r.Target)
		}
		out[r.ID] = target
		if r.Type == relShared || r.Type == relStyles {
			out[r.Type] = target
		}
	}
	return out, nil
}

// readShared reads the shared string table: each entry is plain text or rich-text runs
// (phonetic hints left out).
func (wb *workbook) readShared(rels map[string]string) error {
	name, ok := rels[relShared]
	if !ok {
		return nil // a workbook of inline strings (ours) has none
	}
	data, err := wb.part(name)
	if err != nil {
		return err
	}
	var sst struct {
		SI []richText `xml:"si"`
	}
	if err := xml.Unmarshal(data, &sst); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	wb.shared = make([]string, len(sst.SI))
	for i, si := range sst.SI {
		wb.shared[i] = si.String()
	}
	return nil
}

type richText struct {
	T    *string `xml:"t"`
	Runs []struct {
		T string `xml:"t"`
	} `xml:"r"`
}

func (r richText) String() string {
	if r.T != nil {
		return *r.T
	}
	var b strings.Builder
	for _, run := range r.Runs {
		b.WriteString(run.T)
	}
	return b.String()
}

// readStyles notes which cell styles format numbers as dates, so a date a spreadsheet
// stored as a day number comes back as YYYY-MM-DD.
func (wb *workbook) readStyles(rels map[string]string) error {
	wb.dates = map[int]bool{}
	name, ok := rels[relStyles]
	if !ok {
		return nil
	}
	data, err := wb.part(name)
	if err != nil {
		return err
	}
	var ss struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(data, &ss); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	custom := map[int]bool{}
	for _, f := range ss.NumFmts {
		custom[f.ID] = isDateFormat(f.Code)
	}
	for i, xf := range ss.Xfs {
		id := xf.NumFmt
		if d, ok := custom[id]; ok {
			wb.dates[i] = d
		} else {
			wb.dates[i] = id >= 14 && id <= 22 || id >= 45 && id <= 47 || id >= 27 && id <= 36 || id >= 50 && id <= 58
		}
	}
	return nil
}

// isDateFormat: a number format showing a date has d, m or y outside quotes and brackets.
func isDateFormat(code string) bool {
	quoted, bracket := false, false
	for _, r := range strings.ToLower(code) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case r == 'd' || r == 'y' || (r == 'm' && !strings.Contains(strings.ToLower(code), "h")):
			return true
		}
	}
	return false
}

// readSheet streams the sheet's cells into rows of text.
func (wb *workbook) readSheet(name string) ([][]string, error) {
	data, err := wb.part(name)
	if err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var rows [][]string
	rowNum := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			rowNum++
			if r := attr(se, "r"); r != "" {
				n, err := strconv.Atoi(r)
				if err != nil || n < rowNum || n > maxRows {
					return nil, fmt.Errorf("%s: bad row number %q", name, r)
				}
				rowNum = n
			}
			for len(rows) < rowNum {
				rows = append(rows, nil)
			}
		case "c":
			if rowNum == 0 {
				return nil, fmt.Errorf("%s: cell outside a row", name)
			}
			var c struct {
				R  string    `xml:"r,attr"`
				T  string    `xml:"t,attr"`
				S  int       `xml:"s,attr"`
				V  *string   `xml:"v"`
				IS *richText `xml:"is"`
			}
			if err := dec.DecodeElement(&c, &se); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			row := rows[rowNum-1]
			col := len(row) + 1
			if c.R != "" {
				if col, err = columnOf(c.R); err != nil || col > maxCols {
					return nil, fmt.Errorf("%s: bad cell reference %q", name, c.R)
				}
			}
			for len(row) < col {
				row = append(row, "")
			}
			row[col-1] = wb.value(c.T, c.S, c.V, c.IS)
			rows[rowNum-1] = row
		}
	}
}

// value renders one cell as the text a user sees, dates as YYYY-MM-DD.
func (wb *workbook) value(typ string, style int, v *string, is *richText) string {
	switch typ {
	case "inlineStr":
		if is != nil {
			return is.String()
		}
	case "s":
		if v != nil {
			if i, err := strconv.Atoi(strings.TrimSpace(*v)); err == nil && i >= 0 && i < len(wb.shared) {
				return wb.shared[i]
			}
		}
		return ""
	case "b":
		if v != nil && strings.TrimSpace(*v) == "1" {
			return "TRUE"
		}
		return "FALSE"
	}
	if v == nil {
		return ""
	}
	if (typ == "" || typ == "n") && wb.dates[style] {
		if f, err := strconv.ParseFloat(strings.TrimSpace(*v), 64); err == nil && f > 0 && f < 2958466 {
			// Day numbers count from 1899-12-30 (the 1900 leap-year quirk included).
			d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(math.Floor(f)))
			return d.Format("2006-01-02")
		}
	}
	return *v
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// columnOf is the 1-based column of a cell reference such as H7.
func columnOf(ref string) (int, error) {
	n := 0
	for i, r := range ref {
		if r >= 'A' && r <= 'Z' {
			n = n*26 + int(r-'A'+1)
			if n > maxCols {
				return 0, errors.New("column out of range")
			}
			continue
		}
		if i == 0 {
			return 0, errors.New("no column")
		}
		break
	}
	if n == 0 {
		return 0, errors.New("no column")
	}
	return n, nil
}
