// Package cli is the command-line surface: one thin file per command that parses flags
// into an options struct and calls a run function. Errors become exit statuses here, in
// Main, and nowhere else.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/termsafe"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=...".
var Version = "0.1.0"

// env is what every command shares: the streams, the global flags and the hooks tests
// replace.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// raw is standard output without the terminal sanitiser, for file formats (Markdown,
	// JSON, CSV, PDF) that have their own escaping.
	raw         io.Writer
	answersPath string
	catalogPath string
	getenv      func(string) string
	// inputs are the files this command read; -o may not name any of them.
	inputs []string
	asOf   string // --as-of: the date reports and gates are measured to
	root   *cobra.Command
}

const exitStatusHelp = `
EXIT STATUS
  0    success
  1    a readiness gate failed (check, diff --fail-on-regression)
  2    bad input or usage: the message names the file, line and fix
  70   internal error (a bug: please report it)
  75   the answers file is being edited by another soc2ready process (assess, set,
       import or init): nothing was changed; run the command again once it is done
  130  interrupted; answers given so far were saved
`

// Main runs the tool and returns the exit status. A panic anywhere becomes a short
// message and status 70 instead of a stack trace.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "soc2ready: internal error: %v\n", r)
			fmt.Fprintf(stderr, "soc2ready: hint: this is a bug; please report it with the command you ran (set SOC2READY_TRACE=1 for details)\n")
			if os.Getenv("SOC2READY_TRACE") != "" {
				stderr.Write(debug.Stack())
			}
			code = problem.ExitInternal
		}
	}()
	if beforeRun != nil {
		beforeRun()
	}
	out := newStdout(stdout)
	// Terminal text (messages, status lines, check, explain, catalog list) goes through
	// the sanitiser; file formats are written to raw.
	text, errs := termsafe.NewWriter(out), termsafe.NewWriter(stderr)
	defer errs.Flush()
	e := &env{stdin: stdin, stdout: text, raw: out, stderr: errs, getenv: os.Getenv}
	root := e.rootCommand()
	e.root = root
	root.SetArgs(args)
	err := root.Execute()
	text.Flush()
	if out.err != nil && (err == nil || errors.Is(err, out.err) || err == problem.ErrGateFailed) {
		// Output that went nowhere is not success. Exit 2, like -o naming a file that
		// cannot be written: the fix is the user's (free space, open the descriptor).
		err = problem.New("check the disk has space and that standard output is open, or write to a file with -o",
			"cannot write to standard output: %v", unwrapPathErr(out.err))
	}
	code = e.report(err)
	return code
}

// beforeRun is a test hook run inside Main's panic guard; the test binary sets it to
// prove an unexpected panic ends as status 70. The release binary has no way to set it.
var beforeRun func()

// report prints an error the one way every command shares and picks the exit status.
func (e *env) report(err error) int {
	if err == nil {
		return problem.ExitOK
	}
	var list *problem.List
	if errors.As(err, &list) {
		for _, p := range list.Problems {
			e.printProblem(p)
		}
		// Loaders stop looking soon after the cap, so past it the count is a lower bound.
		if list.More > 0 {
			fmt.Fprintf(e.stderr, "soc2ready: more than %d problems; the first %d are shown\n", len(list.Problems), len(list.Problems))
		} else {
			fmt.Fprintf(e.stderr, "soc2ready: %d problems\n", len(list.Problems))
		}
		return list.ExitCode()
	}
	var p *problem.Error
	if !errors.As(err, &p) {
		// cobra's own usage errors (unknown command or flag, wrong arguments) are plain.
		p = e.usageProblem(err)
	}
	if p != problem.ErrGateFailed {
		e.printProblem(p)
	}
	return p.ExitCode()
}

var unknownCommandRE = regexp.MustCompile(`^unknown command "([^"]*)" for "([^"]*)"`)

