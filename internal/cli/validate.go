package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (e *env) validateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "validate",
		Short: "Check the answers file (and any catalogue overlay) without writing anything",
		Long: `Check the answers file (and any catalogue overlay) without writing anything. Every
problem found is listed, each as FILE:LINE, in line order (the first 50), and the exit
status is 2. Inconsistencies an auditor would question, such as relying on a cloud
provider with no subservice organisation listed, are warnings on stderr (exit 0).

Examples:
  soc2ready validate
  soc2ready validate -a client.yaml --catalog house-rules.yaml`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runValidate() },
	}
}

func (e *env) runValidate() error {
	a, err := e.assess()
	if err != nil {
		return err
	}
	o := a.result.Overall
	fmt.Fprintf(e.stdout, "%s: valid: %d answers; %d applicable controls, %d unanswered (catalogue %s)\n",
		a.file.Path, len(a.file.Answers), o.Controls, o.Unanswered, a.cat.Version)
	for _, sup := range a.file.Superseded {
		fmt.Fprintf(e.stderr, "soc2ready: warning: %s:%d: %s was merged into %s; the answer under %s is used and this one is ignored\n",
			a.file.Path, sup.Line, sup.ID, sup.Control, sup.Used)
		fmt.Fprintf(e.stderr, "soc2ready: hint: move anything worth keeping from %s into %s, then delete the %s entry\n", sup.ID, sup.Used, sup.ID)
	}
	if v := a.file.CatalogVersion; v != "" && v != a.cat.Version {
		fmt.Fprintf(e.stderr, "soc2ready: warning: %s was answered against catalogue %s; this is %s\n", a.file.Path, v, a.cat.Version)
		fmt.Fprintf(e.stderr, "soc2ready: hint: run `soc2ready assess --unanswered` to answer controls added since\n")
	}
	for _, w := range a.file.ScopeWarnings(a.cat) {
		fmt.Fprintf(e.stderr, "soc2ready: warning: %s\n", oneLine(w.Error()))
		fmt.Fprintf(e.stderr, "soc2ready: hint: %s\n", oneLine(w.Hint))
	}
	return nil
}
