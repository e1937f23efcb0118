package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/soc2ready/soc2ready/internal/scoring"
)

// JUnit XML, in the shape CI systems read (GitHub Actions test reporters, GitLab's
// artifacts:reports:junit, Jenkins): one testsuite per in-scope category, one testcase per
// in-scope criterion. A not-ready criterion fails with its open controls listed; a
// not-applicable one is skipped; ready and at-risk criteria pass, at risk with a note in
// system-out. encoding/xml escapes all user text and replaces characters XML cannot hold.
type junitSuites struct {
	XMLName xml.Name `xml:"testsuites"`
	Name    string   `xml:"name,attr"`
	junitCounts
	Time   string       `xml:"time,attr"`
	Suites []junitSuite `xml:"testsuite"`
}

// junitCounts are the counters a testsuites element and each testsuite carry alike; the
// totals are the sums of the suites'.
type junitCounts struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
}

func (c *junitCounts) add(o junitCounts) {
	c.Tests += o.Tests
	c.Failures += o.Failures
	c.Errors += o.Errors
	c.Skipped += o.Skipped
}

type junitSuite struct {
	Name string `xml:"name,attr"`
	junitCounts
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes the assessment as a JUnit XML report.
func JUnit(w io.Writer, m *Model) error {
	r := m.Result
	out := junitSuites{Name: "soc2ready: " + oneLineText(m.File.Organization.Name), Time: "0"}
	for _, cat := range m.InScope {
		cr := categoryResult(r, cat.ID)
		s := junitSuite{Name: cat.Name, Time: "0", Properties: []junitProperty{
			{"category", cat.ID},
			{"score", fmt.Sprintf("%.1f", cr.Score.Value)},
			{"overall_score", fmt.Sprintf("%.1f", r.Overall.Value)},
			{"band", r.Band.ID},
			{"provisional", strconv.FormatBool(r.Provisional)},
			{"answered", fmt.Sprintf("%d of %d", r.Answered, r.Overall.Controls)},
			{"opinion_forecast", m.Forecast.Opinion},
			{"date", m.Date},
			{"catalogue_version", m.Catalogue.Version},
		}}
		for _, c := range r.Criteria {
			if c.Criterion.Category != cat.ID {
				continue
			}
			tc := junitCase{Name: c.Criterion.ID + " " + c.Criterion.Title, Classname: "soc2ready." + cat.ID + "." + c.Criterion.Group, Time: "0"}
			switch c.Verdict {
			case scoring.NotReady:
				gaps := openControls(r, c)
				ids := make([]string, len(gaps))
				var body strings.Builder
				fmt.Fprintf(&body, "%s %s scores %.1f: %s.\nOpen controls, most urgent first:\n", c.Criterion.ID, c.Criterion.Title, c.Score.Value, c.Reason)
				for i, g := range gaps {
					ids[i] = g.Control.ID
					fmt.Fprintf(&body, "- %s %s %s: %s", g.Control.Severity, g.Control.ID, g.Control.Title, StatusName(g.Status))
					var extra []string
					if o := oneLineText(g.Answer.Owner); o != "" {
						extra = append(extra, "owner "+o)
					}
					if g.Answer.Due != "" {
						extra = append(extra, "due "+g.Answer.Due)
					}
					if len(extra) > 0 {
						fmt.Fprintf(&body, " (%s)", strings.Join(extra, ", "))
					}
					fmt.Fprintf(&body, "\n  first step: %s\n", firstStep(g.Control.Remediation))
				}
				tc.Failure = &junitFailure{Type: string(c.Verdict), Text: body.String(),
					Message: fmt.Sprintf("not ready (%.1f): %s; gaps: %s", c.Score.Value, c.Reason, strings.Join(ids, ", "))}
				s.Failures++
			case scoring.NotApplicable:
				tc.Skipped = &junitSkipped{Message: c.Reason}
				s.Skipped++
			case scoring.AtRisk:
				tc.SystemOut = fmt.Sprintf("At risk (%.1f): %s.", c.Score.Value, c.Reason)
			default:
				tc.SystemOut = fmt.Sprintf("Ready (%.1f).", c.Score.Value)
			}
			s.Cases = append(s.Cases, tc)
			s.Tests++
		}
		out.Suites = append(out.Suites, s)
		out.add(s.junitCounts)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func categoryResult(r *scoring.Result, id string) *scoring.CategoryResult {
	for _, c := range r.Categories {
		if c.Category.ID == id {
			return c
		}
	}
	return &scoring.CategoryResult{}
}

// openControls are the criterion's gaps in the plan's order.
func openControls(r *scoring.Result, c *scoring.CriterionResult) []*scoring.Gap {
	mine := map[string]bool{}
	for _, ct := range c.Controls {
		mine[ct.Control.ID] = true
	}
	var out []*scoring.Gap
	for _, g := range r.Gaps {
		if mine[g.Control.ID] {
			out = append(out, g)
		}
	}
	return out
}

// oneLineText collapses blanks and line breaks: attribute values stay on one line.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
