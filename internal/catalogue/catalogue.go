// Package catalogue holds the Trust Services Criteria, their points of focus, and the
// library of controls that soc2ready asks about, indexed for lookups, with the embedded
// snapshot's encoding. It does no I/O and knows no YAML: cataloguefile loads and
// validates the fragments, so scoring and the reports depend on the data alone.
package catalogue

import (
	"fmt"
	"sort"
)

// Severities from worst to least; the order is used for sorting and gates.
var Severities = []string{"critical", "high", "medium", "low"}

// SeverityRank is 0 for critical up to 3 for low; -1 for an unknown name.
func SeverityRank(s string) int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return -1
}

// Frequencies a control can operate at in a Type 2 period.
var Frequencies = []string{"continuous", "per_event", "daily", "weekly", "monthly", "quarterly", "semi_annual", "annual"}

// EffortSizes in increasing order.
var EffortSizes = []string{"xs", "s", "m", "l", "xl"}

// Catalogue is the whole, validated catalogue.
type Catalogue struct {
	Version    string          `yaml:"version" json:"version"`
	Categories []Category      `yaml:"categories" json:"categories"`
	Facts      []Fact          `yaml:"facts" json:"facts"`
	EffortDays EffortDays      `yaml:"effort_days" json:"effort_days"`
	Families   []Family        `yaml:"families" json:"families"`
	Policies   []Policy        `yaml:"policies" json:"policies"`
	Criteria   []Criterion     `yaml:"criteria" json:"criteria"`
	Controls   []Control       `yaml:"controls" json:"controls"`
	AnnexA     []AnnexAControl `yaml:"annex_a" json:"annex_a"`

	criterionByID map[string]*Criterion
	controlByID   map[string]*Control
	aliasOf       map[string]string
	pofByID       map[string]*PointOfFocus
	pofOwner      map[string]*Criterion
	byCriterion   map[string][]*Control
}

// EffortDays are the person-days each effort size stands for. A struct rather than a map
// so that the catalogue snapshot encodes the same bytes every time.
type EffortDays struct {
	XS float64 `yaml:"xs" json:"xs"`
	S  float64 `yaml:"s" json:"s"`
	M  float64 `yaml:"m" json:"m"`
	L  float64 `yaml:"l" json:"l"`
	XL float64 `yaml:"xl" json:"xl"`
}

// Describe says a size in words, e.g. "s (1 person-day)".
func (e EffortDays) Describe(size string) string {
	d := e.Days(size)
	unit := "person-days"
	if d == 1 {
		unit = "person-day"
	}
	return fmt.Sprintf("%s (%g %s)", size, d, unit)
}

// Days returns the person-days of a size, 0 for an unknown one.
func (e EffortDays) Days(size string) float64 {
	switch size {
	case "xs":
		return e.XS
	case "s":
		return e.S
	case "m":
		return e.M
	case "l":
		return e.L
	case "xl":
		return e.XL
	}
	return 0
}

// AnnexAControl is one control of ISO/IEC 27001:2022 Annex A, for the ISO view.
type AnnexAControl struct {
	ID    string `yaml:"id" json:"id"`
	Theme string `yaml:"theme" json:"theme"` // organisational, people, physical, technological
	Title string `yaml:"title" json:"title"`
}

// AnnexAThemes in the standard's order.
var AnnexAThemes = []string{"organisational", "people", "physical", "technological"}

type Category struct {
	ID            string `yaml:"id" json:"id"`
	Name          string `yaml:"name" json:"name"`
	Summary       string `yaml:"summary" json:"summary"`
	RecommendWhen string `yaml:"recommend_when" json:"recommend_when"`
}

// Fact is a yes/no statement about the organisation that switches controls off when false.
type Fact struct {
	ID        string `yaml:"id" json:"id"`
	Question  string `yaml:"question" json:"question"`
	Default   bool   `yaml:"default" json:"default"`
	WhenFalse string `yaml:"when_false" json:"when_false"`
}

