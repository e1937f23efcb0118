package pdfreport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
)

// bigModel is the built-in catalogue grown to n controls (copies of the real ones under
// new ids), with every category in scope and a varied answer for each control, so the
// PDF has every section at its largest.
func bigModel(tb testing.TB, n int) (*catalogue.Catalogue, *answers.Data) {
	tb.Helper()
	base, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		tb.Fatal(err)
	}
	big := *base
	big.Controls = append([]catalogue.Control(nil), base.Controls...)
	for i := 0; len(big.Controls) < n; i++ {
		c := base.Controls[i%len(base.Controls)]
		c.ID = fmt.Sprintf("%s-SYN%d", c.ID, i)
		c.Aliases = nil
		big.Controls = append(big.Controls, c)
	}
	// JSON is YAML, and the catalogue types carry json tags: one file, loaded and
	// validated the way the embedded catalogue is.
	data, err := json.Marshal(&big)
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := cataloguefile.Load(fstest.MapFS{"catalogue.yaml": {Data: data}})
	if err != nil {
		tb.Fatal(err)
	}
	f := &answers.Data{CatalogVersion: cat.Version, Answers: map[string]answers.Answer{}}
	f.Organization = answers.Organization{Name: "Synthetic Scale Corp", System: "Everything platform", Employees: 900}
	f.Scope = answers.Scope{Categories: cat.CategoryIDs(), ReportType: answers.Type2,
		ObservationPeriod: &answers.Period{Start: "2026-01-01", End: "2026-06-30"}}
	statuses := []string{"implemented", "partial", "planned", "missing", "implemented", ""}
	for i, c := range cat.Controls {
		st := statuses[i%len(statuses)]
		if st == "" {
			continue // unanswered
		}
		a := answers.Answer{Status: answers.Status(st), Updated: "2026-11-18", Note: fmt.Sprintf("Note %d: status reviewed with the owner; see the tracker for details and dates.", i)}
		if st != "implemented" {
			a.Owner, a.Due = "Owner "+fmt.Sprint(i%17), "2027-03-31"
		} else {
			a.Evidence = []answers.Evidence{{Ref: fmt.Sprintf("TICKET-%d", i), Date: "2026-10-01"}}
		}
		f.Answers[c.ID] = a
	}
	return cat, f
}

// TestBigCatalogue: a consultant's overlay can make the catalogue much larger. A report on
// 2,000 controls must still render as a valid PDF, and its length must grow in step with
// the controls (a section that repeated itself, or a table that lost rows, would break
// the proportion). The 10,000-control render is left to the benchmark.
func TestBigCatalogue(t *testing.T) {
	render := func(n int) (pageCount, controls int) {
		cat, f := bigModel(t, n)
		var buf bytes.Buffer
		if err := Render(&buf, modelFrom(cat, f), Options{}); err != nil {
			t.Fatalf("%d controls: %v", n, err)
		}
		qpdfCheck(t, buf.Bytes())
		return pages(buf.Bytes()), len(cat.Controls)
	}
	p0, base := render(0)
	p1, _ := render(1000)
	p2, _ := render(2000)
	t.Logf("pages: %d controls %d, 1,000 controls %d, 2,000 controls %d", base, p0, p1, p2)
	// The pages a control adds are the same for the first thousand extra controls as for
	// the second: within a fifth, allowing for part-filled pages and section breaks.
	perFirst := float64(p1-p0) / float64(1000-base)
	perSecond := float64(p2-p1) / 1000
	if perFirst <= 0 || perSecond < 0.8*perFirst || perSecond > 1.2*perFirst {
		t.Errorf("pages per control: %.3f from %d to 1,000 controls, %.3f from 1,000 to 2,000; want about the same", perFirst, base, perSecond)
	}
}

func BenchmarkRender10kControls(b *testing.B) {
	cat, f := bigModel(b, 10000)
	m := modelFrom(cat, f)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Render(&bytes.Buffer{}, m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
