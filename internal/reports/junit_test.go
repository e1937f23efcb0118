package reports_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/reports"
)

// junitSchema is the JUnit XML format as CI systems read it (the Jenkins/Ant junit.xsd,
// which GitLab and the GitHub test reporters follow), written out as data: for each
// element, the attributes it may have (true = required) and the children it may hold.
var junitSchema = map[string]struct {
	attrs    map[string]bool
	children []string
	text     bool
}{
	"testsuites": {map[string]bool{"name": false, "tests": false, "failures": false, "errors": false, "skipped": false, "disabled": false, "time": false}, []string{"testsuite"}, false},
	"testsuite": {map[string]bool{"name": true, "tests": true, "failures": false, "errors": false, "skipped": false, "disabled": false, "time": false,
		"timestamp": false, "hostname": false, "id": false, "package": false}, []string{"properties", "testcase", "system-out", "system-err"}, false},
	"properties": {nil, []string{"property"}, false},
	"property":   {map[string]bool{"name": true, "value": true}, nil, false},
	"testcase":   {map[string]bool{"name": true, "classname": true, "time": false, "assertions": false, "status": false}, []string{"skipped", "error", "failure", "system-out", "system-err"}, false},
	"failure":    {map[string]bool{"message": false, "type": false}, nil, true},
	"error":      {map[string]bool{"message": false, "type": false}, nil, true},
	"skipped":    {map[string]bool{"message": false}, nil, true},
	"system-out": {nil, nil, true},
	"system-err": {nil, nil, true},
}

// validateJUnit checks a document against junitSchema and checks that the counts in the
// attributes match the test cases: what a strict JUnit consumer would reject, it rejects.
func validateJUnit(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	type frame struct {
		name                          string
		tests, failures, skipped      int
		attrTests, attrFail, attrSkip string
	}
	var stack []*frame
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			spec, ok := junitSchema[name]
			if !ok || t.Name.Space != "" {
				return fmt.Errorf("unknown element <%s>", name)
			}
			if len(stack) == 0 {
				if root != "" {
					return fmt.Errorf("second root element <%s>", name)
				}
				if name != "testsuites" {
					return fmt.Errorf("root is <%s>, want <testsuites>", name)
				}
				root = name
			} else {
				parent := stack[len(stack)-1].name
				allowed := false
				for _, c := range junitSchema[parent].children {
					allowed = allowed || c == name
				}
				if !allowed {
					return fmt.Errorf("<%s> may not hold <%s>", parent, name)
				}
			}
			seen := map[string]bool{}
			f := &frame{name: name}
			for _, a := range t.Attr {
				if _, ok := spec.attrs[a.Name.Local]; !ok || a.Name.Space != "" {
					return fmt.Errorf("<%s> has unknown attribute %s", name, a.Name.Local)
				}
				seen[a.Name.Local] = true
				switch a.Name.Local {
				case "tests":
					f.attrTests = a.Value
				case "failures":
					f.attrFail = a.Value
				case "skipped":
					f.attrSkip = a.Value
				case "time":
					if _, err := strconv.ParseFloat(a.Value, 64); err != nil {
						return fmt.Errorf("<%s time=%q> is not a number", name, a.Value)
					}
				}
			}
			for attr, req := range spec.attrs {
				if req && !seen[attr] {
					return fmt.Errorf("<%s> lacks required attribute %s", name, attr)
				}
			}
			// count into the enclosing suite and suites
			for _, fr := range stack {
				if fr.name == "testsuite" || fr.name == "testsuites" {
					switch name {
					case "testcase":
						fr.tests++
					case "failure":
						fr.failures++
					case "skipped":
						fr.skipped++
					}
				}
			}
			stack = append(stack, f)
		case xml.CharData:
			if len(stack) > 0 && !junitSchema[stack[len(stack)-1].name].text && strings.TrimSpace(string(t)) != "" {
				return fmt.Errorf("<%s> holds text %q", stack[len(stack)-1].name, t)
			}
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, c := range []struct {
				attr string
				n    int
				what string
			}{{f.attrTests, f.tests, "tests"}, {f.attrFail, f.failures, "failures"}, {f.attrSkip, f.skipped, "skipped"}} {
				if c.attr != "" && c.attr != strconv.Itoa(c.n) {
					return fmt.Errorf("<%s %s=%q> but it holds %d", f.name, c.what, c.attr, c.n)
				}
			}
		}
	}
	if root == "" {
		return fmt.Errorf("no root element")
	}
	return nil
}

func TestJUnitGolden(t *testing.T) {
	for name, data := range goldenRenders(t, reports.JUnit, ".junit.xml") {
		if err := validateJUnit(data); err != nil {
			t.Errorf("%s: invalid JUnit XML: %v", name, err)
		}
	}
}

// The validator must catch what is wrong, or passing it proves nothing.
func TestJUnitValidatorRejects(t *testing.T) {
	for _, bad := range []string{
		`<testsuites><testsuite name="a" tests="1"></testsuite></testsuites>`,                     // count mismatch
		`<testsuites><testsuite tests="0"></testsuite></testsuites>`,                              // no name
		`<testsuites><testsuite name="a" tests="1"><testcase name="x"/></testsuite></testsuites>`, // no classname
		`<testsuites><testsuite name="a" tests="1"><testcase name="x" classname="c"><bogus/></testcase></testsuite></testsuites>`,
		`<testsuites><testsuite name="a" tests="0" colour="red"></testsuite></testsuites>`,
		`<testsuites><testsuite name="a & b" tests="0"></testsuite></testsuites>`, // not well-formed
		`<testsuite name="a" tests="0"></testsuite>`,
	} {
		if validateJUnit([]byte(bad)) == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func TestJUnitContent(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.JUnit(&buf, model(t, "testdata/edge.yaml")); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Name   string `xml:"name,attr"`
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Name != `soc2ready: Acme <&> "Quotes" | Co` || len(doc.Suites) != 2 || doc.Suites[1].Name != "Availability" {
		t.Fatalf("suites = %q %d", doc.Name, len(doc.Suites))
	}
	for _, c := range doc.Suites[0].Cases {
		if strings.HasPrefix(c.Name, "CC1.1 ") {
			if c.Failure == nil || !strings.Contains(c.Failure.Message, "POL-INFOSEC") || !strings.Contains(c.Failure.Text, "- critical POL-INFOSEC Information security policy: partial (owner @dana, due 2026-12-31)") {
				t.Errorf("CC1.1 failure = %+v", c.Failure)
			}
			return
		}
	}
	t.Error("no CC1.1 test case")
}
