package questionnaire

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// Commitment is a kind of promise made to customers, and the category it calls for.
type Commitment struct {
	ID, Category, Label, Short, Sentence string
}

// Commitments are the promises the wizard asks about; each recommends one category.
var Commitments = []Commitment{
	{"uptime", "availability", "An uptime SLA, or availability promised in contracts", "an uptime promise",
		"We commit to an uptime SLA in customer contracts."},
	{"confidential", "confidentiality", "Customer data held under NDA or confidentiality terms", "data under NDA",
		"We keep the data customers entrust to us confidential, as our NDAs and contracts require."},
	{"personal", "privacy", "Personal data collected from individuals, under a privacy notice", "personal data from individuals",
		"We collect personal information from individuals and handle it as our privacy notice promises."},
	{"correctness", "processing_integrity", "Customers rely on the correctness of what we compute or transact", "correctness customers rely on",
		"We process customer transactions completely, accurately and on time."},
}

// InitConfig is what the scoping wizard starts from: the current organisation and scope
// (zero values for a new file) and, when answers exist, the scored result for the Type 1
// or Type 2 advice.
type InitConfig struct {
	Catalogue    *catalogue.Catalogue
	Organization answers.Organization
	Scope        answers.Scope
	New          bool            // no answers file yet: recommend categories from scratch
	Result       *scoring.Result // nil or without answers: generic advice
	// Answers already in the file: the review says which would fall out of scope.
	Answers map[string]answers.Answer
	Today   string // YYYY-MM-DD, for the default observation period
}

// wizard holds the values bound to the wizard's fields.
type wizard struct {
	cfg        InitConfig
	accessible bool

	name, system, services, employees string
	kinds, categories                 []string
	commitments, cuecs, subCSOCs      list
	components                        [5]string
	facts                             []bool
	subs                              []answers.SubserviceOrg
	subAction                         string
	sub                               answers.SubserviceOrg
	subEditing                        int  // index of the organisation being edited, or -1
	subPage                           bool // the organisation's page is showing, not the list
	subKeep                           bool // back from that page: the list keeps the Next choice
	reportType, start, end            string
	// shown is what the free-text fields showed at the start (the file's text made inert),
	// file the file's exact text, kept for a field left as it was shown.
	shown, file texts
}

// texts are the wizard's one-value text fields.
type texts struct {
	name, system, services string
	components             [5]string
}

func (t texts) inert() texts {
	out := texts{name: inert(t.name), system: inert(t.system), services: inert(t.services)}
	for i, c := range t.components {
		out.components[i] = inert(c)
	}
	return out
}

// list is a list the user edits: one item per line in a full-screen text field, or one
// item per prompt in accessible mode. It is never split on punctuation.
// It shows the file's items made inert and keeps file, so items left alone are saved
// with their exact text (see restore).
type list struct {
	items []string
	text  string
	file  []string
}

func newList(items []string) list {
	shown := inertAll(items)
	return list{items: shown, text: strings.Join(shown, "\n"), file: append([]string(nil), items...)}
}

func (w *wizard) value(l *list) []string {
	if w.accessible {
		var out []string
		for _, it := range l.items {
			if it = strings.TrimSpace(it); it != "" {
				out = append(out, it)
			}
		}
		return restore(out, l.file)
	}
	return restore(lines(l.text), l.file)
}

// RunInit runs the scoping wizard and returns the organisation and scope to save. When
// the user quits before the end it returns ErrInterrupted with what was entered so far
// (a draft: values that are not valid yet are left out), so nothing typed is lost.
func RunInit(ctx context.Context, cfg InitConfig, o Options) (answers.Organization, answers.Scope, error) {
	w := newWizard(cfg, o.Accessible)
	// Accessible prompts run on their own goroutine, which may still be waiting for a
	// line when an interrupt arrives: they hand over a copy of the draft after each
	// answer, and an interrupt takes the last one.
	var mu sync.Mutex
	org, scope := w.draft()
	checkpoint := func() {
		dOrg, dScope := w.draft()
		mu.Lock()
		org, scope = dOrg, dScope
		mu.Unlock()
	}
	err := runSteps(ctx, wizardFlow{steps: w.steps(), review: w.review, checkpoint: checkpoint}, o)
	if err != nil {
		if !o.Accessible {
			checkpoint() // the full-screen form runs on this goroutine, and has stopped
		}
		mu.Lock()
		defer mu.Unlock()
		return org, scope, err
	}
	finalOrg, finalScope := w.result()
	return finalOrg, finalScope, nil
}

