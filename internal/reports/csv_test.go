package reports_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/reports"
)

func TestCSVGolden(t *testing.T) {
	goldenRenders(t, reports.CSV, ".csv")
}

func TestCSVContent(t *testing.T) {
	m := model(t, "testdata/edge.yaml")
	var buf bytes.Buffer
	if err := reports.CSV(&buf, m); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte("\ufeffid,title,family,")) || !bytes.Contains(data, []byte("\r\n")) {
		t.Fatalf("want a byte-order mark, the header and CRLF line ends: %q", data[:40])
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows)-1, m.Result.Overall.Controls; got != want {
		t.Errorf("rows = %d, want one per applicable control (%d)", got, want)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[col["id"]]] = r
	}
	if _, ok := byID["HR-BACKGROUND-CHECKS"]; ok {
		t.Error("a not_applicable control has a row")
	}
	pol := byID["POL-INFOSEC"]
	if pol == nil {
		t.Fatal("no POL-INFOSEC row")
	}
	// Formula starters are neutralised with a leading quote.
	if got := pol[col["note"]]; !strings.HasPrefix(got, "'=cmd|") {
		t.Errorf("note = %q, want it neutralised", got)
	}
	if got := pol[col["owner"]]; got != "'@dana" {
		t.Errorf("owner = %q, want '@dana", got)
	}
	if got := pol[col["status"]] + " " + pol[col["points"]] + " " + pol[col["earned"]] + " " + pol[col["phase"]]; got != "partial 0.5 2 1" {
		t.Errorf("status points earned phase = %q", got)
	}
	if got := byID["ACC-LEAVER"][col["owner"]]; got != "Lee\tTab" {
		t.Errorf("ACC-LEAVER owner = %q", got)
	}
	mfa := byID["ACC-MFA"]
	if mfa[col["gap_rank"]] != "" || mfa[col["evidence"]] != "IdP policy <screenshot> (2026-03-01)\nundated export" {
		t.Errorf("ACC-MFA = %q", mfa)
	}
	// No cell anywhere may start a formula.
	for _, r := range rows {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q starts a formula", c)
			}
		}
	}
}
