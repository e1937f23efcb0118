// Package answersfile reads, validates and rewrites the answers file (the content is the
// answers package's Data). Rewrites go through the YAML node tree so the user's comments
// and key order survive and a git diff shows only what changed.
package answersfile

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

// DefaultPath is used when -a/--answers is not given.
const DefaultPath = "soc2ready.yaml"

// File is an answers file: its content and the parsed document that saves edit in place.
type File struct {
	answers.Data `yaml:",inline"`

	Path string        `yaml:"-"`
	doc  *yamlfile.Doc // the parsed document, edited in place on save
	key  map[string]string
}

// Load reads and validates an answers file against the catalogue.
func Load(path string, cat *catalogue.Catalogue) (*File, error) {
	data, err := yamlfile.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, cat)
}

// Parse validates answers-file content; path is used in messages and for saving.
func Parse(path string, data []byte, cat *catalogue.Catalogue) (*File, error) {
	doc, err := yamlfile.Parse(path, data)
	if err != nil {
		return nil, problem.Rehint(err, yamlfile.ErrEmpty, "see the README for the format, or run `soc2ready init`")
	}
	f := &File{Path: path, doc: doc}
	if err := doc.Decode(f); err != nil {
		return nil, err
	}
	if err := f.validate(cat); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *File) at(hint, format string, path ...string) func(args ...any) error {
	return func(args ...any) error {
		return problem.At(f.Path, f.doc.Line(path...), hint, format, args...)
	}
}

// MaxListItems bounds each list of the scope and each answer's evidence and exceptions:
// every item is printed in the report, and a few hundred is already a long one.
const MaxListItems = 1000

// validate checks the whole file and reports every problem it finds, not only the first.
func (f *File) validate(cat *catalogue.Catalogue) error {
	// A list past the limit is refused before anything else is looked at.
	for _, l := range []struct {
		name string
		n    int
	}{
		{"commitments", len(f.Scope.Commitments)},
		{"complementary_user_entity_controls", len(f.Scope.CUECs)},
		{"subservice_organizations", len(f.Scope.Subservice)},
	} {
		if l.n > MaxListItems {
			return f.at("keep the ones an auditor needs; link to the full list instead", "scope.%s has %d items; the limit is %d", "scope", l.name)(l.name, l.n, MaxListItems)
		}
	}
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	if strings.TrimSpace(f.Organization.Name) == "" {
		add(f.at("add `organization: {name: ...}` or run `soc2ready init`", "organization.name is missing", "organization")())
	}
	for i, c := range f.Scope.Categories {
		if cat.Category(c) == nil {
			add(problem.At(f.Path, f.doc.Line("scope", "categories", fmt.Sprint(i)),
				problem.DidYouMean(c, cat.CategoryIDs(), "categories are "+strings.Join(cat.CategoryIDs(), ", ")),
				"unknown category %q", c))
		}
	}
	switch f.Scope.ReportType {
	case "", answers.Type1, answers.Type2:
	default:
		add(f.at("report_type is type1 or type2", "invalid report_type %q", "scope", "report_type")(f.Scope.ReportType))
	}
	if p := f.Scope.ObservationPeriod; p != nil {
		valid := true
		for _, part := range []struct{ name, v string }{{"start", string(p.Start)}, {"end", string(p.End)}} {
			if !answers.ValidDate(part.v) {
				valid = false
				add(f.at("write dates as YYYY-MM-DD", "observation_period.%s %q is not a date", "scope", "observation_period", part.name)(part.name, part.v))
			}
		}
		if valid && p.End <= p.Start {
			add(f.at("the period must end after it starts", "observation_period ends before it starts", "scope", "observation_period")())
		}
	}
	factIDs := make([]string, len(cat.Facts))
	for i, fc := range cat.Facts {
		factIDs[i] = fc.ID
	}
	for _, id := range slices.Sorted(maps.Keys(f.Scope.Facts)) { // same order every run
		if cat.Fact(id) == nil {
			add(f.at(problem.DidYouMean(id, factIDs, "scope facts are "+strings.Join(factIDs, ", ")), "unknown scope fact %q", "scope", "facts", id)(id))
		}
	}
	for i, s := range f.Scope.Subservice {
		if strings.TrimSpace(s.Name) == "" {
			add(f.at("give each subservice organisation a name", "subservice organisation without a name", "scope", "subservice_organizations", fmt.Sprint(i))())
		}
		if !s.Method.Valid() {
			add(f.at("method is carve_out or inclusive", "subservice organisation %s: invalid method %q", "scope", "subservice_organizations", fmt.Sprint(i), "method")(s.Name, s.Method))
		}
		for j, id := range s.Criteria {
			// A group (CC6) stands for all its criteria, as everywhere a criterion is named;
			// case does not matter. The file keeps what was written; the description reads
			// it the same way (reports.criteriaPhrase).
			if cat.Criterion(strings.ToUpper(id)) == nil && cat.Group(strings.ToUpper(id)) == nil {
				add(f.at("name criteria or groups by id, such as CC6.4, A1.2 or CC6", "subservice organisation %s: unknown criterion %q", "scope", "subservice_organizations", fmt.Sprint(i), "criteria", fmt.Sprint(j))(s.Name, id))
			}
		}
	}
	errs = append(errs, f.validateAnswers(cat)...)
	return problem.Join(errs)
}

