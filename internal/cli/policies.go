package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/soc2ready/soc2ready/internal/atomicfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/pdfreport"
	"github.com/soc2ready/soc2ready/internal/policies"
	"github.com/soc2ready/soc2ready/internal/problem"
	"github.com/soc2ready/soc2ready/internal/reports"
)

type policiesOptions struct {
	dir, format string
}

func (e *env) policiesCommand() *cobra.Command {
	o := &policiesOptions{}
	c := &cobra.Command{
		Use:   "policies",
		Short: "Draft the core policies for this organisation, traced to the controls they back",
		Long: `Write one draft per core policy that applies to the scope, tailored from the answers
file: the organisation and its size (a small-company variant up to ` + strconv.Itoa(catalogue.SmallMax) + ` people, a larger
one above), the categories in scope, the scope facts (office or fully remote, own
hardware, in-house development, personal data, contractors), subservice organisations,
customer responsibilities, commitments and Type 1 or Type 2. Owners named in the answers
appear as owners; every choice only management can make is marked
[MANAGEMENT DECISION: ...]. Each section names the controls it backs with their criteria,
and a closing table maps the policy to its controls.

All twelve core policies are drafted when every category is in scope. A policy is
skipped when its POL- control does not apply: answered not_applicable, switched off by a
scope fact, or addressing no point of focus in scope (the privacy policy needs Privacy).

Files are named after the policy (DIR/information-security-policy.md) and written
atomically. After writing, the command prints the 'soc2ready set' line that records an
approved policy as the evidence of its POL- control.

  soc2ready policies -o policies
  soc2ready policies --format pdf -o policies`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return e.runPolicies(o) },
	}
	c.Flags().StringVarP(&o.dir, "output", "o", "policies", "folder to write the drafts to (created if missing)")
	c.Flags().StringVarP(&o.format, "format", "f", "md", "format: md or pdf")
	return c
}

func (e *env) runPolicies(o *policiesOptions) error {
	ext := "." + o.format
	switch o.format {
	case "md", "pdf":
	default:
		return problem.New("formats: md, pdf", "unknown policies format %q", o.format)
	}
	if strings.TrimSpace(o.dir) == "" || o.dir == "-" {
		return problem.New("name a folder with -o, for example -o policies", "the drafts are several files and need a folder")
	}
	a, date, err := e.assessDated()
	if err != nil {
		return err
	}
	drafts, skipped := policies.Build(policies.Input{Catalogue: a.cat, File: &a.file.Data, Result: a.result, Date: date, Tool: "soc2ready " + Version})
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return problem.At(o.dir, 0, "-o names the folder the drafts go in; pick a folder, not a file", "cannot create the folder: %v", unwrapPathErr(err))
	}
	opt := pdfreport.Options{SystemFonts: pdfreport.SystemFonts}
	var written []string
	decisions := 0
	for _, d := range drafts {
		var buf bytes.Buffer
		if o.format == "pdf" {
			if err := pdfRender(func() error { return pdfreport.RenderPolicy(&buf, d, opt) }); err != nil {
				return err
			}
		} else if err := reports.PolicyMarkdown(&buf, d); err != nil {
			return err
		}
		path := filepath.Join(o.dir, d.Slug+ext)
		if err := atomicfile.Write(path, buf.Bytes()); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return problem.At(path, 0, "check the folder is writable", "could not write: %v", err)
		}
		written = append(written, path)
		decisions += d.Decisions()
		fmt.Fprintln(e.stdout, path)
	}

	w := e.stderr
	fmt.Fprintf(w, "soc2ready: wrote %d policy drafts to %s; %d management decisions are marked %s: ...]\n", len(drafts), o.dir, decisions, policies.DecisionLabel)
	for _, s := range skipped {
		fmt.Fprintf(w, "soc2ready: skipped %s: %s\n", s.Policy.Title, s.Reason)
		// a draft left by an earlier run with another scope would look current
		if old := filepath.Join(o.dir, policies.Slug(s.Policy.Title)+ext); fileExists(old) {
			fmt.Fprintf(w, "soc2ready: %s is from an earlier run and no longer applies; delete it\n", old)
		}
	}
	if len(drafts) > 0 {
		fmt.Fprintf(w, "soc2ready: once a policy is approved, record it as the evidence of its control (put the approval date after @):\n")
	}
	for i, d := range drafts {
		fmt.Fprintf(w, "  soc2ready set -a %s %s implemented --evidence %s\n", shellQuote(e.answersPath), d.Policy.DocumentControl, shellQuote(written[i]+"@"+date))
	}
	return nil
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./@:=+,-]+$`)

// shellQuote quotes a word for a POSIX shell when it needs it, so the printed command can
// be pasted as it is.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
