// Package cataloguefile reads the catalogue's YAML: the embedded fragments (criteria/*.yaml)
// or any fs.FS, and a consultant's --catalog overlay on top of the built-in snapshot. It
// validates the whole as one catalogue and reports each problem as FILE:LINE with a hint;
// the result is a catalogue.Catalogue, finished and indexed.
package cataloguefile

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

// fragment is one YAML file of the catalogue; any key may be absent.
type fragment struct {
	Version    string                    `yaml:"version"`
	Categories []catalogue.Category      `yaml:"categories"`
	Facts      []catalogue.Fact          `yaml:"facts"`
	EffortDays *catalogue.EffortDays     `yaml:"effort_days"`
	Families   []catalogue.Family        `yaml:"families"`
	Policies   []catalogue.Policy        `yaml:"policies"`
	Criteria   []catalogue.Criterion     `yaml:"criteria"`
	Controls   []catalogue.Control       `yaml:"controls"`
	AnnexA     []catalogue.AnnexAControl `yaml:"annex_a"`
	// DependsOn maps a control id (or alias) to the ids it depends on; it lives in its own
	// fragment (criteria/dependencies.yaml) so the plan's order can change without
	// touching the controls.
	DependsOn map[string][]string `yaml:"depends_on"`
}

// pos is where an entry was defined, for error messages.
type pos struct {
	doc  *yamlfile.Doc
	path []string
}

func (p pos) at(hint, format string, args ...any) error {
	line := 0
	if p.doc != nil {
		line = p.doc.Line(p.path...)
	}
	file := ""
	if p.doc != nil {
		file = p.doc.File
	}
	return problem.At(file, line, hint, format, args...)
}

// depEntry is one line of a depends_on fragment.
type depEntry struct {
	id string
	on []string
	at pos
}

// builder collects fragments and remembers where each entry came from.
type builder struct {
	cat      catalogue.Catalogue
	critPos  []pos
	ctrlPos  []pos
	policyAt []pos
	deps     []depEntry
	header   *yamlfile.Doc // the fragment holding the version
	first    *yamlfile.Doc // the first fragment read, blamed when no header exists
}

// Load reads every *.yaml file of fsys (in name order) as one catalogue and validates it.
func Load(fsys fs.FS) (*catalogue.Catalogue, error) {
	b := &builder{}
	if err := b.addFS(fsys); err != nil {
		return nil, err
	}
	return b.finish()
}

// addFS adds the fragments of fsys in file-name order.
func (b *builder) addFS(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		if err := b.add(path.Join("criteria", name), data); err != nil {
			return err
		}
	}
	return nil
}

// add parses one fragment and appends its entries.
func (b *builder) add(file string, data []byte) error {
	doc, err := yamlfile.Parse(file, data)
	if err != nil {
		return err
	}
	var f fragment
	if err := doc.Decode(&f); err != nil {
		return err
	}
	if b.first == nil {
		b.first = doc
	}
	c := &b.cat
	if f.Version != "" {
		if c.Version != "" {
			return problem.At(file, doc.Line("version"), "keep the header keys in one file", "version is set twice")
		}
		c.Version = f.Version
		b.header = doc
	}
	c.Categories = append(c.Categories, f.Categories...)
	c.Facts = append(c.Facts, f.Facts...)
	c.Families = append(c.Families, f.Families...)
	if f.EffortDays != nil {
		c.EffortDays = *f.EffortDays
	}
	for i := range f.Policies {
		b.policyAt = append(b.policyAt, pos{doc, []string{"policies", itoa(i)}})
	}
	c.Policies = append(c.Policies, f.Policies...)
	for i := range f.Criteria {
		b.critPos = append(b.critPos, pos{doc, []string{"criteria", itoa(i)}})
	}
	c.Criteria = append(c.Criteria, f.Criteria...)
	for i := range f.Controls {
		b.ctrlPos = append(b.ctrlPos, pos{doc, []string{"controls", itoa(i)}})
	}
	c.Controls = append(c.Controls, f.Controls...)
	c.AnnexA = append(c.AnnexA, f.AnnexA...)
	ids, _ := doc.Keys("depends_on")
	for _, id := range ids {
		b.deps = append(b.deps, depEntry{id, f.DependsOn[id], pos{doc, []string{"depends_on", id}}})
	}
	return nil
}