type Family struct {
	ID     string `yaml:"id" json:"id"`
	Name   string `yaml:"name" json:"name"`
	Prefix string `yaml:"prefix" json:"prefix"`
}

// Policy is one of the core policies an auditor expects; DocumentControl asks whether it
// exists, and the controls listing the policy are the ones it backs.
type Policy struct {
	ID              string `yaml:"id" json:"id"`
	Title           string `yaml:"title" json:"title"`
	DocumentControl string `yaml:"document_control" json:"document_control"`
}

type Criterion struct {
	ID            string         `yaml:"id" json:"id"`
	Category      string         `yaml:"category" json:"category"`
	Group         string         `yaml:"group" json:"group"`
	GroupName     string         `yaml:"group_name" json:"group_name"`
	Title         string         `yaml:"title" json:"title"`
	Summary       string         `yaml:"summary" json:"summary"`
	PointsOfFocus []PointOfFocus `yaml:"points_of_focus" json:"points_of_focus"`
}

// PointOfFocus is one point of focus of a criterion. In YAML, category is given only for
// the points the AICPA marks as applying to one category (privacy points inside the common
// criteria, say); the loader fills in the criterion's category for every other point, so
// a loaded catalogue always says which category a point counts for.
type PointOfFocus struct {
	ID       string `yaml:"id" json:"id"`
	Title    string `yaml:"title" json:"title"`
	Category string `yaml:"category,omitempty" json:"category"`
}

type Guidance struct {
	Small string `yaml:"small" json:"small"`
	Large string `yaml:"large" json:"large"`
}

// SmallMax is the headcount up to which an organisation gets the small-company guidance
// and policy variant; an unknown size (0) counts as small. Everything that picks or names
// a size variant goes through it.
const SmallMax = 50

// SmallMaxWords says the small-company threshold in words.
var SmallMaxWords = fmt.Sprintf("%d people or fewer", SmallMax)

// IsSmall reports whether an organisation of this headcount gets the small-company text.
func IsSmall(employees int) bool { return employees <= SmallMax }

// For picks the guidance for an organisation of this headcount.
func (g Guidance) For(employees int) string {
	if IsSmall(employees) {
		return g.Small
	}
	return g.Large
}

type Evidence struct {
	Artefacts  []string `yaml:"artefacts" json:"artefacts"`
	Population string   `yaml:"population" json:"population"`
}

type Control struct {
	ID          string   `yaml:"id" json:"id"`
	Family      string   `yaml:"family" json:"family"`
	Title       string   `yaml:"title" json:"title"`
	Question    string   `yaml:"question" json:"question"`
	Guidance    Guidance `yaml:"guidance" json:"guidance"`
	Evidence    Evidence `yaml:"evidence" json:"evidence"`
	Remediation []string `yaml:"remediation" json:"remediation"`
	Severity    string   `yaml:"severity" json:"severity"`
	Effort      string   `yaml:"effort" json:"effort"`
	Frequency   string   `yaml:"frequency" json:"frequency"`
	Criteria    []string `yaml:"criteria" json:"criteria"`
	Addresses   []string `yaml:"addresses" json:"addresses"`
	ISO27001    []string `yaml:"iso27001" json:"iso27001"`
	Policies    []string `yaml:"policies,omitempty" json:"policies,omitempty"`
	AppliesWhen []string `yaml:"applies_when,omitempty" json:"applies_when,omitempty"`
	CarveOut    string   `yaml:"carve_out,omitempty" json:"carve_out,omitempty"`
	Aliases     []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	// DependsOn lists the controls this one cannot work without (canonical ids), from
	// criteria/dependencies.yaml or the control's own depends_on. The plan puts them first.
	DependsOn []string `yaml:"depends_on,omitempty" json:"depends_on"`
	// Disabled is set by an overlay: the control stays known (old answers still load) but
	// is never asked or scored.
	Disabled bool `yaml:"-" json:"-"`
}

// Criterion returns the criterion with this id, or nil.
func (c *Catalogue) Criterion(id string) *Criterion { return c.criterionByID[id] }

