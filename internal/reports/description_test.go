package reports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/reports"
)

// section finds a DC section by id.
func section(t *testing.T, d *reports.Description, id string) reports.DescSection {
	t.Helper()
	for _, s := range d.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %s", id)
	return reports.DescSection{}
}

// texts flattens a section into its lines of text, placeholders marked.
func texts(s reports.DescSection) []string {
	var out []string
	for _, p := range s.Parts {
		switch p.Kind {
		case reports.PartToWrite:
			out = append(out, reports.ToWriteLabel+" "+p.Text)
		case reports.PartList:
			for _, it := range p.Items {
				out = append(out, it.Text)
			}
		default:
			out = append(out, p.Text)
		}
	}
	return out
}

func contains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestDescriptionScaleup(t *testing.T) {
	m := model(t, "../../examples/scaleup.yaml")
	d := reports.BuildDescription(m)
	if len(d.Sections) != 9 {
		t.Fatalf("%d sections, want DC 1 to DC 9", len(d.Sections))
	}

	// DC 3 names the boundaries: each subservice organisation and the hardware fact.
	dc3 := texts(section(t, d, "DC 3"))
	for _, want := range []string{"System boundaries", "Amazon Web Services: Hosting", "Carved out", "No hardware of the organisation's own"} {
		if !contains(dc3, want) {
			t.Errorf("DC 3 lacks %q", want)
		}
	}
	if contains(dc3, "No office") {
		t.Error("DC 3 says there is no office, but the scale-up has one")
	}

	// DC 4 covers incidents of any cause and lists what the answers record.
	dc4 := texts(section(t, d, "DC 4"))
	if !contains(dc4, "security, availability or processing errors") || !contains(dc4, "its nature, when it happened, its extent") {
		t.Errorf("DC 4 does not ask for incidents of every cause with nature, timing, extent and resolution: %q", dc4)
	}
	if !contains(dc4, "Nine security incidents since July") {
		t.Errorf("DC 4 does not prompt from the incident register note: %q", dc4)
	}

	// DC 5: partly-in-place controls are kept apart from those in place.
	dc5 := section(t, d, "DC 5")
	partial := 0
	for _, p := range dc5.Parts {
		for _, k := range p.Criteria {
			for _, it := range k.InPlace {
				if it.Partial {
					t.Errorf("%s: partial control %s listed as in place", k.Criterion.Criterion.ID, it.Text)
				}
			}
			partial += len(k.Partial)
		}
	}
	if partial == 0 {
		t.Error("DC 5 lists no partly-in-place control; the scale-up has some")
	}

	// DC 7 ties each organisation's CSOCs to the criteria they help meet.
	dc7 := texts(section(t, d, "DC 7"))
	if !contains(dc7, "These controls help meet CC6.4 (") || !contains(dc7, "A1.2 (") {
		t.Errorf("DC 7 does not tie AWS's CSOCs to CC6.4 and A1.2: %q", dc7)
	}
}

func TestDescriptionInclusiveAndRemote(t *testing.T) {
	m := model(t, "../../examples/startup.yaml")
	m.File.Scope.Subservice = []answers.SubserviceOrg{{
		Name: "Acme Support", Services: "First-line support desk", Method: "inclusive",
		CSOCs: []string{"Support agents verify the caller before any account change"},
	}}
	d := reports.BuildDescription(m)
	dc7 := texts(section(t, d, "DC 7"))
	for _, want := range []string{
		"inclusive method: the controls below operate at Acme Support",
		"Support agents verify the caller",
		reports.ToWriteLabel + " the criteria its controls help meet",
		reports.ToWriteLabel + " how Acme Support's controls are designed and operated",
	} {
		if !contains(dc7, want) {
			t.Errorf("DC 7 lacks %q in %q", want, dc7)
		}
	}
	if !contains(texts(section(t, d, "DC 3")), "No office is part of the system") {
		t.Error("DC 3 does not say the remote startup has no office")
	}

	// every placeholder is counted, and the Markdown shows each once (plus the intro)
	var md bytes.Buffer
	if err := reports.Describe(&md, m); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(md.String(), reports.ToWriteLabel), d.ToWrite()+1; got != want {
		t.Errorf("Markdown has %d %s, want %d", got, reports.ToWriteLabel, want)
	}
}

// TestEvidencePolicyCurrency: in a Type 2, evidence of an operating control from before
// the period is stale, but a policy approved before the period and reviewed within the
// last year is current; a policy older than a year is stale.
func TestEvidencePolicyCurrency(t *testing.T) {
	m := model(t, "../../examples/scaleup.yaml") // Type 2, period from 2026-07-01, dated 2026-11-18
	set := func(id, date string) {
		for _, c := range m.Result.Controls {
			if c.Control.ID == id {
				c.Answer.Evidence = []answers.Evidence{{Ref: "doc", Date: date}}
				return
			}
		}
		t.Fatalf("no control %s", id)
	}
	set("POL-INFOSEC", "2026-02-10")  // before the period, within a year: current
	set("POL-INCIDENT", "2025-10-01") // over a year before the report date: stale
	set("ACC-MFA", "2026-02-10")      // an operating control before the period: stale
	flags := map[string]string{}
	for _, it := range reports.EvidenceList(m) {
		flags[it.Control.Control.ID] = it.Flag
	}
	if f := flags["POL-INFOSEC"]; f != "" {
		t.Errorf("POL-INFOSEC reviewed 2026-02-10 flagged %q; want current", f)
	}
	if f := flags["POL-INCIDENT"]; !strings.HasPrefix(f, "stale: not approved or reviewed in the last 12 months") {
		t.Errorf("POL-INCIDENT from 2025-10-01 flagged %q; want stale", f)
	}
	if f := flags["ACC-MFA"]; f != "stale: before the observation period" {
		t.Errorf("ACC-MFA from 2026-02-10 flagged %q; want stale before the period", f)
	}
}