// usageProblem turns a cobra usage error into a problem. cobra appends its "Did you
// mean this?" suggestions to the message over several lines; the suggestion belongs on
// the hint line, and subcommands (catalog sho) get one too.
func (e *env) usageProblem(err error) *problem.Error {
	msg, suggestions, _ := strings.Cut(err.Error(), "\n\nDid you mean this?\n")
	p := &problem.Error{Msg: msg, Hint: "run `soc2ready --help` for usage"}
	m := unknownCommandRE.FindStringSubmatch(msg)
	if m == nil {
		return p
	}
	p.Hint = "run `" + m[2] + " --help` for the commands"
	var names []string
	if e.root != nil {
		if c, _, ferr := e.root.Find(strings.Fields(m[2])[1:]); ferr == nil {
			for _, sub := range c.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
		}
	}
	if s := strings.Fields(suggestions); len(s) > 0 {
		p.Hint = fmt.Sprintf("did you mean %q? %s", s[0], p.Hint)
	} else if s := problem.Suggest(m[1], names); s != "" {
		p.Hint = fmt.Sprintf("did you mean %q? %s", s, p.Hint)
	}
	return p
}

func (e *env) printProblem(p *problem.Error) {
	fmt.Fprintf(e.stderr, "soc2ready: %s\n", oneLine(p.Error()))
	if p.Hint != "" {
		fmt.Fprintf(e.stderr, "soc2ready: hint: %s\n", oneLine(p.Hint))
	}
}

// oneLine keeps a message on one line whatever the input contained.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "soc2ready",
		Short: "How ready is this organisation for a SOC 2 audit, and what should it fix first",
		Long: `soc2ready assesses readiness for a SOC 2 audit against the AICPA Trust Services
Criteria. Answers live in a YAML file (soc2ready.yaml by default) that you keep in git;
the tool scores every in-scope criterion, lists the gaps in the order to close them and
writes reports. It works offline and sends nothing anywhere.

Start with:
  soc2ready init                       set up scope (interactive on a terminal, or flags)
  soc2ready assess                     answer the questionnaire
  soc2ready report -o readiness.md     write the readiness report
  soc2ready check --min-score 80       fail a CI build below a readiness gate
` + exitStatusHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       Version,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	// completion bash|zsh|fish|powershell: cobra's generator, descriptions included.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		hint := "run `" + c.CommandPath() + " --help` for usage"
		if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
			var names []string
			c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
			if s := problem.Suggest(name, names); s != "" {
				hint = fmt.Sprintf("did you mean --%s? %s", s, hint)
			}
		}
		return problem.New(hint, "%v", err)
	})
	root.PersistentFlags().StringVarP(&e.answersPath, "answers", "a", "", "answers `FILE` (default $SOC2READY_ANSWERS, else soc2ready.yaml)")
	root.PersistentPreRun = func(*cobra.Command, []string) {
		if e.answersPath == "" {
			e.answersPath = e.getenv("SOC2READY_ANSWERS")
		}
		if e.answersPath == "" {
			e.answersPath = answersfile.DefaultPath
		}
	}
	root.PersistentFlags().StringVar(&e.catalogPath, "catalog", "", "catalogue overlay file that adds, changes or disables controls")
	root.AddCommand(
		e.validateCommand(),
		e.reportCommand(),
		e.checkCommand(),
		e.catalogCommand(),
		e.explainCommand(),
		e.setCommand(),
		e.initCommand(),
		e.assessCommand(),
		e.versionCommand(),
		e.describeCommand(),
		e.evidenceCommand(),
		e.diffCommand(),
		e.exportCommand(),
		e.importCommand(),
		e.manCommand(),
		e.policiesCommand(),
	)
	e.finishHelp(root)
	return root
}

// isTerminal reports whether v is an *os.File attached to a terminal. Being a character
// device is not enough: /dev/null is one too.
func isTerminal(v any) bool {
	if w, ok := v.(io.Writer); ok {
		v = rawWriter(w)
	}
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// interactive reports whether both ends are a terminal: questions need a person typing
// on stdin, and the screen they draw must not land in a file or a pipe.
func (e *env) interactive() bool {
	return isTerminal(e.stdin) && isTerminal(e.stdout)
}
