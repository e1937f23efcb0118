package cli

import (
	"bufio"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/problem"
)

type setOptions struct {
	note, owner, due, naReason string
	evidence                   []string
	replaceEvidence, clear     bool
	clearGap, keepGap          bool
	operatingSince             string
	exceptions                 []string
	clearExceptions            bool
}

func (e *env) setCommand() *cobra.Command {
	o := &setOptions{}
	c := &cobra.Command{
		Use:   "set CONTROL STATUS | set CONTROL --clear",
		Short: "Record one control's status (and note, owner, due date, evidence) in the answers file",
		Long: `Record the status of one control without the questionnaire. STATUS is one of
implemented, partial, planned, missing, not_applicable (which needs --na-reason).
Only the fields you give change; the file keeps its comments and order.

--evidence adds to the evidence already recorded (--replace-evidence replaces the list).
REF@YYYY-MM-DD gives the date: the text after the last @ is the date when it is one, so
a reference may itself contain @ (an e-mail address). --clear removes the control's
answer. Marking a gap implemented asks on a terminal whether to clear its old note,
owner and due date; elsewhere --clear-gap clears them and --keep-gap keeps them.

For a Type 2 report, --operating-since records the date the control began operating as
described, and --exception DATE:TEXT adds a deviation already known (a late review, a
missed deletion); the report forecasts an exception for either inside the observation
period. --clear-exceptions empties the list first.

Examples:
  soc2ready set ACC-MFA implemented --evidence "IdP MFA policy screenshot@2026-11-02"
  soc2ready set PHY-VISITORS not_applicable --na-reason "fully remote, no office"
  soc2ready set CHG-PEER-REVIEW partial --owner "Dana" --due 2027-01-31 --note "only main repo"
  soc2ready set CHG-PEER-REVIEW implemented --clear-gap
  soc2ready set CHG-PEER-REVIEW --clear
  soc2ready set ACC-MOVER partial --exception "2026-10-06:3 of 11 movers kept old roles"
  soc2ready set CNF-CONTRACT-END-DELETE implemented --operating-since 2026-08-04

The control id is not case-sensitive (acc-mfa names ACC-MFA). A line saying what changed
goes to stderr; stdout stays empty.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.clear {
				if len(args) != 1 {
					return problem.New("write it as soc2ready set CONTROL --clear", "--clear takes the control id alone")
				}
				return nil
			}
			if len(args) != 2 {
				return problem.New("write it as soc2ready set CONTROL STATUS, or soc2ready set CONTROL --clear", "set needs a control id and a status")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			status := ""
			if len(args) > 1 {
				status = args[1]
			}
			return e.runSet(cmd, args[0], status, o)
		},
	}
	c.Flags().StringVar(&o.note, "note", "", "free-text note")
	c.Flags().StringVar(&o.owner, "owner", "", "who owns closing the gap")
	c.Flags().StringVar(&o.due, "due", "", "due date, YYYY-MM-DD")
	c.Flags().StringVar(&o.naReason, "na-reason", "", "why the control does not apply (with not_applicable)")
	c.Flags().StringArrayVar(&o.evidence, "evidence", nil, "evidence reference, optionally with @YYYY-MM-DD (repeatable; added to the list)")
	c.Flags().BoolVar(&o.replaceEvidence, "replace-evidence", false, "the --evidence given replace the list (alone: empty it)")
	c.Flags().BoolVar(&o.clear, "clear", false, "remove the control's answer from the file")
	c.Flags().BoolVar(&o.clearGap, "clear-gap", false, "with implemented: remove the old gap note, owner and due date")
	c.Flags().BoolVar(&o.keepGap, "keep-gap", false, "with implemented: keep the old gap note, owner and due date without asking")
	c.Flags().StringVar(&o.operatingSince, "operating-since", "", "date the control began operating as described, YYYY-MM-DD (\"\" clears it)")
	c.Flags().StringArrayVar(&o.exceptions, "exception", nil, "a known deviation as `DATE:TEXT`, e.g. 2026-10-06:review late (repeatable; adds to the list)")
	c.Flags().BoolVar(&o.clearExceptions, "clear-exceptions", false, "remove the recorded exceptions (before adding any --exception)")
	return c
}

func (e *env) runSet(cmd *cobra.Command, id, status string, o *setOptions) error {
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	ctl := cat.Control(id)
	if ctl == nil {
		ctl = cat.Control(strings.ToUpper(strings.TrimSpace(id))) // ids are not case-sensitive
	}
	if ctl == nil {
		return problem.New(problem.DidYouMean(id, cat.ControlIDs(), "run `soc2ready catalog list` to see control ids"), "unknown control id %q", id)
	}
	if o.clear {
		return e.clearAnswer(cmd, cat, ctl.ID)
	}
	added, err := checkSetFlags(status, o)
	if err != nil {
		return err
	}
	f, unlock, err := e.editAnswers(cat)
	if err != nil {
		return err
	}
	defer unlock()
	a := f.Answers[ctl.ID]
	wasGap := a.Status != "" && a.Status != answers.Implemented && (a.Note != "" || a.Owner != "" || a.Due != "")
	a.Status = answers.Status(status)
	flags := cmd.Flags()
	applySetFlags(flags, o, &a, added)
	if a.Status != answers.NotApplicable {
		a.NAReason = ""
	} else if a.MissingReason() {
		return problem.New("add --na-reason \"why it does not apply\"", "not_applicable needs a reason")
	}
	if a.Status == answers.Implemented && wasGap && !o.keepGap {
		e.settleGap(flags, o, ctl.ID, &a)
	}
	if err := addEvidence(o, &a); err != nil {
		return err
	}
	if a.Updated, err = e.today(); err != nil {
		return err
	}
	if err := f.SetAnswer(ctl.ID, a); err != nil {
		return err
	}
	if err := f.Save(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: %s is now %s\n", f.Path, ctl.ID, status)
	return nil
}

// checkSetFlags checks the flags before the answers file is locked, and returns the
// exceptions to add.
func checkSetFlags(status string, o *setOptions) ([]answers.Exception, error) {
	if o.clearGap && o.keepGap {
		return nil, problem.New("use one of them", "--clear-gap and --keep-gap exclude each other")
	}
	if !answers.Status(status).Valid() {
		return nil, problem.New(problem.DidYouMean(status, answers.StatusNames(), "status is one of "+strings.Join(answers.StatusNames(), ", ")), "invalid status %q", status)
	}
	if o.due != "" && !answers.ValidDate(o.due) {
		return nil, problem.New("write dates as YYYY-MM-DD", "--due %q is not a date", o.due)
	}
	if o.operatingSince != "" && !answers.ValidDate(o.operatingSince) {
		return nil, problem.New("write dates as YYYY-MM-DD", "--operating-since %q is not a date", o.operatingSince)
	}
	var added []answers.Exception
	for _, ex := range o.exceptions {
		date, text, _ := strings.Cut(ex, ":")
		if !answers.ValidDate(date) || strings.TrimSpace(text) == "" {
			return nil, problem.New("write it as DATE:TEXT, e.g. --exception \"2026-10-06:review two weeks late\"", "--exception %q needs a YYYY-MM-DD date and a description", ex)
		}
		added = append(added, answers.Exception{Date: date, Description: strings.TrimSpace(text)})
	}
	return added, nil
}

// applySetFlags copies the fields given on the command line into the answer.
func applySetFlags(flags *pflag.FlagSet, o *setOptions, a *answers.Answer, added []answers.Exception) {
	for _, fl := range []struct {
		name string
		dst  *string
		v    string
	}{{"note", &a.Note, o.note}, {"owner", &a.Owner, o.owner}, {"due", &a.Due, o.due}, {"na-reason", &a.NAReason, o.naReason}, {"operating-since", &a.OperatingSince, o.operatingSince}} {
		if flags.Changed(fl.name) {
			*fl.dst = fl.v
		}
	}
	if o.clearExceptions {
		a.Exceptions = nil
	}
	if len(added) > 0 {
		a.Exceptions = append(slices.Clone(a.Exceptions), added...)
	}
}

// settleGap decides, for a gap now implemented, whether its gap note, owner and due date
// go: by flag, by asking on a terminal, or kept with a note saying how to clear them.
func (e *env) settleGap(flags *pflag.FlagSet, o *setOptions, id string, a *answers.Answer) {
	clearGap := o.clearGap
	switch {
	case clearGap || flags.Changed("note") || flags.Changed("owner") || flags.Changed("due"):
	case e.interactive():
		clearGap = e.confirm(fmt.Sprintf("%s had gap fields (%s). Clear them now that it is implemented? [y/N] ", id, gapFields(*a)))
	default:
		fmt.Fprintf(e.stderr, "soc2ready: note: %s keeps its gap fields (%s); add --clear-gap to remove them\n", id, gapFields(*a))
	}
	if clearGap {
		for _, fl := range []struct {
			name string
			v    *string
		}{{"note", &a.Note}, {"owner", &a.Owner}, {"due", &a.Due}} {
			if !flags.Changed(fl.name) {
				*fl.v = ""
			}
		}
	}
}

// addEvidence replaces or extends the evidence list with --evidence items, once each.
func addEvidence(o *setOptions, a *answers.Answer) error {
	if o.replaceEvidence {
		a.Evidence = nil
	}
	for _, ev := range o.evidence {
		item, err := parseEvidence(ev)
		if err != nil {
			return err
		}
		if !slices.Contains(a.Evidence, item) {
			a.Evidence = append(slices.Clone(a.Evidence), item)
		}
	}
	return nil
}

// dateLike is text that is meant as a date (digits and dashes), good or bad.
var dateLike = regexp.MustCompile(`^[0-9][0-9-]*$`)

// parseEvidence reads REF or REF@YYYY-MM-DD. The date follows the last @, and only text
// shaped like a date is taken as one: "ops@acme.example" is a reference.
func parseEvidence(ev string) (answers.Evidence, error) {
	ref, date := ev, ""
	if i := strings.LastIndex(ev, "@"); i >= 0 && dateLike.MatchString(strings.TrimSpace(ev[i+1:])) {
		ref, date = ev[:i], strings.TrimSpace(ev[i+1:])
		if !answers.ValidDate(date) {
			return answers.Evidence{}, problem.New("write it as REF@YYYY-MM-DD", "--evidence %q has a bad date", ev)
		}
	}
	if strings.TrimSpace(ref) == "" {
		return answers.Evidence{}, problem.New("give a link, ticket or file name before the @", "--evidence %q has no reference", ev)
	}
	return answers.Evidence{Ref: strings.TrimSpace(ref), Date: date}, nil
}

func gapFields(a answers.Answer) string {
	var parts []string
	if a.Owner != "" {
		parts = append(parts, "owner "+a.Owner)
	}
	if a.Due != "" {
		parts = append(parts, "due "+a.Due)
	}
	if a.Note != "" {
		parts = append(parts, "a note")
	}
	return strings.Join(parts, ", ")
}

// confirm asks a yes/no question on the terminal; anything but y or yes is no.
func (e *env) confirm(question string) bool {
	fmt.Fprint(e.stderr, question)
	// The sanitiser holds text until a line ends; a question waits on its own line.
	if f, ok := e.stderr.(interface{ Flush() error }); ok {
		f.Flush()
	}
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// clearAnswer removes a control's answer from the file.
func (e *env) clearAnswer(cmd *cobra.Command, cat *catalogue.Catalogue, id string) error {
	for _, name := range []string{"note", "owner", "due", "na-reason", "evidence", "replace-evidence", "clear-gap", "keep-gap", "operating-since", "exception", "clear-exceptions"} {
		if cmd.Flags().Changed(name) {
			return problem.New("--clear removes the whole answer; give it alone", "--clear does not go with --%s", name)
		}
	}
	f, unlock, err := e.editAnswers(cat)
	if err != nil {
		return err
	}
	defer unlock()
	if _, ok := f.Answers[id]; !ok {
		fmt.Fprintf(e.stderr, "soc2ready: %s: %s has no answer; nothing to clear\n", f.Path, id)
		return nil
	}
	f.RemoveAnswer(id)
	if err := f.Save(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "soc2ready: %s: %s has no answer now\n", f.Path, id)
	return nil
}
