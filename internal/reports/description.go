package reports

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/policies"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// The system description draft (section 3 of a SOC 2 report), laid out by the description
// criteria DC 1 to DC 9. It is built once here as data; the Markdown and PDF renderers only
// lay it out, so the two can never say different things.

// Description is the whole draft.
type Description struct {
	Org, System string
	Sections    []DescSection
}

// ToWrite counts the passages management must still write, over all sections.
func (d *Description) ToWrite() int {
	n := 0
	for _, s := range d.Sections {
		n += s.ToWrite
	}
	return n
}

// DescSection is one description criterion: "DC 1", "Services provided".
type DescSection struct {
	ID, Title string
	Parts     []DescPart
	ToWrite   int // placeholders in the section
}

// PartKind says how a part of a section is laid out.
type PartKind int

const (
	PartPara     PartKind = iota
	PartToWrite           // text management must supply, marked [TO WRITE]
	PartSub               // a sub-heading (a component, a subservice organisation)
	PartList              // bullets
	PartCriteria          // DC 5: the controls in place per criterion
	PartExcluded          // DC 8: the controls that do not apply
)

// DescPart is a paragraph, a placeholder, a sub-heading, a list or a table. All text is
// plain: each renderer escapes it for its format.
type DescPart struct {
	Kind     PartKind
	Text     string
	Items    []DescItem
	Criteria []DescCriterion
	Excluded []*scoring.ControlResult
}

// DescItem is one bullet.
type DescItem struct {
	Text    string
	Partial bool // the control or policy is only partly in place
	ToWrite bool // a placeholder inside a list
}

// DescCriterion is one in-scope criterion of DC 5 with the controls recorded as in place,
// the partly-in-place ones kept apart: a description states what operates, and a control
// only partly there is a statement management must qualify or drop.
type DescCriterion struct {
	Criterion *scoring.CriterionResult
	InPlace   []DescItem
	Partial   []DescItem
}

// ToWriteLabel is printed before every placeholder in both formats, so one search finds
// every passage still to write.
const ToWriteLabel = "[TO WRITE]"

func (s *DescSection) add(p DescPart)   { s.Parts = append(s.Parts, p) }
func (s *DescSection) para(text string) { s.add(DescPart{Kind: PartPara, Text: text}) }
func (s *DescSection) sub(text string)  { s.add(DescPart{Kind: PartSub, Text: text}) }
func (s *DescSection) toWrite(text string) {
	s.ToWrite++
	s.add(DescPart{Kind: PartToWrite, Text: text})
}
func (s *DescSection) list(items []DescItem) {
	for _, it := range items {
		if it.ToWrite {
			s.ToWrite++
		}
	}
	s.add(DescPart{Kind: PartList, Items: items})
}

func plainItems(list []string) []DescItem {
	out := make([]DescItem, len(list))
	for i, s := range list {
		out[i] = DescItem{Text: s}
	}
	return out
}

// BuildDescription drafts DC 1 to DC 9 from the scope and answers.
func BuildDescription(m *Model) *Description {
	org := m.File.Organization
	d := &Description{Org: org.Name, System: org.System}
	sec := func(id, title string) *DescSection {
		d.Sections = append(d.Sections, DescSection{ID: id, Title: title})
		return &d.Sections[len(d.Sections)-1]
	}
	dcServices(sec("DC 1", "Services provided"), m)
	dcCommitments(sec("DC 2", "Principal service commitments and system requirements"), m)
	dcComponents(sec("DC 3", "Components of the system and its boundaries"), m)
	dcIncidents(sec("DC 4", "System incidents"), m)
	dcControls(sec("DC 5", "Applicable trust services criteria and related controls"), m)
	dcCUECs(sec("DC 6", "Complementary user entity controls"), m)
	dcSubservice(sec("DC 7", "Subservice organisations"), m)
	dcNotRelevant(sec("DC 8", "Criteria not relevant to the system"), m)
	dcChanges(sec("DC 9", "Significant changes during the period"), m)
	return d
}

func dcServices(dc *DescSection, m *Model) {
	if s := m.File.Organization.Services; s != "" {
		dc.para(s)
		return
	}
	dc.toWrite("what the system does for customers, who uses it and how it is delivered (set organization.services).")
}

