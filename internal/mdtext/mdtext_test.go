package mdtext

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":                 "plain text",
		"  trimmed  ":                "trimmed",
		"a|b":                        `a\|b`,
		"<script>alert(1)</script>":  "&lt;script&gt;alert(1)&lt;/script&gt;",
		"line one\r\nline two":       "line one<br>line two",
		"*bold* _it_ `code` [l](u)":  "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u)",
		"# heading":                  `\# heading`,
		"tab\there":                  "tab here",
		"bell\a and \u2028separator": "bell and separator",
		"R&D":                        "R&amp;D",
		// escape sequences and bidi overrides vanish; emoji joiners stay
		"remote \x1b]52;c;aGk=\x07 and \u202egnp.exe": `remote \]52;c;aGk= and gnp.exe`,
		"a\n::error::x":          "a<br>::error::x",
		"family 👨\u200d👩\u200d👧": "family 👨\u200d👩\u200d👧",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	if got := Code("a`b|c\nd"); got != "a?b?c?d" {
		t.Errorf("Code = %q", got)
	}
}
