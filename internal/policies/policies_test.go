package policies_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/policies"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

func cat(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	c, err := catalogue.Builtin(criteria.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func load(t testing.TB, c *catalogue.Catalogue, name string) *answers.Data {
	t.Helper()
	f, err := answersfile.Load("../../examples/"+name, c)
	if err != nil {
		t.Fatal(err)
	}
	return &f.Data
}

func build(c *catalogue.Catalogue, f *answers.Data) ([]*policies.Draft, []policies.Skipped) {
	r := scoring.Assess(scoring.Input{Catalogue: c, Scope: f.Scope, Answers: f.Answers})
	return policies.Build(policies.Input{Catalogue: c, File: f, Result: r, Date: "2026-11-18", Tool: "soc2ready test"})
}

// text is a draft as plain words, every part of it.
func text(d *policies.Draft) string {
	var b strings.Builder
	for _, n := range d.Notes {
		b.WriteString(n.String() + "\n")
	}
	for _, f := range d.Meta {
		b.WriteString(f.Label + ": " + f.Value.String() + "\n")
	}
	for _, s := range d.Sections {
		b.WriteString("## " + s.Title + "\n")
		for _, bl := range s.Blocks {
			b.WriteString(bl.Text.String() + "\n")
			for _, it := range bl.Items {
				b.WriteString("- " + it.String() + "\n")
			}
		}
	}
	return b.String()
}

func byID(ds []*policies.Draft) map[string]*policies.Draft {
	out := map[string]*policies.Draft{}
	for _, d := range ds {
		out[d.Policy.ID] = d
	}
	return out
}

func ids(ds []*policies.Draft) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Policy.DocumentControl)
	}
	return out
}

// allIn is a file with every category in scope, every fact true and no answers: every
// control of every policy applies.
func allIn(c *catalogue.Catalogue, employees int) *answers.Data {
	f := answersfile.New("all.yaml", c)
	f.Organization = answers.Organization{Name: "Acme Ltd", System: "Acme Cloud", Employees: employees}
	f.Scope.Categories = []string{"security", "availability", "confidentiality", "processing_integrity", "privacy"}
	f.Scope.ReportType = answers.Type2
	f.Scope.Facts = map[string]bool{}
	for _, fact := range c.Facts {
		f.Scope.Facts[fact.ID] = true
	}
	return &f.Data
}

func TestWhichPolicies(t *testing.T) {
	c := cat(t)
	all := []string{"POL-INFOSEC", "POL-ACCESS", "POL-CHANGE", "POL-INCIDENT", "POL-BCDR", "POL-VENDOR", "POL-RISK", "POL-DATA", "POL-AUP", "POL-CRYPTO", "POL-HR", "POL-PRIVACY"}

	ds, skipped := build(c, allIn(c, 30))
	if got := ids(ds); !slices.Equal(got, all) {
		t.Errorf("every category in scope: drafted %v, want all 12", got)
	}
	if len(skipped) != 0 {
		t.Errorf("skipped %v", skipped)
	}

	// Security only: POL-PRIVACY addresses only privacy points of focus, so by scoring's
	// applicability rule it does not apply and the privacy policy goes; the rest stay even
	// though some of their controls are out of scope.
	f := allIn(c, 30)
	f.Scope.Categories = []string{"security"}
	ds, skipped = build(c, f)
	if got := ids(ds); !slices.Equal(got, all[:11]) {
		t.Errorf("security only: drafted %v", got)
	}
	if len(skipped) != 1 || skipped[0].Policy.DocumentControl != "POL-PRIVACY" || skipped[0].Reason != "POL-PRIVACY addresses only points of focus in Privacy, which is not in scope" {
		t.Errorf("security only: skipped %+v, want the privacy policy, its document control out of scope", skipped)
	}

	// Privacy in scope but no personal data: the fact switches it off.
	f = allIn(c, 30)
	f.Scope.Facts["processes_personal_data"] = false
	ds, skipped = build(c, f)
	if slices.Contains(ids(ds), "POL-PRIVACY") || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "personal information") {
		t.Errorf("no personal data: drafted %v, skipped %+v", ids(ds), skipped)
	}

	// A policy answered not applicable is skipped with the reason given.
	f = allIn(c, 30)
	f.Answers["POL-AUP"] = answers.Answer{Status: "not_applicable", NAReason: "covered by the parent company's AUP"}
	ds, skipped = build(c, f)
	if slices.Contains(ids(ds), "POL-AUP") || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "parent company") {
		t.Errorf("POL-AUP not applicable: drafted %v, skipped %+v", ids(ds), skipped)
	}

	// the examples: startup is Security only, scale-up adds Availability and Confidentiality
	for _, name := range []string{"startup.yaml", "scaleup.yaml"} {
		ds, _ := build(c, load(t, c, name))
		if got := ids(ds); !slices.Equal(got, all[:11]) {
			t.Errorf("%s: drafted %v", name, got)
		}
	}
}