func (b *builder) finish() (*catalogue.Catalogue, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	b.cat.Finish()
	return &b.cat, nil
}

var (
	criterionIDRE = regexp.MustCompile(`^(CC[1-9]|A1|C1|PI1|P[1-8])\.[1-9][0-9]?$`)
	controlIDRE   = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)
	annexARE      = regexp.MustCompile(`^A\.([5-8])\.([0-9]{1,2})$`)
	annexAMax     = map[string]int{"5": 37, "6": 8, "7": 14, "8": 34}
)

// ValidAnnexA reports whether id names a control of ISO/IEC 27001:2022 Annex A.
func ValidAnnexA(id string) bool {
	m := annexARE.FindStringSubmatch(id)
	if m == nil {
		return false
	}
	n, _ := strconv.Atoi(m[2])
	return n >= 1 && n <= annexAMax[m[1]]
}

func in(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

const fixHint = "fix the catalogue entry; docs/CATALOGUE.md describes the format"

// known holds the ids validated so far, for the checks that refer to them.
type known struct {
	cats, facts, pofs, ids, policies map[string]bool
	families                         map[string]string // id to prefix
	crit                             map[string]*catalogue.Criterion
}

// validate checks the rules every catalogue (built-in or overlaid) must meet, in the
// order the file is read: header, criteria, controls, policies, dependencies, coverage.
func (b *builder) validate() error {
	k := &known{}
	for _, step := range []func(*known) error{b.checkHeader, b.checkCriteria, b.checkControls, b.checkPolicies} {
		if err := step(k); err != nil {
			return err
		}
	}
	if err := b.checkDependencies(); err != nil {
		return err
	}
	return b.checkCoverage()
}

// headerPos is where problems with the catalogue as a whole are reported.
func (b *builder) headerPos() pos {
	hp := pos{doc: b.header}
	if hp.doc == nil {
		hp.doc = b.first
	}
	return hp
}

// checkHeader checks the version, categories, scope facts, effort sizes, families and
// Annex A entries.
func (b *builder) checkHeader(k *known) error {
	c := &b.cat
	hp := b.headerPos()
	if c.Version == "" {
		return hp.at(fixHint, "catalogue has no version")
	}
	k.cats = map[string]bool{}
	for _, cat := range c.Categories {
		if cat.ID == "" || cat.Name == "" {
			return hp.at(fixHint, "a category needs an id and a name")
		}
		k.cats[cat.ID] = true
	}
	if !k.cats["security"] {
		return hp.at(fixHint, "the security category is missing")
	}
	k.facts = map[string]bool{}
	for _, f := range c.Facts {
		if f.ID == "" || f.Question == "" || f.WhenFalse == "" {
			return hp.at(fixHint, "scope fact %q needs an id, a question and when_false", f.ID)
		}
		k.facts[f.ID] = true
	}
	for _, size := range catalogue.EffortSizes {
		if c.EffortDays.Days(size) <= 0 {
			return hp.at(fixHint, "effort_days has no positive value for %q", size)
		}
	}
	k.families = map[string]string{}
	for _, f := range c.Families {
		if f.ID == "" || f.Name == "" || f.Prefix == "" {
			return hp.at(fixHint, "family %q needs an id, a name and a prefix", f.ID)
		}
		k.families[f.ID] = f.Prefix
	}
	annex := map[string]bool{}
	for _, a := range c.AnnexA {
		if !ValidAnnexA(a.ID) || annex[a.ID] || !in(catalogue.AnnexAThemes, a.Theme) || a.Title == "" {
			return hp.at(fixHint, "Annex A entry %q: invalid or repeated id, unknown theme or empty title", a.ID)
		}
		annex[a.ID] = true
	}
	return nil
}

// checkCriteria checks each criterion and its points of focus.
func (b *builder) checkCriteria(k *known) error {
	c := &b.cat
	k.crit = map[string]*catalogue.Criterion{}
	k.pofs = map[string]bool{}
	for i := range c.Criteria {
		cr := &c.Criteria[i]
		p := b.critPos[i]
		if !criterionIDRE.MatchString(cr.ID) {
			return p.at("criterion ids are the AICPA's, such as CC6.1 or P4.2", "invalid criterion id %q", cr.ID)
		}
		if k.crit[cr.ID] != nil {
			return p.at(fixHint, "criterion %s is defined twice", cr.ID)
		}
		k.crit[cr.ID] = cr
		if !k.cats[cr.Category] {
			return p.at(problem.DidYouMean(cr.Category, keys(k.cats), fixHint), "criterion %s: unknown category %q", cr.ID, cr.Category)
		}
		if !strings.HasPrefix(cr.ID, cr.Group+".") {
			return p.at(fixHint, "criterion %s: group %q does not match its id", cr.ID, cr.Group)
		}
		// a slice, not a map: with several fields empty, the message must name the same
		// one on every run
		for _, f := range []struct{ name, v string }{{"group_name", cr.GroupName}, {"title", cr.Title}, {"summary", cr.Summary}} {
			if strings.TrimSpace(f.v) == "" {
				return p.at(fixHint, "criterion %s: %s is empty", cr.ID, f.name)
			}
		}
		if err := checkPointsOfFocus(cr, p, k); err != nil {
			return err
		}
	}
	return nil
}

// checkPointsOfFocus checks a criterion's points of focus: numbered from 1 in order,
// titled, with a known category when they name one.
func checkPointsOfFocus(cr *catalogue.Criterion, p pos, k *known) error {
	for j, pf := range cr.PointsOfFocus {
		want := fmt.Sprintf("%s.%d", cr.ID, j+1)
		if pf.ID != want {
			return p.at("number points of focus from 1 in the published order", "criterion %s: point of focus %d has id %q, want %q", cr.ID, j+1, pf.ID, want)
		}
		if strings.TrimSpace(pf.Title) == "" {
			return p.at(fixHint, "point of focus %s has no title", pf.ID)
		}
		if pf.Category != "" && !k.cats[pf.Category] {
			return p.at(fixHint, "point of focus %s: unknown category %q", pf.ID, pf.Category)
		}
		k.pofs[pf.ID] = true
	}
	return nil
}

// checkControls checks each control, then that no alias reuses an id.
func (b *builder) checkControls(k *known) error {
	c := &b.cat
	k.ids = map[string]bool{}
	for i := range c.Controls {
		if err := b.checkControl(&c.Controls[i], b.ctrlPos[i], k.ids, k.families, k.crit, k.pofs, k.facts); err != nil {
			return err
		}
	}
	for i := range c.Controls {
		for _, a := range c.Controls[i].Aliases {
			if k.ids[a] {
				return b.ctrlPos[i].at("an alias must not be reused as an id", "control %s: alias %s is already used", c.Controls[i].ID, a)
			}
			k.ids[a] = true
		}
	}
	return nil
}

// checkPolicies checks each policy and every control's reference to one.
func (b *builder) checkPolicies(k *known) error {
	c := &b.cat
	k.policies = map[string]bool{}
	for i, pol := range c.Policies {
		p := b.policyAt[i]
		if pol.ID == "" || pol.Title == "" {
			return p.at(fixHint, "a policy needs an id and a title")
		}
		if !k.ids[pol.DocumentControl] {
			return p.at(fixHint, "policy %s: document_control %q is not a control", pol.ID, pol.DocumentControl)
		}
		k.policies[pol.ID] = true
	}
	for i := range c.Controls {
		for _, pol := range c.Controls[i].Policies {
			if !k.policies[pol] {
				return b.ctrlPos[i].at(problem.DidYouMean(pol, keys(k.policies), fixHint), "control %s: unknown policy %q", c.Controls[i].ID, pol)
			}
		}
	}
	return nil
}

// checkCoverage: every criterion must be answerable, or its verdict could never be earned.
func (b *builder) checkCoverage() error {
	c := &b.cat
	covered := map[string]bool{}
	for i := range c.Controls {
		if !c.Controls[i].Disabled {
			for _, cr := range c.Controls[i].Criteria {
				covered[cr] = true
			}
		}
	}
	for i := range c.Criteria {
		if !covered[c.Criteria[i].ID] {
			return b.critPos[i].at("add a control that supports it", "criterion %s has no controls", c.Criteria[i].ID)
		}
	}
	return nil
}

func (b *builder) checkControl(ct *catalogue.Control, p pos, ids map[string]bool, families map[string]string,
	crit map[string]*catalogue.Criterion, pofs, facts map[string]bool) error {
	if !controlIDRE.MatchString(ct.ID) {
		return p.at("control ids look like ACC-MFA: upper case words joined by dashes", "invalid control id %q", ct.ID)
	}
	if ids[ct.ID] {
		return p.at("control ids are never reused; pick another", "control %s is defined twice", ct.ID)
	}
	ids[ct.ID] = true
	prefix, ok := families[ct.Family]
	if !ok {
		return p.at(problem.DidYouMean(ct.Family, keys(families), fixHint), "control %s: unknown family %q", ct.ID, ct.Family)
	}
	if !strings.HasPrefix(ct.ID, prefix+"-") {
		return p.at(fixHint, "control %s: ids in family %s start with %s-", ct.ID, ct.Family, prefix)
	}
	required := map[string]string{
		"title": ct.Title, "question": ct.Question, "guidance.small": ct.Guidance.Small,
		"guidance.large": ct.Guidance.Large, "evidence.population": ct.Evidence.Population,
	}
	for _, field := range []string{"title", "question", "guidance.small", "guidance.large", "evidence.population"} {
		if strings.TrimSpace(required[field]) == "" {
			return p.at(fixHint, "control %s: %s is empty", ct.ID, field)
		}
	}
	if len(ct.Evidence.Artefacts) == 0 {
		return p.at(fixHint, "control %s: evidence.artefacts is empty", ct.ID)
	}
	if len(ct.Remediation) == 0 {
		return p.at(fixHint, "control %s: remediation is empty", ct.ID)
	}
	for _, list := range [][]string{ct.Evidence.Artefacts, ct.Remediation} {
		for _, s := range list {
			if strings.TrimSpace(s) == "" {
				return p.at(fixHint, "control %s: an evidence or remediation item is empty", ct.ID)
			}
		}
	}
	if catalogue.SeverityRank(ct.Severity) < 0 {
		return p.at("severity is one of critical, high, medium, low", "control %s: invalid severity %q", ct.ID, ct.Severity)
	}
	if !in(catalogue.EffortSizes, ct.Effort) {
		return p.at("effort is one of xs, s, m, l, xl", "control %s: invalid effort %q", ct.ID, ct.Effort)
	}
	if !in(catalogue.Frequencies, ct.Frequency) {
		return p.at(problem.DidYouMean(ct.Frequency, catalogue.Frequencies, "frequency is one of "+strings.Join(catalogue.Frequencies, ", ")),
			"control %s: invalid frequency %q", ct.ID, ct.Frequency)
	}
	if len(ct.Criteria) == 0 {
		return p.at(fixHint, "control %s supports no criteria", ct.ID)
	}
	for _, cr := range ct.Criteria {
		if crit[cr] == nil {
			return p.at(problem.DidYouMean(cr, keys(crit), "use one of the 61 criterion ids"), "control %s: unknown criterion %q", ct.ID, cr)
		}
	}
	for _, a := range ct.Addresses {
		if !pofs[a] {
			return p.at(fixHint, "control %s: unknown point of focus %q", ct.ID, a)
		}
		if owner := a[:strings.LastIndex(a, ".")]; !in(ct.Criteria, owner) {
			return p.at("list the criterion in `criteria` too", "control %s addresses %s but does not support %s", ct.ID, a, owner)
		}
	}
	for _, iso := range ct.ISO27001 {
		if !ValidAnnexA(iso) {
			return p.at("Annex A ids run A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34", "control %s: %q is not an ISO/IEC 27001:2022 Annex A control", ct.ID, iso)
		}
	}
	for _, f := range ct.AppliesWhen {
		if !facts[f] {
			return p.at(problem.DidYouMean(f, keys(facts), fixHint), "control %s: unknown scope fact %q", ct.ID, f)
		}
	}
	return nil
}

// checkDependencies merges the depends_on fragments into the controls, maps aliases to
// current ids and rejects unknown ids and cycles: a cycle would leave the plan no first step.
func (b *builder) checkDependencies() error {
	c := &b.cat
	canon := map[string]string{}
	index := map[string]int{}
	for i := range c.Controls {
		index[c.Controls[i].ID] = i
		canon[c.Controls[i].ID] = c.Controls[i].ID
		for _, a := range c.Controls[i].Aliases {
			canon[a] = c.Controls[i].ID
		}
	}
	known := keys(canon)
	hint := func(id string) string {
		return problem.DidYouMean(id, known, "run `soc2ready catalog list` for control ids")
	}
	depAt := map[int]pos{}
	for _, d := range b.deps {
		id, ok := canon[d.id]
		if !ok {
			return d.at.at(hint(d.id), "depends_on: unknown control %q", d.id)
		}
		i := index[id]
		c.Controls[i].DependsOn = append(c.Controls[i].DependsOn, d.on...)
		depAt[i] = d.at
	}
	b.deps = nil
	at := func(i int) pos {
		if p, ok := depAt[i]; ok {
			return p
		}
		return b.ctrlPos[i]
	}
	for i := range c.Controls {
		ct := &c.Controls[i]
		var out []string
		seen := map[string]bool{}
		for _, d := range ct.DependsOn {
			id, ok := canon[d]
			if !ok {
				return at(i).at(hint(d), "control %s depends on unknown control %q", ct.ID, d)
			}
			if id == ct.ID {
				return at(i).at("remove it from its own list", "control %s depends on itself", ct.ID)
			}
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
		ct.DependsOn = out
	}
	// Depth-first search; state 1 = on the current path, 2 = done.
	state := make([]int, len(c.Controls))
	var path []string
	var visit func(i int) error
	visit = func(i int) error {
		state[i] = 1
		path = append(path, c.Controls[i].ID)
		for _, d := range c.Controls[i].DependsOn {
			j := index[d]
			switch state[j] {
			case 1:
				start := 0
				for k, id := range path {
					if id == d {
						start = k
					}
				}
				cycle := append(append([]string{}, path[start:]...), d)
				return at(i).at("a control cannot depend, even indirectly, on one that depends on it", "dependency cycle: %s", strings.Join(cycle, " -> "))
			case 0:
				if err := visit(j); err != nil {
					return err
				}
			}
		}
		path = path[:len(path)-1]
		state[i] = 2
		return nil
	}
	for i := range c.Controls {
		if state[i] == 0 {
			if err := visit(i); err != nil {
				return err
			}
		}
	}
	return nil
}

// keys lists a map's keys in sorted order (for suggestions that are the same every run).
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
