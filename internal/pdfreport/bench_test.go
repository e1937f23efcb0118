package pdfreport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/catalogue"
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

func TestBigCatalogue(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	cat, f := bigModel(t, 10000)
	m := modelFrom(cat, f)
	var buf bytes.Buffer
	if err := Render(&buf, m, Options{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("10,000 controls: %d pages, %d bytes", pages(buf.Bytes()), buf.Len())
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