// TestTraceability: with everything in scope, every control that lists a policy is named
// by a section of its draft, and every section's controls back that policy; the closing
// table lists each once with the sections that name it.
func TestTraceability(t *testing.T) {
	c := cat(t)
	ds, _ := build(c, allIn(c, 30))
	for _, d := range ds {
		want := map[string]bool{d.Policy.DocumentControl: true}
		for _, ct := range c.Controls {
			if slices.Contains(ct.Policies, d.Policy.ID) {
				want[ct.ID] = true
			}
		}
		named := map[string][]int{}
		for _, s := range d.Sections {
			for _, r := range s.Backs {
				if !want[r.ID] {
					t.Errorf("%s section %d names %s, which does not back the policy", d.Slug, s.Number, r.ID)
				}
				if len(r.Criteria) == 0 {
					t.Errorf("%s: %s without criteria", d.Slug, r.ID)
				}
				named[r.ID] = append(named[r.ID], s.Number)
			}
		}
		// the text cites controls by id: a catalogue change (a merge, a rename, a policy
		// link removed) must show up here, not as a silently missing citation
		for _, id := range policies.Asked(d) {
			if !want[id] {
				t.Errorf("%s: the text cites %s, which does not back the policy", d.Slug, id)
			}
		}
		for id := range want {
			if len(named[id]) == 0 {
				t.Errorf("%s: no section backs %s", d.Slug, id)
			}
		}
		if len(d.Controls) != len(want) {
			t.Errorf("%s: closing table has %d controls, want %d", d.Slug, len(d.Controls), len(want))
		}
		for _, tr := range d.Controls {
			if !slices.Equal(tr.Sections, named[tr.ID]) {
				t.Errorf("%s: %s in sections %v, table says %v", d.Slug, tr.ID, named[tr.ID], tr.Sections)
			}
		}
	}
}

// TestOnlyApplicableControls: a control switched off by scope is named nowhere.
func TestOnlyApplicableControls(t *testing.T) {
	c := cat(t)
	f := load(t, c, "startup.yaml") // no own hardware, Security only
	ds, _ := build(c, f)
	for _, d := range ds {
		for _, tr := range d.Controls {
			ct := c.Control(tr.ID)
			if slices.Contains(ct.AppliesWhen, "own_hardware") {
				t.Errorf("%s names %s, which needs own hardware", d.Slug, tr.ID)
			}
			for _, cr := range tr.Criteria {
				if cat := c.Criterion(cr).Category; cat != "security" {
					t.Errorf("%s: %s lists %s criterion %s", d.Slug, tr.ID, cat, cr)
				}
			}
		}
	}
}

func TestRemoteVersusOffice(t *testing.T) {
	c := cat(t)
	remote := load(t, c, "startup.yaml")
	office := load(t, c, "startup.yaml")
	office.Scope.Facts["has_office"] = true
	rd, _ := build(c, remote)
	od, _ := build(c, office)
	physical := regexp.MustCompile(`(?i)badge|visitor`)
	for _, d := range rd {
		if m := physical.FindString(text(d)); m != "" {
			t.Errorf("remote %s mentions %q", d.Slug, m)
		}
	}
	ro, oo := byID(rd), byID(od)
	checks := []struct {
		policy, remote, office string
	}{
		{"information_security", "## Remote work", "## Physical security"},
		{"access_control", "## Remote access", "## Physical access"},
		{"acceptable_use", "## Working remotely", "## In the office"},
		{"business_continuity", "already remote", "If the office cannot be used"},
	}
	for _, ch := range checks {
		r, o := text(ro[ch.policy]), text(oo[ch.policy])
		if !strings.Contains(r, ch.remote) || strings.Contains(r, ch.office) {
			t.Errorf("remote %s: want %q and not %q", ch.policy, ch.remote, ch.office)
		}
		if !strings.Contains(o, ch.office) || strings.Contains(o, ch.remote) {
			t.Errorf("office %s: want %q and not %q", ch.policy, ch.office, ch.remote)
		}
	}
	if !physical.MatchString(text(oo["information_security"])) || !physical.MatchString(text(oo["acceptable_use"])) {
		t.Error("the office variant has no badge or visitor clause")
	}
}

