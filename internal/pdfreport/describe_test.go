package pdfreport

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/golden"
	"github.com/soc2ready/soc2ready/internal/reports"
)

// Tests of the system description and ISO view PDFs; the fuzz target is in fuzz_test.go.

type renderFunc func(io.Writer, *reports.Model, Options) error

func renderWith(t testing.TB, fn renderFunc, m *reports.Model, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf, m, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func flatText(t *testing.T, data []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdftotext(t, data)), " ")
}

func TestDescribeContent(t *testing.T) {
	for _, name := range []string{"startup.yaml", "scaleup.yaml"} {
		t.Run(name, func(t *testing.T) {
			m := model(t, example(t, name), nil)
			data := renderWith(t, RenderDescribe, m, Options{})
			qpdfCheck(t, data)
			text := pdftotext(t, data)
			flat := strings.Join(strings.Fields(text), " ")
			for _, want := range []string{m.File.Organization.Name, "SYSTEM DESCRIPTION", "DC 1: Services provided",
				"DC 2: Principal service commitments", "DC 3: Components of the system", "DC 4: System incidents",
				"DC 5: Applicable trust services criteria", "DC 6: Complementary user entity controls",
				"DC 7: Subservice organisations", "DC 8: Criteria not relevant", "DC 9: Significant changes"} {
				if !strings.Contains(flat, want) {
					t.Errorf("text lacks %q", want)
				}
			}
			// DC 1 to DC 9 in order, after the cover
			body := flat[strings.Index(flat, "Page 2 of"):]
			last := -1
			for i := 1; i <= 9; i++ {
				at := strings.Index(body, "DC "+string(rune('0'+i))+":")
				if at < last {
					t.Errorf("DC %d is out of order", i)
				}
				last = at
			}
			for _, c := range m.Result.Criteria {
				if !strings.Contains(text, c.Criterion.ID) {
					t.Errorf("text lacks criterion %s", c.Criterion.ID)
				}
			}
			for _, s := range m.File.Scope.Subservice {
				if !strings.Contains(flat, s.Name) {
					t.Errorf("text lacks subservice organisation %q", s.Name)
				}
			}
			if !regexp.MustCompile(`Page 2 of \d+`).MatchString(text) {
				t.Error(`no "Page 2 of N" footer`)
			}
			// every placeholder of the Markdown draft is in the PDF; the Markdown names the
			// label once in its introduction, the PDF twice on its cover
			var md bytes.Buffer
			if err := reports.Describe(&md, m); err != nil {
				t.Fatal(err)
			}
			want := strings.Count(md.String(), "[TO WRITE]") - 1 + 2
			if got := strings.Count(flat, todoLabel); got != want {
				t.Errorf("%d %s in the PDF, want %d", got, todoLabel, want)
			}
		})
	}
}

func TestDescribeReproducible(t *testing.T) {
	p := example(t, "scaleup.yaml")
	logo := pngLogo(t, 240, 80)
	a := renderWith(t, RenderDescribe, model(t, p, nil), Options{Logo: logo})
	b := renderWith(t, RenderDescribe, model(t, p, nil), Options{Logo: logo})
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same answers differ")
	}
	if bytes.Contains(a, []byte("/ID")) {
		t.Error("the PDF has a file identifier; it would differ between runs")
	}
	qpdfCheck(t, a)
}

func TestISOContent(t *testing.T) {
	m := model(t, example(t, "scaleup.yaml"), nil)
	data := renderWith(t, RenderISO, m, Options{})
	qpdfCheck(t, data)
	text := pdftotext(t, data)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{m.File.Organization.Name, "ANNEX A READINESS", "Themes", "Organisational", "Technological",
		"Not covered by the SOC 2 answers", "Annex A controls", "A.5.1", "A.8.34", "Not covered", "Met", "Partial", "Page 1 of"} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, it := range m.Catalogue.AnnexA {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(it.ID) + `\b`).MatchString(text) {
			t.Errorf("no row for %s", it.ID)
		}
	}
	// the header row is repeated on every page of the Annex A table
	n := pages(data)
	if got := strings.Count(text, "soc2ready controls"); got < n-1 {
		t.Errorf("table header on %d pages of %d", got, n)
	}
	if !bytes.Equal(data, renderWith(t, RenderISO, model(t, example(t, "scaleup.yaml"), nil), Options{})) {
		t.Error("two renders of the same answers differ")
	}
}