func (f *File) validateAnswers(cat *catalogue.Catalogue) []error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	ids, lines := f.doc.Keys("answers")
	f.key = map[string]string{}
	canon := map[string]answers.Answer{}
	for i, id := range ids {
		if len(errs) > problem.MaxList {
			break // enough to report; a hostile file may have thousands
		}
		line := lines[i]
		ctl := cat.Control(id)
		if ctl == nil {
			ctl = cat.Control(strings.ToUpper(id)) // ids are not case-sensitive
		}
		if ctl == nil {
			add(problem.At(f.Path, line, problem.DidYouMean(id, cat.ControlIDs(), "run `soc2ready catalog list` to see control ids"),
				"unknown control id %q", id))
			continue
		}
		use := true
		if prev, dup := f.key[ctl.ID]; dup {
			// Only a merge of two controls explains two entries for one control. The entry
			// under the current id counts (or the first, when both ids are old ones).
			if id != ctl.ID {
				f.Superseded = append(f.Superseded, answers.Superseded{ID: id, Used: prev, Control: ctl.ID, Line: line})
				use = false
			} else {
				f.Superseded = append(f.Superseded, answers.Superseded{ID: prev, Used: id, Control: ctl.ID, Line: lines[indexOf(ids, prev)]})
			}
		}
		if use {
			f.key[ctl.ID] = id
		}
		a := f.Answers[id]
		at := func(field string) int {
			if l := f.doc.Line("answers", id, field); l > 0 {
				return l
			}
			return line
		}
		switch {
		case a.Status == "":
			add(problem.At(f.Path, line, "add `status:` ("+strings.Join(answers.StatusNames(), ", ")+")", "%s has no status", id))
		case !a.Status.Valid():
			add(problem.At(f.Path, at("status"), problem.DidYouMean(string(a.Status), answers.StatusNames(), "status is one of "+strings.Join(answers.StatusNames(), ", ")),
				"invalid status %q for %s", a.Status, id))
		case a.MissingReason():
			add(problem.At(f.Path, at("status"), answers.NAReasonHint, "%s is not_applicable but has no na_reason", id))
		}
		for _, d := range []struct{ field, v string }{{"due", a.Due}, {"updated", a.Updated}, {"operating_since", a.OperatingSince}} {
			if d.v != "" && !answers.ValidDate(d.v) {
				add(problem.At(f.Path, at(d.field), "write dates as YYYY-MM-DD", "%s: %s %q is not a date", id, d.field, d.v))
			}
		}
		if len(a.Evidence) > MaxListItems {
			return append(errs, problem.At(f.Path, at("evidence"), "keep the evidence an auditor samples; link to the rest", "%s has %d evidence items; the limit is %d", id, len(a.Evidence), MaxListItems))
		}
		if len(a.Exceptions) > MaxListItems {
			return append(errs, problem.At(f.Path, at("exceptions"), "summarise repeated deviations in one entry", "%s has %d exceptions; the limit is %d", id, len(a.Exceptions), MaxListItems))
		}
		for j, e := range a.Evidence {
			l := f.doc.Line("answers", id, "evidence", fmt.Sprint(j))
			if strings.TrimSpace(e.Ref) == "" {
				add(problem.At(f.Path, l, "each evidence item needs `ref:` (a link, ticket or file name)", "%s: evidence without a ref", id))
			}
			if e.Date != "" && !answers.ValidDate(e.Date) {
				add(problem.At(f.Path, l, "write dates as YYYY-MM-DD", "%s: evidence date %q is not a date", id, e.Date))
			}
		}
		for j, e := range a.Exceptions {
			l := f.doc.Line("answers", id, "exceptions", fmt.Sprint(j))
			if !answers.ValidDate(e.Date) {
				add(problem.At(f.Path, l, "give each exception `date: YYYY-MM-DD` (the day it happened or was found)", "%s: exception date %q is not a date", id, e.Date))
			}
			if strings.TrimSpace(e.Description) == "" {
				add(problem.At(f.Path, l, "say what went wrong in `description:`; the auditor will ask", "%s: exception without a description", id))
			}
		}
		if use {
			canon[ctl.ID] = a
		}
	}
	f.Answers = canon
	return errs
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// New starts an answers file in memory; Save writes it.
func New(path string, cat *catalogue.Catalogue) *File {
	f := &File{Path: path, doc: yamlfile.New(path), key: map[string]string{}}
	f.Answers = map[string]answers.Answer{}
	f.CatalogVersion = cat.Version
	f.doc.SetHeadComment("soc2ready answers file: keep it in git. `soc2ready validate` checks it;\n" +
		"`soc2ready report` turns it into a readiness report. Comments you add are kept.")
	return f
}

