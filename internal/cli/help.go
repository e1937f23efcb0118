package cli

import (
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/problem"
)

// exitStatusPointer ends every command's help but the root's, which has the full list:
// the whole block in every screen was noise.
const exitStatusPointer = `
Exit status: 0 ok, 1 a gate failed, 2 bad input or usage (all of them: soc2ready --help).`

// examples for the commands whose Long text has none; every help screen shows some.
var examples = map[string]string{
	"soc2ready": `  soc2ready init
  soc2ready assess
  soc2ready report -o readiness.md
  soc2ready check --min-score 80 --format json
  SOC2READY_ANSWERS=clients/acme.yaml soc2ready validate`,
	"soc2ready catalog": `  soc2ready catalog list --criterion CC6
  soc2ready catalog show acc-mfa
  soc2ready catalog export -f csv -o catalogue.csv`,
	"soc2ready catalog list": `  soc2ready catalog list --criterion cc6
  soc2ready catalog list --category availability --severity critical
  soc2ready catalog list --family access`,
	"soc2ready catalog show": `  soc2ready catalog show CC6.1
  soc2ready catalog show cc6
  soc2ready catalog show CC6.1.3
  soc2ready catalog show acc-mfa`,
	"soc2ready catalog stats": `  soc2ready catalog stats
  soc2ready --catalog house-rules.yaml catalog stats`,
	"soc2ready version": `  soc2ready version`,
	"soc2ready policies": `  soc2ready policies -o policies
  soc2ready policies --format pdf -o policies --prepared-by "Halden & Rowe"`,
	"soc2ready describe": `  soc2ready describe -o system-description.md
  soc2ready describe -f pdf -o system-description.pdf --prepared-by "Halden & Rowe"`,
	"soc2ready evidence": `  soc2ready evidence -o evidence-requests.md
  soc2ready evidence -a client.yaml`,
	"soc2ready help": `  soc2ready help check
  soc2ready help catalog export`,
	"soc2ready completion": `  soc2ready completion bash > /etc/bash_completion.d/soc2ready
  soc2ready completion zsh > "${fpath[1]}/_soc2ready"
  soc2ready completion fish > ~/.config/fish/completions/soc2ready.fish
  soc2ready completion powershell | Out-String | Invoke-Expression`,
	"soc2ready completion bash": `  source <(soc2ready completion bash)
  soc2ready completion bash > /etc/bash_completion.d/soc2ready`,
	"soc2ready completion zsh":        `  soc2ready completion zsh > "${fpath[1]}/_soc2ready"`,
	"soc2ready completion fish":       `  soc2ready completion fish > ~/.config/fish/completions/soc2ready.fish`,
	"soc2ready completion powershell": `  soc2ready completion powershell | Out-String | Invoke-Expression`,
}

// finishHelp runs once the command tree is built: it adds cobra's help and completion
// commands (so they are part of the tree that help and man pages show), the examples,
// and the exit-status pointer.
func (e *env) finishHelp(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			// Without these, `completion tcsh` prints help and exits 0.
			c.Args = cobra.NoArgs
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if ex, ok := examples[c.CommandPath()]; ok && c.Example == "" && !strings.Contains(c.Long, "Examples:") {
			c.Example = ex
		}
		if f := e.completions(c.CommandPath()); f != nil && c.ValidArgsFunction == nil {
			c.ValidArgsFunction = f
		}
		if c != root {
			long := c.Long
			if long == "" {
				long = c.Short
			}
			c.Long = strings.TrimRight(long, "\n") + "\n" + exitStatusPointer
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// completions offers the catalogue's ids to shell completion for the commands that take
// one as an argument.
func (e *env) completions(path string) cobra.CompletionFunc {
	ids := func(kind string) []string {
		cat, err := e.loadCatalogue()
		if err != nil {
			return nil
		}
		var out []string
		if kind == "control" || kind == "any" {
			for _, c := range cat.Controls {
				if !c.Disabled {
					out = append(out, c.ID+"\t"+c.Title)
				}
			}
		}
		if kind == "criterion" || kind == "any" {
			for _, g := range cat.Groups() {
				out = append(out, g.ID+"\t"+g.Name)
				for _, c := range g.Criteria {
					out = append(out, c.ID+"\t"+c.Title)
				}
			}
		}
		return out
	}
	first := func(kind string) cobra.CompletionFunc {
		return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return ids(kind), cobra.ShellCompDirectiveNoFileComp
		}
	}
	switch path {
	case "soc2ready set":
		return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return ids("control"), cobra.ShellCompDirectiveNoFileComp
			case 1:
				return answers.StatusNames(), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
	case "soc2ready explain":
		return first("criterion")
	case "soc2ready catalog show":
		return first("any")
	}
	return nil
}

type manOptions struct{ dir string }

func (e *env) manCommand() *cobra.Command {
	o := &manOptions{}
	c := &cobra.Command{
		Use:   "man --dir DIR",
		Short: "Write the manual pages (section 1) for every command into a folder",
		Long: `Write one manual page per command (soc2ready.1, soc2ready-check.1, ...) into DIR,
creating it if needed. The pages are dated SOURCE_DATE_EPOCH when set, else from the
build, so packaging them is reproducible.

Examples:
  soc2ready man --dir /usr/local/share/man/man1
  soc2ready man --dir man && man ./man/soc2ready-check.1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.runMan(cmd.Root(), o) },
	}
	c.Flags().StringVar(&o.dir, "dir", "", "write the pages into this `DIR`")
	return c
}

func (e *env) runMan(root *cobra.Command, o *manOptions) error {
	if o.dir == "" {
		return problem.New("name the folder: soc2ready man --dir man", "man needs --dir")
	}
	date, err := e.manDate()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return problem.At(o.dir, 0, "check the path and that the folder is writable", "cannot create: %v", unwrapPathErr(err))
	}
	root.DisableAutoGenTag = true // cobra's tag carries today's date
	header := &doc.GenManHeader{Title: "SOC2READY", Section: "1", Date: &date, Source: "soc2ready " + Version, Manual: "soc2ready manual"}
	if err := doc.GenManTree(root, header, o.dir); err != nil {
		return problem.At(o.dir, 0, "check the folder is writable", "cannot write the manual pages: %v", unwrapPathErr(err))
	}
	return nil
}

// manDate dates the manual pages: SOURCE_DATE_EPOCH, else the commit time recorded in
// the build, else a fixed date; never the time the pages were generated.
func (e *env) manDate() (time.Time, error) {
	if e.getenv("SOURCE_DATE_EPOCH") != "" {
		return e.now()
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return t.UTC(), nil
				}
			}
		}
	}
	return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), nil
}