// Control returns the control with this id or alias, or nil.
func (c *Catalogue) Control(id string) *Control {
	if canon, ok := c.aliasOf[id]; ok {
		id = canon
	}
	return c.controlByID[id]
}

// Canonical maps an alias to the current control id; other ids come back unchanged.
func (c *Catalogue) Canonical(id string) string {
	if canon, ok := c.aliasOf[id]; ok {
		return canon
	}
	return id
}

// PointOfFocus returns the point of focus with this id, or nil.
func (c *Catalogue) PointOfFocus(id string) *PointOfFocus { return c.pofByID[id] }

// OnlyFor is the category a point of focus is specific to ("privacy" for a privacy point
// inside a common criterion), or "" when it counts for its criterion's own category.
func (c *Catalogue) OnlyFor(p *PointOfFocus) string {
	if cr := c.pofOwner[p.ID]; cr != nil && p.Category != cr.Category {
		return p.Category
	}
	return ""
}

// ControlsFor lists the controls that support a criterion, in catalogue order.
func (c *Catalogue) ControlsFor(criterionID string) []*Control { return c.byCriterion[criterionID] }

// Category returns the category with this id, or nil.
func (c *Catalogue) Category(id string) *Category {
	for i := range c.Categories {
		if c.Categories[i].ID == id {
			return &c.Categories[i]
		}
	}
	return nil
}

// Family returns the family with this id, or nil.
func (c *Catalogue) Family(id string) *Family {
	for i := range c.Families {
		if c.Families[i].ID == id {
			return &c.Families[i]
		}
	}
	return nil
}

// Fact returns the scope fact with this id, or nil.
func (c *Catalogue) Fact(id string) *Fact {
	for i := range c.Facts {
		if c.Facts[i].ID == id {
			return &c.Facts[i]
		}
	}
	return nil
}

// Group is a criterion group such as CC6 or P4.
type Group struct {
	ID       string
	Name     string
	Category string
	Criteria []*Criterion
}

// Groups lists the criterion groups in catalogue order.
func (c *Catalogue) Groups() []Group {
	var out []Group
	index := map[string]int{}
	for i := range c.Criteria {
		cr := &c.Criteria[i]
		j, ok := index[cr.Group]
		if !ok {
			j = len(out)
			index[cr.Group] = j
			out = append(out, Group{ID: cr.Group, Name: cr.GroupName, Category: cr.Category})
		}
		out[j].Criteria = append(out[j].Criteria, cr)
	}
	return out
}

// ControlIDs lists every control id and alias (for "did you mean").
func (c *Catalogue) ControlIDs() []string {
	ids := make([]string, 0, len(c.controlByID)+len(c.aliasOf))
	for id := range c.controlByID {
		ids = append(ids, id)
	}
	for id := range c.aliasOf {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// CategoryIDs lists the category ids in order.
func (c *Catalogue) CategoryIDs() []string {
	return idsOf(c.Categories, func(cat Category) string { return cat.ID })
}

// idsOf lists the ids of xs in their order.
func idsOf[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// index builds the lookup maps; called once validation has passed.
func (c *Catalogue) index() {
	c.criterionByID = map[string]*Criterion{}
	c.pofByID = map[string]*PointOfFocus{}
	c.pofOwner = map[string]*Criterion{}
	for i := range c.Criteria {
		cr := &c.Criteria[i]
		c.criterionByID[cr.ID] = cr
		for j := range cr.PointsOfFocus {
			c.pofByID[cr.PointsOfFocus[j].ID] = &cr.PointsOfFocus[j]
			c.pofOwner[cr.PointsOfFocus[j].ID] = cr
		}
	}
	c.controlByID = map[string]*Control{}
	c.aliasOf = map[string]string{}
	c.byCriterion = map[string][]*Control{}
	for i := range c.Controls {
		ct := &c.Controls[i]
		c.controlByID[ct.ID] = ct
		for _, a := range ct.Aliases {
			c.aliasOf[a] = ct.ID
		}
		for _, cr := range ct.Criteria {
			c.byCriterion[cr] = append(c.byCriterion[cr], ct)
		}
	}
}
