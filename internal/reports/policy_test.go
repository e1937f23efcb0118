package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/golden"
	"github.com/soc2ready/soc2ready/internal/policies"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// TestPolicyGolden pins every policy draft of both examples, one file per draft under
// testdata/policies/EXAMPLE/; `go test ./internal/reports -update` rewrites them
// (and removes the file of a draft no longer written).
func TestPolicyGolden(t *testing.T) {
	for _, name := range []string{"startup", "scaleup"} {
		t.Run(name, func(t *testing.T) {
			render := func() map[string][]byte {
				m := model(t, goldenInputs[name])
				drafts, _ := policies.Build(policies.Input{Catalogue: m.Catalogue, File: m.File, Result: m.Result, Date: m.Date, Tool: m.Tool})
				out := map[string][]byte{}
				for _, d := range drafts {
					var buf bytes.Buffer
					if err := reports.PolicyMarkdown(&buf, d); err != nil {
						t.Fatal(err)
					}
					out[d.Slug+".md"] = buf.Bytes()
				}
				return out
			}
			got, again := render(), render()
			dir := filepath.Join("testdata", "policies", name)
			if *golden.Update {
				os.RemoveAll(dir) // a draft no longer written must not keep its file
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			var names []string
			for file, data := range got {
				names = append(names, file)
				if !bytes.Equal(data, again[file]) {
					t.Errorf("%s: two renders of the same answers differ", file)
				}
				golden.Check(t, filepath.Join(dir, file), data)
			}
			// no golden file is left for a draft that is no longer written
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !slices.Contains(names, e.Name()) {
					t.Errorf("%s/%s is not drafted any more", dir, e.Name())
				}
			}
		})
	}
}

// TestPolicyMarkdownEscapes: user text cannot inject Markdown, decisions stay bold and
// bracketed, and spacing between runs survives escaping.
func TestPolicyMarkdownEscapes(t *testing.T) {
	d := &policies.Draft{
		Title: "Access control policy", Org: "Acme *Ltd* <script>", System: "A|B", Date: "2026-11-18",
		Sections: []policies.Section{{Number: 1, Title: "Purpose", Blocks: []policies.Block{
			{Kind: policies.Para, Text: policies.Text{{Text: "Owner: "}, {Text: "[x](javascript:alert(1))"}, {Text: " decides "}, {Text: "the *deadline*", Decision: true}, {Text: "."}}},
		}, Backs: []policies.Ref{{ID: "ACC-MFA", Title: "MFA | everywhere", Criteria: []string{"CC6.1"}}}}},
		Controls: []policies.Trace{{Ref: policies.Ref{ID: "ACC-MFA", Title: "MFA | everywhere", Criteria: []string{"CC6.1"}}, Sections: []int{1}}},
	}
	var buf bytes.Buffer
	if err := reports.PolicyMarkdown(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`**Acme \*Ltd\* &lt;script&gt;** · A\|B`,
		`Owner: \[x\](javascript:alert(1)) decides **[MANAGEMENT DECISION: the \*deadline\*]**.`,
		`*Backs controls:* ACC-MFA MFA \| everywhere (CC6.1).`,
		"| ACC-MFA | MFA \\| everywhere | CC6.1 | 1 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// FuzzPolicyMarkdown: whatever the organisation, system, services, owners and customer
// responsibilities say, the drafts render, and no raw HTML gets through (only the <br>
// the escaper writes for a line break).
func FuzzPolicyMarkdown(f *testing.F) {
	f.Add("Acme <b>Ltd</b>", "Cloud | app", "# heading\n- item", "[x](javascript:1)")
	f.Add("", "", "", "")
	f.Add("Ünïcødé 🚀 株式会社", "系统\u202e", "line\r\nbreak", "owner*_`")
	m := model(f, goldenInputs["startup"])
	f.Fuzz(func(t *testing.T, org, system, services, owner string) {
		file := *m.File
		file.Organization.Name, file.Organization.System, file.Organization.Services = org, system, services
		file.Scope.CUECs = []string{services}
		file.Answers = map[string]answers.Answer{"POL-INFOSEC": {Status: "planned", Owner: owner}}
		r := scoring.Assess(scoring.Input{Catalogue: m.Catalogue, Scope: file.Scope, Answers: file.Answers})
		drafts, _ := policies.Build(policies.Input{Catalogue: m.Catalogue, File: &file, Result: r, Date: m.Date, Tool: m.Tool})
		var buf bytes.Buffer
		if err := reports.PolicyMarkdown(&buf, drafts[0]); err != nil {
			t.Fatal(err)
		}
		if out := strings.ReplaceAll(buf.String(), "<br>", ""); strings.Contains(out, "<") {
			t.Errorf("raw < in the output")
		}
	})
}
