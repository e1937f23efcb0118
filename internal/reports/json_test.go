package reports_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/soc2ready/soc2ready/internal/reports"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile("../../docs/report.schema.json")
	if err != nil {
		t.Fatalf("docs/report.schema.json: %v", err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return s.Validate(inst)
}

// TestJSONGolden pins the JSON report and checks every output against the committed
// schema, so the schema and the code cannot drift apart.
func TestJSONGolden(t *testing.T) {
	schema := compileSchema(t)
	for name, data := range golden(t, reports.JSON, ".json") {
		if err := validate(t, schema, data); err != nil {
			t.Errorf("%s: does not match docs/report.schema.json: %v", name, err)
		}
	}
}

func TestJSONContent(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.JSON(&buf, model(t, "testdata/edge.yaml")); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Organization  struct{ Name, System string }
		Scope         struct {
			Categories []string
			Period     *struct{ Start, End string } `json:"observation_period"`
		}
		Overall struct {
			Score float64
			Band  string
		}
		Criteria []struct{ ID, Verdict string }
		Gaps     []struct {
			Control, Owner, Note string
			Phase                int
		}
		Controls []struct {
			ID       string
			Excluded *struct{ By string }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != reports.JSONSchemaVersion || doc.Organization.Name != `Acme <&> "Quotes" | Co` {
		t.Errorf("header = %d %q", doc.SchemaVersion, doc.Organization.Name)
	}
	if strings.Join(doc.Scope.Categories, ",") != "security,availability" || doc.Scope.Period == nil || doc.Scope.Period.End != "2026-06-30" {
		t.Errorf("scope = %+v", doc.Scope)
	}
	if len(doc.Criteria) != 36 {
		t.Errorf("criteria = %d, want 33 security + 3 availability", len(doc.Criteria))
	}
	var leaver, key bool
	for _, g := range doc.Gaps {
		leaver = leaver || (g.Control == "ACC-LEAVER" && g.Owner == "Lee\tTab" && g.Phase == 1)
		key = key || (g.Control == "BCP-KEY-PEOPLE" && g.Note == "answered under the control's old id")
	}
	if !leaver || !key {
		t.Errorf("gaps lack ACC-LEAVER with its owner, or the aliased BCP-KEY-PEOPLE: %+v", doc.Gaps[:3])
	}
	excluded := map[string]string{}
	for _, c := range doc.Controls {
		if c.Excluded != nil {
			excluded[c.ID] = c.Excluded.By
		}
	}
	if excluded["HR-BACKGROUND-CHECKS"] != "answer" || excluded["PHY-BADGES"] != "fact" && len(excluded) < 2 {
		t.Errorf("excluded = %v", excluded)
	}
}

// The schema must reject what is wrong, or validating against it proves nothing.
func TestSchemaRejects(t *testing.T) {
	schema := compileSchema(t)
	var buf bytes.Buffer
	if err := reports.JSON(&buf, model(t, "testdata/edge.yaml")); err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func(map[string]any){
		"missing overall":    func(m map[string]any) { delete(m, "overall") },
		"unknown field":      func(m map[string]any) { m["extra"] = 1 },
		"future version":     func(m map[string]any) { m["schema_version"] = 3 },
		"unknown opinion":    func(m map[string]any) { m["forecast"].(map[string]any)["opinion"] = "disclaimer" },
		"no score range":     func(m map[string]any) { delete(m["overall"].(map[string]any), "score_range") },
		"bad verdict":        func(m map[string]any) { m["criteria"].([]any)[0].(map[string]any)["verdict"] = "fine" },
		"score over 100":     func(m map[string]any) { m["overall"].(map[string]any)["score"] = 101 },
		"gap without status": func(m map[string]any) { delete(m["gaps"].([]any)[0].(map[string]any), "status") },
	} {
		var m map[string]any
		if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		data, _ := json.Marshal(m)
		if validate(t, schema, data) == nil {
			t.Errorf("%s: schema accepted it", name)
		}
	}
}
