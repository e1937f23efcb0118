package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

type evidenceOptions struct{ format, output string }

func (e *env) evidenceCommand() *cobra.Command {
	o := &evidenceOptions{}
	c := &cobra.Command{
		Use:   "evidence",
		Short: "Write the evidence request list: what the auditor will ask for, per control",
		Long: `Write the evidence request list (the auditor's information request list): for every
applicable control, the artefacts to collect, for a Type 2 the population the auditor
samples, the owner, and the evidence already recorded with its date. Controls marked in
place without evidence, with undated evidence, or with evidence older than the Type 2
period (or a year) are flagged.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runEvidence(o) },
	}
	c.Flags().StringVarP(&o.format, "format", "f", "md", "md or csv")
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	return c
}

func (e *env) runEvidence(o *evidenceOptions) error {
	render := map[string]func(io.Writer, *reports.Model) error{"md": reports.EvidenceMarkdown, "csv": reports.EvidenceCSV}[o.format]
	if render == nil {
		return problem.New("formats: md, csv", "unknown evidence format %q", o.format)
	}
	m, err := e.model(reports.Options{})
	if err != nil {
		return err
	}
	return e.writeOutput(o.output, func(w io.Writer) error { return render(w, m) })
}
