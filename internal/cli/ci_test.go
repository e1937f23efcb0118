package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestAnnotationsCannotBreakOut: whatever a message or file name holds, each failure is
// exactly one workflow command line, and the runner's decoding gives the text back.
func TestAnnotationsCannotBreakOut(t *testing.T) {
	out := &checkResult{File: "a,b:c%.yaml", Failures: []checkFailure{
		{Gate: "fail-on", Message: "x\r\n::add-mask::secret %0A", Line: 3},
		{Gate: "min-score", Message: "::stop-commands::tok"},
	}}
	var buf bytes.Buffer
	writeAnnotations(&buf, out)
	// The sanitiser writes the control character and the "::" starting a line inside the
	// message as escapes; the runner's escaping then keeps the whole on one line.
	want := "::error file=a%2Cb%3Ac%25.yaml,line=3,title=soc2ready fail-on::x\\x0d%0A\\x3a:add-mask::secret %250A\n" +
		"::error file=a%2Cb%3Ac%25.yaml,title=soc2ready min-score::\\x3a:stop-commands::tok\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if n := strings.Count(buf.String(), "\n"); n != len(out.Failures) {
		t.Errorf("%d lines for %d failures", n, len(out.Failures))
	}
	decode := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	msg := "a\nb %0A c"
	if got := decode.Replace(escapeData(msg)); got != msg {
		t.Errorf("decoded %q", got)
	}
}

// TestSummaryIsCapped: a check with thousands of failures still writes a small summary.
func TestSummaryIsCapped(t *testing.T) {
	out := &checkResult{File: "a.yaml", AsOf: "2026-11-18"}
	for i := 0; i < 5000; i++ {
		out.Failures = append(out.Failures, checkFailure{Gate: "fail-on", Message: fmt.Sprintf("gap %d %s", i, strings.Repeat("x", 500)), Line: i + 1})
	}
	s := checkSummary(out)
	if len(s) > maxSummary || !bytes.Contains(s, []byte("…and 4950 more: run `soc2ready check` for the full list.")) {
		t.Errorf("summary of %d bytes, ending %q", len(s), s[len(s)-200:])
	}
	if n := bytes.Count(s, []byte("\n| fail-on |")); n != maxSummaryRows {
		t.Errorf("%d rows, want %d", n, maxSummaryRows)
	}
	big := capSummary(bytes.Repeat([]byte("0123456789abcdef\n"), 10000))
	if len(big) > maxSummary || !bytes.HasSuffix(big, []byte("see the full output of the step.\n")) {
		t.Errorf("capSummary: %d bytes", len(big))
	}
}
