package catalogue_test

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/problem"
)

func builtin(t testing.TB) *catalogue.Catalogue {
	t.Helper()
	cat, err := cataloguefile.Load(criteria.FS)
	if err != nil {
		t.Fatalf("built-in catalogue: %v", err)
	}
	return cat
}

// TestBuiltinCriteriaMatchTheAICPA checks the 61 ids, their order, groups and group names
// against testdata/tsc-criteria.tsv (a copy of the published list).
func TestBuiltinCriteriaMatchTheAICPA(t *testing.T) {
	f, err := os.Open("testdata/tsc-criteria.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want [][]string
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		want = append(want, strings.Split(sc.Text(), "\t"))
	}
	cat := builtin(t)
	if len(cat.Criteria) != len(want) || len(want) != 61 {
		t.Fatalf("catalogue has %d criteria, the list %d; want 61", len(cat.Criteria), len(want))
	}
	for i, w := range want {
		c := cat.Criteria[i]
		if c.ID != w[0] || c.Category != w[1] || c.Group != w[2] || c.GroupName != w[3] {
			t.Errorf("criterion %d = %s/%s/%s/%q, want %v", i, c.ID, c.Category, c.Group, c.GroupName, w)
		}
	}
}

// TestBuiltinQuality holds the built-in catalogue to the quality rules: two controls per
// criterion, every point of focus addressed, no repeated question, a sane size, and
// every core policy backing real controls.
func TestBuiltinQuality(t *testing.T) {
	cat := builtin(t)
	s := catalogue.Stats(cat)
	for _, p := range s.Problems {
		t.Error(p)
	}
	if s.Controls < 150 || s.Controls > 260 {
		t.Errorf("%d controls; the catalogue aims for roughly 150-250", s.Controls)
	}
	if s.PointsOfFocus < 300 {
		t.Errorf("only %d points of focus; the 2022 revision has over 300", s.PointsOfFocus)
	}
	for _, sev := range catalogue.Severities {
		if s.BySeverity[sev] == 0 {
			t.Errorf("no %s controls: severities should use the whole range", sev)
		}
	}
	if len(cat.AnnexA) != 93 {
		t.Errorf("%d Annex A controls, want 93", len(cat.AnnexA))
	}
	if len(cat.Policies) != 12 {
		t.Errorf("%d core policies, want 12", len(cat.Policies))
	}
	for _, p := range cat.Policies {
		n := 0
		for _, c := range cat.Controls {
			for _, id := range c.Policies {
				if id == p.ID && c.ID != p.DocumentControl {
					n++
				}
			}
		}
		if n == 0 {
			t.Errorf("policy %s backs no control", p.ID)
		}
	}
}

