package reports

import "testing"

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"remote \x1b]52;c;aGk=\x07 and \u202egnp.exe": `remote \]52;c;aGk= and gnp.exe`,
		"a\n::error::x":          "a<br>::error::x",
		"family 👨\u200d👩\u200d👧": "family 👨\u200d👩\u200d👧",
	} {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
}
