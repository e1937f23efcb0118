package reports_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// FuzzRenderers feeds hostile user text (organisation, notes, owners, scope lists) to
// every text renderer: each must render; the Markdown outputs must keep every table row on
// one line and let no raw HTML through; JSON must parse; JUnit must be well-formed XML.
func FuzzRenderers(f *testing.F) {
	// A small catalogue keeps each run fast, so the fuzzer explores (and minimises) inputs
	// instead of spending its time rendering 200 controls; the code paths are the same.
	data, err := os.ReadFile("testdata/mini-catalogue.yaml")
	if err != nil {
		f.Fatal(err)
	}
	cat, err := cataloguefile.Load(fstest.MapFS{"catalogue.yaml": {Data: data}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Acme | Co", "line one\nline two | <b>x</b>", "Dana", "<script>alert(1)</script>")
	f.Add("Zürich Dünn GmbH 株式会社", "emoji 🔐 and \x00 control \u2028 chars", "`code` *bold* [link](http://x)", "\r\n| --- |")
	f.Fuzz(func(t *testing.T, org, note, owner, cuec string) {
		src := "organization: {name: x}\nscope: {categories: [security]}\n"
		file, err := answersfile.Parse("a.yaml", []byte(src), cat)
		if err != nil {
			t.Fatal(err)
		}
		file.Organization.Name = org
		file.Scope.CUECs = []string{cuec}
		file.Scope.Subservice = []answers.SubserviceOrg{{Name: owner, Method: "carve_out", CSOCs: []string{note}}}
		file.Answers = map[string]answers.Answer{
			"ACC-C": {Status: "partial", Note: note, Owner: owner},
			"GOV-A": {Status: "implemented", Evidence: []answers.Evidence{{Ref: note, Date: "2026-01-01"}}},
			"GOV-B": {Status: "not_applicable", NAReason: note},
		}
		r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: file.Scope, Answers: file.Answers})
		m := reports.Build(cat, &file.Data, r, reports.Options{Date: "2026-01-01", Tool: "soc2ready test"})
		render := func(name string, fn func(io.Writer, *reports.Model) error) string {
			var buf bytes.Buffer
			if err := fn(&buf, m); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return buf.String()
		}
		for name, fn := range map[string]func(io.Writer, *reports.Model) error{
			"markdown": reports.Markdown, "describe": reports.Describe, "evidence": reports.EvidenceMarkdown, "iso": reports.ISOMarkdown,
			// the full report is where the notes are printed
			"markdown full": func(w io.Writer, m *reports.Model) error {
				full := *m
				full.Detail = reports.DetailFull
				return reports.Markdown(w, &full)
			},
		} {
			out := render(name, fn)
			if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
				t.Fatalf("%s: <details> blocks not balanced", name)
			}
			for _, tag := range []string{"<script", "<b>", "<img", "<a "} {
				if strings.Contains(strings.ToLower(out), tag) {
					t.Fatalf("%s: raw HTML %q", name, tag)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "| ") && !strings.HasSuffix(line, " |") {
					t.Fatalf("%s: table row broken by user text: %q", name, line)
				}
			}
		}
		if out := render("json", reports.JSON); !json.Valid([]byte(out)) {
			t.Fatalf("json: invalid output")
		}
		render("csv", reports.CSV)
		render("evidence csv", reports.EvidenceCSV)
		dec := xml.NewDecoder(strings.NewReader(render("junit", reports.JUnit)))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("junit: not well-formed XML: %v", err)
			}
		}
	})
}
