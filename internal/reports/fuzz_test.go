package reports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// FuzzMarkdown feeds hostile user text (organisation, notes, owners, scope lists) to the
// Markdown report: it must render, keep every table row on one line, and let no raw HTML
// through.
func FuzzMarkdown(f *testing.F) {
	cat, err := catalogue.Load(criteria.FS)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Acme | Co", "line one\nline two | <b>x</b>", "Dana", "<script>alert(1)</script>")
	f.Add("Zürich Dünn GmbH 株式会社", "emoji 🔐 and \x00 control \u2028 chars", "`code` *bold* [link](http://x)", "\r\n| --- |")
	f.Fuzz(func(t *testing.T, org, note, owner, cuec string) {
		src := "organization: {name: x}\nscope: {categories: [security]}\n"
		file, err := answers.Parse("a.yaml", []byte(src), cat)
		if err != nil {
			t.Fatal(err)
		}
		file.Organization.Name = org
		file.Scope.CUECs = []string{cuec}
		file.Scope.Subservice = []answers.SubserviceOrg{{Name: owner, Method: "carve_out", CSOCs: []string{note}}}
		file.Answers = map[string]answers.Answer{
			"ACC-MFA":     {Status: "partial", Note: note, Owner: owner},
			"POL-INFOSEC": {Status: "implemented", Evidence: []answers.Evidence{{Ref: note, Date: "2026-01-01"}}},
		}
		r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: file.Scope, Answers: file.Answers})
		var buf bytes.Buffer
		if err := reports.Markdown(&buf, reports.Build(cat, file, r, reports.Options{Date: "2026-01-01", Tool: "soc2ready test"})); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, tag := range []string{"<script", "<b>", "<img", "<a "} {
			if strings.Contains(strings.ToLower(out), tag) {
				t.Fatalf("raw HTML %q in report", tag)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "| ") && !strings.HasSuffix(line, " |") {
				t.Fatalf("table row broken by user text: %q", line)
			}
		}
	})
}
