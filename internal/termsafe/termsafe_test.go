package termsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// inert checks the properties every output of ours must have.
func inert(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("%q -> %q: not UTF-8", in, out)
	}
	for _, r := range out {
		if r == 0x1b || (r >= 0x80 && r <= 0x9f) || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			t.Fatalf("%q -> %q: control %U survives", in, out, r)
		}
		if (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x61c {
			t.Fatalf("%q -> %q: bidi control %U survives", in, out, r)
		}
		if r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff {
			t.Fatalf("%q -> %q: zero-width %U survives", in, out, r)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
			t.Fatalf("%q -> %q: a line starts a workflow command", in, out)
		}
	}
}

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, été":                           "plain text, été",
		"\x1b]8;;https://evil\x07click\x1b]8;;\x07": `\x1b]8;;https://evil\x07click\x1b]8;;\x07`,
		"\x1b[2J\x1b[H":                             `\x1b[2J\x1b[H`,
		"::add-mask::secret":                        `\x3a:add-mask::secret`,
		"ok\n  ::error file=x::boom":                "ok\n  \\x3a:error file=x::boom",
		"a::b":                                      "a::b",
		"admin\u202egnp.exe":                        `admin\u202egnp.exe`,
		"zero\u200bwidth\ufeff":                     `zero\u200bwidth\ufeff`,
		"c1\u009b31m":                               `c1\x9b31m`,
		"tab\tand\r\nCR":                            "tab\tand\\x0d\nCR",
		"bad \xff byte":                             `bad \xff byte`,
	} {
		got := String(in)
		if got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		inert(t, in, got)
	}
}

func TestWriterSplitsAnywhere(t *testing.T) {
	in := "first line\n::error::x\n\x1b[31mred\x1b[0m and \u202e\n::warning"
	for cut := 0; cut <= len(in); cut++ {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		w.Write([]byte(in[:cut]))
		w.Write([]byte(in[cut:]))
		w.Flush()
		if buf.String() != String(in) {
			t.Fatalf("cut at %d: %q, want %q", cut, buf.String(), String(in))
		}
		inert(t, in, buf.String())
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "::error::x", "\x1b]52;c;aGk=\x07", "a\n ::x", "\u2066x\u2069", "\xc2\x9b", "\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := String(in)
		inert(t, in, out)
		if String(out) != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, String(out))
		}
		// Text that is already safe passes unchanged.
		if isSafe(in) && out != in {
			t.Fatalf("safe %q changed to %q", in, out)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		half := len(in) / 2
		w.Write([]byte(in[:half]))
		w.Write([]byte(in[half:]))
		w.Flush()
		if buf.String() != out {
			t.Fatalf("writer %q, String %q", buf.String(), out)
		}
	})
}
