package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestJSONOutputsMatchSchemas runs every command that prints JSON through Main and checks
// the output against its schema in docs/, so the code and the published schemas cannot
// drift apart. Each case is a command a user would run.
func TestJSONOutputsMatchSchemas(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"startup.yaml", "scaleup.yaml", "overlay.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	cases := []struct {
		schema string
		args   []string
		code   int
	}{
		{"report", []string{"-a", "startup.yaml", "report", "-f", "json"}, 0},
		{"report", []string{"-a", "scaleup.yaml", "--catalog", "overlay.yaml", "report", "-f", "json"}, 0},
		{"iso27001", []string{"-a", "startup.yaml", "report", "--framework", "iso27001", "-f", "json"}, 0},
		{"iso27001", []string{"-a", "scaleup.yaml", "report", "--framework", "iso27001", "-f", "json"}, 0},
		{"check", []string{"-a", "startup.yaml", "check", "-f", "json", "--min-score", "80", "--fail-on", "critical", "--max-evidence-age", "365d", "--min-category", "security=80", "--max-unanswered", "0"}, 1},
		{"check", []string{"-a", "startup.yaml", "check", "-f", "json"}, 1},
		{"check", []string{"-a", "scaleup.yaml", "check", "-f", "json", "--min-score", "80"}, 0},
		{"diff", []string{"diff", "startup.yaml", "scaleup.yaml", "-f", "json"}, 0},
		{"diff", []string{"diff", "startup.yaml", "startup.yaml", "-f", "json"}, 0},
		{"catalogue", []string{"catalog", "export", "-f", "json"}, 0},
		{"catalogue", []string{"--catalog", "overlay.yaml", "catalog", "export"}, 0},
	}
	schemas := map[string]*jsonschema.Schema{}
	for _, tc := range cases {
		s := schemas[tc.schema]
		if s == nil {
			c := jsonschema.NewCompiler()
			c.AssertFormat()
			var err error
			s, err = c.Compile(filepath.Join(wdAtStart, "..", "..", "docs", tc.schema+".schema.json"))
			if err != nil {
				t.Fatalf("docs/%s.schema.json: %v", tc.schema, err)
			}
			schemas[tc.schema] = s
		}
		var out, errOut bytes.Buffer
		name := strings.Join(tc.args, " ")
		if code := Main(tc.args, strings.NewReader(""), &out, &errOut); code != tc.code {
			t.Errorf("%s: exit %d, want %d; stderr %s", name, code, tc.code, errOut.String())
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Errorf("%s: not JSON: %v", name, err)
			continue
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("%s: does not match docs/%s.schema.json: %v", name, tc.schema, err)
		}
	}
}

// wdAtStart is the package folder, before any test changes directory.
var wdAtStart, _ = os.Getwd()

// TestSchemasRejectWrongOutput: a schema that accepts anything cannot fail; each one
// rejects an output with a required field missing or a value out of its set.
func TestSchemasRejectWrongOutput(t *testing.T) {
	for schema, bad := range map[string]string{
		"check":     `{"schema_version":1,"file":"a","as_of":"2026-01-01","passed":"yes","score":1,"band":"x","criteria":{"ready":0,"at_risk":0,"not_ready":0},"open_gaps":0,"unanswered":0,"failures":[]}`,
		"iso27001":  `{"schema_version":1,"framework":"iso27001:2022","organization":"a","date":"2026-01-01","overall":1,"themes":[],"controls":[{"id":"A.5.1","theme":"people","title":"t","status":"done","score":1,"soc2ready_controls":[]}]}`,
		"diff":      `{"schema_version":1,"old":"a","new":"b","changed":true}`,
		"catalogue": `{"version":"1","categories":[],"criteria":[],"controls":[],"policies":[]}`,
	} {
		c := jsonschema.NewCompiler()
		s, err := c.Compile(filepath.Join("..", "..", "docs", schema+".schema.json"))
		if err != nil {
			t.Fatal(err)
		}
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if s.Validate(inst) == nil {
			t.Errorf("docs/%s.schema.json accepts %s", schema, bad)
		}
	}
}
