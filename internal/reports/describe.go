package reports

import (
	"bufio"
	"fmt"
	"io"
)

// Describe writes the system description draft (BuildDescription) as Markdown.
func Describe(w io.Writer, m *Model) error {
	d := BuildDescription(m)
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# Description of the %s system: %s\n\n", orDash(md(d.System)), md(d.Org))
	p("> Draft prepared with %s on %s from the answers file. It follows the description criteria DC 1 to DC 9; every **%s** marks text management must supply (%d in this draft), and every statement must be checked before it goes to an auditor.\n\n", m.Tool, m.Date, ToWriteLabel, d.ToWrite())
	for _, s := range d.Sections {
		p("## %s: %s\n\n", s.ID, s.Title)
		for _, part := range s.Parts {
			describePart(p, part)
		}
	}
	return bw.Flush()
}

func toWriteMD(text string) string { return "**" + ToWriteLabel + "** " + md(text) }

func describePart(p func(string, ...any), part DescPart) {
	switch part.Kind {
	case PartPara:
		p("%s\n\n", md(part.Text))
	case PartToWrite:
		p("%s\n\n", toWriteMD(part.Text))
	case PartSub:
		p("### %s\n\n", md(part.Text))
	case PartList:
		for _, it := range part.Items {
			p("- %s\n", descItemMD(it))
		}
		p("\n")
	case PartCriteria:
		for _, k := range part.Criteria {
			c := k.Criterion.Criterion
			p("### %s %s\n\n", c.ID, md(c.Title))
			if len(k.InPlace) == 0 {
				p("- %s\n", toWriteMD("no control is fully in place yet for this criterion."))
			}
			for _, it := range k.InPlace {
				p("- %s\n", descItemMD(it))
			}
			if len(k.Partial) > 0 {
				p("\nPartly in place (complete them or leave them out of the final description):\n\n")
				for _, it := range k.Partial {
					p("- %s\n", md(it.Text))
				}
			}
			p("\n")
		}
	case PartExcluded:
		for _, c := range part.Excluded {
			p("- %s (%s): %s\n", md(c.Control.Title), c.Control.ID, md(c.Excluded))
		}
		p("\n")
	}
}

func descItemMD(it DescItem) string {
	switch {
	case it.ToWrite:
		return toWriteMD(it.Text)
	case it.Partial:
		return md(it.Text) + " *(partly in place)*"
	}
	return md(it.Text)
}