func dcCommitments(dc *DescSection, m *Model) {
	s := m.File.Scope
	if len(s.Commitments) > 0 {
		dc.para(OrgName(m.File.Organization.Name) + " makes these commitments to its customers in contracts, service terms and published documents:")
		dc.list(plainItems(s.Commitments))
	} else {
		dc.toWrite("the " + policies.JoinAnd(categoryWords(m)) + " commitments made to customers (set scope.commitments).")
	}
	dc.para("The system requirements that support them come from the policies in place:")
	var pols []DescItem
	for _, ps := range m.Policies {
		if ps.Status == answers.Implemented || ps.Status == answers.Partial {
			pols = append(pols, DescItem{Text: ps.Policy.Title, Partial: ps.Status == answers.Partial})
		}
	}
	if len(pols) == 0 {
		pols = []DescItem{{Text: "no core policy is in place yet; list the policies once approved.", ToWrite: true}}
	}
	dc.list(pols)
	dc.toWrite("legal, regulatory and contractual requirements that shape the system (for example data protection law).")
}

// dcComponents is DC 3: the five components and, as the criterion asks, where the system
// ends: what the description covers, what it leaves to others, and what stays outside.
func dcComponents(dc *DescSection, m *Model) {
	s := m.File.Scope
	comp := answers.Components{}
	if s.Components != nil {
		comp = *s.Components
	}
	for _, c := range []struct{ name, text, hint string }{
		{"Infrastructure", comp.Infrastructure, "hosting, networks and the managed services the system runs on"},
		{"Software", comp.Software, "the applications, databases and tools that make up the system"},
		{"People", comp.People, "the teams that build, run and support the system, and who governs security"},
		{"Procedures", comp.Procedures, "the automated and manual procedures that operate the system"},
		{"Data", comp.Data, "the data the system receives, stores and produces, and how it is classified"},
	} {
		dc.sub(c.name)
		if c.text != "" {
			dc.para(c.text)
		} else {
			dc.toWrite(c.hint + " (set scope.components).")
		}
	}

	dc.sub("System boundaries")
	dc.para("The description covers the " + orDash(org(m).System) + " system as made up of the components above, for the " + m.ScopeNames() + " categories.")
	var edges []DescItem
	for _, so := range s.Subservice {
		how := "carved out: its own controls are outside this description"
		if so.Method == answers.Inclusive {
			how = "included: its relevant controls are described in DC 7"
		}
		text := so.Name
		if svc := strings.TrimSuffix(strings.TrimSpace(so.Services), "."); svc != "" {
			text += ": " + svc
		}
		edges = append(edges, DescItem{Text: text + ". " + strings.ToUpper(how[:1]) + how[1:] + "."})
	}
	for _, f := range factBoundaries(m) {
		edges = append(edges, DescItem{Text: f})
	}
	if len(edges) > 0 {
		dc.para("Where the system meets other parties and what is left outside it:")
		dc.list(edges)
	}
	dc.toWrite("the boundaries in management's words: the production environments, locations and interfaces inside the system, the corporate systems and other products outside it, and the data flows that cross the boundary.")
}

// factBoundaries turns the scope facts that take something out of the system into
// boundary statements.
func factBoundaries(m *Model) []string {
	var out []string
	facts := m.File.Scope.Facts
	if v, ok := facts["has_office"]; ok && !v {
		out = append(out, "No office is part of the system: staff work remotely, and physical security of premises is outside it.")
	}
	if v, ok := facts["own_hardware"]; ok && !v {
		out = append(out, "No hardware of the organisation's own runs the system: data centres and their physical and environmental controls belong to the hosting provider.")
	}
	if v, ok := facts["develops_software"]; ok && !v {
		out = append(out, "No software is developed in house for the system.")
	}
	return out
}

// incidentWords picks out notes that record incidents that happened (a count of incidents,
// outages or breaches, or an incident reference such as INC-318), not notes that merely
// describe the incident process: the prompts for DC 4 come from what the answers record.
var incidentWords = regexp.MustCompile(`(?i)(?:^|[\s(,;:])(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+(security\s+|major\s+|minor\s+)?(incidents|incident|outages|outage|breaches|breach)\b|\bINC-\d+\b|\boutage (on|in) \d`)

