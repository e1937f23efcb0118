package sheet

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

const today = "2026-11-18"

func load(t testing.TB) (*catalogue.Catalogue, *answersfile.File) {
	t.Helper()
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/answers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "soc2ready.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := answersfile.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	return cat, f
}

func export(t *testing.T, cat *catalogue.Catalogue, f *answersfile.File) []byte {
	t.Helper()
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	var buf bytes.Buffer
	if err := Export(&buf, cat, &f.Data, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// spreadsheet is the exported sheet as a user's spreadsheet holds it: cells by id and
// column name, with the neutralising quotes still on (a spreadsheet shows them as text).
type spreadsheet struct {
	header []string
	rows   [][]string
	col    map[string]int
}

func open(t *testing.T, data []byte) *spreadsheet {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	s := &spreadsheet{header: rows[0], rows: rows[1:], col: map[string]int{}}
	for i, h := range rows[0] {
		s.col[h] = i
	}
	return s
}

func (s *spreadsheet) row(id string) []string {
	for _, r := range s.rows {
		if r[0] == id {
			return r
		}
	}
	return nil
}

func (s *spreadsheet) set(t *testing.T, id, column, v string) {
	t.Helper()
	r := s.row(id)
	if r == nil {
		t.Fatalf("no row %s", id)
	}
	r[s.col[column]] = v
}

// save writes the sheet the way a spreadsheet program would.
func (s *spreadsheet) save(comma rune, crlf, bom bool) []byte {
	var buf bytes.Buffer
	if bom {
		buf.WriteString("\ufeff")
	}
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = comma, crlf
	w.Write(s.header)
	w.WriteAll(s.rows)
	return buf.Bytes()
}

func TestExport(t *testing.T) {
	cat, f := load(t)
	s := open(t, export(t, cat, f))
	if strings.Join(s.header, ",") != strings.Join(Columns, ",") {
		t.Errorf("header = %v", s.header)
	}
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	if got, want := len(s.rows), r.Overall.Controls+1; got != want {
		t.Errorf("rows = %d, want the applicable controls plus the one answered not_applicable (%d)", got, want)
	}
	for _, tc := range []struct{ id, column, want string }{
		{"POL-INFOSEC", "status", "partial"},
		{"POL-INFOSEC", "note", "drafted\nneeds CEO sign-off"},
		{"POL-INFOSEC", "owner", "Dana"},
		{"POL-INFOSEC", "due", "2026-12-31"},
		{"BCP-KEY-PEOPLE", "status", "planned"}, // answered under its old id
		{"HR-BACKGROUND-CHECKS", "na_reason", "all staff hired through an agency that checks"},
		{"ACC-LEAVER", "status", ""},
		{"ACC-MFA", "category", "security"},
	} {
		r := s.row(tc.id)
		if r == nil {
			t.Errorf("no row %s", tc.id)
			continue
		}
		if got := r[s.col[tc.column]]; got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.id, tc.column, got, tc.want)
		}
	}
	if s.row("PHY-VISITORS") != nil {
		t.Error("PHY-VISITORS is off (no office) but exported")
	}
}

func TestImportUnchangedSheetChangesNothing(t *testing.T) {
	cat, f := load(t)
	data := export(t, cat, f)
	for name, variant := range map[string][]byte{
		"as exported":              data,
		"LibreOffice comma LF":     open(t, data).save(',', false, false),
		"Excel semicolon BOM CRLF": open(t, data).save(';', true, true),
	} {
		changes, errs, err := Plan("q.csv", variant, cat, &f.Data, today)
		if err != nil || len(errs) > 0 || len(changes) > 0 {
			t.Errorf("%s: changes %v, problems %v, err %v", name, changes, errs, err)
		}
	}
}