// TestSnapshotUpToDate: the embedded snapshot must be exactly what the YAML builds to.
func TestSnapshotUpToDate(t *testing.T) {
	data, err := catalogue.Encode(builtin(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, criteria.Snapshot) {
		t.Fatal("criteria/catalogue.snapshot is stale: run `go generate ./criteria` after editing criteria/*.yaml")
	}
	snap, err := catalogue.Builtin(criteria.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Control("VND-DPA") == nil || snap.Criterion("P8.1") == nil || len(snap.ControlsFor("CC6.1")) == 0 {
		t.Error("snapshot indexes not rebuilt")
	}
}

// merged2026_12 maps every alias to the control it now names: renames and merges up to
// catalogue 2026.12.
var merged2026_12 = map[string]string{
	"VND-DPA": "PRV-DPA", "CNF-NONPROD-DATA": "CHG-TEST-DATA", "BCP-KEY-PERSON": "BCP-KEY-PEOPLE",
	"INC-BREACH-NOTIFY": "PRV-BREACH-NOTIFICATION", "NET-PUBLIC-EXPOSURE": "OPS-CSPM",
	"PRV-INCIDENT-TRIAGE": "INC-DATA-IMPACT", "PRV-PURPOSE-ACCESS": "ACC-CUSTOMER-DATA",
	"PRV-DISPOSAL": "PHY-MEDIA-DISPOSAL", "PRV-RETENTION-SCHEDULE": "CNF-RETENTION-SCHEDULE",
	"PRV-RETENTION-AUTOMATION": "CNF-DELETE-EXPIRED",
}

// TestDuplicatesCaught puts the seven controls merged away in 2026.12 back, as they were
// worded before the merge, next to the controls they were merged into: the duplicate rule
// must flag each pair, and nothing else that the built-in catalogue does not already pass.
func TestDuplicatesCaught(t *testing.T) {
	back, err := os.ReadFile("testdata/merged-2026-12.yaml")
	if err != nil {
		t.Fatal(err)
	}
	alias := regexp.MustCompile(`(?m)^    aliases: \[(INC-BREACH-NOTIFY|NET-PUBLIC-EXPOSURE|PRV-INCIDENT-TRIAGE|PRV-PURPOSE-ACCESS|PRV-DISPOSAL|PRV-RETENTION-SCHEDULE|PRV-RETENTION-AUTOMATION)\]\n`)
	fsys := fstest.MapFS{"zz-merged.yaml": {Data: back}}
	names, _ := fs.Glob(criteria.FS, "*.yaml")
	for _, n := range names {
		data, _ := fs.ReadFile(criteria.FS, n)
		fsys[n] = &fstest.MapFile{Data: alias.ReplaceAll(data, nil)}
	}
	cat, err := cataloguefile.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	problems := strings.Join(catalogue.Stats(cat).Problems, "\n")
	n := 0
	for old, now := range merged2026_12 {
		if !strings.Contains(string(back), "id: "+old+"\n") {
			continue
		}
		n++
		if !strings.Contains(problems, now+" and "+old+" ask the same thing") && !strings.Contains(problems, old+" and "+now+" ask the same thing") {
			t.Errorf("%s, merged into %s, is not flagged as a duplicate", old, now)
		}
	}
	if n != 7 || strings.Count(problems, "ask the same thing") != 7 {
		t.Errorf("want exactly the 7 merged pairs flagged, got:\n%s", problems)
	}
}

// TestAliasesStillLoad: a control merged or renamed keeps its old id as an alias.
func TestAliasesStillLoad(t *testing.T) {
	cat := builtin(t)
	for old, now := range merged2026_12 {
		if c := cat.Control(old); c == nil || c.ID != now {
			t.Errorf("Control(%s) = %v, want %s", old, c, now)
		}
		if cat.Canonical(old) != now {
			t.Errorf("Canonical(%s) = %s, want %s", old, cat.Canonical(old), now)
		}
	}
}

func mini(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func load(src string) (*catalogue.Catalogue, error) {
	return cataloguefile.Load(fstest.MapFS{"catalogue.yaml": {Data: []byte(src)}})
}

// TestLoaderRejects breaks one rule at a time and expects the loader to name it.
func TestLoaderRejects(t *testing.T) {
	base := mini(t)
	if _, err := load(base); err != nil {
		t.Fatalf("the unmutated catalogue must load: %v", err)
	}
	cases := []struct{ name, old, new, want string }{
		{"invalid criterion id", "id: CC6.1, category", "id: CC10.1, category", `invalid criterion id "CC10.1"`},
		{"dangling criterion reference", "criteria: [A1.2]\n", "criteria: [A1.9]\n", `control AVL-F: unknown criterion "A1.9"`},
		{"dangling point of focus", "addresses: [A1.2.1]", "addresses: [A1.2.7]", `control AVL-F: unknown point of focus "A1.2.7"`},
		{"point of focus of an unlisted criterion", "addresses: [A1.2.1]", "addresses: [CC6.1.1]", "addresses CC6.1.1 but does not support CC6.1"},
		{"empty question", "question: q3?", `question: ""`, "control ACC-C: question is empty"},
		{"empty guidance", "guidance: {small: s, large: l}", "guidance: {small: s, large: \"\"}", "guidance.large is empty"},
		{"annex A id out of range", "iso27001: [A.5.1]", "iso27001: [A.5.38]", `"A.5.38" is not an ISO/IEC 27001:2022 Annex A control`},
		{"annex A id of the 2013 edition", "iso27001: [A.5.1]", "iso27001: [A.9.4.2]", `"A.9.4.2" is not an ISO/IEC 27001:2022 Annex A control`},
		{"duplicate control id", "id: GOV-B", "id: GOV-A", "control GOV-A is defined twice"},
		{"wrong prefix for family", "id: PHY-E", "id: ACC-E", "ids in family physical start with PHY-"},
		{"bad severity", "severity: low", "severity: trivial", `invalid severity "trivial"`},
		{"unknown fact", "applies_when: [has_office]", "applies_when: [has_ofice]", `did you mean "has_office"`},
		{"criterion without controls", "criteria: [A1.2]\n    addresses: [A1.2.1]", "criteria: [CC6.1]\n    addresses: []", "criterion A1.2 has no controls"},
		{"points of focus out of order", "{id: CC6.1.1, title: Inventory}", "{id: CC6.1.2, title: Inventory}", `want "CC6.1.1"`},
		{"unknown field", "effort: m\n", "effort: m\n    effrot: s\n", `unknown field "effrot"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(base, c.old) {
				t.Fatalf("mutation anchor %q not found", c.old)
			}
			src := strings.Replace(base, c.old, c.new, 1)
			if c.name == "criterion without controls" {
				src = strings.Replace(src, "criteria: [CC6.1, A1.2]\n    addresses: [CC6.1.1, A1.2.2]", "criteria: [CC6.1]\n    addresses: [CC6.1.1]", 1)
			}
			_, err := load(src)
			if err == nil || !strings.Contains(err.Error()+" "+hint(err), c.want) {
				t.Fatalf("error = %v, want it to mention %q", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "criteria/catalogue.yaml:") {
				t.Errorf("error %q does not name file:line", err)
			}
		})
	}
}

func hint(err error) string {
	var p *problem.Error
	if errors.As(err, &p) {
		return p.Hint
	}
	return ""
}

// TestQualityRules: rules that make a catalogue weak rather than broken are reported by
// Stats (and fail TestBuiltinQuality for the built-in one).
func TestQualityRules(t *testing.T) {
	base := mini(t)
	cat, err := load(base)
	if err != nil {
		t.Fatal(err)
	}
	// A1.2 has ACC-D and AVL-F; CC1.1 GOV-A and GOV-B; CC6.1 three controls; all points
	// addressed; every criterion link backed by an addressed point of focus.
	if p := catalogue.Stats(cat).Problems; len(p) != 0 {
		t.Fatalf("mini catalogue problems: %v", p)
	}
	cases := []struct{ name, old, new, want string }{
		{"fewer than two controls", "criteria: [CC6.1, A1.2]\n    addresses: [CC6.1.1, A1.2.2]", "criteria: [CC6.1]\n    addresses: [CC6.1.1]", "A1.2 has 1 control(s); at least 2 are needed"},
		{"link without a point of focus", "addresses: [CC6.1.1, A1.2.2]", "addresses: [CC6.1.1]", "ACC-D supports A1.2 but addresses none of its points of focus"},
		{"link backed only by another criterion's point", "    question: q2?\n", "    question: q2?\n    criteria: [CC1.1, CC6.1]\n", "GOV-B supports CC6.1 but addresses none of its points of focus"},
		{"point of focus not addressed", "addresses: [A1.2.1]", "addresses: []", "point of focus A1.2.1 (Backups) is addressed by no control"},
		{"duplicate question", "question: q2?", "question: q1?", "GOV-B asks the same question as GOV-A"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cat, err := load(strings.Replace(base, c.old, c.new, 1))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range catalogue.Stats(cat).Problems {
				found = found || strings.Contains(p, c.want)
			}
			if !found {
				t.Errorf("problems %v do not include %q", catalogue.Stats(cat).Problems, c.want)
			}
		})
	}
}

// TestPointOfFocusCategories: every point of focus says which category it counts for
// (its criterion's unless the AICPA marks it as specific), and the reordered points of
// CC2.2, CC2.3 and CC7.4 sit where the published order puts them (docs/CATALOGUE.md).
func TestPointOfFocusCategories(t *testing.T) {
	cat := builtin(t)
	for _, cr := range cat.Criteria {
		for _, p := range cr.PointsOfFocus {
			if p.Category == "" {
				t.Errorf("%s has no category", p.ID)
			}
		}
	}
	for id, want := range map[string][2]string{
		"CC6.1.1":  {"security", ""},
		"A1.2.1":   {"availability", ""},
		"P4.1.1":   {"privacy", ""},
		"CC8.1.15": {"availability", "availability"},
		"CC8.1.16": {"confidentiality", "confidentiality"},
		"CC2.2.9":  {"privacy", "privacy"},
		"CC2.2.10": {"privacy", "privacy"},
		"CC2.2.11": {"security", ""},
		"CC2.2.13": {"security", ""},
		"CC2.3.8":  {"privacy", "privacy"},
		"CC2.3.12": {"security", ""},
		"CC7.4.11": {"security", ""},
		"CC7.4.12": {"privacy", "privacy"},
		"CC7.4.14": {"privacy", "privacy"},
	} {
		p := cat.PointOfFocus(id)
		if p == nil {
			t.Errorf("%s missing", id)
			continue
		}
		if p.Category != want[0] || cat.OnlyFor(p) != want[1] {
			t.Errorf("%s: category %q, only for %q; want %q, %q", id, p.Category, cat.OnlyFor(p), want[0], want[1])
		}
	}
	// Stats counts each point for its own category, so the categories add up to the whole
	// and the tagged points inside the common criteria leave the security count.
	s := catalogue.Stats(cat)
	sum, byCat := 0, map[string]int{}
	for _, cs := range s.Categories {
		sum += cs.PointsOfFocus
		byCat[cs.ID] = cs.PointsOfFocus
	}
	tagged := 0
	for _, cr := range cat.Criteria {
		for i := range cr.PointsOfFocus {
			if cr.Category == "security" && cat.OnlyFor(&cr.PointsOfFocus[i]) != "" {
				tagged++
			}
		}
	}
	if sum != s.PointsOfFocus || tagged == 0 || byCat["security"] != 233-tagged {
		t.Errorf("points by category %v (sum %d of %d), %d tagged inside the common criteria", byCat, sum, s.PointsOfFocus, tagged)
	}
	for id, word := range map[string]string{"CC2.2.9": "privacy awareness", "CC2.2.11": "boundaries",
		"CC2.3.8": "privacy incidents", "CC7.4.12": "breach response", "CC7.4.13": "disclosure", "CC7.4.14": "sanctions"} {
		if p := cat.PointOfFocus(id); p == nil || !strings.Contains(p.Title, word) {
			t.Errorf("%s = %v, want the point about %q", id, p, word)
		}
	}
}

// TestRewordedDuplicate: two controls asking the same thing in different words are
// flagged; the same two questions on controls that share no criterion or point of focus,
// or two different questions, are not.
func TestRewordedDuplicate(t *testing.T) {
	base := mini(t)
	first := "question: Does the board review a security report every quarter and record the discussion in its minutes?"
	reworded := "question: Every quarter, is a security report discussed by the board, with the discussion recorded in minutes?"
	different := "question: Are visitors to the office signed in and escorted while on site?"
	for _, c := range []struct {
		name, q2, crit string
		want           bool
	}{
		{"reworded, same criterion", reworded, "", true},
		{"different question", different, "", false},
		{"reworded, nothing in common", reworded, "criteria: [A1.2]\n    addresses: [A1.2.1]", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(base, "question: q1?", first, 1)
			src = strings.Replace(src, "question: q2?", c.q2, 1)
			if c.crit != "" {
				src = strings.Replace(src, "question: "+strings.TrimPrefix(c.q2, "question: "), c.q2+"\n    "+c.crit, 1)
			}
			cat, err := load(src)
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, p := range catalogue.Stats(cat).Problems {
				got = got || strings.Contains(p, "GOV-A and GOV-B ask the same thing in other words")
			}
			if got != c.want {
				t.Errorf("flagged = %v, want %v; problems %v", got, c.want, catalogue.Stats(cat).Problems)
			}
		})
	}
}
