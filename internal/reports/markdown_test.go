package reports_test

import (
	"bytes"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/reports"
)

// markdownAt renders the Markdown report at a detail level.
func markdownAt(detail string) func(io.Writer, *reports.Model) error {
	return func(w io.Writer, m *reports.Model) error {
		m.Detail = detail
		return reports.Markdown(w, m)
	}
}

// TestMarkdownGolden pins the Markdown report at each detail level and checks each one
// with GitHub's own renderer (cmark-gfm): every table renders as a table with all its rows,
// and the only HTML is what the tool writes itself.
func TestMarkdownGolden(t *testing.T) {
	cmark, err := exec.LookPath("cmark-gfm")
	if err != nil {
		t.Fatal("cmark-gfm is not installed; it is how these tests know GitHub renders the report (Debian: apt-get install cmark-gfm)")
	}
	for _, detail := range reports.DetailNames {
		ext := ".md"
		if detail != reports.DetailStandard {
			ext = "." + detail + ".md"
		}
		t.Run(detail, func(t *testing.T) {
			for name, out := range goldenRenders(t, markdownAt(detail), ext) {
				t.Run(name, func(t *testing.T) { checkGitHubRendering(t, cmark, out) })
			}
		})
	}
}

// htmlTags the rendered report may contain: Markdown's own and the <details>, <summary>
// and <br> the tool writes. A user's "<script>" or "</failure>" must arrive as text.
var htmlTags = map[string]bool{
	"h1": true, "h2": true, "h3": true, "p": true, "table": true, "thead": true, "tbody": true,
	"tr": true, "th": true, "td": true, "ul": true, "ol": true, "li": true, "strong": true,
	"em": true, "code": true, "a": true, "blockquote": true, "hr": true, "br": true,
	"details": true, "summary": true,
}

var (
	tagRE   = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9-]*)`)
	tableRE = regexp.MustCompile(`(?s)<table>.*?</table>`)
)

func checkGitHubRendering(t *testing.T, cmark string, src []byte) {
	t.Helper()
	// --unsafe passes raw HTML through, so HTML a user smuggled in would show below
	cmd := exec.Command(cmark, "-e", "table", "--unsafe")
	cmd.Stdin = bytes.NewReader(src)
	html, err := cmd.Output()
	if err != nil {
		t.Fatalf("cmark-gfm: %v", err)
	}
	want := markdownTables(string(src))
	got := tableRE.FindAllString(string(html), -1)
	if len(got) != len(want) {
		t.Fatalf("%d tables in the Markdown, %d rendered as <table>", len(want), len(got))
	}
	for i, tb := range got {
		if n := strings.Count(tb, "<tr>"); n != want[i] {
			t.Errorf("table %d: %d rows rendered, want %d (header included)", i+1, n, want[i])
		}
	}
	for _, m := range tagRE.FindAllStringSubmatch(string(html), -1) {
		if !htmlTags[strings.ToLower(m[1])] {
			t.Errorf("rendered HTML has a <%s> tag: user text became HTML", m[1])
		}
	}
	if n, m := strings.Count(string(html), "<details>"), strings.Count(string(html), "</details>"); n != m {
		t.Errorf("%d <details> opened, %d closed", n, m)
	}
}

// markdownTables counts the rows (header included) of each pipe table in the source: a
// line starting with "|" followed by a delimiter row, and the "|" lines after them.
func markdownTables(src string) []int {
	var out []int
	lines := strings.Split(src, "\n")
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "|") || !strings.HasPrefix(lines[i+1], "|-") && !strings.HasPrefix(lines[i+1], "|:") {
			continue
		}
		n := 1
		j := i + 2
		for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			n++
		}
		out = append(out, n)
		i = j
	}
	return out
}

// TestType1SpeaksOfNoExceptions: a Type 1 tests design at a point in time, so what the
// tool writes for one (everything before the gap register, whose first steps are catalogue
// text) never mentions exceptions; a Type 2 report does.
func TestType1SpeaksOfNoExceptions(t *testing.T) {
	for name, type2 := range map[string]bool{"startup": false, "scaleup": true} {
		for _, detail := range reports.DetailNames {
			var buf bytes.Buffer
			m := model(t, goldenInputs[name])
			m.Detail = detail
			if err := reports.Markdown(&buf, m); err != nil {
				t.Fatal(err)
			}
			head, _, _ := strings.Cut(buf.String(), "## Gap register")
			if got := strings.Contains(strings.ToLower(head), "exception"); got != type2 {
				t.Errorf("%s %s: mentions exceptions = %v, want %v", name, detail, got, type2)
			}
		}
	}
}
