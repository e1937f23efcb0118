package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/questionnaire"
)

type assessOptions struct {
	section            string
	severity           string
	unanswered, review bool
	accessible         bool
}

func (e *env) assessCommand() *cobra.Command {
	o := &assessOptions{}
	c := &cobra.Command{
		Use:   "assess",
		Short: "Answer the questionnaire on a terminal, one section per criterion group",
		Long: `Walk the controls of the in-scope categories on a terminal, one section per criterion
group (CC1 ... CC9, A1, C1, PI1, P1 ... P8), and record a status for each: implemented,
partial, planned, missing or not applicable. Gaps ask for an owner and a due date;
not applicable asks why; implemented asks for evidence (a reference and its date). Every
answer is saved to the answers file as soon as it is given, and Ctrl-C (or a closed
terminal) saves the answer on screen as far as it was entered; carry on later with
--unanswered.

Keys: 1-5, or the arrows and Enter, pick a status (nothing is chosen until you pick;
Enter alone leaves the question open); ? shows the guidance and what the auditor will ask
for (PgDown/PgUp scroll it in a small window); Esc goes back a field, or skips a question
(asking first when something was entered); Shift+Tab goes back; Ctrl-S saves the answer
as it stands and moves on; Ctrl-C saves and quits.

Without a terminal, record answers with ` + "`soc2ready set`" + `, by editing the YAML file, or
with ` + "`soc2ready import`" + ` from a CSV.

Examples:
  soc2ready assess                   every question, starting at the first open one
  soc2ready assess --unanswered      only the questions without an answer
  soc2ready assess --section CC6     one section
  soc2ready assess --severity critical,high   a first pass through the controls that weigh most
  soc2ready assess --review          revisit the answers given (pre-filled)
  soc2ready assess --accessible      plain numbered prompts for screen readers`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.runAssess(cmd.Context(), o) },
	}
	c.Flags().StringVar(&o.section, "section", "", "ask only this criterion group, e.g. CC6, A1, P4")
	c.Flags().StringVar(&o.severity, "severity", "", "ask only controls of these severities, comma-separated: critical, high, medium, low")
	c.Flags().BoolVar(&o.unanswered, "unanswered", false, "ask only the questions without an answer")
	c.Flags().BoolVar(&o.review, "review", false, "revisit only the questions already answered, pre-filled")
	c.Flags().BoolVar(&o.accessible, "accessible", false, "plain numbered prompts for screen readers (also when TERM=dumb)")
	return c
}

func (e *env) runAssess(ctx context.Context, o *assessOptions) error {
	if o.unanswered && o.review {
		return problem.New("use one of them: --unanswered asks the open questions, --review the answered ones", "--unanswered and --review exclude each other")
	}
	var severities []string
	for _, v := range strings.Split(o.severity, ",") {
		if v = strings.ToLower(strings.TrimSpace(v)); v == "" {
			continue
		}
		if !slices.Contains(severityNames, v) {
			return problem.New(problem.DidYouMean(v, severityNames, "severities are "+strings.Join(severityNames, ", ")), "--severity: unknown severity %q", v)
		}
		severities = append(severities, v)
	}
	if !e.interactive() {
		return problem.New("without a terminal, record answers with `soc2ready set CONTROL STATUS`, edit the YAML file, or `soc2ready import FILE.csv`",
			"assess needs a terminal: it asks questions interactively")
	}
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	// Held for the whole session: a second assess, set or import on the file refuses.
	f, unlock, err := e.editAnswers(cat)
	if err != nil {
		return err
	}
	defer unlock()
	today, err := e.today()
	if err != nil {
		return err
	}
	mode := questionnaire.All
	switch {
	case o.unanswered:
		mode = questionnaire.Unanswered
	case o.review:
		mode = questionnaire.Review
	}
	a, err := questionnaire.NewAssessment(questionnaire.AssessConfig{
		Catalogue: cat, Scope: f.Scope, Answers: f.Answers, Employees: f.Organization.Employees,
		Today: today, Path: f.Path, Section: o.section, Mode: mode, Severities: severities,
		OnAnswer: func(id string, ans answers.Answer) error {
			if err := f.SetAnswer(id, ans); err != nil {
				return err
			}
			return f.Save()
		},
	})
	if err != nil {
		return err
	}
	if a.Questions() == 0 {
		if len(severities) > 0 {
			fmt.Fprintf(e.stdout, "%s: no question of severity %s to ask here; drop --severity to see the others\n", f.Path, strings.Join(severities, ", "))
			return nil
		}
		switch mode {
		case questionnaire.Review:
			fmt.Fprintf(e.stdout, "%s: nothing to review: no question has an answer yet; run `soc2ready assess -a %s`\n", f.Path, f.Path)
		default:
			fmt.Fprintf(e.stdout, "%s: every question has an answer; revisit them with `soc2ready assess --review -a %s`\n", f.Path, f.Path)
		}
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	err = a.Run(ctx, e.terminalOptions(o.accessible))
	if errors.Is(err, questionnaire.ErrInterrupted) {
		msg := fmt.Sprintf("interrupted: %d %s from this session saved in %s", a.Saved(), plural(a.Saved(), "answer", "answers"), f.Path)
		if a.Kept != "" {
			msg += "; " + a.Kept
		}
		if len(a.Lost) > 0 {
			msg += "; not saved: " + strings.Join(a.Lost, ", ")
		}
		return &problem.Error{
			Msg:  msg,
			Hint: "resume with `" + questionnaire.ResumeCommand(f.Path) + "`",
			Code: problem.ExitInterrupted,
		}
	}
	if err != nil {
		var p *problem.Error
		if errors.As(err, &p) {
			return err
		}
		return problem.New("answers given so far are saved; resume with `"+questionnaire.ResumeCommand(f.Path)+"`", "%v", err)
	}
	fmt.Fprint(e.stdout, a.Summary())
	return nil
}

// terminalOptions are the questionnaire's settings from the flags and the environment.
func (e *env) terminalOptions(accessible bool) questionnaire.Options {
	return questionnaire.Options{
		In: e.stdin, Out: rawWriter(e.stdout),
		Accessible: accessible || e.getenv("TERM") == "dumb",
		NoColor:    e.getenv("NO_COLOR") != "",
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

var severityNames = []string{"critical", "high", "medium", "low"}
