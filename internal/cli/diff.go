package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/compare"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/scoring"
	"github.com/soc2ready/soc2ready/internal/yamlfile"
)

type diffOptions struct {
	format           string
	output           string
	failOnRegression bool
}

func (e *env) diffCommand() *cobra.Command {
	o := &diffOptions{}
	c := &cobra.Command{
		Use:   "diff OLD [NEW]",
		Short: "Compare two answers files: score changes, verdicts, gaps closed and opened, regressions",
		Long: `Compare two assessments of the same system: the overall and per-category scores, the
criteria whose verdict changed, the gaps closed, the new gaps, the regressions (controls
whose status got worse: implemented, partial, planned, missing/unanswered) and the
scope changes. Both files are scored against the same catalogue (the built-in one plus
--catalog). NEW defaults to the answers file (-a).

OLD and NEW are answers files, or git revisions written REV:PATH, e.g.
HEAD~1:soc2ready.yaml or main:./soc2ready.yaml, read with 'git show' when no file of
that name exists. A path after the colon is from the repository root, or from the
current folder when it starts with ./

Examples:
  soc2ready diff HEAD~1:soc2ready.yaml soc2ready.yaml
  soc2ready diff main:soc2ready.yaml --format json
  soc2ready diff old.yaml new.yaml --fail-on-regression`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(_ *cobra.Command, args []string) error {
			newArg := e.answersPath
			if len(args) == 2 {
				newArg = args[1]
			}
			return e.runDiff(args[0], newArg, o)
		},
	}
	c.Flags().StringVarP(&o.format, "format", "f", "md", "output format: md or json")
	c.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	c.Flags().BoolVar(&o.failOnRegression, "fail-on-regression", false, "exit 1 when any control's status got worse")
	return c
}

func (e *env) runDiff(oldArg, newArg string, o *diffOptions) error {
	var render func(io.Writer, *compare.Diff) error
	switch o.format {
	case "md":
		render = compare.Markdown
	case "json":
		render = compare.JSON
	default:
		return problem.New("formats: md, json", "unknown diff format %q", o.format)
	}
	cat, err := e.loadCatalogue()
	if err != nil {
		return err
	}
	oldSide, err := e.diffSide(cat, oldArg)
	if err != nil {
		return err
	}
	newSide, err := e.diffSide(cat, newArg)
	if err != nil {
		return err
	}
	d := compare.Compare(cat, oldSide, newSide)
	if err := e.writeOutput(o.output, func(w io.Writer) error { return render(w, d) }); err != nil {
		return err
	}
	if o.failOnRegression && len(d.Regressions) > 0 {
		ids := make([]string, len(d.Regressions))
		for i, r := range d.Regressions {
			ids[i] = r.ID
		}
		n := fmt.Sprintf("%d regressions", len(ids))
		if len(ids) == 1 {
			n = "1 regression"
		}
		fmt.Fprintf(e.stderr, "soc2ready: %s: %s\n", n, strings.Join(ids, ", "))
		return problem.ErrGateFailed
	}
	return nil
}

// diffSide loads and scores one side: a file, or REV:PATH through git.
func (e *env) diffSide(cat *catalogue.Catalogue, arg string) (compare.Side, error) {
	var data []byte
	var err error
	if _, statErr := os.Stat(arg); statErr != nil && strings.Contains(arg, ":") {
		data, err = gitShow(arg)
	} else {
		e.inputs = append(e.inputs, arg)
		data, err = yamlfile.ReadFile(arg)
	}
	if err != nil {
		return compare.Side{}, err
	}
	f, err := answersfile.Parse(arg, data, cat)
	if err != nil {
		return compare.Side{}, err
	}
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	return compare.Side{Name: arg, File: &f.Data, Result: r}, nil
}

// gitCommand is the git binary, found on PATH.
const gitCommand = "git"

// gitShow reads REV:PATH from the repository around the current folder.
func gitShow(arg string) ([]byte, error) {
	if strings.HasPrefix(arg, "-") {
		return nil, problem.New("write a revision as REV:PATH, e.g. HEAD~1:soc2ready.yaml", "%q is not a file or a git revision", arg)
	}
	if _, err := exec.LookPath(gitCommand); err != nil {
		return nil, problem.New("install git, or save the old version to a file (git show "+arg+" > old.yaml) and compare files",
			"%s: no such file, and git is not installed to read it as a revision", arg)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(gitCommand, "show", arg)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return nil, problem.New("", "%s: cannot run git: %v", arg, err)
		}
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		msg = strings.TrimPrefix(msg, "fatal: ")
		return nil, problem.New("write REV:PATH with a revision git knows (a branch, tag, commit or HEAD~1) and the file's path from the repository root, or ./PATH from here",
			"%s: no such file, and git cannot read it as a revision: %s", arg, msg)
	}
	if stdout.Len() > yamlfile.MaxSize {
		return nil, problem.At(arg, 0, "", "file is larger than %d MB", yamlfile.MaxSize>>20)
	}
	data := stdout.Bytes()
	return data, yamlfile.CheckText(arg, data)
}