func TestSecurityOnlyVersusPrivacy(t *testing.T) {
	c := cat(t)
	sec := load(t, c, "startup.yaml")
	priv := load(t, c, "startup.yaml")
	priv.Scope.Categories = append(priv.Scope.Categories, "privacy")
	sd, _ := build(c, sec)
	pd, _ := build(c, priv)
	if byID(sd)["privacy"] != nil || byID(pd)["privacy"] == nil {
		t.Fatal("the privacy policy should be drafted only with Privacy in scope")
	}
	p := text(byID(pd)["privacy"])
	for _, want := range []string{"## Notice", "## Access, correction and requests", "Privacy lead: Maya Lindqvist"} {
		if !strings.Contains(p, want) {
			t.Errorf("privacy policy lacks %q", want)
		}
	}
	// privacy controls join the other policies' traces, and the information security
	// policy lists the privacy policy in its policy set
	trace := func(d *policies.Draft, id string) *policies.Trace {
		for i := range d.Controls {
			if d.Controls[i].ID == id {
				return &d.Controls[i]
			}
		}
		return nil
	}
	// the retention schedule is a confidentiality control that also meets P4.2: cited with
	// Privacy (for P4.2) or Confidentiality (C1.1, C1.2) in scope, not with Security only,
	// while the data policy keeps its retention rule in every scope
	if tr := trace(byID(sd)["data_management"], "CNF-RETENTION-SCHEDULE"); tr != nil {
		t.Errorf("security only: the data policy cites CNF-RETENTION-SCHEDULE for %v", tr.Criteria)
	}
	if tr := trace(byID(pd)["data_management"], "CNF-RETENTION-SCHEDULE"); tr == nil || !slices.Equal(tr.Criteria, []string{"P4.2"}) {
		t.Errorf("with Privacy: the data policy cites CNF-RETENTION-SCHEDULE as %+v, want it for P4.2", tr)
	}
	scale := byID(first(build(c, load(t, c, "scaleup.yaml"))))
	if tr := trace(scale["data_management"], "CNF-RETENTION-SCHEDULE"); tr == nil || !slices.Equal(tr.Criteria, []string{"C1.1", "C1.2"}) {
		t.Errorf("with Confidentiality: the data policy cites CNF-RETENTION-SCHEDULE as %+v, want it for C1.1, C1.2", tr)
	}
	for _, d := range []*policies.Draft{byID(sd)["data_management"], byID(pd)["data_management"]} {
		if !strings.Contains(text(d), "The retention schedule, kept by the policy owner") {
			t.Errorf("%v: the data policy lost its retention rule", d.Policy.ID)
		}
	}
	// breach notification (merged from INC-BREACH-NOTIFY) is a privacy control: the
	// incident plan cites it only with Privacy in scope; the data-impact assessment (which
	// absorbed PRV-INCIDENT-TRIAGE) is cited in every scope
	if trace(byID(sd)["incident_response"], "PRV-BREACH-NOTIFICATION") != nil || trace(byID(pd)["incident_response"], "PRV-BREACH-NOTIFICATION") == nil {
		t.Error("PRV-BREACH-NOTIFICATION should back the incident plan only with Privacy in scope")
	}
	if trace(byID(sd)["incident_response"], "INC-DATA-IMPACT") == nil || trace(byID(pd)["privacy"], "INC-DATA-IMPACT") == nil {
		t.Error("INC-DATA-IMPACT should back the incident plan in every scope and the privacy policy with Privacy")
	}
	if strings.Contains(text(byID(sd)["information_security"]), "privacy policy and notice") ||
		!strings.Contains(text(byID(pd)["information_security"]), "privacy policy and notice") {
		t.Error("the policy set in the information security policy does not follow the scope")
	}
}

