package sheet

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Columns of the questionnaire, in the order Export writes them. Import reads the
// columns by name, so a user may reorder them, hide them or add their own.
var Columns = []string{"id", "title", "category", "criterion", "severity", "question", "guidance", "status", "note", "owner", "due", "evidence", "na_reason"}

// editable are the columns Import merges back; the others are there to read.
var editable = []string{"status", "note", "owner", "due", "evidence", "na_reason"}

// Export writes the questionnaire as CSV (see Rows).
func Export(w io.Writer, cat *catalogue.Catalogue, f *answers.Data, r *scoring.Result) error {
	sw := NewWriter(w)
	if err := sw.Write(Columns...); err != nil {
		return err
	}
	for _, row := range Rows(cat, f, r) {
		if err := sw.Write(row...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// Rows are the questionnaire's rows, in the order of Columns: one per question in scope
// (every applicable control, and those answered not_applicable so the answer can be
// changed back), in catalogue order, with the current answers filled in.
func Rows(cat *catalogue.Catalogue, f *answers.Data, r *scoring.Result) [][]string {
	var out [][]string
	for _, c := range r.Controls {
		if !c.Asked() {
			continue
		}
		a, ct := c.Answer, c.Control
		status := string(c.Status)
		if c.Status == scoring.Unanswered {
			status = ""
		}
		out = append(out, []string{ct.ID, ct.Title, strings.Join(categoriesOf(cat, c.Criteria), " "), strings.Join(c.Criteria, " "),
			ct.Severity, strings.TrimSpace(ct.Question), strings.TrimSpace(guidance(f, ct)), status, strings.TrimSpace(a.Note),
			a.Owner, a.Due, FormatEvidence(a.Evidence), strings.TrimSpace(a.NAReason)})
	}
	return out
}

// FormatEvidence writes an evidence list as a cell: one item per line, REF or
// REF@YYYY-MM-DD, as `set --evidence` takes them.
func FormatEvidence(ev []answers.Evidence) string {
	lines := make([]string, len(ev))
	for i, e := range ev {
		lines[i] = e.Ref
		if e.Date != "" {
			lines[i] += "@" + e.Date
		}
	}
	return strings.Join(lines, "\n")
}

// dateLike is what someone meant as a date after an @: three numbers with separators
// (2026-10-01, 01/10/2026), not a version or ticket number (build@2026, ops@123).
var dateLike = regexp.MustCompile(`^[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}$`)

// ParseEvidence reads an evidence cell back. The date is what follows the last @ when it
// looks like a date, so a reference such as an e-mail address keeps its @.
func ParseEvidence(cell string) ([]answers.Evidence, error) {
	var out []answers.Evidence
	for _, line := range strings.Split(cell, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		e := answers.Evidence{Ref: line}
		if i := strings.LastIndexByte(line, '@'); i >= 0 {
			if d := strings.TrimSpace(line[i+1:]); dateLike.MatchString(d) {
				if !answers.ValidDate(d) {
					return nil, fmt.Errorf("evidence %q: %q is not a date written YYYY-MM-DD", oneLine(line), d)
				}
				e = answers.Evidence{Ref: strings.TrimSpace(line[:i]), Date: d}
				if e.Ref == "" {
					return nil, fmt.Errorf("evidence %q has a date but no reference", oneLine(line))
				}
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// guidance picks the text for the organisation's size, as the reports do.
func guidance(f *answers.Data, c *catalogue.Control) string {
	return c.Guidance.For(f.Organization.Employees)
}

// categoriesOf lists the categories of the given criteria once each, in catalogue order.
func categoriesOf(cat *catalogue.Catalogue, criteria []string) []string {
	seen := map[string]bool{}
	for _, id := range criteria {
		if cr := cat.Criterion(id); cr != nil {
			seen[cr.Category] = true
		}
	}
	var out []string
	for _, c := range cat.Categories {
		if seen[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}

// Change is one control whose answer an import changes.
type Change struct {
	ID       string
	Row      int
	Old, New answers.Answer
	Answered bool // the control had an answer before
}

// Describe says what changes in one line, e.g.
// `ACC-MFA: status missing -> implemented; owner "" -> "Dana"; note edited`.
func (c Change) Describe() string {
	old := c.Old.Status
	if !c.Answered {
		old = scoring.Unanswered
	}
	var parts []string
	if old != c.New.Status {
		parts = append(parts, "status "+string(old)+" -> "+string(c.New.Status))
	}
	for _, f := range []struct{ name, a, b string }{
		{"owner", c.Old.Owner, c.New.Owner}, {"due", c.Old.Due, c.New.Due}, {"na_reason", c.Old.NAReason, c.New.NAReason},
	} {
		if same(f.a, f.b) {
			continue
		}
		if f.name == "na_reason" && f.b == "" {
			parts = append(parts, "na_reason removed")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %q -> %q", f.name, oneLine(f.a), oneLine(f.b)))
	}
	switch {
	case slices.Equal(c.Old.Evidence, c.New.Evidence):
	case len(c.Old.Evidence) == 0:
		parts = append(parts, "evidence added")
	case len(c.New.Evidence) == 0:
		parts = append(parts, "evidence removed")
	default:
		parts = append(parts, "evidence edited")
	}
	switch {
	case same(c.Old.Note, c.New.Note):
	case strings.TrimSpace(c.Old.Note) == "":
		parts = append(parts, "note added")
	case strings.TrimSpace(c.New.Note) == "":
		parts = append(parts, "note removed")
	default:
		parts = append(parts, "note edited")
	}
	return c.ID + ": " + strings.Join(parts, "; ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// same compares two cell values as a user sees them: surrounding blanks and line-end
// style do not count, so a sheet that was opened and saved unchanged changes nothing.
func same(a, b string) bool { return norm(a) == norm(b) }

func norm(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// maxErrors bounds the problems reported for one sheet; past that the user has the idea.
const maxErrors = 20

// Plan reads a filled-in questionnaire and works out what it changes in the answers file,
// without changing anything. Every row is checked first: any problem and Plan returns the
// problems (each naming its row and column) and no changes, so a bad sheet imports
// nothing. today (YYYY-MM-DD) becomes the `updated` date of each changed answer.
func Plan(file string, data []byte, cat *catalogue.Catalogue, f *answers.Data, today string) ([]Change, []*RowError, error) {
	t, err := Read(file, data)
	if err != nil {
		return nil, nil, err
	}
	return PlanTable(t, cat, f, today)
}

// PlanTable is Plan on a sheet already read (CSV or workbook).
func PlanTable(t *Table, cat *catalogue.Catalogue, f *answers.Data, today string) ([]Change, []*RowError, error) {
	col := map[string]int{}
	for i, h := range t.Header {
		name := Column(h)
		if name == "control" {
			name = "id"
		}
		if name == "" {
			continue
		}
		if _, dup := col[name]; dup {
			return nil, nil, problem.New("keep one column of each name", "%s: column %q appears twice", t.Cell(1, i+1), h)
		}
		col[name] = i
	}
	if _, ok := col["id"]; !ok {
		return nil, nil, problem.New("the first row must be the header that `soc2ready export` writes (id, title, ..., status, note, owner, due)",
			"%s: no id column", t.Cell(1, 0))
	}
	known := false
	for _, name := range editable {
		_, ok := col[name]
		known = known || ok
	}
	if !known {
		return nil, nil, problem.New("keep at least one of the columns "+strings.Join(editable, ", "),
			"%s: no column to import", t.Cell(1, 0))
	}

	var changes []Change
	var errs []*RowError
	seen := map[string]int{}
	for _, row := range t.Rows {
		if len(errs) >= maxErrors {
			break
		}
		if row.Empty() {
			continue
		}
		ch, rowErrs := planRow(t, row, col, cat, f, seen, today)
		errs = append(errs, rowErrs...)
		if ch != nil {
			changes = append(changes, *ch)
		}
	}
	if len(errs) > maxErrors {
		errs = errs[:maxErrors]
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Row < changes[j].Row })
	return changes, nil, nil
}

// rowReader reads one row's cells by column name and collects its errors.
type rowReader struct {
	t    *Table
	row  Row
	col  map[string]int
	errs []*RowError
}

func (r *rowReader) fail(column, hint, format string, args ...any) {
	e := &RowError{File: r.t.File, Sheet: r.t.Sheet, Row: r.row.Number, Column: column, Msg: fmt.Sprintf(format, args...), Hint: hint}
	if i, ok := r.col[column]; ok {
		e.Col = i + 1
	}
	r.errs = append(r.errs, e)
}

// cell is the normalised text of a column, and whether the sheet has that column.
func (r *rowReader) cell(column string) (string, bool) {
	i, ok := r.col[column]
	if !ok {
		return "", false
	}
	return norm(r.row.Cell(i)), true
}

// control finds the row's control: by id, case-insensitively, once per sheet.
func (r *rowReader) control(cat *catalogue.Catalogue, seen map[string]int) *catalogue.Control {
	id, _ := r.cell("id")
	if id == "" {
		r.fail("id", "fill in the control id, or delete the row", "row has no control id")
		return nil
	}
	ctl := cat.Control(id)
	if ctl == nil {
		ctl = cat.Control(strings.ToUpper(id))
	}
	if ctl == nil {
		r.fail("id", problem.DidYouMean(id, cat.ControlIDs(), "run `soc2ready catalog list` to see control ids"), "unknown control id %q", id)
		return nil
	}
	if prev, dup := seen[ctl.ID]; dup {
		r.fail("id", "keep one row per control", "%s already appears on row %d", ctl.ID, prev)
		return nil
	}
	seen[ctl.ID] = r.row.Number
	return ctl
}

// details copies the editable cells other than the status into the answer.
func (r *rowReader) details(id string, a *answers.Answer) {
	if v, ok := r.cell("note"); ok {
		a.Note = v
	}
	if v, ok := r.cell("owner"); ok {
		a.Owner = oneLine(v)
	}
	if v, ok := r.cell("due"); ok {
		a.Due = v
		if v != "" && !answers.ValidDate(v) {
			r.fail("due", "write dates as YYYY-MM-DD; if a spreadsheet rewrote them, format the due column as text", "%s: due %q is not a date", id, v)
		}
	}
	if v, ok := r.cell("na_reason"); ok {
		a.NAReason = v
	}
	if v, ok := r.cell("evidence"); ok {
		ev, err := ParseEvidence(v)
		if err != nil {
			r.fail("evidence", "one item per line: REF or REF@YYYY-MM-DD", "%s: %v", id, err)
		} else {
			a.Evidence = ev
		}
	}
}

// status reads the status cell into the answer. An empty status is refused where it would
// remove an answer or leave filled-in details without one.
func (r *rowReader) status(id string, a *answers.Answer, old answers.Answer, answered bool) {
	status, hasStatus := r.cell("status")
	status = normStatus(status)
	details := a.Note != "" || a.Owner != "" || a.Due != "" || a.NAReason != "" || len(a.Evidence) > 0
	switch {
	case !hasStatus || status == "":
		if answered && hasStatus {
			r.fail("status", "put the status back; to leave a control unchanged, delete its row", "%s: status is empty, but the answers file has %s (import cannot remove an answer)", id, old.Status)
		} else if !answered && details {
			r.fail("status", "status is one of "+strings.Join(answers.StatusNames(), ", "), "%s is unanswered: give a status for the details filled in", id)
		}
	case !answers.Status(status).Valid():
		r.fail("status", problem.DidYouMean(status, answers.StatusNames(), "status is one of "+strings.Join(answers.StatusNames(), ", ")), "%s: invalid status %q", id, status)
	default:
		a.Status = answers.Status(status)
	}
}

func planRow(t *Table, row Row, col map[string]int, cat *catalogue.Catalogue, f *answers.Data, seen map[string]int, today string) (*Change, []*RowError) {
	r := &rowReader{t: t, row: row, col: col}
	ctl := r.control(cat, seen)
	if ctl == nil {
		return nil, r.errs
	}
	old, answered := f.Answers[ctl.ID]
	a := old
	r.details(ctl.ID, &a)
	r.status(ctl.ID, &a, old, answered)
	if len(r.errs) > 0 || a.Status == "" {
		return nil, r.errs
	}
	if a.MissingReason() {
		r.fail("na_reason", "say why the control does not apply in the na_reason column; auditors ask", "%s is not_applicable but has no na_reason", ctl.ID)
		return nil, r.errs
	}
	if a.Status != answers.NotApplicable {
		a.NAReason = ""
	}
	if answered && old.Status == a.Status && same(old.Note, a.Note) && same(old.Owner, a.Owner) && old.Due == a.Due && same(old.NAReason, a.NAReason) && slices.Equal(old.Evidence, a.Evidence) {
		return nil, nil
	}
	// Keep the file's own text where only blanks differ, so the YAML does not churn.
	if same(old.Note, a.Note) {
		a.Note = old.Note
	}
	if same(old.NAReason, a.NAReason) {
		a.NAReason = old.NAReason
	}
	a.Updated = today
	return &Change{ID: ctl.ID, Row: row.Number, Old: old, New: a, Answered: answered}, nil
}

// normStatus accepts the ways people write a status in a sheet: "Not applicable",
// "not-applicable", " Implemented ".
func normStatus(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}
