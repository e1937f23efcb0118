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
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/questionnaire"
	"github.com/soc2ready/soc2ready/internal/scoring"
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
file holds. Shift+Tab goes back a step, and a review comes before anything is saved.
Ctrl-C keeps what was entered in FILE.draft next to the answers file (the file itself is
not changed); the next init on the same file resumes from it. Without a terminal, give
the values as flags; a flag that drops data (--type type1 removes the observation period,
--categories leaving out a category with answers) says so, and answers always stay.

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
	cat, unlock, err := e.catalogueLocked()
	if err != nil {
		return err
	}
	defer unlock()
	var f *answersfile.File
	if _, statErr := os.Stat(e.answersPath); statErr == nil {
		if f, err = e.loadAnswers(cat); err != nil {
			return err
		}
	} else {
		if o.org == "" {
			return problem.New("add --org \"Company name\"", "a new answers file needs the organisation name")
		}
		f = answersfile.New(e.answersPath, cat)
		f.Scope.Categories = []string{"security"}
	}
	before := f.Scope
	if err := o.apply(cmd, cat, f); err != nil {
		return err
	}
	for _, n := range questionnaire.ScopeChanges(cat, before, f.Scope, f.Answers) {
		fmt.Fprintf(e.stderr, "soc2ready: note: %s\n", n)
	}
	if err := f.SetHeader(); err != nil {
		return err
	}
	if err := f.Save(); err != nil {
		return err
	}
	if _, err := os.Stat(draftPath(f.Path)); err == nil {
		fmt.Fprintf(e.stderr, "soc2ready: note: %s, kept by an interrupted init, is left as it is; `soc2ready init -a %s` on a terminal resumes from it\n",
			draftPath(f.Path), shellArg(f.Path))
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: saved scope for %s (%s)\n", f.Path, f.Organization.Name, strings.Join(f.Scope.Categories, ", "))
	fmt.Fprintf(e.stderr, "soc2ready: next: soc2ready assess -a %s (on a terminal), or soc2ready set CONTROL STATUS\n", f.Path)
	return nil
}

func (o *initOptions) apply(cmd *cobra.Command, cat *catalogue.Catalogue, f *answersfile.File) error {
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
		if o.reportType == answers.Type1 && (fl.Changed("period-start") || fl.Changed("period-end")) {
			return problem.New("drop --period-start/--period-end, or use --type type2", "a Type 1 report has no observation period")
		}
		if o.reportType == answers.Type1 {
			// A Type 1 report looks at one date: the period goes (scopeNotes says so).
			f.Scope.ObservationPeriod = nil
		}
	}
	if fl.Changed("period-start") || fl.Changed("period-end") {
		if !answers.ValidDate(o.periodStart) || !answers.ValidDate(o.periodEnd) || o.periodEnd <= o.periodStart {
			return problem.New("give both --period-start and --period-end as YYYY-MM-DD, end after start", "invalid observation period")
		}
		f.Scope.ObservationPeriod = &answers.Period{Start: o.periodStart, End: o.periodEnd}
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

// draftPath is where an interrupted wizard keeps what was entered: next to the answers
// file, so an existing file is never half-rewritten and a new one is not created with a
// half-done scope. The next `init` on the same file resumes from it.
func draftPath(path string) string { return path + ".draft" }

// runInitWizard asks for the organisation and scope on the terminal and saves them; the
// answers already in the file are kept. Quitting before the end keeps what was entered
// in the draft file, and the file itself is not changed.
func (e *env) runInitWizard(ctx context.Context, accessible bool) error {
	cat, unlock, err := e.catalogueLocked()
	if err != nil {
		return err
	}
	defer unlock()
	today, err := e.today()
	if err != nil {
		return err
	}
	cfg := questionnaire.InitConfig{Catalogue: cat, Today: today}
	var f *answersfile.File
	if _, statErr := os.Stat(e.answersPath); statErr == nil {
		if f, err = e.loadAnswers(cat); err != nil {
			return err
		}
		cfg.Organization, cfg.Scope, cfg.Answers = f.Organization, f.Scope, f.Answers
		cfg.Result = scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	} else {
		f = answersfile.New(e.answersPath, cat)
		cfg.New = true
		cfg.Scope.Categories = []string{"security"}
	}
	draft := draftPath(f.Path)
	if _, statErr := os.Stat(draft); statErr == nil {
		d, derr := answersfile.Load(draft, cat)
		if derr != nil {
			return problem.New("fix it, or delete it to start over", "the draft of an interrupted init cannot be read: %v", derr)
		}
		cfg.Organization, cfg.Scope = d.Organization, d.Scope
		fmt.Fprintf(e.stderr, "soc2ready: resuming from %s (what an interrupted init kept; delete it to start over)\n", draft)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	before := f.Scope
	org, scope, err := questionnaire.RunInit(ctx, cfg, e.terminalOptions(accessible))
	if errors.Is(err, questionnaire.ErrInterrupted) {
		hint := "run `soc2ready init -a " + shellArg(f.Path) + "` again to set up the scope"
		if strings.TrimSpace(org.Name) == "" {
			return &problem.Error{Msg: "interrupted: " + f.Path + " was not changed (nothing entered to keep)", Hint: hint, Code: problem.ExitInterrupted}
		}
		d := answersfile.New(draft, cat)
		d.Organization, d.Scope = org, scope
		serr := d.SetHeader()
		if serr == nil {
			serr = d.Save()
		}
		if serr != nil {
			return &problem.Error{Msg: "interrupted: " + f.Path + " was not changed, and the draft could not be saved: " + serr.Error(), Hint: hint, Code: problem.ExitInterrupted}
		}
		return &problem.Error{Msg: "interrupted: " + f.Path + " was not changed; what you entered is kept in " + draft,
			Hint: "run `soc2ready init -a " + shellArg(f.Path) + "` to carry on from it", Code: problem.ExitInterrupted}
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
	if err := os.Remove(draft); err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(e.stderr, "soc2ready: note: %s is saved, but its draft could not be removed: %v\n", f.Path, err)
	}
	for _, n := range questionnaire.ScopeChanges(cat, before, f.Scope, f.Answers) {
		fmt.Fprintf(e.stderr, "soc2ready: note: %s\n", n)
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: saved scope for %s (%s)\n", f.Path, f.Organization.Name, strings.Join(f.Scope.Categories, ", "))
	fmt.Fprintf(e.stderr, "soc2ready: next: soc2ready assess -a %s\n", shellArg(f.Path))
	return nil
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// shellArg quotes a path for a command line the user may copy.
func shellArg(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+:@=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
