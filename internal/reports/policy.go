package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/policies"
)

// PolicyMarkdown writes one policy draft as Markdown. Every run of text is escaped, ours
// and the user's alike; decisions for management are bold and bracketed so they stand out
// and a search for "MANAGEMENT DECISION" finds them all.
func PolicyMarkdown(w io.Writer, d *policies.Draft) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n", md(d.Title))
	p("**%s** · %s · draft 0.1 of %s\n\n", md(d.Org), md(d.System), d.Date)
	for i, n := range d.Notes {
		if i > 0 {
			p(">\n")
		}
		p("> %s\n", mdText(n))
	}
	p("\n| Item | Detail |\n|---|---|\n")
	for _, f := range d.Meta {
		p("| %s | %s |\n", md(f.Label), mdText(f.Value))
	}
	p("\n## Version history\n\n| Version | Date | Change | Approved by |\n|---|---|---|---|\n")
	for _, r := range d.Versions {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = mdText(c)
		}
		p("| %s |\n", strings.Join(cells, " | "))
	}
	p("\n")
	for _, s := range d.Sections {
		p("## %d. %s\n\n", s.Number, md(s.Title))
		for _, bl := range s.Blocks {
			switch bl.Kind {
			case policies.Para:
				p("%s\n\n", mdText(bl.Text))
			case policies.Bullets:
				for _, it := range bl.Items {
					p("- %s\n", mdText(it))
				}
				p("\n")
			}
		}
		if len(s.Backs) > 0 {
			refs := make([]string, len(s.Backs))
			for i, r := range s.Backs {
				refs[i] = md(r.Label())
			}
			p("*Backs controls:* %s.\n\n", strings.Join(refs, "; "))
		}
	}
	p("## Controls this policy backs\n\n")
	p("Each control below supports the Trust Services Criteria shown (those in scope); the section column says where this policy sets its rule.\n\n")
	p("| Control | Title | Criteria | Sections |\n|---|---|---|---|\n")
	for _, c := range d.Controls {
		secs := make([]string, len(c.Sections))
		for i, n := range c.Sections {
			secs[i] = strconv.Itoa(n)
		}
		p("| %s | %s | %s | %s |\n", c.ID, md(c.Title), strings.Join(c.Criteria, ", "), orDash(strings.Join(secs, ", ")))
	}
	return bw.Flush()
}

// mdText renders a Text: each run escaped with its surrounding spaces kept (md trims
// them), decisions bold and bracketed.
func mdText(t policies.Text) string {
	var b strings.Builder
	for _, s := range t {
		if s.Decision {
			b.WriteString("**" + policies.DecisionLabel + ": " + md(s.Text) + "]**")
			continue
		}
		core := strings.TrimSpace(s.Text)
		lead := s.Text[:strings.Index(s.Text, core)]
		if core == "" {
			lead = s.Text
		}
		trail := s.Text[len(lead)+len(core):]
		b.WriteString(spaces(lead) + md(core) + spaces(trail))
	}
	return b.String()
}

// spaces keeps the spacing between runs as one space, never a line break.
func spaces(s string) string {
	if s == "" {
		return ""
	}
	return " "
}