// dcIncidents is DC 4: incidents of any cause (security, availability, processing) that
// came from a control failure or kept a commitment from being met, with nature, timing,
// extent and resolution. What the answers already record is listed as prompts.
func dcIncidents(dc *DescSection, m *Model) {
	what := "system incidents of any cause (security, availability or processing errors) that came from a failure of controls or kept the organisation from meeting a commitment: for each, its nature, when it happened, its extent (systems, customers and data affected) and how it was resolved; or a statement that there were none."
	if p := m.File.Scope.ObservationPeriod; m.File.Scope.ReportType == answers.Type2 && p != nil {
		what = fmt.Sprintf("for the period %s to %s, %s", p.Start, p.End, what)
	}
	dc.toWrite(what)
	var prompts []DescItem
	for _, c := range m.Result.Controls {
		if !c.Applicable {
			continue
		}
		if n := strings.TrimSpace(c.Answer.Note); n != "" && incidentWords.MatchString(n) {
			prompts = append(prompts, DescItem{Text: c.Control.ID + " " + c.Control.Title + ": " + n})
		}
	}
	if len(prompts) > 0 {
		dc.para("The answers already record these deviations and notes; decide for each whether it is a system incident to disclose here:")
		dc.list(prompts)
	}
}

// dcControls is DC 5: per in-scope criterion, the controls in place, with those only
// partly in place listed apart.
func dcControls(dc *DescSection, m *Model) {
	dc.para("The categories in scope are " + m.ScopeNames() + ". For each criterion, the controls recorded as in place; controls only partly in place are listed apart, to be completed or left out before the description is final.")
	var crit []DescCriterion
	for _, c := range m.Result.Criteria {
		if c.Verdict == scoring.NotApplicable {
			continue
		}
		k := DescCriterion{Criterion: c}
		for _, ctl := range c.Controls {
			if !ctl.Applicable {
				continue
			}
			it := DescItem{Text: ctl.Control.Title + " (" + ctl.Control.ID + ")"}
			switch ctl.Status {
			case answers.Implemented:
				k.InPlace = append(k.InPlace, it)
			case answers.Partial:
				it.Partial = true
				k.Partial = append(k.Partial, it)
			}
		}
		if len(k.InPlace) == 0 {
			dc.ToWrite++
		}
		crit = append(crit, k)
	}
	if len(crit) > 0 {
		dc.add(DescPart{Kind: PartCriteria, Criteria: crit})
	}
}

func dcCUECs(dc *DescSection, m *Model) {
	s := m.File.Scope
	if len(s.CUECs) > 0 {
		dc.para("The controls above assume that customers do the following themselves:")
		dc.list(plainItems(s.CUECs))
		return
	}
	dc.toWrite("what customers must do themselves for the controls to work (set scope.complementary_user_entity_controls).")
}

// dcSubservice is DC 7: each subservice organisation, its method, the controls relied on
// (CSOCs) and the criteria they help meet; for the inclusive method, its controls are
// part of the description.
func dcSubservice(dc *DescSection, m *Model) {
	s := m.File.Scope
	if len(s.Subservice) == 0 {
		dc.toWrite("the cloud provider and other subservice organisations, and whether each is presented with the carve-out or the inclusive method (set scope.subservice_organizations).")
	}
	for _, so := range s.Subservice {
		dc.sub(so.Name)
		if so.Services != "" {
			dc.para("Services: " + strings.TrimSuffix(strings.TrimSpace(so.Services), ".") + ".")
		}
		crit := criteriaPhrase(m, so.Criteria)
		if so.Method == answers.Inclusive {
			dc.para("Presented with the inclusive method: the controls below operate at " + so.Name + ", are part of this description and are tested with the organisation's own.")
			if len(so.CSOCs) > 0 {
				dc.list(plainItems(so.CSOCs))
			} else {
				dc.list([]DescItem{{Text: "the controls at this organisation that the description includes (set csocs).", ToWrite: true}})
			}
			if crit != "" {
				dc.para("They help meet " + crit + ".")
			} else {
				dc.toWrite("the criteria its controls help meet (set criteria on this subservice organisation).")
			}
			dc.toWrite("how " + so.Name + "'s controls are designed and operated, in the same detail as the organisation's own, and how management monitors them.")
			continue
		}
		dc.para("Presented with the carve-out method: its controls are excluded from this description. The organisation relies on it for the complementary subservice organisation controls below and monitors them by reviewing its SOC report each year.")
		items := plainItems(so.CSOCs)
		if len(items) == 0 {
			items = []DescItem{{Text: "the controls relied on at this organisation (set csocs).", ToWrite: true}}
		}
		dc.list(items)
		if crit != "" {
			dc.para("These controls help meet " + crit + "; those criteria are met only together with them.")
		} else {
			dc.toWrite("the criteria these controls help meet (set criteria on this subservice organisation).")
		}
	}
	var relied []DescItem
	for _, c := range m.Excluded {
		if c.ExcludedBy == scoring.ByFact && strings.TrimSpace(c.Control.CarveOut) != "" {
			relied = append(relied, DescItem{Text: c.Control.Title + " (" + c.Control.ID + ", " + strings.Join(c.Control.Criteria, ", ") + "): " + c.Control.CarveOut})
		}
	}
	if len(relied) > 0 {
		dc.para("Controls of this catalogue that are met by a subservice organisation instead of the organisation itself, with the criteria they serve:")
		dc.list(relied)
	}
}