func TestFactsAndSize(t *testing.T) {
	c := cat(t)
	base := func() *answers.Data { return allIn(c, 12) }
	cases := []struct {
		name   string
		change func(*answers.Data)
		policy string
		before string // in the text with every fact true and 12 people
		after  string // in the text after the change
	}{
		{"no contractors", func(f *answers.Data) { f.Scope.Facts["uses_contractors"] = false }, "hr_security", "## Contractors", "records no contractors"},
		{"no contractors, vendor", func(f *answers.Data) { f.Scope.Facts["uses_contractors"] = false }, "vendor_management", "## Contractors", "## Ending a relationship"},
		{"no own hardware", func(f *answers.Data) { f.Scope.Facts["own_hardware"] = false }, "data_management", "physically destroyed", "owns no servers or storage drives"},
		{"no own hardware, continuity", func(f *answers.Data) { f.Scope.Facts["own_hardware"] = false }, "business_continuity", "environmental alarms", "more than one availability zone"},
		{"hosting provider named", func(f *answers.Data) {
			f.Scope.Facts["own_hardware"] = false
			f.Scope.Subservice = []answers.SubserviceOrg{{Name: "Okta", Services: "Identity"}, {Name: "Hetzner", Services: "Hosting of production"}}
		}, "business_continuity", "environmental alarms", "hosting providers' (Hetzner)"},
		{"period started before approval", func(f *answers.Data) {
			f.Scope.ObservationPeriod = &answers.Period{Start: "2026-07-01", End: "2026-12-31"}
		}, "acceptable_use", "across the observation period to test", "observation period started on 2026-07-01"},
		{"no development", func(f *answers.Data) { f.Scope.Facts["develops_software"] = false }, "change_management", "## Developing software", "## Changes without in-house development"},
		{"no development, scanning", func(f *answers.Data) { f.Scope.Facts["develops_software"] = false }, "information_security", "open-source packages", "are scanned for known vulnerabilities"},
		{"no personal data", func(f *answers.Data) { f.Scope.Facts["processes_personal_data"] = false }, "data_management", "## Personal data", "Confidential: harmful"},
		{"no personal data, incidents", func(f *answers.Data) { f.Scope.Facts["processes_personal_data"] = false }, "incident_response", "privacy lead to assess", "holds no personal information"},
		{"larger company", func(f *answers.Data) { f.Organization.Employees = 160 }, "information_security", "standing meeting", "security steering committee"},
		{"larger company, acknowledgement", func(f *answers.Data) { f.Organization.Employees = 160 }, "acceptable_use", "e-signature", "HR system"},
		{"type 1", func(f *answers.Data) { f.Scope.ReportType = answers.Type1 }, "risk_assessment", "Type 2 report: the auditor will sample", "Type 1 report"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bd, _ := build(c, base())
			f := base()
			tc.change(f)
			ad, _ := build(c, f)
			b, a := text(byID(bd)[tc.policy]), text(byID(ad)[tc.policy])
			if !strings.Contains(b, tc.before) {
				t.Errorf("before: lacks %q", tc.before)
			}
			if strings.Contains(a, tc.before) {
				t.Errorf("after: still has %q", tc.before)
			}
			if !strings.Contains(a, tc.after) {
				t.Errorf("after: lacks %q", tc.after)
			}
		})
	}
}

func TestOwners(t *testing.T) {
	c := cat(t)
	f := load(t, c, "startup.yaml")
	ds := byID(first(build(c, f)))
	owner := func(id string) string {
		for _, m := range ds[id].Meta {
			if m.Label == "Policy owner" {
				return m.Value.String()
			}
		}
		return ""
	}
	// POL-INFOSEC names Daniel Osei as its owner
	if got := owner("information_security"); got != "Daniel Osei" {
		t.Errorf("infosec owner %q", got)
	}
	// POL-HR has no owner: the person owning most of its controls is proposed, marked as a
	// decision to confirm
	if got := owner("hr_security"); !strings.HasPrefix(got, "Sam Whitaker [MANAGEMENT DECISION: confirm as owner") {
		t.Errorf("hr owner %q", got)
	}
	// with no owner anywhere, management decides
	for id, a := range f.Answers {
		a.Owner = ""
		f.Answers[id] = a
	}
	ds = byID(first(build(c, f)))
	if got := owner("hr_security"); !strings.HasPrefix(got, "[MANAGEMENT DECISION: name the policy owner") {
		t.Errorf("hr owner without owners %q", got)
	}
	// every draft has an approver decision, a review cadence and an acknowledgement
	for _, d := range ds {
		tx := text(d)
		for _, want := range []string{"Approved by: [MANAGEMENT DECISION", "at least once a year", "confirms they have read"} {
			if !strings.Contains(tx, want) {
				t.Errorf("%s lacks %q", d.Slug, want)
			}
		}
		if d.Decisions() == 0 {
			t.Errorf("%s has no decisions", d.Slug)
		}
	}
}

func first(ds []*policies.Draft, _ []policies.Skipped) []*policies.Draft { return ds }

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Information security policy":                    "information-security-policy",
		"HR security policy and code of conduct":         "hr-security-policy-and-code-of-conduct",
		"Business continuity and disaster recovery plan": "business-continuity-and-disaster-recovery-plan",
		"  ../Évil//name  ":                              "vil-name",
		"日本":                                             "policy",
	} {
		if got := policies.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
