package sheet

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNeutraliseRestore(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1)":   "'=SUM(A1)",
		"+1 555":     "'+1 555",
		"-x":         "'-x",
		"@dana":      "'@dana",
		"\tx":        "'\tx",
		"\rx":        "'\rx",
		"'=x":        "''=x",
		"''@x":       "'''@x",
		"plain":      "plain",
		"'quoted":    "'quoted",
		"'":          "'",
		"":           "",
		"a=b":        "a=b",
		" =not-lead": " =not-lead",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
		if got := Restore(Neutralise(in)); got != in {
			t.Errorf("Restore(Neutralise(%q)) = %q", in, got)
		}
	}
}

func FuzzNeutraliseRoundTrip(f *testing.F) {
	for _, s := range []string{"=1+1", "'=x", "''", "@", "-", "plain", "\t", "'\r", "a;=b", "x\n' -y", ";\t=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralise(s)
		if Restore(n) != s {
			t.Fatalf("Restore(Neutralise(%q)) = %q", s, Restore(n))
		}
		// no piece a spreadsheet might make a cell of starts a formula
		for _, p := range pieces(n) {
			if p != "" && strings.IndexByte(triggers, p[0]) >= 0 {
				t.Fatalf("Neutralise(%q) = %q: piece %q starts a formula", s, n, p)
			}
		}
	})
}

func TestReadVariants(t *testing.T) {
	for name, data := range map[string]string{
		"comma LF":           "id,status,note\nA-B,implemented,\"x, y\"\n",
		"BOM CRLF":           "\ufeffid,status,note\r\nA-B,implemented,\"x, y\"\r\n",
		"semicolon BOM":      "\ufeffid;status;note\r\nA-B;implemented;\"x, y\"\r\n",
		"tab":                "id\tstatus\tnote\nA-B\timplemented\tx, y\n",
		"quoted header":      "\"id\";\"status\";\"note\"\nA-B;implemented;x, y\n",
		"no final newline":   "id,status,note\nA-B,implemented,\"x, y\"",
		"trailing blank row": "id,status,note\nA-B,implemented,\"x, y\"\n,,\n",
	} {
		tab, err := Read("f.csv", []byte(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if strings.Join(tab.Header, "|") != "id|status|note" || len(tab.Rows) < 1 || strings.Join(tab.Rows[0].Cells, "|") != "A-B|implemented|x, y" || tab.Rows[0].Number != 2 {
			t.Errorf("%s: header %q rows %+v", name, tab.Header, tab.Rows)
		}
	}
}

func TestReadMultilineCellsKeepRowNumbers(t *testing.T) {
	tab, err := Read("f.csv", []byte("id,note\r\nA-B,\"one\r\ntwo\"\r\nC-D,'=x\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows[0].Cells[1] != "one\ntwo" || tab.Rows[1].Number != 3 || tab.Rows[1].Cells[1] != "=x" {
		t.Errorf("rows = %+v", tab.Rows)
	}
}

func TestReadErrors(t *testing.T) {
	for data, want := range map[string]string{
		"":                      "f.csv: file is empty",
		"\ufeff\r\n":            "f.csv: file is empty",
		"id,note\nA-B,\"open\n": `f.csv:2:`,
		"id,note\nA-B,x\"y\"\n": `f.csv:2:6: bare " in non-quoted-field`,
	} {
		_, err := Read("f.csv", []byte(data))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Read(%q) = %v, want %s...", data, err, want)
		}
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write("id", "note")
	w.Write("A-B", "=1+1\nline two")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "\ufeffid,note\r\nA-B,\"'=1+1\r\nline two\"\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestWriterQuotesOtherSeparators: read the output the way a spreadsheet in another
// locale would (split on ';' or tab, honouring quotes) and no cell may start a formula.
func TestWriterQuotesOtherSeparators(t *testing.T) {
	cells := []string{"remote;=cmd|' /C calc'!A0", "a\t+1", "x; @SUM(1)", "plain", "=1", "a,b"}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write(cells...)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff\"remote;'=cmd|' /C calc'!A0\",\"a\t'+1\",\"x; @SUM(1)\",plain,'=1,\"a,b\"\r\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
	for _, sep := range []rune{',', ';', '\t'} {
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte(bom))))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("split on %q: %v", sep, err)
		}
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("split on %q: cell %q starts a formula", sep, c)
			}
		}
	}
	// and the comma reader gets every cell back exactly
	tab, err := Read("f.csv", append(buf.Bytes(), "x,y,z,w,v,u\r\n"...))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tab.Header, "|") != strings.Join(cells, "|") {
		t.Errorf("read back %q, want %q", tab.Header, cells)
	}
}

