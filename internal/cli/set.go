package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/problem"
)

type setOptions struct {
	note, owner, due, naReason string
	evidence                   []string
	operatingSince             string
	exceptions                 []string
	clearExceptions            bool
}

func (e *env) setCommand() *cobra.Command {
	o := &setOptions{}
	c := &cobra.Command{
		Use:   "set CONTROL STATUS",
		Short: "Record one control's status (and note, owner, due date, evidence) in the answers file",
		Long: `Record the status of one control without the questionnaire. STATUS is one of
implemented, partial, planned, missing, not_applicable (which needs --na-reason).
Only the fields you give change; the file keeps its comments and order.

For a Type 2 report, --operating-since records the date the control began operating as
described, and --exception DATE:TEXT adds a deviation already known (a late review, a
missed deletion); the report forecasts an exception for either inside the observation
period. --clear-exceptions empties the list first.

Examples:
  soc2ready set ACC-MFA implemented --evidence "IdP MFA policy screenshot@2026-11-02"
  soc2ready set PHY-VISITORS not_applicable --na-reason "fully remote, no office"
  soc2ready set CHG-PEER-REVIEW partial --owner "Dana" --due 2027-01-31 --note "only main repo"
  soc2ready set ACC-MOVER partial --exception "2026-10-06:3 of 11 movers kept old roles"
  soc2ready set CNF-CONTRACT-END-DELETE implemented --operating-since 2026-08-04

The control id is not case-sensitive (acc-mfa names ACC-MFA). A line saying what changed
goes to stderr; stdout stays empty.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return e.runSet(cmd, args[0], args[1], o) },
	}
	c.Flags().StringVar(&o.note, "note", "", "free-text note")
	c.Flags().StringVar(&o.owner, "owner", "", "who owns closing the gap")
	c.Flags().StringVar(&o.due, "due", "", "due date, YYYY-MM-DD")
	c.Flags().StringVar(&o.naReason, "na-reason", "", "why the control does not apply (with not_applicable)")
	c.Flags().StringArrayVar(&o.evidence, "evidence", nil, "evidence reference, optionally with @YYYY-MM-DD (repeatable; replaces the list)")
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
	valid := false
	for _, s := range answers.Statuses {
		valid = valid || s == status
	}
	if !valid {
		return problem.New(problem.DidYouMean(status, answers.Statuses, "status is one of "+strings.Join(answers.Statuses, ", ")), "invalid status %q", status)
	}
	if o.due != "" && !answers.ValidDate(o.due) {
		return problem.New("write dates as YYYY-MM-DD", "--due %q is not a date", o.due)
	}
	if o.operatingSince != "" && !answers.ValidDate(o.operatingSince) {
		return problem.New("write dates as YYYY-MM-DD", "--operating-since %q is not a date", o.operatingSince)
	}
	var added []answers.Exception
	for _, ex := range o.exceptions {
		date, text, _ := strings.Cut(ex, ":")
		if !answers.ValidDate(date) || strings.TrimSpace(text) == "" {
			return problem.New("write it as DATE:TEXT, e.g. --exception \"2026-10-06:review two weeks late\"", "--exception %q needs a YYYY-MM-DD date and a description", ex)
		}
		added = append(added, answers.Exception{Date: date, Description: strings.TrimSpace(text)})
	}
	unlock, err := e.lockAnswers()
	if err != nil {
		return err
	}
	defer unlock()
	f, err := e.loadAnswers(cat)
	if err != nil {
		return err
	}
	a := f.Answers[ctl.ID]
	a.Status = status
	flags := cmd.Flags()
	if flags.Changed("note") {
		a.Note = o.note
	}
	if flags.Changed("owner") {
		a.Owner = o.owner
	}
	if flags.Changed("due") {
		a.Due = o.due
	}
	if flags.Changed("na-reason") {
		a.NAReason = o.naReason
	}
	if flags.Changed("operating-since") {
		a.OperatingSince = o.operatingSince
	}
	if o.clearExceptions {
		a.Exceptions = nil
	}
	if len(added) > 0 {
		a.Exceptions = append(slices.Clone(a.Exceptions), added...)
	}
	if status != "not_applicable" {
		a.NAReason = ""
	} else if strings.TrimSpace(a.NAReason) == "" {
		return problem.New("add --na-reason \"why it does not apply\"", "not_applicable needs a reason")
	}
	if flags.Changed("evidence") {
		a.Evidence = nil
		for _, ev := range o.evidence {
			ref, date, _ := strings.Cut(ev, "@")
			if date != "" && !answers.ValidDate(date) {
				return problem.New("write it as REF@YYYY-MM-DD", "--evidence %q has a bad date", ev)
			}
			a.Evidence = append(a.Evidence, answers.Evidence{Ref: ref, Date: date})
		}
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
