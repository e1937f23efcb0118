package reports_test

import (
	"io"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

const benchAnswers = "organization: {name: Bench}\nscope: {categories: [security, availability, confidentiality]}\nanswers:\n  ACC-MFA: {status: implemented}\n  POL-INFOSEC: {status: partial, note: drafted}\n"

// BenchmarkLoadScoreRender is the whole job of `report` minus process start: decode the
// embedded catalogue snapshot, parse answers, score, render Markdown.
func BenchmarkLoadScoreRender(b *testing.B) {
	for i := 0; i < b.N; i++ {
		cat, err := catalogue.Builtin(criteria.Snapshot)
		if err != nil {
			b.Fatal(err)
		}
		f, err := answersfile.Parse("bench.yaml", []byte(benchAnswers), cat)
		if err != nil {
			b.Fatal(err)
		}
		r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
		if err := reports.Markdown(io.Discard, reports.Build(cat, &f.Data, r, reports.Options{Date: "2026-01-01"})); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadCatalogueYAML parses the YAML sources, as `go generate` and overlays do.
func BenchmarkLoadCatalogueYAML(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := cataloguefile.Load(criteria.FS); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreRender(b *testing.B) {
	cat, _ := cataloguefile.Load(criteria.FS)
	f, _ := answersfile.Parse("bench.yaml", []byte(benchAnswers), cat)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
		reports.Markdown(io.Discard, reports.Build(cat, &f.Data, r, reports.Options{Date: "2026-01-01"}))
	}
}