func newWizard(cfg InitConfig, accessible bool) *wizard {
	w := &wizard{cfg: cfg, accessible: accessible, subEditing: -1}
	org, s := cfg.Organization, cfg.Scope
	w.name, w.system, w.services = org.Name, org.System, org.Services
	if org.Employees > 0 {
		w.employees = strconv.Itoa(org.Employees)
	}
	for _, c := range s.Categories {
		if c != "security" {
			w.categories = append(w.categories, c)
		}
	}
	if !cfg.New {
		for _, k := range Commitments {
			if s.InScope(k.Category) {
				w.kinds = append(w.kinds, k.ID)
			}
		}
	}
	w.commitments = newList(s.Commitments)
	if c := s.Components; c != nil {
		w.components = [5]string{c.Infrastructure, c.Software, c.People, c.Procedures, c.Data}
	}
	w.file = texts{name: w.name, system: w.system, services: w.services, components: w.components}
	w.shown = w.file.inert()
	w.name, w.system, w.services, w.components = w.shown.name, w.shown.system, w.shown.services, w.shown.components
	for _, f := range cfg.Catalogue.Facts {
		w.facts = append(w.facts, s.Fact(cfg.Catalogue, f.ID))
	}
	w.subs = append(w.subs, s.Subservice...)
	w.cuecs = newList(s.CUECs)
	w.reportType = s.ReportType
	if w.reportType == "" {
		w.reportType = w.advice().Type
	}
	if p := s.ObservationPeriod; p != nil {
		w.start, w.end = string(p.Start), string(p.End)
	}
	return w
}

// defaultPeriod is six months from the first of next month.
func defaultPeriod(today string) (string, string) {
	t, err := time.Parse("2006-01-02", today)
	if err != nil {
		return "", ""
	}
	start := time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, scoring.FirstObservationMonths, -1)
	return start.Format("2006-01-02"), end.Format("2006-01-02")
}

// advice recommends Type 1 or Type 2: from the answers when there are some, else the
// usual advice for a first audit.
func (w *wizard) advice() scoring.Advice {
	if r := w.cfg.Result; r != nil && r.Overall.Controls > r.Overall.Unanswered {
		return scoring.Recommend(r)
	}
	return scoring.Advice{Type: answers.Type2, Reason: "Most customers ask for a Type 2. Choose Type 1 only as a quick first milestone while key controls are still being built; `soc2ready report` advises again once the questionnaire is answered."}
}

// recommended lists the categories the chosen commitments call for, with the reason.
func (w *wizard) recommended() map[string]string {
	out := map[string]string{}
	for _, k := range Commitments {
		for _, id := range w.kinds {
			if id == k.ID {
				out[k.Category] = k.Short
			}
		}
	}
	return out
}

func (w *wizard) steps() []step {
	cat := w.cfg.Catalogue
	return []step{
		{title: "Organisation", build: func() []page {
			return []page{{title: "Organisation", desc: "Who is being audited, and which system.", fields: []huh.Field{
				w.input("Organisation name", "e.g. Acme Ltd", &w.name, w.required("the organisation needs a name")),
				w.input("System name", "the service the report covers, e.g. Acme Cloud", &w.system, w.required("name the system the report covers")),
				w.services2(),
				w.input("Headcount", fmt.Sprintf("employees and long-term contractors; over %d shows large-company guidance", catalogue.SmallMax), &w.employees, w.count),
			}}}
		}},
		{title: "Commitments to customers", build: func() []page {
			opts := make([]huh.Option[string], len(Commitments))
			for i, k := range Commitments {
				opts[i] = huh.NewOption(k.Label, k.ID)
			}
			// Title and description sit on the page, not the field: huh v2 takes them off
			// a self-sized multi-select's list height, cutting the list short.
			return []page{{title: "What do your contracts, website or sales promise?",
				desc:   "Pick every one that applies" + w.toggleHint() + "; they decide which categories to recommend.",
				fields: []huh.Field{huh.NewMultiSelect[string]().Options(opts...).Value(&w.kinds)}}}
		}},
		{title: "Commitments in your words", build: func() []page {
			return []page{{title: "Commitments in your words", fields: []huh.Field{
				w.text("The commitments the report will list", "one per line, e.g. 99.9% monthly uptime for the Pro plan", &w.commitments, 5),
			}}}
		}},
		{title: "Trust services categories", build: w.categoryPages},
		{title: "System components", build: w.componentPages},
		{title: "Scope facts", build: func() []page {
			var fields []huh.Field
			for i, f := range cat.Facts {
				fields = append(fields, huh.NewConfirm().Title(inert(f.Question)).Affirmative("Yes").Negative("No").
					WithButtonAlignment(lipgloss.Left).Value(&w.facts[i]))
			}
			return []page{{title: "Scope facts", desc: "A No switches off the controls that cannot apply (no office: no visitor log).", fields: fields}}
		}},
		{title: "Subservice organisations", build: w.subservicePages, after: w.subserviceAfter, back: w.subserviceBack},
		{title: "Complementary user entity controls", build: func() []page {
			return []page{{title: "Complementary user entity controls", desc: "What customers must do themselves for your controls to work.", fields: []huh.Field{
				w.text("Controls your customers must operate", "one per line, e.g. Customers remove their departed users' access", &w.cuecs, 5),
			}}}
		}},
		{title: "Report type", build: w.reportTypePages},
	}
}

