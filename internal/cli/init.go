package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/questionnaire"
	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

type initOptions struct {
	org, system, categories, reportType, periodStart, periodEnd string
	employees                                                   int
	facts                                                       []string
	accessible                                                  bool
}

func (e *env) initCommand() *cobra.Command {
	o := &initOptions{}
	c := &cobra.Command{
		Use:   "init",
		Short: "Create the answers file, or change its organisation and scope",
		Long: `Create the answers file with the organisation and audit scope, or update the scope of an
existing one (its answers are kept). On a terminal and without scope flags, a wizard asks
for the organisation, the commitments made to customers (which decide the categories it
recommends), the system components, scope facts, subservice organisations, complementary
user entity controls and the report type; run on an existing file it starts from what the
file holds. Without a terminal, give the values as flags.

Examples:
  soc2ready init --org "Acme Ltd" --system "Acme Cloud" --categories security,availability --type type2 \
    --period-start 2027-01-01 --period-end 2027-06-30 --fact has_office=false`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.runInit(cmd, o) },
	}
	c.Flags().StringVar(&o.org, "org", "", "organisation name")
	c.Flags().StringVar(&o.system, "system", "", "name of the system (service) being assessed")
	c.Flags().StringVar(&o.categories, "categories", "", "categories in scope, comma-separated (security is always in)")
	c.Flags().StringVar(&o.reportType, "type", "", "report type: type1 or type2")
	c.Flags().StringVar(&o.periodStart, "period-start", "", "Type 2 observation period start, YYYY-MM-DD")
	c.Flags().StringVar(&o.periodEnd, "period-end", "", "Type 2 observation period end, YYYY-MM-DD")
	c.Flags().IntVar(&o.employees, "employees", 0, "headcount (picks small- or large-company guidance)")
	c.Flags().StringArrayVar(&o.facts, "fact", nil, "scope fact as `name=true|false`, e.g. has_office=false (repeatable)")
	c.Flags().BoolVar(&o.accessible, "accessible", false, "wizard as plain numbered prompts for screen readers (also when TERM=dumb)")
	return c
}