// SetAnswer records an answer for a control (by canonical id), editing only the fields
// that changed so comments on the others stay.
func (f *File) SetAnswer(id string, a answers.Answer) error {
	if f.Answers == nil {
		f.Answers = map[string]answers.Answer{}
	}
	prev, existed := f.Answers[id]
	f.Answers[id] = a
	key, ok := f.key[id]
	if !ok {
		key = id
		f.key[id] = id
	}
	fields := []struct {
		name      string
		v         any
		set, same bool
	}{
		{"status", a.Status, true, a.Status == prev.Status},
		{"note", a.Note, a.Note != "", a.Note == prev.Note},
		{"owner", a.Owner, a.Owner != "", a.Owner == prev.Owner},
		{"due", yamlfile.Date(a.Due), a.Due != "", a.Due == prev.Due},
		{"evidence", evidenceNodes(a.Evidence), len(a.Evidence) > 0, slices.Equal(a.Evidence, prev.Evidence)},
		{"na_reason", a.NAReason, a.NAReason != "", a.NAReason == prev.NAReason},
		{"operating_since", yamlfile.Date(a.OperatingSince), a.OperatingSince != "", a.OperatingSince == prev.OperatingSince},
		{"exceptions", exceptionNodes(a.Exceptions), len(a.Exceptions) > 0, slices.Equal(a.Exceptions, prev.Exceptions)},
		{"updated", yamlfile.Date(a.Updated), a.Updated != "", a.Updated == prev.Updated},
	}
	for _, fl := range fields {
		if existed && fl.same {
			continue // untouched fields keep their exact bytes (quoting, style, comments)
		}
		if fl.set {
			if err := f.doc.Set(fl.v, "answers", key, fl.name); err != nil {
				return err
			}
		} else {
			f.doc.Delete("answers", key, fl.name)
		}
	}
	return nil
}