// categoryPages offers the categories besides Security, pre-ticking (for a new file) those the
// commitments call for, and says why each is recommended.
func (w *wizard) categoryPages() []page {
	cat := w.cfg.Catalogue
	rec := w.recommended()
	if w.cfg.New && len(w.categories) == 0 {
		for _, c := range cat.Categories {
			if _, ok := rec[c.ID]; ok {
				w.categories = append(w.categories, c.ID)
			}
		}
	}
	var opts []huh.Option[string]
	var why []string
	for _, c := range cat.Categories {
		if c.ID == "security" {
			continue
		}
		label := inert(c.Name)
		if reason, ok := rec[c.ID]; ok {
			label += " (recommended)"
			why = append(why, inert(fmt.Sprintf("• %s, for %s. %s", c.Name, reason, c.RecommendWhen)))
		}
		opts = append(opts, huh.NewOption(label, c.ID))
	}
	desc := "Security is always in scope. Nothing you promised calls for another category; add one if a customer asks for it."
	if len(why) > 0 {
		desc = "Security is always in scope. Recommended from your commitments:\n" + strings.Join(why, "\n")
	}
	return []page{{title: "Categories in scope besides Security", desc: desc, fields: []huh.Field{
		huh.NewMultiSelect[string]().Options(opts...).Value(&w.categories),
	}}}
}

// componentPages asks for the five parts of the system the description names.
func (w *wizard) componentPages() []page {
	names := []struct{ title, hint string }{
		{"Infrastructure", "e.g. AWS eu-west-1: ECS, RDS Postgres, S3; Cloudflare"},
		{"Software", "e.g. the web app, API and workers; GitHub, Datadog"},
		{"People", "e.g. 12 staff: engineering, support, a part-time security lead"},
		{"Procedures", "e.g. onboarding, change management, incident response"},
		{"Data", "e.g. customer invoices and contact details; logs kept 1 year"},
	}
	var fields []huh.Field
	for i, n := range names {
		fields = append(fields, w.input(n.title, n.hint, &w.components[i], nil))
	}
	return []page{{title: "System components", desc: "The five parts of the system the description names (optional; one line each).", fields: fields}}
}

// reportTypePages asks Type 1 or Type 2 with the recommendation, then the observation
// period of a Type 2.
func (w *wizard) reportTypePages() []page {
	adv := w.advice()
	ps, pe := defaultPeriod(w.cfg.Today)
	return []page{
		{title: "Report type", fields: []huh.Field{
			huh.NewSelect[string]().Title("Type 1 or Type 2?").
				Description(inert(fmt.Sprintf("Recommended: %s. %s", typeName(adv.Type), adv.Reason))).
				Options(
					huh.NewOption("Type 1: controls designed and in place on one date", answers.Type1),
					huh.NewOption(fmt.Sprintf("Type 2: controls operating over a period of %d to %d months", scoring.MinObservationMonths, scoring.MaxObservationMonths), answers.Type2),
				).Value(&w.reportType),
		}},
		{title: "Observation period", desc: fmt.Sprintf("A first Type 2 usually observes %d to %d months.", scoring.MinObservationMonths, scoring.FirstObservationMonths), hide: func() bool { return w.reportType != answers.Type2 },
			fields: []huh.Field{
				w.input("Start", "YYYY-MM-DD, e.g. "+ps, &w.start, validDate),
				w.input("End", "YYYY-MM-DD, e.g. "+pe, &w.end, w.validEnd),
			}},
	}
}

