package cli

import (
	"io"
	"sort"
	"strings"

	"github.com/soc2ready/soc2ready/internal/pdfreport"
	"github.com/soc2ready/soc2ready/internal/reports"
)

// renderers are the report formats, by --format name. Each format lives in its own
// package or file; this table is the one place that lists them.
var renderers = map[string]renderer{
	"md":    text(reports.Markdown),
	"json":  text(reports.JSON),
	"csv":   text(reports.CSV),
	"junit": text(reports.JUnit),
	"pdf":   {render: renderPDF, binary: true},
}

// isoRenderers are the formats of the ISO/IEC 27001 view (report --framework iso27001).
var isoRenderers = map[string]renderer{
	"md":   text(reports.ISOMarkdown),
	"json": text(reports.ISOJSON),
	"pdf":  {render: renderISOPDF, binary: true},
}

func renderISOPDF(w io.Writer, m *reports.Model, o *reportOptions) error {
	return pdfRender(func() error { return pdfreport.RenderISO(w, m, o.pdf) })
}

// renderer writes one format. Binary formats are refused on a terminal, and only they
// take the branding flags (--logo, --font).
type renderer struct {
	render func(io.Writer, *reports.Model, *reportOptions) error
	binary bool
}

// text adapts a renderer that needs nothing but the model.
func text(f func(io.Writer, *reports.Model) error) renderer {
	return renderer{render: func(w io.Writer, m *reports.Model, _ *reportOptions) error { return f(w, m) }}
}

func formatNames() string { return sortedKeys(renderers) }

func isoFormatNames() string { return sortedKeys(isoRenderers) }

func sortedKeys(m map[string]renderer) string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
