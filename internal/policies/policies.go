// Package policies drafts the core policies of the catalogue for one organisation: the
// text of each, tailored from the answers file (scope, facts, size, report type, owners),
// with every section traced to the controls it backs. It is pure: it builds a document
// model, and the reports and pdfreport packages render it.
//
// Which policies are drafted: those whose document control (POL-...) applies in the
// assessment, by the same rule scoring uses (a point of focus in scope, its facts hold, not
// answered not_applicable). The privacy policy addresses only privacy points of focus, so
// it is drafted only with Privacy in scope.
package policies

import (
	"slices"
	"sort"
	"strings"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Seg is a run of text. A decision is a choice management must make before approving the
// policy; renderers show it as [MANAGEMENT DECISION: text], set apart.
type Seg struct {
	Text     string
	Decision bool
}

// Text is a paragraph, list item or table cell: our words, the user's, and decisions.
type Text []Seg

// String is the text as plain words, decisions in their brackets.
func (t Text) String() string {
	var b strings.Builder
	for _, s := range t {
		if s.Decision {
			b.WriteString(DecisionLabel + ": " + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// DecisionLabel opens every decision, so a search for it finds them all.
const DecisionLabel = "[MANAGEMENT DECISION"

// BlockKind is what a block of a section is.
type BlockKind int

const (
	Para    BlockKind = iota
	Bullets           // Items
)

// Block is one paragraph or list.
type Block struct {
	Kind  BlockKind
	Text  Text
	Items []Text
}

// Ref names a control a policy backs, with the in-scope criteria it supports.
type Ref struct {
	ID, Title string
	Criteria  []string
}

// Label is "ID Title (criteria)".
func (r Ref) Label() string {
	s := r.ID + " " + r.Title
	if len(r.Criteria) > 0 {
		s += " (" + strings.Join(r.Criteria, ", ") + ")"
	}
	return s
}

// Section is one numbered section of a policy.
type Section struct {
	Number int
	Title  string
	Blocks []Block
	Backs  []Ref // the controls this section backs, in catalogue order
}

// Field is a label and value of the document's front matter.
type Field struct {
	Label string
	Value Text
}

// Trace is one row of the closing table: a control the policy backs and where.
type Trace struct {
	Ref
	Sections []int
}

// Draft is one policy ready to render.
type Draft struct {
	Policy   catalogue.Policy
	Slug     string // file name without extension: information-security-policy
	Title    string
	Org      string
	System   string
	Date     string // the draft's date (the report date)
	Tool     string
	Small    bool // the small-company variant
	Notes    []Text
	Meta     []Field
	Versions [][]Text // version, date, change, approved by
	Sections []Section
	Controls []Trace

	asked []string // every control id the text asked to cite, for the catalogue-sync test
}

// Decisions counts the decisions left in the draft.
func (d *Draft) Decisions() int {
	n := 0
	count := func(t Text) {
		for _, s := range t {
			if s.Decision {
				n++
			}
		}
	}
	for _, f := range d.Meta {
		count(f.Value)
	}
	for _, r := range d.Versions {
		for _, c := range r {
			count(c)
		}
	}
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			count(b.Text)
			for _, it := range b.Items {
				count(it)
			}
		}
	}
	return n
}

// Skipped is a core policy not drafted, with the reason in words.
type Skipped struct {
	Policy catalogue.Policy
	Reason string
}

// Input is what a draft depends on.
type Input struct {
	Catalogue *catalogue.Catalogue
	File      *answers.Data
	Result    *scoring.Result
	Date      string
	Tool      string
}

// Build drafts every core policy that applies, in catalogue order, and says why the
// others were skipped.
func Build(in Input) ([]*Draft, []Skipped) {
	byID := map[string]*scoring.ControlResult{}
	for _, c := range in.Result.Controls {
		byID[c.Control.ID] = c
	}
	var set []catalogue.Policy
	var skipped []Skipped
	for _, p := range in.Catalogue.Policies {
		if why := skipReason(in.Catalogue, p, byID[p.DocumentControl]); why != "" {
			skipped = append(skipped, Skipped{Policy: p, Reason: why})
			continue
		}
		set = append(set, p)
	}
	var drafts []*Draft
	seen := map[string]bool{}
	for _, p := range set {
		d := build(in, p, set)
		if seen[d.Slug] { // two titles that differ only in punctuation must not share a file
			d.Slug += "-" + Slug(p.ID)
		}
		seen[d.Slug] = true
		drafts = append(drafts, d)
	}
	return drafts, skipped
}

// skipReason says why a policy is not drafted, "" when it is. The rule is scoring's: a
// policy is drafted when its document control applies to this scope (it addresses a point
// of focus in scope, its facts hold and it is not answered not_applicable), so the drafts
// and the readiness report always agree on which policies the organisation needs.
func skipReason(cat *catalogue.Catalogue, p catalogue.Policy, doc *scoring.ControlResult) string {
	if doc == nil {
		return "its document control " + p.DocumentControl + " is disabled by the catalogue overlay"
	}
	switch {
	case doc.Applicable:
		return ""
	case doc.ExcludedBy == scoring.ByAnswer:
		return p.DocumentControl + " is answered not_applicable (" + strings.TrimSpace(doc.Answer.NAReason) + ")"
	case doc.ExcludedBy == scoring.ByCategory:
		// scoring only says no point is in scope; name the categories that would bring
		// the policy in, so the user knows what to change
		if names := addressedCategories(cat, doc.Control); len(names) > 0 {
			return p.DocumentControl + " addresses only points of focus in " + JoinAnd(names) + ", which " + isAre(len(names)) + " not in scope"
		}
	}
	return p.DocumentControl + " does not apply: " + strings.TrimSpace(doc.Excluded)
}

// addressedCategories names the categories of the points of focus a control addresses, in
// catalogue order.
func addressedCategories(cat *catalogue.Catalogue, ct *catalogue.Control) []string {
	seen := map[string]bool{}
	for _, id := range ct.Addresses {
		if pf := cat.PointOfFocus(id); pf != nil {
			seen[pf.Category] = true
		}
	}
	var names []string
	for _, id := range cat.CategoryIDs() {
		if seen[id] {
			name := id
			if c := cat.Category(id); c != nil && c.Name != "" {
				name = c.Name
			}
			names = append(names, name)
		}
	}
	return names
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// Slug is a file-name form of a title: lower case, words joined by hyphens.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "policy"
	}
	return b.String()
}

// --- the builder -------------------------------------------------------------------------

// b is one draft in progress: the facts the text is tailored from, and the sections.
type b struct {
	in                                                Input
	d                                                 *Draft
	p                                                 catalogue.Policy
	scope                                             answers.Scope
	org                                               string // the organisation's name as prose uses it
	system                                            string
	small                                             bool
	office, hardware, software, personal, contractors bool
	type2                                             bool
	set                                               []catalogue.Policy                // the policies drafted, this one included
	backed                                            map[string]*scoring.ControlResult // applicable controls the policy backs, by id
	order                                             []string                          // their ids in catalogue order
	cur                                               *Section
	noun                                              string // "policy", or "plan" for the plans
	owner                                             Text   // the policy owner as the text names them
}

func build(in Input, p catalogue.Policy, set []catalogue.Policy) *Draft {
	f := in.File
	s := f.Scope
	fact := func(id string) bool { return s.Fact(in.Catalogue, id) }
	x := &b{
		in: in, p: p, scope: s, set: set,
		org:      strings.TrimSpace(f.Organization.Name),
		system:   strings.TrimSpace(f.Organization.System),
		small:    catalogue.IsSmall(f.Organization.Employees),
		office:   fact("has_office"),
		hardware: fact("own_hardware"), software: fact("develops_software"),
		personal: fact("processes_personal_data"), contractors: fact("uses_contractors"),
		type2:  s.ReportType == answers.Type2,
		backed: map[string]*scoring.ControlResult{},
	}
	if x.org == "" {
		x.org = "The organisation"
	}
	x.noun = "policy"
	if strings.HasSuffix(strings.ToLower(p.Title), " plan") {
		x.noun = "plan"
	}
	if x.system == "" {
		x.system = x.org + "'s system"
	}
	for _, c := range in.Result.Controls {
		if c.Applicable && (c.Control.ID == p.DocumentControl || slices.Contains(c.Control.Policies, p.ID)) {
			x.backed[c.Control.ID] = c
			x.order = append(x.order, c.Control.ID)
		}
	}
	x.d = &Draft{
		Policy: p, Slug: Slug(p.Title), Title: p.Title,
		Org: x.org, System: x.system, Date: in.Date, Tool: in.Tool, Small: x.small,
	}
	x.owner = x.policyOwner()
	x.front()
	x.body()
	x.trace()
	return x.d
}

// answer returns the answer recorded for a control, if any.
func (x *b) answer(id string) answers.Answer {
	if c := x.backed[id]; c != nil {
		return c.Answer
	}
	return x.in.File.Answers[id]
}

// policyOwner is the owner of the document control when the answers name one; otherwise
// the person who owns most of the controls the policy backs, proposed for management to
// confirm; otherwise a decision.
func (x *b) policyOwner() Text {
	if o := strings.TrimSpace(x.answer(x.p.DocumentControl).Owner); o != "" {
		return Text{{Text: o}}
	}
	count := map[string]int{}
	var first []string
	for _, id := range x.order {
		o := strings.TrimSpace(x.backed[id].Answer.Owner)
		if o == "" {
			continue
		}
		if count[o] == 0 {
			first = append(first, o)
		}
		count[o]++
	}
	best := ""
	for _, o := range first {
		if best == "" || count[o] > count[best] {
			best = o
		}
	}
	if best != "" {
		return Text{{Text: best + " "}, dec("confirm as owner: proposed because the answers name them owner of " + plural(count[best], "control", "controls") + " this policy backs")}
	}
	return Text{dec(x.ownerHint())}
}

func (x *b) ownerHint() string {
	if x.small {
		return "name the policy owner, usually the founder or engineer who runs security day to day"
	}
	return "name the policy owner, a manager accountable for this area"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// dec is a decision for management.
func dec(s string) Seg { return Seg{Text: s, Decision: true} }

// t builds a Text: strings are plain words, Segs and Texts are kept as they are.
func t(parts ...any) Text {
	var out Text
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			if v != "" {
				out = append(out, Seg{Text: v})
			}
		case Seg:
			out = append(out, v)
		case Text:
			out = append(out, v...)
		}
	}
	return out
}

// section starts a numbered section backing the given controls (those the policy backs
// and that apply; others are dropped, so a scope change never names a control that does
// not count).
func (x *b) section(title string, backs ...string) {
	x.d.Sections = append(x.d.Sections, Section{Number: len(x.d.Sections) + 1, Title: title})
	x.cur = &x.d.Sections[len(x.d.Sections)-1]
	x.backs(backs...)
}

// backs adds controls to the current section.
func (x *b) backs(ids ...string) {
	x.d.asked = append(x.d.asked, ids...)
	for _, id := range ids {
		c := x.backed[id]
		if c == nil {
			continue
		}
		dup := false
		for _, r := range x.cur.Backs {
			dup = dup || r.ID == id
		}
		if !dup {
			x.cur.Backs = append(x.cur.Backs, Ref{ID: id, Title: c.Control.Title, Criteria: sortedCriteria(c.Criteria)})
		}
	}
}

// has reports whether the policy backs this applicable control.
func (x *b) has(id string) bool { return x.backed[id] != nil }

// off reports whether a scope fact switches a control off; the text then leaves out the
// practice it describes. A control answered not_applicable keeps its rule (the answers
// mostly mean "nothing to do yet", and a policy covers what has not happened yet) but is
// not cited, and a control out of scope only by category keeps its rule too: the
// continuity plan still asks for restore tests when Availability is not in the report.
func (x *b) off(id string) bool {
	for _, c := range x.in.Result.Controls {
		if c.Control.ID == id {
			return c.ExcludedBy == scoring.ByFact
		}
	}
	return false
}

// when is item unless the control is off (see off); nil items are dropped by list.
func (x *b) when(id string, item any) any {
	if x.off(id) {
		return nil
	}
	return item
}

func (x *b) para(parts ...any) {
	x.cur.Blocks = append(x.cur.Blocks, Block{Kind: Para, Text: t(parts...)})
}

// list adds a bullet list; an item is a string, Seg or Text.
func (x *b) list(items ...any) {
	var out []Text
	for _, it := range items {
		if tt := t(it); len(tt) > 0 {
			out = append(out, tt)
		}
	}
	if len(out) > 0 {
		x.cur.Blocks = append(x.cur.Blocks, Block{Kind: Bullets, Items: out})
	}
}

// trace builds the closing table: every control the policy backs, with the sections
// that name it, in catalogue order.
func (x *b) trace() {
	for _, id := range x.order {
		c := x.backed[id]
		tr := Trace{Ref: Ref{ID: id, Title: c.Control.Title, Criteria: sortedCriteria(c.Criteria)}}
		for _, s := range x.d.Sections {
			for _, r := range s.Backs {
				if r.ID == id {
					tr.Sections = append(tr.Sections, s.Number)
				}
			}
		}
		x.d.Controls = append(x.d.Controls, tr)
	}
}

// sortedCriteria orders criterion ids naturally (CC1.2 before CC1.10), common criteria
// first.
func sortedCriteria(ids []string) []string {
	out := append([]string(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return criterionLess(out[i], out[j]) })
	return out
}

func criterionLess(a, b string) bool {
	ka, kb := criterionKey(a), criterionKey(b)
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	return a < b
}

// criterionKey: the category order of the catalogue (CC, A, C, PI, P), then the numbers.
func criterionKey(id string) [3]int {
	prefix := strings.TrimRight(id, "0123456789.")
	rank := map[string]int{"CC": 0, "A": 1, "C": 2, "PI": 3, "P": 4}[prefix]
	major, minor := 0, 0
	num := strings.TrimPrefix(id, prefix)
	m, n, _ := strings.Cut(num, ".")
	major = atoi(m)
	minor = atoi(n)
	return [3]int{rank, major, minor}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return n
		}
		n = n*10 + int(r-'0')
	}
	return n
}