func typeName(t string) string {
	if t == answers.Type1 {
		return "Type 1"
	}
	return "Type 2"
}

// The subservice step shows one page at a time: the list with its Next choice, then,
// for Add or Edit, the organisation's page. That page is built only once the chosen
// organisation is loaded into w.sub: huh reads a bound value when the field is made, so
// a page made earlier would show empty fields and save them over the organisation.
func (w *wizard) subservicePages() []page {
	if w.subPage {
		return []page{w.subOrgPage()}
	}
	if !w.subKeep {
		w.subAction = "done"
		if len(w.subs) == 0 {
			w.subAction = "add"
		}
	}
	w.subKeep = false
	opts := []huh.Option[string]{huh.NewOption("Continue", "done"), huh.NewOption("Add one", "add")}
	var listed []string
	for i, s := range w.subs {
		listed = append(listed, inert(fmt.Sprintf("%s (%s, %s, %d %s)", s.Name, orNone(s.Services), strings.ReplaceAll(string(s.Method), "_", "-"),
			len(s.CSOCs), plural(len(s.CSOCs), "csoc", "csocs"))))
		opts = append(opts, huh.NewOption("Edit "+inert(s.Name), "edit:"+strconv.Itoa(i)), huh.NewOption("Remove "+inert(s.Name), "remove:"+strconv.Itoa(i)))
	}
	now := "None yet."
	if len(listed) > 0 {
		now = "Now: " + strings.Join(listed, "; ") + "."
	}
	return []page{{title: "Subservice organisations", desc: "Vendors your controls rely on, such as the cloud host or payment processor. " + now,
		fields: []huh.Field{huh.NewSelect[string]().Title("Next").Options(opts...).Value(&w.subAction)}}}
}

// subOrgPage is the page of the organisation in w.sub, its fields made from the loaded values.
func (w *wizard) subOrgPage() page {
	return page{title: "Subservice organisation", fields: []huh.Field{
		w.input("Name", "e.g. Amazon Web Services", &w.sub.Name, w.required("give the organisation's name")),
		w.input("Services", "e.g. hosting, managed database", &w.sub.Services, nil),
		huh.NewSelect[answers.Method]().Title("Method").Options(
			huh.NewOption("carve-out: you rely on their own SOC 2 report (usual for cloud hosts)", answers.CarveOut),
			huh.NewOption("inclusive: their controls are described and tested in your report", answers.Inclusive),
		).Value(&w.sub.Method),
		w.text("Controls you rely on them to operate (csocs)", "one per line, e.g. AWS restricts physical access to its data centres", &w.subCSOCs, 3),
	}}
}

// loadSub puts the organisation the Next choice names on the page: a blank one to add,
// or the one to edit, its text shown inert (pendingSub keeps the file's exact text for
// what is left as shown). It reports false when the choice names no organisation.
func (w *wizard) loadSub() bool {
	switch {
	case w.subAction == "add":
		w.subEditing, w.sub = -1, answers.SubserviceOrg{Method: answers.CarveOut}
		w.subCSOCs = newList(nil)
		return true
	case strings.HasPrefix(w.subAction, "edit:"):
		i, err := strconv.Atoi(strings.TrimPrefix(w.subAction, "edit:"))
		if err != nil || i < 0 || i >= len(w.subs) {
			return false
		}
		w.subEditing = i
		w.sub = w.subs[i]
		w.sub.Name, w.sub.Services = inert(w.sub.Name), inert(w.sub.Services)
		w.sub.CSOCs = nil // the page's list is subCSOCs
		w.subCSOCs = newList(w.subs[i].CSOCs)
		return true
	}
	return false
}

// pendingSub is the organisation on the page, as entered so far.
func (w *wizard) pendingSub() (answers.SubserviceOrg, bool) {
	s := w.sub
	var file answers.SubserviceOrg
	if w.subEditing >= 0 && w.subEditing < len(w.subs) {
		file = w.subs[w.subEditing]
	}
	s.Name, s.Services = keep(s.Name, inert(file.Name), file.Name), keep(s.Services, inert(file.Services), file.Services)
	s.CSOCs = w.value(&w.subCSOCs)
	return s, s.Name != ""
}