// RemoveAnswer deletes a control's answer (by canonical id) from the file; the other
// answers keep their bytes.
func (f *File) RemoveAnswer(id string) {
	key, ok := f.key[id]
	if !ok {
		key = id
	}
	f.doc.Delete("answers", key)
	delete(f.Answers, id)
	delete(f.key, id)
}

type evidenceNode struct {
	Ref  string        `yaml:"ref"`
	Date yamlfile.Date `yaml:"date,omitempty"`
}

func evidenceNodes(ev []answers.Evidence) []evidenceNode {
	out := make([]evidenceNode, len(ev))
	for i, e := range ev {
		out[i] = evidenceNode{e.Ref, yamlfile.Date(e.Date)}
	}
	return out
}

type exceptionNode struct {
	Date        yamlfile.Date `yaml:"date"`
	Description string        `yaml:"description"`
}

func exceptionNodes(ex []answers.Exception) []exceptionNode {
	out := make([]exceptionNode, len(ex))
	for i, e := range ex {
		out[i] = exceptionNode{yamlfile.Date(e.Date), e.Description}
	}
	return out
}

// SetHeader writes the catalogue version, organisation and scope back into the document,
// field by field and only where a value changed, so comments on untouched fields stay and
// a diff shows just the edit.
func (f *File) SetHeader() error {
	var old File
	for _, part := range []struct {
		out  any
		path string
	}{{&old.CatalogVersion, "catalog_version"}, {&old.Organization, "organization"}, {&old.Scope, "scope"}} {
		if err := f.doc.DecodeAt(part.out, part.path); err != nil {
			return err
		}
	}
	o, s, was, wasScope := f.Organization, f.Scope, old.Organization, old.Scope
	fields := []struct {
		path      []string
		now, then any
		empty     bool
	}{
		{[]string{"catalog_version"}, f.CatalogVersion, old.CatalogVersion, f.CatalogVersion == ""},
		{[]string{"organization", "name"}, o.Name, was.Name, false},
		{[]string{"organization", "system"}, o.System, was.System, o.System == ""},
		{[]string{"organization", "services"}, o.Services, was.Services, o.Services == ""},
		{[]string{"organization", "employees"}, o.Employees, was.Employees, o.Employees == 0},
		{[]string{"scope", "categories"}, s.Categories, wasScope.Categories, false},
		{[]string{"scope", "report_type"}, s.ReportType, wasScope.ReportType, s.ReportType == ""},
		{[]string{"scope", "observation_period"}, s.ObservationPeriod, wasScope.ObservationPeriod, s.ObservationPeriod == nil},
		{[]string{"scope", "facts"}, s.Facts, wasScope.Facts, len(s.Facts) == 0},
		{[]string{"scope", "commitments"}, s.Commitments, wasScope.Commitments, len(s.Commitments) == 0},
		{[]string{"scope", "components"}, s.Components, wasScope.Components, s.Components == nil},
		{[]string{"scope", "subservice_organizations"}, s.Subservice, wasScope.Subservice, len(s.Subservice) == 0},
		{[]string{"scope", "complementary_user_entity_controls"}, s.CUECs, wasScope.CUECs, len(s.CUECs) == 0},
	}
	for _, fl := range fields {
		if reflect.DeepEqual(fl.now, fl.then) && f.doc.Line(fl.path...) > 0 {
			continue
		}
		if fl.empty {
			f.doc.Delete(fl.path...)
			continue
		}
		if err := f.doc.Set(dates(fl.now), fl.path...); err != nil {
			return err
		}
	}
	return nil
}

// periodNode writes the observation period's dates as plain YAML dates, as a person would.
type periodNode struct {
	Start yamlfile.Date `yaml:"start"`
	End   yamlfile.Date `yaml:"end"`
}