// TestRoundTrip exports, edits cells as a user would, saves the sheet as Excel and
// LibreOffice do, imports, saves the answers file and loads it again.
func TestRoundTrip(t *testing.T) {
	for _, v := range []struct {
		name      string
		comma     rune
		crlf, bom bool
	}{
		{"LibreOffice: comma, LF, no BOM", ',', false, false},
		{"Excel (German locale): semicolon, CRLF, BOM", ';', true, true},
		{"tab separated", '\t', true, false},
	} {
		t.Run(v.name, func(t *testing.T) {
			cat, f := load(t)
			s := open(t, export(t, cat, f))
			s.set(t, "ACC-LEAVER", "status", "Implemented")
			s.set(t, "ACC-LEAVER", "owner", "'@it-team") // neutralised by the user, as export does
			s.set(t, "ACC-LEAVER", "note", "'=not a formula")
			s.set(t, "POL-INFOSEC", "status", "implemented")
			s.set(t, "POL-INFOSEC", "note", "approved by the CEO;\r\nsigned, dated")
			s.set(t, "POL-INFOSEC", "due", "")
			s.set(t, "BCP-KEY-PEOPLE", "status", "partial")
			s.set(t, "HR-BACKGROUND-CHECKS", "status", "missing")
			s.set(t, "ACC-ACCESS-REVIEW", "status", "not applicable")
			s.set(t, "ACC-ACCESS-REVIEW", "na_reason", "two people, reviewed daily")
			changes, errs, err := Plan("q.csv", s.save(v.comma, v.crlf, v.bom), cat, &f.Data, today)
			if err != nil || len(errs) > 0 {
				t.Fatalf("problems %v, err %v", errs, err)
			}
			var lines []string
			for _, c := range changes {
				lines = append(lines, c.Describe())
			}
			want := []string{
				`HR-BACKGROUND-CHECKS: status not_applicable -> missing; na_reason removed`,
				`POL-INFOSEC: status partial -> implemented; due "2026-12-31" -> ""; note edited`,
				`ACC-ACCESS-REVIEW: status unanswered -> not_applicable; na_reason "" -> "two people, reviewed daily"`,
				`ACC-LEAVER: status unanswered -> implemented; owner "" -> "@it-team"; note added`,
				`BCP-KEY-PEOPLE: status planned -> partial`,
			}
			if strings.Join(sortedByID(lines, want), "\n") != strings.Join(want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
			}
			for _, c := range changes {
				if err := f.SetAnswer(c.ID, c.New); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			saved, _ := os.ReadFile(f.Path)
			if !bytes.Contains(saved, []byte("# Round-trip fixture: this comment must survive an import.")) ||
				!bytes.Contains(saved, []byte("# enforced in the IdP")) {
				t.Errorf("comments lost:\n%s", saved)
			}
			g, err := answersfile.Load(f.Path, cat)
			if err != nil {
				t.Fatalf("saved file does not load: %v\n%s", err, saved)
			}
			a := g.Answers
			if a["ACC-LEAVER"].Owner != "@it-team" || a["ACC-LEAVER"].Note != "=not a formula" || a["ACC-LEAVER"].Updated != today {
				t.Errorf("ACC-LEAVER = %+v", a["ACC-LEAVER"])
			}
			if a["POL-INFOSEC"].Note != "approved by the CEO;\nsigned, dated" || a["POL-INFOSEC"].Due != "" || a["POL-INFOSEC"].Owner != "Dana" {
				t.Errorf("POL-INFOSEC = %+v", a["POL-INFOSEC"])
			}
			if a["HR-BACKGROUND-CHECKS"].NAReason != "" || a["BCP-KEY-PEOPLE"].Status != "partial" || a["ACC-ACCESS-REVIEW"].Status != "not_applicable" {
				t.Errorf("answers = %+v", a)
			}
			if len(a["ACC-MFA"].Evidence) != 1 || a["ACC-MFA"].Updated != "2026-09-01" {
				t.Errorf("untouched ACC-MFA changed: %+v", a["ACC-MFA"])
			}
			// Exporting again and importing that changes nothing: the round trip is closed.
			again, errs, err := Plan("q.csv", export(t, cat, g), cat, &g.Data, today)
			if err != nil || len(errs) > 0 || len(again) > 0 {
				t.Errorf("second round: changes %v problems %v err %v", again, errs, err)
			}
		})
	}
}

// sortedByID orders got like want when they hold the same lines, so the comparison does
// not depend on the catalogue's row order.
func sortedByID(got, want []string) []string {
	out := make([]string, 0, len(got))
	for _, w := range want {
		for _, g := range got {
			if g == w {
				out = append(out, g)
			}
		}
	}
	if len(out) != len(got) {
		return got
	}
	return out
}

func TestBadRowsImportNothing(t *testing.T) {
	cat, f := load(t)
	s := open(t, export(t, cat, f))
	s.set(t, "ACC-MFA", "note", "fine edit on a good row")
	s.set(t, "ACC-LEAVER", "status", "done")
	s.set(t, "POL-INFOSEC", "due", "31/12/2026")
	s.rows[5][0] = "ACC-MFX"
	s.rows = append(s.rows, append([]string(nil), s.row("ACC-MFA")...))
	s.rows = append(s.rows, []string{"", "", "", "", "", "", "", "note without id"})
	data := s.save(',', true, true)
	changes, errs, err := Plan("q.csv", data, cat, &f.Data, today)
	if err != nil {
		t.Fatal(err)
	}
	if changes != nil {
		t.Errorf("changes = %v, want none when any row is bad", changes)
	}
	rowOf := func(id string) int {
		for i, r := range s.rows {
			if r[0] == id {
				return i + 2
			}
		}
		return 0
	}
	want := map[string]string{
		itoa(rowOf("ACC-LEAVER")) + ":8":   `ACC-LEAVER: invalid status "done"`,
		itoa(rowOf("POL-INFOSEC")) + ":11": `POL-INFOSEC: due "31/12/2026" is not a date`,
		"7:1":                              `unknown control id "ACC-MFX"`,
		itoa(len(s.rows)) + ":1":           `ACC-MFA already appears on row ` + itoa(rowOf("ACC-MFA")),
		itoa(len(s.rows)+1) + ":1":         `row has no control id`,
	}
	got := map[string]string{}
	for _, e := range errs {
		got[itoa(e.Row)+":"+itoa(e.Col)] = e.Msg
		if !strings.HasPrefix(e.Error(), "q.csv:"+itoa(e.Row)+":"+itoa(e.Col)+": ") {
			t.Errorf("Error() = %q", e.Error())
		}
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("row:col %s = %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems = %v", got)
	}
	for _, e := range errs {
		if e.Msg == `unknown control id "ACC-MFX"` && e.Hint != `did you mean "ACC-MFA"?` {
			t.Errorf("hint = %q", e.Hint)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestImportRules(t *testing.T) {
	cat, f := load(t)
	for name, tc := range map[string]struct{ sheet, want string }{
		"blank status on an answered control": {"id,status\nPOL-INFOSEC,\n", `POL-INFOSEC: status is empty, but the answers file has partial (import cannot remove an answer)`},
		"details without a status":            {"id,status,owner\nACC-LEAVER,,Lee\n", `ACC-LEAVER is unanswered: give a status for the details filled in`},
		"not_applicable without a reason":     {"id,status\nACC-LEAVER,not_applicable\n", `ACC-LEAVER is not_applicable but has no na_reason`},
	} {
		_, errs, err := Plan("q.csv", []byte(tc.sheet), cat, &f.Data, today)
		if err != nil || len(errs) != 1 || errs[0].Msg != tc.want {
			t.Errorf("%s: %v %v, want %s", name, errs, err, tc.want)
		}
	}
	// A sheet with only some columns imports those; a blank unanswered row is skipped;
	// ids are matched ignoring case and old ids map to the current one.
	changes, errs, err := Plan("q.csv", []byte("ID,Owner,My own column\nacc-mfa,Sam,x\nACC-LEAVER,,\nBCP-KEY-PERSON,Kim,\n"), cat, &f.Data, today)
	if err != nil || len(errs) > 0 || len(changes) != 2 || changes[0].Describe() != `ACC-MFA: owner "" -> "Sam"` || changes[1].ID != "BCP-KEY-PEOPLE" {
		t.Errorf("partial sheet: %v %v %v", changes, errs, err)
	}
	for sheet, want := range map[string]string{
		"status,note\nimplemented,x\n":    "q.csv:1: no id column",
		"id,title\nACC-MFA,x\n":           "q.csv:1: no column to import",
		"id,status,Status\nACC-MFA,a,b\n": `q.csv:1:3: column "Status" appears twice`,
	} {
		if _, _, err := Plan("q.csv", []byte(sheet), cat, &f.Data, today); err == nil || err.Error() != want {
			t.Errorf("Plan(%q) = %v, want %s", sheet, err, want)
		}
	}
}

// FuzzPlan feeds arbitrary sheets to the importer: it must never panic, and either
// report problems or produce answers that validate.
func FuzzPlan(f *testing.F) {
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		f.Fatal(err)
	}
	src := []byte("organization: {name: x}\nscope: {categories: [security]}\nanswers:\n  ACC-MFA: {status: partial}\n")
	f.Add([]byte("id,status,note,owner,due,na_reason\nACC-MFA,implemented,'=x,Dana,2026-01-02,\n"))
	f.Add([]byte("\ufeffid;status\r\nACC-LEAVER;not_applicable\r\n"))
	f.Add([]byte("id,status\n\"ACC-MFA\n\",partial\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "a.yaml")
		file, err := answersfile.Parse(path, src, cat)
		if err != nil {
			t.Fatal(err)
		}
		changes, _, err := Plan("q.csv", data, cat, &file.Data, today)
		if err != nil {
			return
		}
		for _, c := range changes {
			if err := file.SetAnswer(c.ID, c.New); err != nil {
				t.Fatal(err)
			}
		}
		if err := file.Save(); err != nil {
			t.Fatal(err)
		}
		if _, err := answersfile.Load(path, cat); err != nil {
			out, _ := os.ReadFile(path)
			t.Fatalf("imported answers do not validate: %v\n%s", err, out)
		}
	})
}

func TestParseEvidence(t *testing.T) {
	for cell, want := range map[string]string{
		"policy.pdf@2026-01-15":                   "policy.pdf|2026-01-15",
		"policy.pdf @ 2026-01-15\n\nticket OPS-1": "policy.pdf|2026-01-15 ticket OPS-1|",
		"security@acme.example":                   "security@acme.example|",
		"build@2026":                              "build@2026|",
		"ops@123":                                 "ops@123|",
		"":                                        "",
	} {
		ev, err := ParseEvidence(cell)
		var got []string
		for _, e := range ev {
			got = append(got, e.Ref+"|"+e.Date)
		}
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("ParseEvidence(%q) = %q, %v; want %q", cell, got, err, want)
		}
	}
	for _, cell := range []string{"policy.pdf@31/12/2026", "@2026-01-15", "x@2026-02-30"} {
		if _, err := ParseEvidence(cell); err == nil {
			t.Errorf("ParseEvidence(%q) accepted", cell)
		}
	}
	if FormatEvidence([]answers.Evidence{{Ref: "a", Date: "2026-01-02"}, {Ref: "b"}}) != "a@2026-01-02\nb" {
		t.Error("FormatEvidence")
	}
}