func (e *env) runInit(cmd *cobra.Command, o *initOptions) error {
	fl := cmd.Flags()
	// Global flags (-a, --catalog) and --accessible are not scope: without scope flags a
	// terminal gets the wizard.
	scopeFlags := fl.NFlag() - boolToInt(fl.Changed("answers")) - boolToInt(fl.Changed("catalog")) - boolToInt(fl.Changed("accessible"))
	if scopeFlags == 0 && e.interactive() {
		return e.runInitWizard(cmd.Context(), o.accessible)
	}
	if fl.NFlag() == 0 || (scopeFlags == 0 && !fl.Changed("catalog")) {
		return problem.New("give the scope as flags, e.g. soc2ready init --org \"Acme\" --system \"Acme Cloud\" --categories security", "init needs a terminal for the interactive wizard")
	}
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	unlock, err := e.lockAnswers()
	if err != nil {
		return err
	}
	defer unlock()
	var f *answers.File
	if _, statErr := os.Stat(e.answersPath); statErr == nil {
		if f, err = e.loadAnswers(cat); err != nil {
			return err
		}
	} else {
		if o.org == "" {
			return problem.New("add --org \"Company name\"", "a new answers file needs the organisation name")
		}
		f = answers.New(e.answersPath, cat)
		f.Scope.Categories = []string{"security"}
	}
	if err := o.apply(cmd, cat, f); err != nil {
		return err
	}
	if err := f.SetHeader(); err != nil {
		return err
	}
	if err := f.Save(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: saved scope for %s (%s)\n", f.Path, f.Organization.Name, strings.Join(f.Scope.Categories, ", "))
	fmt.Fprintf(e.stderr, "soc2ready: next: soc2ready assess -a %s (on a terminal), or soc2ready set CONTROL STATUS\n", f.Path)
	return nil
}

func (o *initOptions) apply(cmd *cobra.Command, cat *catalogue.Catalogue, f *answers.File) error {
	fl := cmd.Flags()
	if fl.Changed("org") {
		if strings.TrimSpace(o.org) == "" {
			return problem.New("give the organisation's name", "--org is empty")
		}
		f.Organization.Name = o.org
	}
	if fl.Changed("system") {
		f.Organization.System = o.system
	}
	if fl.Changed("employees") {
		if err := inRange("--employees", float64(o.employees), 0, maxEmployees, "give the headcount, e.g. --employees 40"); err != nil {
			return err
		}
		f.Organization.Employees = o.employees
	}
	if fl.Changed("categories") {
		cats := []string{"security"}
		for _, c := range strings.Split(o.categories, ",") {
			c = strings.ToLower(strings.TrimSpace(c)) // ids are not case-sensitive
			if c == "" || c == "security" {
				continue
			}
			if cat.Category(c) == nil {
				return problem.New(problem.DidYouMean(c, cat.CategoryIDs(), "categories are "+strings.Join(cat.CategoryIDs(), ", ")), "--categories: unknown category %q", c)
			}
			cats = append(cats, c)
		}
		f.Scope.Categories = cats
	}
	if fl.Changed("type") {
		if o.reportType != answers.Type1 && o.reportType != answers.Type2 {
			return problem.New("use type1 or type2", "--type: unknown report type %q", o.reportType)
		}
		f.Scope.ReportType = o.reportType
	}
	if fl.Changed("period-start") || fl.Changed("period-end") {
		if !answers.ValidDate(o.periodStart) || !answers.ValidDate(o.periodEnd) || o.periodEnd <= o.periodStart {
			return problem.New("give both --period-start and --period-end as YYYY-MM-DD, end after start", "invalid observation period")
		}
		f.Scope.ObservationPeriod = &answers.Period{Start: yamlfile.Date(o.periodStart), End: yamlfile.Date(o.periodEnd)}
	}
	for _, kv := range o.facts {
		k, v, ok := strings.Cut(kv, "=")
		b, err := strconv.ParseBool(v)
		if !ok || err != nil {
			return problem.New("write it as name=true or name=false", "--fact %q is not name=true|false", kv)
		}
		if cat.Fact(k) == nil {
			ids := make([]string, len(cat.Facts))
			for i, fc := range cat.Facts {
				ids[i] = fc.ID
			}
			return problem.New(problem.DidYouMean(k, ids, "facts are "+strings.Join(ids, ", ")), "--fact: unknown scope fact %q", k)
		}
		if f.Scope.Facts == nil {
			f.Scope.Facts = map[string]bool{}
		}
		f.Scope.Facts[k] = b
	}
	f.CatalogVersion = cat.Version
	return nil
}

// runInitWizard asks for the organisation and scope on the terminal and saves them; the
// answers already in the file are kept. Quitting before the end writes nothing.
func (e *env) runInitWizard(ctx context.Context, accessible bool) error {
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	unlock, err := e.lockAnswers()
	if err != nil {
		return err
	}
	defer unlock()
	today, err := e.today()
	if err != nil {
		return err
	}
	cfg := questionnaire.InitConfig{Catalogue: cat, Today: today}
	var f *answers.File
	if _, statErr := os.Stat(e.answersPath); statErr == nil {
		if f, err = e.loadAnswers(cat); err != nil {
			return err
		}
		cfg.Organization, cfg.Scope = f.Organization, f.Scope
		cfg.Result = scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	} else {
		f = answers.New(e.answersPath, cat)
		cfg.New = true
		cfg.Scope.Categories = []string{"security"}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	org, scope, err := questionnaire.RunInit(ctx, cfg, e.terminalOptions(accessible))
	if errors.Is(err, questionnaire.ErrInterrupted) {
		return &problem.Error{Msg: "interrupted: " + f.Path + " was not changed", Hint: "run `soc2ready init` again to set up the scope", Code: problem.ExitInterrupted}
	}
	if err != nil {
		return problem.New("give the scope as flags instead; see `soc2ready init --help`", "%v", err)
	}
	f.Organization, f.Scope, f.CatalogVersion = org, scope, cat.Version
	if err := f.SetHeader(); err != nil {
		return err
	}
	if err := f.Save(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: saved scope for %s (%s)\n", f.Path, f.Organization.Name, strings.Join(f.Scope.Categories, ", "))
	fmt.Fprintf(e.stderr, "soc2ready: next: soc2ready assess -a %s\n", f.Path)
	return nil
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
