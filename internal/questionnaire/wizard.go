package questionnaire

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
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
	Today        string          // YYYY-MM-DD, for the default observation period
}

// wizard holds the values bound to the wizard's fields.
type wizard struct {
	cfg        InitConfig
	accessible bool

	name, system, services, employees string
	kinds, categories                 []string
	commitments, cuecs                string
	components                        [5]string
	facts                             []bool
	subs                              []answers.SubserviceOrg
	subAction                         string
	sub                               answers.SubserviceOrg
	reportType, start, end            string
}

// RunInit runs the scoping wizard and returns the organisation and scope to save. It
// returns ErrInterrupted, and nothing else, when the user quits before the end.
func RunInit(ctx context.Context, cfg InitConfig, o Options) (answers.Organization, answers.Scope, error) {
	w := newWizard(cfg, o.Accessible)
	if err := runSteps(ctx, w.steps(), o); err != nil {
		return answers.Organization{}, answers.Scope{}, err
	}
	org, scope := w.result()
	return org, scope, nil
}

func newWizard(cfg InitConfig, accessible bool) *wizard {
	w := &wizard{cfg: cfg, accessible: accessible}
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
	w.commitments = strings.Join(s.Commitments, "\n")
	if c := s.Components; c != nil {
		w.components = [5]string{c.Infrastructure, c.Software, c.People, c.Procedures, c.Data}
	}
	for _, f := range cfg.Catalogue.Facts {
		w.facts = append(w.facts, s.Fact(cfg.Catalogue, f.ID))
	}
	w.subs = append(w.subs, s.Subservice...)
	w.cuecs = strings.Join(s.CUECs, "\n")
	w.reportType = s.ReportType
	if w.reportType == "" {
		w.reportType = w.advice().Type
	}
	if p := s.ObservationPeriod; p != nil {
		w.start, w.end = string(p.Start), string(p.End)
	} else {
		w.start, w.end = defaultPeriod(cfg.Today)
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
	end := start.AddDate(0, 6, -1)
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
				w.text("Services the system provides to customers", "e.g. hosted invoicing for small businesses", &w.services, 2),
				w.input("Headcount", "employees and long-term contractors; over 50 shows large-company guidance", &w.employees, w.count),
			}}}
		}},
		{title: "Commitments to customers", build: func() []page {
			opts := make([]huh.Option[string], len(Commitments))
			for i, k := range Commitments {
				opts[i] = huh.NewOption(k.Label, k.ID)
			}
			return []page{{title: "Commitments to customers", fields: []huh.Field{
				huh.NewMultiSelect[string]().Title("What do your contracts, website or sales promise?").
					Description("Pick every one that applies (space or x toggles); they decide which categories to recommend.").
					Options(opts...).Value(&w.kinds),
			}}}
		}, after: func() bool {
			// Offer a sentence for each newly chosen commitment; the user edits them next.
			for _, k := range Commitments {
				if w.chosen(k.ID) && !strings.Contains(w.commitments, k.Sentence) && !w.cfg.Scope.InScope(k.Category) {
					w.commitments = strings.TrimSpace(w.commitments + "\n" + k.Sentence)
				}
			}
			return false
		}},
		{title: "Commitments in your words", build: func() []page {
			return []page{{title: "Commitments in your words", fields: []huh.Field{
				w.text("The commitments the report will list", "one per line, e.g. 99.9% monthly uptime for the Pro plan", &w.commitments, 5),
			}}}
		}},
		{title: "Trust services categories", build: func() []page {
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
				label := c.Name
				if reason, ok := rec[c.ID]; ok {
					label += " (recommended)"
					why = append(why, fmt.Sprintf("• %s, for %s. %s", c.Name, reason, c.RecommendWhen))
				}
				opts = append(opts, huh.NewOption(label, c.ID))
			}
			desc := "Security is always in scope. Nothing you promised calls for another category; add one if a customer asks for it."
			if len(why) > 0 {
				desc = "Security is always in scope. Recommended from your commitments:\n" + strings.Join(why, "\n")
			}
			return []page{{title: "Trust services categories", fields: []huh.Field{
				huh.NewMultiSelect[string]().Title("Categories in scope besides Security").Description(desc).
					Options(opts...).Value(&w.categories),
			}}}
		}},
		{title: "System components", build: func() []page {
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
		}},
		{title: "Scope facts", build: func() []page {
			var fields []huh.Field
			for i, f := range cat.Facts {
				fields = append(fields, huh.NewConfirm().Title(f.Question).Affirmative("Yes").Negative("No").
					WithButtonAlignment(lipgloss.Left).Value(&w.facts[i]))
			}
			return []page{{title: "Scope facts", desc: "A No switches off the controls that cannot apply (no office: no visitor log).", fields: fields}}
		}},
		{title: "Subservice organisations", build: w.subservicePages, after: w.subserviceAfter},
		{title: "Complementary user entity controls", build: func() []page {
			return []page{{title: "Complementary user entity controls", desc: "What customers must do themselves for your controls to work.", fields: []huh.Field{
				w.text("Controls your customers must operate", "one per line, e.g. Customers remove their departed users' access", &w.cuecs, 5),
			}}}
		}},
		{title: "Report type", build: func() []page {
			adv := w.advice()
			return []page{
				{title: "Report type", fields: []huh.Field{
					huh.NewSelect[string]().Title("Type 1 or Type 2?").
						Description(fmt.Sprintf("Recommended: %s. %s", typeName(adv.Type), adv.Reason)).
						Options(
							huh.NewOption("Type 1: controls designed and in place on one date", answers.Type1),
							huh.NewOption("Type 2: controls operating over a period of 3 to 12 months", answers.Type2),
						).Value(&w.reportType),
				}},
				{title: "Observation period", desc: "A first Type 2 usually observes 3 to 6 months.", hide: func() bool { return w.reportType != answers.Type2 },
					fields: []huh.Field{
						w.input("Start", "YYYY-MM-DD", &w.start, validDate),
						w.input("End", "YYYY-MM-DD", &w.end, w.validEnd),
					}},
			}
		}},
	}
}

