package reports

import (
	"strings"

	"github.com/soc2ready/soc2ready/internal/mdtext"
)

// md makes user text safe inside Markdown (mdtext.Escape).
func md(s string) string { return mdtext.Escape(s) }

// orDash shows an em dash for an empty cell.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