// dates swaps the header values that hold dates for their YAML encodings.
func dates(v any) any {
	if p, ok := v.(*answers.Period); ok {
		return periodNode{yamlfile.Date(p.Start), yamlfile.Date(p.End)}
	}
	return v
}

// Save writes the file atomically.
func (f *File) Save() error {
	data, err := f.doc.Bytes()
	if err != nil {
		return err
	}
	// Never write what no command could read back (import can add a lot).
	if len(data) > yamlfile.MaxSize {
		return problem.At(f.Path, 0, "import fewer or shorter answers; nothing was changed", "would grow to %d bytes, over the %d MB limit", len(data), yamlfile.MaxSize>>20)
	}
	if _, err := yamlfile.Parse(f.Path, data); err != nil {
		return problem.At(f.Path, 0, "nothing was changed", "the saved file would not load: %v", err)
	}
	if err := atomicfile.Write(f.Path, data); err != nil {
		if errors.Is(err, atomicfile.ErrReadOnly) {
			return problem.At(f.Path, 0, "make it writable (chmod u+w) to record answers; nothing was changed", "is read-only")
		}
		return problem.At(f.Path, 0, "the old file is unchanged; check the folder is writable and the disk not full", "could not save: %v", err)
	}
	return nil
}

// AnswerLine is the line of a control's answer (canonical id) in the file: of field when
// given and present, else of the control's key; 0 when the control is not answered. CI
// annotations point there.
func (f *File) AnswerLine(id string, field ...string) int {
	key, ok := f.key[id]
	if !ok || f.doc == nil {
		return 0
	}
	if len(field) > 0 {
		if l := f.doc.Line(append([]string{"answers", key}, field...)...); l > 0 {
			return l
		}
	}
	return f.doc.Line("answers", key)
}

// ScopeWarnings are inconsistencies in the scope that are not errors but that an auditor
// would question: relying on a cloud provider for the data centre (own_hardware false)
// without naming it as a subservice organisation, and a carved-out subservice
// organisation whose complementary controls (CSOCs) are not listed.
func (f *File) ScopeWarnings(cat *catalogue.Catalogue) []*problem.Error {
	var out []*problem.Error
	hint := "add the cloud provider under scope.subservice_organizations, e.g. {name: AWS, services: hosting, method: carve_out}"
	switch {
	case len(f.Scope.Subservice) > 0 || cat.Fact("own_hardware") == nil:
	case !f.Scope.Fact(cat, "own_hardware"):
		line := f.doc.Line("scope", "facts", "own_hardware")
		if line == 0 {
			line = f.doc.Line("scope")
		}
		out = append(out, problem.At(f.Path, line, hint,
			"the scope relies on a cloud provider for data-centre controls (own_hardware is false) but lists no subservice organisation"))
	default:
		// Own hardware, yet a data-centre control answered not applicable: someone else
		// runs it, and the report must name who.
		for i := range cat.Controls {
			c := &cat.Controls[i]
			if a, ok := f.Answers[c.ID]; ok && a.Status == answers.NotApplicable && slices.Contains(c.AppliesWhen, "own_hardware") {
				out = append(out, problem.At(f.Path, f.AnswerLine(c.ID, "status"), hint,
					"%s is not applicable, so a provider runs the data centre, but no subservice organisation is listed", c.ID))
				break
			}
		}
	}
	for i, s := range f.Scope.Subservice {
		if s.Method == answers.CarveOut && len(s.CSOCs) == 0 {
			out = append(out, problem.At(f.Path, f.doc.Line("scope", "subservice_organizations", fmt.Sprint(i)),
				"list under csocs: the controls you expect "+s.Name+" to run (they appear in the system description)",
				"subservice organisation %s is carved out but lists no complementary controls (csocs)", s.Name))
		}
	}
	return out
}
