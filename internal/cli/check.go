package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

type checkOptions struct {
	minScore      float64
	failOn        string
	minCategory   []string
	maxUnanswered int
	maxEvidence   string
}

func (e *env) checkCommand() *cobra.Command {
	o := &checkOptions{}
	c := &cobra.Command{
		Use:   "check",
		Short: "Fail (exit 1) when readiness is below the gates: for CI",
		Long: `Score the answers file and fail when a gate is not met. Each failed gate prints one
line starting with FAIL. With no gate flags, check fails when any in-scope criterion is
not ready; with gate flags, exactly those gates apply.

Examples:
  soc2ready check
  soc2ready check --min-score 80 --fail-on critical
  soc2ready check --min-category security=85 --min-category availability=70
  soc2ready check --max-evidence-age 365d

--max-evidence-age takes days, weeks, months (30 days) or years (365 days): 90d, 12w,
6m, 1y. It fails each implemented control whose newest evidence date is older than that,
or that has no dated evidence, whatever the report type. Ages are measured to the report
date: SOURCE_DATE_EPOCH when set, else the latest 'updated' date in the answers file, else
today.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := o.gate(cmd)
			if err != nil {
				return err
			}
			return e.runCheck(g)
		},
	}
	c.Flags().Float64Var(&o.minScore, "min-score", 0, "fail when the overall score is below `N` (0-100)")
	c.Flags().StringVar(&o.failOn, "fail-on", "", "fail on any open gap of this `severity` or worse (critical, high, medium, low)")
	c.Flags().StringArrayVar(&o.minCategory, "min-category", nil, "fail when a category scores below a minimum, as `category=N` (repeatable)")
	c.Flags().IntVar(&o.maxUnanswered, "max-unanswered", 0, "fail when more than `N` applicable controls are unanswered")
	c.Flags().StringVar(&o.maxEvidence, "max-evidence-age", "", "fail on implemented controls whose newest evidence is older than `AGE` (e.g. 365d, 12m, 1y)")
	return c
}

func (o *checkOptions) gate(cmd *cobra.Command) (scoring.Gate, error) {
	var g scoring.Gate
	if cmd.Flags().Changed("min-score") {
		if o.minScore < 0 || o.minScore > 100 {
			return g, problem.New("give a score from 0 to 100", "--min-score %g is out of range", o.minScore)
		}
		g.MinScore = &o.minScore
	}
	if o.failOn != "" {
		if catalogue.SeverityRank(o.failOn) < 0 {
			return g, problem.New(problem.DidYouMean(o.failOn, catalogue.Severities, "severities are critical, high, medium, low"), "--fail-on: unknown severity %q", o.failOn)
		}
		g.FailOn = o.failOn
	}
	for _, mc := range o.minCategory {
		id, v, ok := strings.Cut(mc, "=")
		n, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || n < 0 || n > 100 {
			return g, problem.New("write it as category=N, e.g. security=80", "--min-category %q is not category=N", mc)
		}
		if g.MinCategory == nil {
			g.MinCategory = map[string]float64{}
		}
		g.MinCategory[id] = n
	}
	if cmd.Flags().Changed("max-unanswered") {
		if o.maxUnanswered < 0 {
			return g, problem.New("give a number of controls, 0 or more", "--max-unanswered %d is negative", o.maxUnanswered)
		}
		g.MaxUnanswered = &o.maxUnanswered
	}
	if cmd.Flags().Changed("max-evidence-age") {
		days, err := scoring.ParseAge(o.maxEvidence)
		if err != nil {
			return g, problem.New("write an age as a number and a unit: 90d, 12w, 6m (30 days each) or 1y", "--max-evidence-age: %v", err)
		}
		g.MaxEvidenceAge = &days
	}
	return g, nil
}

func (e *env) runCheck(g scoring.Gate) error {
	a, err := e.assess()
	if err != nil {
		return err
	}
	for id := range g.MinCategory {
		if a.cat.Category(id) == nil {
			return problem.New(problem.DidYouMean(id, a.cat.CategoryIDs(), "categories are "+strings.Join(a.cat.CategoryIDs(), ", ")), "--min-category: unknown category %q", id)
		}
	}
	if g.MaxEvidenceAge != nil {
		if g.AsOf, err = e.reportDate(a.file); err != nil {
			return err
		}
	}
	r := a.result
	fmt.Fprintf(e.stdout, "%s: score %.1f (%s); criteria: %d ready, %d at risk, %d not ready; %d open gaps, %d unanswered\n",
		a.file.Path, r.Overall.Value, r.Band.Name, r.Verdicts[scoring.Ready], r.Verdicts[scoring.AtRisk], r.Verdicts[scoring.NotReady], len(r.Gaps), len(r.Unanswered))
	failures := g.Check(r)
	for _, f := range failures {
		fmt.Fprintf(e.stdout, "FAIL %s: %s\n", f.Gate, f.Reason)
	}
	if len(failures) > 0 {
		fmt.Fprintf(e.stderr, "soc2ready: readiness gate failed (%d)\n", len(failures))
		return problem.ErrGateFailed
	}
	fmt.Fprintln(e.stdout, "PASS")
	return nil
}