// subserviceAfter moves the step on: from the Next choice to the organisation's page
// (add, edit) or a shorter list (remove); from the page back to the list, the
// organisation saved. Continue ends the step.
func (w *wizard) subserviceAfter() bool {
	if w.subPage {
		w.storeSub()
		w.subPage = false
		return true
	}
	switch {
	case w.subAction == "add" || strings.HasPrefix(w.subAction, "edit:"):
		w.subPage = w.loadSub()
		return true
	case strings.HasPrefix(w.subAction, "remove:"):
		i, _ := strconv.Atoi(strings.TrimPrefix(w.subAction, "remove:"))
		if i >= 0 && i < len(w.subs) {
			w.subs = append(w.subs[:i], w.subs[i+1:]...)
		}
		return true
	}
	return false
}

// subserviceBack leaves the organisation's page for the list. What was typed on the page
// is kept, as going back anywhere in the wizard keeps it: discarding an organisation is
// the explicit Remove on the list. The Next choice stays on it.
func (w *wizard) subserviceBack() bool {
	if !w.subPage {
		return false
	}
	w.storeSub()
	w.subPage, w.subKeep = false, true
	return true
}

// storeSub puts the organisation on the open page into the list: over the one being
// edited, or as a new one.
func (w *wizard) storeSub() {
	s, ok := w.pendingSub()
	if !ok {
		return
	}
	if w.subEditing >= 0 && w.subEditing < len(w.subs) {
		w.subs[w.subEditing] = s
	} else {
		w.subs = append(w.subs, s)
	}
}

func orNone(s string) string {
	if s == "" {
		return "no services given"
	}
	return s
}

// input is a one-line field; see textField for the accessible-mode details.
func (w *wizard) input(title, hint string, v *string, validate func(string) error) *huh.Input {
	return textField(w.accessible, title, hint, v, validate)
}

// text is a list field: one item per line on the full screen; in accessible mode, one
// item per prompt (see listField).
func (w *wizard) text(title, hint string, l *list, lines int) huh.Field {
	if w.accessible {
		return &listField{Input: huh.NewInput(), title: title, hint: hint, items: &l.items}
	}
	return huh.NewText().Title(title).Description("One per line: Enter starts a new line; Tab moves on.").Placeholder(hint).Lines(lines).Value(&l.text)
}

func (w *wizard) required(msg string) func(string) error { return required(msg) }

func (w *wizard) count(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err != nil || n < 0 {
		return errors.New("give a whole number, e.g. 25")
	}
	return nil
}

func validDate(s string) error {
	if !answers.ValidDate(strings.TrimSpace(s)) {
		return errors.New("write the date as YYYY-MM-DD")
	}
	return nil
}

func (w *wizard) validEnd(s string) error {
	s = strings.TrimSpace(s)
	if err := validDate(s); err != nil {
		return err
	}
	if s <= strings.TrimSpace(w.start) {
		return errors.New("the period must end after it starts")
	}
	return nil
}

// result turns the bound values into the organisation and scope to save.
func (w *wizard) result() (answers.Organization, answers.Scope) {
	org := w.cfg.Organization
	org.Name, org.System, org.Services = keep(w.name, w.shown.name, w.file.name), keep(w.system, w.shown.system, w.file.system),
		keep(w.services, w.shown.services, w.file.services)
	org.Employees, _ = strconv.Atoi(strings.TrimSpace(w.employees))

	s := w.cfg.Scope
	s.Categories = []string{"security"}
	for _, c := range w.cfg.Catalogue.Categories { // catalogue order, whatever order they were ticked in
		for _, id := range w.categories {
			if id == c.ID && id != "security" {
				s.Categories = append(s.Categories, id)
			}
		}
	}
	s.Commitments = w.value(&w.commitments)
	comp := answers.Components{}
	for i, p := range []*string{&comp.Infrastructure, &comp.Software, &comp.People, &comp.Procedures, &comp.Data} {
		*p = keep(w.components[i], w.shown.components[i], w.file.components[i])
	}
	s.Components = nil
	if comp != (answers.Components{}) {
		s.Components = &comp
	}
	s.Facts = map[string]bool{}
	for i, f := range w.cfg.Catalogue.Facts {
		s.Facts[f.ID] = w.facts[i]
	}
	s.Subservice = append([]answers.SubserviceOrg(nil), w.subs...)
	s.CUECs = w.value(&w.cuecs)
	s.ReportType = w.reportType
	s.ObservationPeriod = nil
	if w.reportType == answers.Type2 {
		s.ObservationPeriod = &answers.Period{Start: strings.TrimSpace(w.start), End: strings.TrimSpace(w.end)}
	}
	return org, s
}

