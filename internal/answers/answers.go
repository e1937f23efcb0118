// Package answers holds what an answers file says: the organisation, its audit scope and
// the status of each control, with the rules that belong to those values (which statuses
// exist, what each earns, when a not-applicable answer is complete). It does no I/O:
// answersfile reads, validates and rewrites the file; scoring and the reports use these
// types without pulling in YAML or the file system.
package answers

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/soc2ready/soc2ready/internal/catalogue"
)

// Status is how far a control is in place.
type Status string

// Statuses a control can have.
const (
	Implemented   Status = "implemented"
	Partial       Status = "partial"
	Planned       Status = "planned"
	Missing       Status = "missing"
	NotApplicable Status = "not_applicable"
)

// Statuses lists every status, best first.
var Statuses = []Status{Implemented, Partial, Planned, Missing, NotApplicable}

// StatusNames are the statuses as written in the file, best first (for hints and
// completion).
func StatusNames() []string {
	out := make([]string, len(Statuses))
	for i, s := range Statuses {
		out[i] = string(s)
	}
	return out
}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// Points is the credit a status earns toward a score: implemented 1, partial 0.5,
// anything else 0.
func (s Status) Points() float64 {
	switch s {
	case Implemented:
		return 1
	case Partial:
		return 0.5
	}
	return 0
}

// InPlace reports whether the control operates at least in part (implemented or partial).
func (s Status) InPlace() bool { return s == Implemented || s == Partial }

// IsGap reports whether an answered, applicable control still needs work (partial,
// planned or missing).
func (s Status) IsGap() bool { return s == Partial || s == Planned || s == Missing }

// Report types.
const (
	Type1 = "type1"
	Type2 = "type2"
)

// Method is how a subservice organisation's controls enter the report.
type Method string

// Subservice organisation methods.
const (
	CarveOut  Method = "carve_out" // their own SOC 2 report is relied on
	Inclusive Method = "inclusive" // their controls are described and tested in ours
)

// Valid reports whether m is carve_out or inclusive.
func (m Method) Valid() bool { return m == CarveOut || m == Inclusive }

// Data is the content of an answers file.
type Data struct {
	CatalogVersion string            `yaml:"catalog_version"`
	Organization   Organization      `yaml:"organization"`
	Scope          Scope             `yaml:"scope"`
	Answers        map[string]Answer `yaml:"answers"`

	// Superseded lists entries that answer a control the file also answers under another
	// id: both ids were separate controls before a catalogue release merged them. They
	// stay in the file but are not used; `validate` says so.
	Superseded []Superseded `yaml:"-"`
}

// Superseded is an answer entry (ID, an old id) not used because the file also answers
// the control it was merged into (Used, the entry that counts).
type Superseded struct {
	ID, Used, Control string
	Line              int
}

type Organization struct {
	Name      string `yaml:"name"`
	System    string `yaml:"system"`
	Services  string `yaml:"services,omitempty"`
	Employees int    `yaml:"employees,omitempty"`
}

type Scope struct {
	Categories        []string        `yaml:"categories"`
	ReportType        string          `yaml:"report_type"`
	ObservationPeriod *Period         `yaml:"observation_period,omitempty"`
	Facts             map[string]bool `yaml:"facts,omitempty"`
	Commitments       []string        `yaml:"commitments,omitempty"`
	Components        *Components     `yaml:"components,omitempty"`
	Subservice        []SubserviceOrg `yaml:"subservice_organizations,omitempty"`
	CUECs             []string        `yaml:"complementary_user_entity_controls,omitempty"`
}

// Period is a Type 2 observation period, dates written YYYY-MM-DD.
type Period struct {
	Start string `yaml:"start"`
	End   string `yaml:"end"`
}

// Components are the five parts of the system the description criteria ask for.
type Components struct {
	Infrastructure string `yaml:"infrastructure,omitempty"`
	Software       string `yaml:"software,omitempty"`
	People         string `yaml:"people,omitempty"`
	Procedures     string `yaml:"procedures,omitempty"`
	Data           string `yaml:"data,omitempty"`
}

type SubserviceOrg struct {
	Name     string   `yaml:"name"`
	Services string   `yaml:"services,omitempty"`
	Method   Method   `yaml:"method"`
	CSOCs    []string `yaml:"csocs,omitempty"`
	// Criteria the CSOCs help meet (criterion or group ids, any case: CC6.4, cc6, A1), so
	// the system description can tie the controls relied on to the criteria that depend on
	// them.
	Criteria []string `yaml:"criteria,omitempty"`
}

type Answer struct {
	Status   Status     `yaml:"status"`
	Note     string     `yaml:"note,omitempty"`
	Owner    string     `yaml:"owner,omitempty"`
	Due      string     `yaml:"due,omitempty"`
	Evidence []Evidence `yaml:"evidence,omitempty"`
	NAReason string     `yaml:"na_reason,omitempty"`
	Updated  string     `yaml:"updated,omitempty"`
	// OperatingSince is the date the control began operating as described. In a Type 2
	// report a control that started after the observation period began shows as an
	// exception for the weeks before.
	OperatingSince string `yaml:"operating_since,omitempty"`
	// Exceptions are deviations already known (a late review, a missed deletion): in a
	// Type 2 the auditor's tests will find them, however well the control runs later.
	Exceptions []Exception `yaml:"exceptions,omitempty"`
}

// MissingReason reports whether the answer is not_applicable without saying why: an
// auditor asks for the reason, so every way of recording answers refuses this.
func (a Answer) MissingReason() bool {
	return a.Status == NotApplicable && strings.TrimSpace(a.NAReason) == ""
}

// NAReasonHint is the hint shown with MissingReason.
const NAReasonHint = "add `na_reason:` saying why it does not apply; auditors ask"

// Exception is one known deviation from how a control should operate.
type Exception struct {
	Date        string `yaml:"date"`
	Description string `yaml:"description"`
}

type Evidence struct {
	Ref  string `yaml:"ref"`
	Date string `yaml:"date,omitempty"`
}

// InScope reports whether a category is in scope; security always is.
func (s *Scope) InScope(category string) bool {
	if category == "security" {
		return true
	}
	for _, c := range s.Categories {
		if c == category {
			return true
		}
	}
	return false
}

// Fact returns the value of a scope fact, falling back to the catalogue default.
func (s *Scope) Fact(cat *catalogue.Catalogue, id string) bool {
	if v, ok := s.Facts[id]; ok {
		return v
	}
	if f := cat.Fact(id); f != nil {
		return f.Default
	}
	return true
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ValidDate reports whether s is a real calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	if !dateRE.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// AnsweredIDs lists the answered control ids in sorted order.
func (d *Data) AnsweredIDs() []string {
	ids := make([]string, 0, len(d.Answers))
	for id := range d.Answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// LatestUpdate is the most recent `updated` date of any answer, "" when none has one.
// Reports are not dated with it (a gate measured to the file's own last edit never sees
// evidence go stale); test fixtures use it to pick a stable date.
func (d *Data) LatestUpdate() string {
	latest := ""
	for _, a := range d.Answers {
		if a.Updated > latest {
			latest = a.Updated
		}
	}
	return latest
}