func TestReadCROnlyAndUTF16(t *testing.T) {
	mac := "id,status,note\r\"A-B\",implemented,\"x\ry\"\rC-D,partial,\r"
	tab, err := Read("mac.csv", []byte(mac))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 2 || tab.Rows[0].Cell(2) != "x\ny" || tab.Rows[1].Number != 3 || tab.Rows[1].Cell(1) != "partial" {
		t.Errorf("CR-only rows = %+v", tab.Rows)
	}
	for name, data := range map[string][]byte{
		"LE": {0xFF, 0xFE, 'i', 0, 'd', 0, '\t', 0, 0xEB, 0, '\r', 0, '\n', 0},
		"BE": {0xFE, 0xFF, 0, 'i', 0, 'd', 0, '\t', 0, 0xEB, 0, '\r', 0, '\n'},
	} {
		if got := Decode(data); string(got) != "id\të\r\n" {
			t.Errorf("%s: Decode = %q", name, got)
		}
	}
	// A pair of surrogates is one character; a lone surrogate, an odd last byte and a
	// UTF-8 mark carried over from before the conversion do not survive as garbage.
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{[]byte{0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE, 'x', 0}, "😀x"},
		{[]byte{0xFF, 0xFE, 0x3D, 0xD8, 'x', 0}, "\uFFFDx"},
		{[]byte{0xFF, 0xFE, 'x', 0, 'y'}, "x\uFFFD"},
		{[]byte{0xFF, 0xFE, 0xFF, 0xFE, 'x', 0}, "x"},
	} {
		if got := Decode(c.in); string(got) != c.want {
			t.Errorf("Decode(% x) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Decode([]byte("id,x\n")); string(got) != "id,x\n" {
		t.Errorf("UTF-8 changed by Decode: %q", got)
	}
}

// FuzzWriter: whatever the cells, the comma reader gets them back exactly, and a reader
// splitting on ';' or tab (honouring quotes, as spreadsheets do) sees no cell that starts
// a formula.
func FuzzWriter(f *testing.F) {
	f.Add("remote;=cmd|' /C calc'!A0", "a\t+1", "plain")
	f.Add("=1", "\"q\"", "x\r\ny")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		for _, s := range []string{a, b, c} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\x00") || strings.TrimSpace(s) != s {
				return // CR alone is normalised on read; blanks at either end may be trimmed
			}
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		w.Write("h1", "h2", "h3")
		w.Write(a, b, c)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		tab, err := Read("f.csv", buf.Bytes())
		if err != nil {
			t.Fatalf("read back: %v\n%q", err, buf.String())
		}
		if tab.Delimiter == ',' && (len(tab.Rows) != 1 || strings.Join(tab.Rows[0].Cells, "\x00") != strings.Join([]string{a, b, c}, "\x00")) {
			t.Fatalf("round trip %q -> %+v", []string{a, b, c}, tab.Rows)
		}
		for _, sep := range []rune{';', '\t'} {
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte(bom))))
			r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
			recs, err := r.ReadAll()
			if err != nil {
				continue
			}
			for _, rec := range recs {
				for _, cell := range rec {
					if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
						t.Fatalf("split on %q: cell %q starts a formula\n%q", sep, cell, buf.String())
					}
				}
			}
		}
	})
}
