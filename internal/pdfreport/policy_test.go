package pdfreport

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/policies"
	"github.com/soc2ready/soc2ready/internal/reports"
)

func drafts(m *reports.Model) []*policies.Draft {
	ds, _ := policies.Build(policies.Input{Catalogue: m.Catalogue, File: m.File, Result: m.Result, Date: m.Date, Tool: m.Tool})
	return ds
}

func renderPolicy(t testing.TB, d *policies.Draft) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderPolicy(&buf, d, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPolicyPDFs renders every draft of both examples, and of the scale-up with every
// category in scope (all twelve policies): each passes qpdf --check, is 2 to 6 pages,
// shows its title, every decision and every control it backs, and renders to the same
// bytes twice.
func TestPolicyPDFs(t *testing.T) {
	everything := func() *reports.Model {
		m := model(t, example(t, "scaleup.yaml"), nil)
		f := m.File
		f.Scope.Categories = []string{"security", "availability", "confidentiality", "processing_integrity", "privacy"}
		return modelFrom(m.Catalogue, f)
	}
	for _, tc := range []struct {
		name  string
		m     func() *reports.Model
		count int
	}{
		{"startup", func() *reports.Model { return model(t, example(t, "startup.yaml"), nil) }, 11},
		{"scaleup", func() *reports.Model { return model(t, example(t, "scaleup.yaml"), nil) }, 11},
		{"every category", everything, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := drafts(tc.m())
			if len(ds) != tc.count {
				t.Fatalf("%d drafts, want %d", len(ds), tc.count)
			}
			var again []*policies.Draft
			if tc.name == "startup" { // once is enough to prove the bytes repeat
				again = drafts(tc.m())
			}
			var counts []string
			for i, d := range ds {
				data := renderPolicy(t, d)
				if again != nil && !bytes.Equal(data, renderPolicy(t, again[i])) {
					t.Errorf("%s: two renders differ", d.Slug)
				}
				n := pages(data)
				counts = append(counts, d.Slug+" "+strconv.Itoa(n))
				if n < 2 || n > 6 {
					t.Errorf("%s: %d pages, want 2 to 6", d.Slug, n)
				}
				if tc.count == 12 && d.Policy.ID != "privacy" {
					continue // the other eleven were checked in full with the examples
				}
				qpdfCheck(t, data)
				flat := flatText(t, data)
				for _, want := range []string{d.Title, d.Org, "POLICY · DRAFT FOR APPROVAL", "Version history", "Controls this policy backs", "Page 2 of"} {
					if !strings.Contains(flat, want) {
						t.Errorf("%s: text lacks %q", d.Slug, want)
					}
				}
				if got, want := strings.Count(flat, "MANAGEMENT DECISION:"), d.Decisions(); got < want {
					t.Errorf("%s: %d decisions shown, want %d", d.Slug, got, want)
				}
				for _, c := range d.Controls {
					if !strings.Contains(flat, c.ID) {
						t.Errorf("%s: closing table lacks %s", d.Slug, c.ID)
					}
				}
			}
			t.Logf("pages: %s", strings.Join(counts, ", "))
		})
	}
}

// TestPolicyHostile: names no font can draw, very long names and line breaks neither
// crash the render nor break the file.
func TestPolicyHostile(t *testing.T) {
	m := model(t, example(t, "startup.yaml"), nil)
	f := m.File
	f.Organization = answers.Organization{Name: strings.Repeat("Lumen🚀lane\nLabs ", 40), System: "系统\u202Eevil", Employees: 12}
	f.Scope.CUECs = []string{strings.Repeat("averyveryverylongwordwithoutanyspaces", 12)}
	for _, d := range drafts(modelFrom(m.Catalogue, f)) {
		data := renderPolicy(t, d)
		qpdfCheck(t, data)
		if n := pages(data); n < 2 {
			t.Errorf("%s: %d pages", d.Slug, n)
		}
	}
}

// FuzzPolicyPDF: whatever the organisation, system and customer responsibilities say, a
// draft renders without error (gofpdf panics on characters outside its fonts).
func FuzzPolicyPDF(f *testing.F) {
	f.Add("Acme Ltd", "Cloud", "Customers manage their users")
	f.Add("🚀\x00\u202e", strings.Repeat("x", 500), "株式会社\n\t")
	m := model(f, example(f, "startup.yaml"), nil)
	f.Fuzz(func(t *testing.T, org, system, cuec string) {
		file := *m.File
		file.Organization.Name, file.Organization.System = org, system
		file.Scope.CUECs = []string{cuec}
		mm := modelFrom(m.Catalogue, &file)
		ds := drafts(mm)
		var buf bytes.Buffer
		if err := RenderPolicy(&buf, ds[0], Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
