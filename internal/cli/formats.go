package cli

import (
	"io"
	"sort"
	"strings"

	"github.com/soc2ready/soc2ready/internal/reports"
)

// renderers are the report formats, by --format name. Each format lives in its own
// package or file; this table is the one place that lists them.
var renderers = map[string]func(io.Writer, *reports.Model) error{
	"md": reports.Markdown,
}

func formatNames() string {
	names := make([]string, 0, len(renderers))
	for n := range renderers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
