package pdfreport

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/internal/reports"
)

// pageTexts extracts the text of each page.
func pageTexts(t *testing.T, data []byte) []string {
	t.Helper()
	need(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", writeTemp(t, data), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

// TestDetailLevels: the summary is 3-5 pages with no register, the default adds the gap
// register and scope, full adds the reference sections.
func TestDetailLevels(t *testing.T) {
	for _, name := range []string{"startup.yaml", "scaleup.yaml"} {
		t.Run(name, func(t *testing.T) {
			pagesAt := map[string]int{}
			for _, detail := range reports.DetailNames {
				m := model(t, example(t, name), nil)
				m.Detail = detail
				data := render(t, m, Options{})
				pagesAt[detail] = pages(data)
				flat := strings.Join(strings.Fields(pdftotext(t, data)), " ")
				has := func(s string) bool { return strings.Contains(flat, s) }
				switch detail {
				case reports.DetailSummary:
					if n := pagesAt[detail]; n < 3 || n > 5 {
						t.Errorf("summary has %d pages, want 3-5", n)
					}
					if has("Gap register") || !has("Criteria overview") || !has("--detail full") {
						t.Error("summary: wrong sections")
					}
				case reports.DetailFull:
					for _, want := range []string{"All criteria", "Evidence request list", "Appendix: answers and notes"} {
						if !has(want) {
							t.Errorf("full: lacks %q", want)
						}
					}
				}
			}
			if !(pagesAt[reports.DetailSummary] < pagesAt[reports.DetailStandard] && pagesAt[reports.DetailStandard] < pagesAt[reports.DetailFull]) {
				t.Errorf("pages by detail: %v", pagesAt)
			}
			t.Logf("pages: %v", pagesAt)
		})
	}
}

// TestPaper: letter is 612 x 792 points, A4 595.28 x 841.89, and the content of a letter
// page stays above its footer.
func TestPaper(t *testing.T) {
	m := model(t, example(t, "scaleup.yaml"), nil)
	for paper, box := range map[string]string{"a4": "/MediaBox [0 0 595.28 841.89]", "letter": "/MediaBox [0 0 612.00 792.00]"} {
		data := render(t, m, Options{Paper: paper})
		if !bytes.Contains(data, []byte(box)) {
			t.Errorf("%s: no %s", paper, box)
		}
		qpdfCheck(t, data)
		if paper == "letter" {
			for i, pg := range pageTexts(t, data)[1:] {
				if !regexp.MustCompile(`Page \d+ of \d+`).MatchString(pg) {
					t.Errorf("letter page %d has no footer", i+2)
				}
			}
		}
	}
	if err := Render(&bytes.Buffer{}, m, Options{Paper: "a3"}); err == nil {
		t.Error("paper a3 accepted")
	}
}

// TestContentsPage: page 2 lists the sections with the pages they start on.
func TestContentsPage(t *testing.T) {
	m := model(t, example(t, "startup.yaml"), nil)
	data := render(t, m, Options{})
	// the outline (bookmarks) lists the same headings, UTF-16 encoded
	for _, title := range []string{"Contents", "Executive summary", "Gap register", "Scope details"} {
		u := []byte{0xfe, 0xff}
		for _, r := range title {
			u = append(u, 0, byte(r))
		}
		if !bytes.Contains(data, append([]byte("/Title ("), u...)) {
			t.Errorf("no bookmark %q", title)
		}
	}
	pgs := pageTexts(t, data)
	if !strings.Contains(pgs[1], "Contents") {
		t.Fatalf("page 2 is not the contents:\n%s", pgs[1])
	}
	for _, sec := range []string{"Executive summary", "Criteria overview", "Gap register", "Core policies", "Scope details"} {
		mm := regexp.MustCompile(regexp.QuoteMeta(sec) + `[ .]*\s(\d+)\n`).FindStringSubmatch(pgs[1])
		if mm == nil {
			t.Errorf("contents lack %q with a page number", sec)
			continue
		}
		var n int
		fmt.Sscan(mm[1], &n)
		if n < 3 || n > len(pgs) || !strings.Contains(pgs[n-1], sec) {
			t.Errorf("contents say %q is on page %s, but it is not there", sec, mm[1])
		}
	}
}

// TestIDsNotBroken: a control id wraps whole to the next line instead of breaking at its
// hyphen, while ordinary hyphenated words and slashes still break.
func TestIDsNotBroken(t *testing.T) {
	ts := newTypesetter(gofpdf.New("P", "mm", "A4", ""), nil, nil)
	w := func(s string) float64 { return ts.width(s, regular, 8) }
	for _, c := range []struct {
		text        string
		width       float64
		first, next string // the first line, and how the second starts
	}{
		{"critical control POL-INFOSEC is planned", w("critical control POL-") + 0.5, "critical control", "POL-INFOSEC"},
		{"held back by ACC-ACCESS-REVIEW (planned)", w("held back by ACC-ACCESS-") + 0.5, "held back by", "ACC-ACCESS-REVIEW"},
		{"a well-designed control", w("a well-") + 0.5, "a well-", "design"},
	} {
		got := ts.wrap(c.text, c.width, regular, 8)
		if len(got) < 2 || got[0] != c.first || !strings.HasPrefix(got[1], c.next) {
			t.Errorf("wrap(%q) = %q, want %q then a line starting %q", c.text, got, c.first, c.next)
		}
	}
}

// TestIDCellOneLine: an id in a column too narrow for it is drawn smaller, on one line.
func TestIDCellOneLine(t *testing.T) {
	d := &doc{pdf: gofpdf.New("P", "mm", "A4", "")}
	d.ts = newTypesetter(d.pdf, nil, nil)
	tb := d.table(8, column{title: "Control", w: 45}) // the id is 49 mm at 8 pt
	const id = "CHG-SECURE-CODING-TRAINING"
	lines := tb.layout(cell{spans: []span{{text: id, st: bold, id: true}}}, tb.cols[0])
	if len(lines) != 1 || lines[0].text != id || lines[0].size < minIDSize {
		t.Errorf("id laid out as %+v", lines)
	}
	if w := d.ts.width(lines[0].text, bold, lines[0].size); w > 45-2*padX+0.01 {
		t.Errorf("id is %.1f mm wide in a %.1f mm cell", w, 45-2*padX)
	}
}

// TestNoOrphanRows: whatever the length of a table, no page shows fewer than three of its
// rows, unless the whole table has fewer.
func TestNoOrphanRows(t *testing.T) {
	m := model(t, "testdata/small.yaml", testCatalogue(t))
	// 23 rows fit under the header on the first page and 38 on the next: these lengths
	// cover tables that would leave 1 or 2 rows on the second or third page
	for _, n := range []int{1, 2, 3, 4, 22, 23, 24, 25, 26, 27, 60, 61, 62, 63} {
		var buf bytes.Buffer
		err := renderDoc(&buf, m, Options{}, isoKind, func(d *doc) {
			d.newPage()
			d.y = 120 // the table starts mid-page
			tb := d.table(8, column{title: "Row", w: 40}, column{title: "Text", w: 134})
			for i := 0; i < n; i++ {
				tb.row(txt(fmt.Sprintf("ROW%03d", i)), txt("one line of text"))
			}
			tb.end()
		})
		if err != nil {
			t.Fatal(err)
		}
		for p, pg := range pageTexts(t, buf.Bytes()) {
			if k := strings.Count(pg, "ROW"); k > 0 && k < min(3, n) {
				t.Errorf("%d rows: page %d shows %d of them", n, p+1, k)
			}
		}
	}
}

// TestHeatMapOnePage: with all five categories in scope, every criterion of the heat map
// is on one page, on letter paper too, and no group name is clipped.
func TestHeatMapOnePage(t *testing.T) {
	m := model(t, example(t, "scaleup.yaml"), nil)
	f := *m.File
	f.Scope.Categories = m.Catalogue.CategoryIDs()
	m = modelFrom(m.Catalogue, &f)
	for _, paper := range Papers {
		pgs := pageTexts(t, render(t, m, Options{Paper: paper}))
		var heat string
		for _, pg := range pgs[2:] { // after the cover and the contents
			if strings.Contains(pg, "Criteria overview") {
				heat = pg
				break
			}
		}
		if heat == "" {
			t.Fatalf("%s: no criteria overview", paper)
		}
		flat := strings.Join(strings.Fields(heat), " ")
		for _, c := range m.Result.Criteria {
			if !strings.Contains(heat, c.Criterion.ID) {
				t.Errorf("%s: %s is not on the heat map page", paper, c.Criterion.ID)
			}
		}
		if strings.Contains(heat, "…") {
			t.Errorf("%s: a group name is clipped", paper)
		}
		for _, w := range []string{"Privacy Criteria Related to Notice and", "Manufacturing, or Distribution of Goods)"} {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: heat map page lacks %q", paper, w)
			}
		}
	}
}

// TestType1PDFSpeaksOfNoExceptions: the same rule in the PDF, up to the gap register; the
// Type 2 scale-up does speak of them.
func TestType1PDFSpeaksOfNoExceptions(t *testing.T) {
	for name, type2 := range map[string]bool{"startup.yaml": false, "scaleup.yaml": true} {
		text := pdftotext(t, render(t, model(t, example(t, name), nil), Options{}))
		i := strings.Index(text, "Every answered control") // the gap register's first words
		if i < 0 {
			t.Fatalf("%s: no gap register heading", name)
		}
		if got := strings.Contains(strings.ToLower(text[:i]), "exception"); got != type2 {
			t.Errorf("%s: mentions exceptions before the gap register = %v, want %v", name, got, type2)
		}
	}
}