// criteriaPhrase names criteria with their titles: "CC6.4 (Restricting physical access),
// A1.2 (...)"; ids in any case. A group stays one entry with its name and the range of
// its criteria, "CC6 (Logical and Physical Access Controls, CC6.1 to CC6.8)": listing
// eight criteria with their titles would bury the sentence, and the reader can still
// tell exactly which criteria are meant. Unknown ids are kept as given.
func criteriaPhrase(m *Model, ids []string) string {
	var parts []string
	for _, id := range ids {
		up := strings.ToUpper(id)
		if c := m.Catalogue.Criterion(up); c != nil {
			parts = append(parts, c.ID+" ("+c.Title+")")
		} else if g := m.Catalogue.Group(up); g != nil && len(g.Criteria) > 0 {
			first, last := g.Criteria[0].ID, g.Criteria[len(g.Criteria)-1].ID
			switch {
			case first == last:
				parts = append(parts, g.ID+" ("+g.Name+", "+first+")")
			default:
				parts = append(parts, g.ID+" ("+g.Name+", "+first+" to "+last+")")
			}
		} else {
			parts = append(parts, id)
		}
	}
	return policies.JoinAnd(parts)
}

func dcNotRelevant(dc *DescSection, m *Model) {
	var na []DescItem
	for _, c := range m.Result.Criteria {
		if c.Verdict == scoring.NotApplicable {
			na = append(na, DescItem{Text: c.Criterion.ID + " " + c.Criterion.Title + ": " + strings.TrimSuffix(c.Reason, ".") + "."})
		}
	}
	if len(na) > 0 {
		dc.list(na)
	} else {
		dc.para("Every criterion of the categories in scope is relevant to the system.")
	}
	if len(m.Excluded) > 0 {
		dc.para("Controls that do not apply, with the reason:")
		dc.add(DescPart{Kind: PartExcluded, Excluded: m.Excluded})
	}
}

func dcChanges(dc *DescSection, m *Model) {
	s := m.File.Scope
	if s.ReportType != answers.Type2 {
		dc.para("Not required for a Type 1 description, which is as of a single date.")
		return
	}
	period := "the observation period"
	if op := s.ObservationPeriod; op != nil {
		period = fmt.Sprintf("the period %s to %s", op.Start, op.End)
	}
	dc.toWrite("significant changes to the system, its controls or its commitments during " + period + ", or a statement that there were none.")
}

// OrgName is the organisation as prose names it.
func OrgName(s string) string {
	if strings.TrimSpace(s) == "" {
		return "The organisation"
	}
	return s
}

func org(m *Model) answers.Organization { return m.File.Organization }

// categoryWords names the categories in scope in lower case, for prose.
func categoryWords(m *Model) []string {
	var out []string
	for _, c := range m.File.Scope.Categories {
		if cat := m.Catalogue.Category(c); cat != nil {
			out = append(out, strings.ToLower(cat.Name))
		}
	}
	if len(out) == 0 {
		out = []string{"security"}
	}
	return out
}