func (w *wizard) chosen(kind string) bool {
	for _, k := range w.kinds {
		if k == kind {
			return true
		}
	}
	return false
}

func typeName(t string) string {
	if t == answers.Type1 {
		return "Type 1"
	}
	return "Type 2"
}

func (w *wizard) subservicePages() []page {
	w.subAction, w.sub = "done", answers.SubserviceOrg{Method: "carve_out"}
	opts := []huh.Option[string]{huh.NewOption("Continue", "done"), huh.NewOption("Add one", "add")}
	var list []string
	for i, s := range w.subs {
		list = append(list, fmt.Sprintf("%s (%s, %s)", s.Name, orNone(s.Services), strings.ReplaceAll(s.Method, "_", "-")))
		opts = append(opts, huh.NewOption("Remove "+s.Name, "remove:"+strconv.Itoa(i)))
	}
	if len(w.subs) == 0 {
		w.subAction = "add"
	}
	now := "None yet."
	if len(list) > 0 {
		now = "Now: " + strings.Join(list, "; ") + "."
	}
	return []page{
		{title: "Subservice organisations", desc: "Vendors your controls rely on, such as the cloud host or payment processor. " + now,
			fields: []huh.Field{huh.NewSelect[string]().Title("Next").Options(opts...).Value(&w.subAction)}},
		{title: "Add a subservice organisation", hide: func() bool { return w.subAction != "add" }, fields: []huh.Field{
			w.input("Name", "e.g. Amazon Web Services", &w.sub.Name, w.required("give the organisation's name")),
			w.input("Services", "e.g. hosting, managed database", &w.sub.Services, nil),
			huh.NewSelect[string]().Title("Method").Options(
				huh.NewOption("carve-out: you rely on their own SOC 2 report (usual for cloud hosts)", "carve_out"),
				huh.NewOption("inclusive: their controls are described and tested in your report", "inclusive"),
			).Value(&w.sub.Method),
		}},
	}
}

func (w *wizard) subserviceAfter() bool {
	switch {
	case w.subAction == "add":
		w.sub.Name, w.sub.Services = strings.TrimSpace(w.sub.Name), strings.TrimSpace(w.sub.Services)
		if w.sub.Name != "" {
			w.subs = append(w.subs, w.sub)
		}
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

// text is a multi-line field. Accessible prompts read one line, so items are separated
// by semicolons there.
func (w *wizard) text(title, hint string, v *string, lines int) huh.Field {
	if w.accessible {
		if strings.Contains(*v, "\n") {
			*v = strings.Join(strings.Split(*v, "\n"), "; ")
		}
		return textField(true, title, hint+" (separate items with ;)", v, nil)
	}
	return huh.NewText().Title(title).Description("Enter starts a new line; Tab moves on.").Placeholder(hint).Lines(lines).Value(v)
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
	org.Name, org.System, org.Services = strings.TrimSpace(w.name), strings.TrimSpace(w.system), strings.TrimSpace(w.services)
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
	s.Commitments = lines(w.commitments, w.accessible)
	comp := answers.Components{}
	for i, p := range []*string{&comp.Infrastructure, &comp.Software, &comp.People, &comp.Procedures, &comp.Data} {
		*p = strings.TrimSpace(w.components[i])
	}
	s.Components = nil
	if comp != (answers.Components{}) {
		s.Components = &comp
	}
	s.Facts = map[string]bool{}
	for i, f := range w.cfg.Catalogue.Facts {
		s.Facts[f.ID] = w.facts[i]
	}
	s.Subservice = w.subs
	s.CUECs = lines(w.cuecs, w.accessible)
	s.ReportType = w.reportType
	s.ObservationPeriod = nil
	if w.reportType == answers.Type2 {
		s.ObservationPeriod = &answers.Period{Start: yamlfile.Date(strings.TrimSpace(w.start)), End: yamlfile.Date(strings.TrimSpace(w.end))}
	}
	return org, s
}