// TestHostileDocs: the description and ISO PDFs take the hostile text the readiness
// report takes (emoji, controls, a huge word, right-to-left text, long lists) without
// failing, and keep the readable part of it.
func TestHostileDocs(t *testing.T) {
	cat := testCatalogue(t)
	f, err := answersfile.Load("testdata/small.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	word := strings.Repeat("w", 2500)
	f.Organization.Name = "Zürich 🏔 \x00\u202eGmbH " + word
	f.Organization.System = "שלום עולם مرحبا \xff\xfe"
	f.Organization.Services = strings.Repeat("Hosted bookkeeping\n\n", 200)
	f.Scope.CUECs = []string{"Customers 👩‍💻 review users\tquarterly", word}
	f.Scope.Subservice = append(f.Scope.Subservice, answers.SubserviceOrg{Name: strings.Repeat("Very Long Provider Name ", 30), Method: "carve_out"})
	for i := 0; i < 80; i++ {
		f.Scope.Commitments = append(f.Scope.Commitments, "Commitment number "+strings.Repeat("x", i))
	}
	m := modelFrom(cat, &f.Data)
	for name, fn := range map[string]renderFunc{"describe": RenderDescribe, "iso": RenderISO} {
		t.Run(name, func(t *testing.T) {
			data := renderWith(t, fn, m, Options{})
			qpdfCheck(t, data)
			flat := flatText(t, data)
			if !strings.Contains(flat, "Zürich") {
				t.Error("the organisation is missing")
			}
			if name == "describe" {
				for _, want := range []string{"Customers", "review users quarterly", "Very Long Provider Name", "Commitment number xxxxxxxxxx"} {
					if !strings.Contains(flat, want) {
						t.Errorf("text lacks %q", want)
					}
				}
				if strings.Count(flat, "w") < 2*2500 {
					t.Error("the 2,500-character word was cut in the body")
				}
			}
		})
	}
}

// TestDocsCJKFallback draws Japanese in both documents when a fallback font is installed.
func TestDocsCJKFallback(t *testing.T) {
	var font string
	for _, p := range SystemFonts {
		if _, err := os.Stat(p); err == nil {
			font = p
			break
		}
	}
	golden.NeedFile(t, font, "no CJK fallback font installed (Debian: fonts-droid-fallback)")
	cat := testCatalogue(t)
	f, err := answersfile.Load("testdata/small.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	f.Organization.Name = "株式会社 Zürich テスト"
	f.Scope.CUECs = []string{"顧客は自社のユーザーを四半期ごとに確認します。"}
	m := modelFrom(cat, &f.Data)
	for name, fn := range map[string]renderFunc{"describe": RenderDescribe, "iso": RenderISO} {
		data := renderWith(t, fn, m, Options{SystemFonts: []string{font}})
		qpdfCheck(t, data)
		text := pdftotext(t, data)
		for _, want := range []string{"株式会社", "Zürich", "テスト"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: text lacks %q", name, want)
			}
		}
		if name == "describe" && !strings.Contains(text, "四半期") {
			t.Errorf("%s: the CUEC in Japanese is missing", name)
		}
	}
}

// TestISOWithoutAnnexA: a catalogue without Annex A still renders (empty themes, nothing
// to list).
func TestISOWithoutAnnexA(t *testing.T) {
	cat := testCatalogue(t)
	cat.AnnexA = nil
	f, err := answersfile.Load("testdata/small.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	data := renderWith(t, RenderISO, modelFrom(cat, &f.Data), Options{})
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	qpdfCheck(t, data)
}
