package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

type initOptions struct {
	org, system, categories, reportType, periodStart, periodEnd string
	employees                                                   int
	facts                                                       []string
}

func (e *env) initCommand() *cobra.Command {
	o := &initOptions{}
	c := &cobra.Command{
		Use:   "init",
		Short: "Create the answers file, or change its organisation and scope",
		Long: `Create the answers file with the organisation and audit scope, or update the scope of an
existing one (its answers are kept). Without a terminal, give the values as flags.

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
	return c
}

func (e *env) runInit(cmd *cobra.Command, o *initOptions) error {
	if cmd.Flags().NFlag() == 0 || (cmd.Flags().NFlag() == 1 && cmd.Flags().Changed("answers")) {
		if !e.isTerminal() {
			return problem.New("give the scope as flags, e.g. soc2ready init --org \"Acme\" --system \"Acme Cloud\" --categories security", "init needs a terminal for the interactive wizard")
		}
		return problem.New("give the scope as flags; see soc2ready init --help", "the interactive wizard is not available in this build")
	}
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	unlock, err := atomicfile.Lock(e.answersPath)
	if errors.Is(err, atomicfile.ErrLocked) {
		return problem.At(e.answersPath, 0, "wait for the other soc2ready to finish", "is being edited by another soc2ready process")
	}
	if err != nil {
		return problem.At(e.answersPath, 0, "check the folder exists", "cannot lock: %v", err)
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
	fmt.Fprintf(e.stdout, "%s: saved scope for %s (%s)\n", f.Path, f.Organization.Name, strings.Join(f.Scope.Categories, ", "))
	fmt.Fprintf(e.stdout, "next: soc2ready assess -a %s (on a terminal), or soc2ready set CONTROL STATUS\n", f.Path)
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
		f.Organization.Employees = o.employees
	}
	if fl.Changed("categories") {
		cats := []string{"security"}
		for _, c := range strings.Split(o.categories, ",") {
			c = strings.TrimSpace(c)
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