// services2 is the free-text services field: several lines on the full screen, one
// line in accessible mode.
func (w *wizard) services2() huh.Field {
	if w.accessible {
		return w.input("Services the system provides to customers", "e.g. hosted invoicing for small businesses", &w.services, nil)
	}
	return huh.NewText().Title("Services the system provides to customers").Placeholder("e.g. hosted invoicing for small businesses").
		Lines(2).Value(&w.services)
}

// draft is what was entered when the wizard was interrupted, kept so the next `init`
// resumes from it. Values the file cannot hold yet are left out: a half-typed date, a
// headcount that is not a number; an organisation being added counts once it has a name.
// It leaves w as it is: it works on a copy.
func (w *wizard) draft() (answers.Organization, answers.Scope) {
	c := *w
	c.subs = append([]answers.SubserviceOrg(nil), w.subs...)
	if s, ok := c.pendingSub(); ok && c.subPage {
		if c.subEditing >= 0 && c.subEditing < len(c.subs) {
			c.subs[c.subEditing] = s
		} else {
			c.subs = append(c.subs, s)
		}
	}
	if c.count(c.employees) != nil {
		c.employees = ""
	}
	org, s := c.result()
	if p := s.ObservationPeriod; p != nil && (validDate(string(p.Start)) != nil || w.validEnd(string(p.End)) != nil) {
		s.ObservationPeriod = nil
	}
	return org, s
}

// review lists everything the wizard will save, for the screen before saving.
func (w *wizard) review() []string {
	org, s := w.result()
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	out := []string{
		fmt.Sprintf("1 Organisation: %s · system %s · headcount %s", orDash(org.Name), orDash(org.System), orDash(w.employees)),
		"  Services: " + orDash(strings.ReplaceAll(org.Services, "\n", " ")),
		fmt.Sprintf("2-3 Commitments (%d): %s", len(s.Commitments), orDash(strings.Join(s.Commitments, " | "))),
		"4 Categories: " + strings.Join(s.Categories, ", "),
	}
	var comp []string
	if c := s.Components; c != nil {
		for _, p := range []struct{ n, v string }{{"infrastructure", c.Infrastructure}, {"software", c.Software}, {"people", c.People}, {"procedures", c.Procedures}, {"data", c.Data}} {
			if p.v != "" {
				comp = append(comp, p.n)
			}
		}
	}
	out = append(out, "5 Components described: "+orDash(strings.Join(comp, ", ")))
	var facts []string
	for _, f := range w.cfg.Catalogue.Facts {
		facts = append(facts, f.ID+" "+yes(s.Facts[f.ID]))
	}
	out = append(out, "6 Scope facts: "+orDash(strings.Join(facts, ", ")))
	var subs []string
	for _, so := range s.Subservice {
		subs = append(subs, fmt.Sprintf("%s (%s, %d %s)", so.Name, strings.ReplaceAll(string(so.Method), "_", "-"), len(so.CSOCs), plural(len(so.CSOCs), "csoc", "csocs")))
	}
	out = append(out, "7 Subservice organisations: "+orDash(strings.Join(subs, "; ")))
	out = append(out, fmt.Sprintf("8 Complementary user entity controls (%d): %s", len(s.CUECs), orDash(strings.Join(s.CUECs, " | "))))
	rt := typeName(s.ReportType)
	if p := s.ObservationPeriod; p != nil {
		rt += fmt.Sprintf(", observation period %s to %s", p.Start, p.End)
	}
	out = append(out, "9 Report: "+rt)
	for _, n := range ScopeChanges(w.cfg.Catalogue, w.cfg.Scope, s, w.cfg.Answers) {
		out = append(out, "Note: "+n)
	}
	return inertAll(out) // names, commitments and csocs are saved as in the file, shown inert
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// toggleHint names the keys that tick a box, where there are keys.
func (w *wizard) toggleHint() string {
	if w.accessible {
		return ""
	}
	return " (space or x toggles)"
}
