package yamlfile

import (
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/problem"
)

func mustParse(t *testing.T, src string) *Doc {
	t.Helper()
	d, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func bytesOf(t *testing.T, d *Doc) string {
	t.Helper()
	out, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestSpliceKeepsOtherText(t *testing.T) {
	src := `# head
organization:
  name: Acme   # odd spacing kept
  services: >
    folded text
    over two lines

answers:
  # about MFA
  ACC-MFA:
    status: implemented

  ACC-SSO: {status: partial}
# foot
`
	for _, c := range []struct {
		name string
		edit func(*Doc) error
		want string
	}{
		{"replace a value", func(d *Doc) error { return d.Set("missing", "answers", "ACC-MFA", "status") },
			strings.Replace(src, "    status: implemented", "    status: missing", 1)},
		{"flow entry", func(d *Doc) error { return d.Set("missing", "answers", "ACC-SSO", "status") },
			strings.Replace(src, "{status: partial}", "{status: missing}", 1)},
		{"new entry after the last", func(d *Doc) error { return d.Set("planned", "answers", "ACC-RBAC", "status") },
			strings.Replace(src, "  ACC-SSO: {status: partial}\n", "  ACC-SSO: {status: partial}\n  ACC-RBAC:\n    status: planned\n", 1)},
		{"new top-level key", func(d *Doc) error { return d.Set("2026.11", "catalog_version") },
			strings.Replace(src, "# foot\n", "catalog_version: \"2026.11\"\n# foot\n", 1)},
		{"delete an entry", func(d *Doc) error { d.Delete("answers", "ACC-SSO"); return nil },
			strings.Replace(src, "\n  ACC-SSO: {status: partial}\n", "\n", 1)},
		{"second-level header field", func(d *Doc) error { return d.Set("Acme Ltd", "organization", "name") },
			strings.Replace(src, "name: Acme   # odd spacing kept", "name: Acme Ltd # odd spacing kept", 1)},
	} {
		d := mustParse(t, src)
		if err := c.edit(d); err != nil {
			t.Fatal(err)
		}
		if got := bytesOf(t, d); got != c.want {
			t.Errorf("%s:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

func TestSpliceEscalatesOrFallsBack(t *testing.T) {
	// an empty flow mapping: the whole answers entry is written
	d := mustParse(t, "organization: {name: x}\nanswers: {}\n# end\n")
	d.Set("implemented", "answers", "ACC-MFA", "status")
	if got, want := bytesOf(t, d), "organization: {name: x}\nanswers: {ACC-MFA: {status: implemented}}\n# end\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// a flow document: the whole tree is written, and it still loads
	d = mustParse(t, "{organization: {name: x}, answers: {}}\n")
	d.Set("implemented", "answers", "ACC-MFA", "status")
	if _, err := Parse("t.yaml", []byte(bytesOf(t, d))); err != nil {
		t.Error(err)
	}
	// CRLF files keep CRLF in the lines rewritten
	d = mustParse(t, "organization:\r\n  name: x\r\nanswers:\r\n  ACC-MFA:\r\n    status: planned\r\n")
	d.Set("implemented", "answers", "ACC-MFA", "status")
	if got := bytesOf(t, d); got != "organization:\r\n  name: x\r\nanswers:\r\n  ACC-MFA:\r\n    status: implemented\r\n" {
		t.Errorf("CRLF: %q", got)
	}
}

func TestLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("answers:\n")
	for i := 0; i < 3; i++ {
		b.WriteString("  A: 1\n")
	}
	for _, c := range []struct{ src, want string }{
		{b.String(), `t.yaml:3: mapping key "A" already defined at line 2`},
		{"a: [" + strings.Repeat("1,", MaxItems) + "1]\n", "t.yaml:1: a list of 10001 items; the limit is 10000"},
		{"a: " + strings.Repeat("é", MaxText+1) + "\n", "t.yaml:1: a text of 20001 characters; the limit is 20000"},
		// many values without an alias are not an alias bomb
		{"a: [" + strings.Repeat("[1,1,1,1,1,1,1,1,1,1],", 9999) + "1]\n", ""},
	} {
		_, err := Parse("t.yaml", []byte(c.src))
		if got := ""; err != nil {
			got = err.Error()
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		} else if c.want != "" {
			t.Errorf("no error, want %q", c.want)
		}
	}
}

func TestMessagesEchoLittle(t *testing.T) {
	p := problem.At("t.yaml", 3, "", "unknown id %q", strings.Repeat("Q", 300000))
	if len(p.Msg) > 120 || !strings.HasSuffix(p.Msg, `…"`) {
		t.Errorf("message of %d bytes: %.100s", len(p.Msg), p.Msg)
	}
}
