package cli

import (
	"fmt"
	"maps"
	"slices"
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
	format        string // text or json
	stepSummary   bool
}

func (e *env) checkCommand() *cobra.Command {
	o := &checkOptions{}
	c := &cobra.Command{
		Use:   "check",
		Short: "Fail (exit 1) when readiness is below the gates: for CI",
		Long: `Score the answers file and fail when a gate is not met. Each failed gate prints one
line starting with FAIL. With no gate flags, check fails when any in-scope criterion is
not ready; with gate flags, exactly those gates apply.

--max-evidence-age takes days, weeks, months (30 days) or years (365 days): 90d, 12w,
6m, 1y. It fails each implemented control whose newest evidence date is older than that,
or that has no dated evidence, whatever the report type. Ages are measured to today
(SOURCE_DATE_EPOCH when set, for reproducible runs), or to --as-of DATE to ask what
would fail on that day.

--format json prints {passed, failures: [{gate, message, control, criterion, line}], ...}
(schema: docs/check.schema.json). In GitHub Actions (GITHUB_ACTIONS=true) each failure
is also printed on stderr as an error annotation on the answers file's line, and
--step-summary appends a short summary (score, gates, first 50 failures) to the job page.

Examples:
  soc2ready check
  soc2ready check --min-score 80 --fail-on critical
  soc2ready check --min-category security=85 --min-category availability=70
  soc2ready check --max-evidence-age 365d --as-of 2027-03-31
  soc2ready check --min-score 80 --format json > check.json
  soc2ready check --fail-on critical --step-summary   # in a GitHub Actions step`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g, err := o.gate(cmd)
			if err != nil {
				return err
			}
			return e.runCheck(g, o)
		},
	}
	c.Flags().Float64Var(&o.minScore, "min-score", 0, "fail when the overall score is below `N` (0-100)")
	c.Flags().StringVar(&o.failOn, "fail-on", "", "fail on any open gap of this `severity` or worse (critical, high, medium, low)")
	c.Flags().StringArrayVar(&o.minCategory, "min-category", nil, "fail when a category scores below a minimum, as `category=N` (repeatable)")
	c.Flags().IntVar(&o.maxUnanswered, "max-unanswered", 0, "fail when more than `N` applicable controls are unanswered")
	c.Flags().StringVar(&o.maxEvidence, "max-evidence-age", "", "fail on implemented controls whose newest evidence is older than `AGE` (e.g. 365d, 12m, 1y)")
	c.Flags().StringVarP(&o.format, "format", "f", "text", "output format: text or json")
	c.Flags().StringVar(&e.asOf, "as-of", "", "measure evidence ages to this `DATE` (YYYY-MM-DD) instead of today")
	c.Flags().BoolVar(&o.stepSummary, "step-summary", false, "also append a short summary to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY)")
	return c
}

func (o *checkOptions) gate(cmd *cobra.Command) (scoring.Gate, error) {
	var g scoring.Gate
	if cmd.Flags().Changed("min-score") {
		if err := inRange("--min-score", o.minScore, 0, 100, "give a score from 0 to 100"); err != nil {
			return g, err
		}
		g.MinScore = &o.minScore
	}
	o.failOn = strings.ToLower(o.failOn)
	if o.failOn != "" {
		if catalogue.SeverityRank(o.failOn) < 0 {
			return g, problem.New(problem.DidYouMean(o.failOn, catalogue.Severities, "severities are critical, high, medium, low"), "--fail-on: unknown severity %q", o.failOn)
		}
		g.FailOn = o.failOn
	}
	for _, mc := range o.minCategory {
		id, v, ok := strings.Cut(mc, "=")
		id = strings.ToLower(strings.TrimSpace(id))
		n, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil {
			return g, problem.New("write it as category=N, e.g. security=80", "--min-category %q is not category=N", mc)
		}
		if err := inRange("--min-category "+id, n, 0, 100, "give a score from 0 to 100, e.g. security=80"); err != nil {
			return g, err
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

func (e *env) runCheck(g scoring.Gate, o *checkOptions) error {
	if o.format != "text" && o.format != "json" {
		return problem.New("formats: text, json", "unknown check format %q", o.format)
	}
	if err := e.checkAsOf(); err != nil {
		return err
	}
	summary, err := e.stepSummaryPath(o.stepSummary)
	if err != nil {
		return err
	}
	a, err := e.assess()
	if err != nil {
		return err
	}
	// sorted, so with two unknown categories the same one is named every run
	for _, id := range slices.Sorted(maps.Keys(g.MinCategory)) {
		if a.cat.Category(id) == nil {
			return problem.New(problem.DidYouMean(id, a.cat.CategoryIDs(), "categories are "+strings.Join(a.cat.CategoryIDs(), ", ")), "--min-category: unknown category %q", id)
		}
	}
	if g.AsOf, err = e.reportDate(); err != nil {
		return err
	}
	out := checkOutcome(a, g)
	if o.format == "json" {
		// JSON escapes control characters itself: it goes out unsanitised, like a report.
		if err := writeJSON(e.raw, out); err != nil {
			return err
		}
	} else {
		r := a.result
		fmt.Fprintf(e.stdout, "%s: score %.1f (%s); criteria: %d ready, %d at risk, %d not ready; %d open gaps, %d unanswered\n",
			a.file.Path, r.Overall.Value, r.Band.Name, r.Verdicts[scoring.Ready], r.Verdicts[scoring.AtRisk], r.Verdicts[scoring.NotReady], len(r.Gaps), len(r.Unanswered))
		for _, f := range out.Failures {
			fmt.Fprintf(e.stdout, "FAIL %s: %s\n", f.Gate, f.Message)
		}
		if out.Passed {
			fmt.Fprintln(e.stdout, "PASS")
		}
	}
	if e.getenv("GITHUB_ACTIONS") == "true" {
		// Workflow commands are read from stderr too; stdout stays data (the JSON). They
		// bypass the sanitiser, which defuses "::" at a line start: these are ours, and
		// writeAnnotations makes the text inside them inert itself.
		if f, ok := e.stderr.(interface{ Flush() error }); ok {
			f.Flush()
		}
		writeAnnotations(rawWriter(e.stderr), out)
	}
	if summary != "" {
		if err := appendFile(summary, checkSummary(out)); err != nil {
			return err
		}
	}
	if !out.Passed {
		fmt.Fprintf(e.stderr, "soc2ready: readiness gate failed (%d)\n", len(out.Failures))
		return problem.ErrGateFailed
	}
	return nil
}
