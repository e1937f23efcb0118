package pdfreport

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/criteria"
	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
	"github.com/soc2ready/soc2ready/internal/golden"
	"github.com/soc2ready/soc2ready/internal/reports"
	"github.com/soc2ready/soc2ready/internal/scoring"
)

// model builds a report model from an answers file and a catalogue (nil: the built-in one).
func model(t testing.TB, answersPath string, cat *catalogue.Catalogue) *reports.Model {
	t.Helper()
	if cat == nil {
		var err error
		if cat, err = cataloguefile.Load(criteria.FS); err != nil {
			t.Fatal(err)
		}
	}
	f, err := answersfile.Load(answersPath, cat)
	if err != nil {
		t.Fatal(err)
	}
	return modelFrom(cat, &f.Data)
}

func modelFrom(cat *catalogue.Catalogue, f *answers.Data) *reports.Model {
	r := scoring.Assess(scoring.Input{Catalogue: cat, Scope: f.Scope, Answers: f.Answers})
	date := f.LatestUpdate()
	if date == "" {
		date = "2026-11-18"
	}
	return reports.Build(cat, f, r, reports.Options{Date: date, PreparedBy: "Halden & Rowe Assurance", Tool: "soc2ready test"})
}

func testCatalogue(t testing.TB) *catalogue.Catalogue {
	return golden.Catalogue(t, "testdata/catalogue.yaml")
}

func render(t testing.TB, m *reports.Model, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, m, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// example is an answers file from examples/, kept valid against the built-in catalogue
// by the people who maintain them.
func example(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "examples", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func need(t *testing.T, tool string) {
	t.Helper()
	golden.NeedTool(t, tool, "poppler-utils, qpdf")
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdftotext extracts the text; lines broken after a hyphen are joined again so wrapped
// control ids read whole.
func pdftotext(t *testing.T, data []byte) string {
	t.Helper()
	need(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", writeTemp(t, data), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	s := strings.ReplaceAll(string(out), "-\n", "-")
	return s
}

func qpdfCheck(t *testing.T, data []byte) {
	t.Helper()
	need(t, "qpdf")
	out, err := exec.Command("qpdf", "--check", writeTemp(t, data)).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func pages(data []byte) int {
	return len(regexp.MustCompile(`/Type /Page\b`).FindAll(data, -1))
}

// TestGolden compares the PDF of a small fixed answers file byte for byte: the default
// report on A4, and the full report on letter paper. After an intended layout change:
// go test ./internal/pdfreport -update, and look at the result.
func TestGolden(t *testing.T) {
	for _, g := range []struct {
		path, detail, paper string
	}{
		{"testdata/golden.pdf", reports.DetailStandard, "a4"},
		{"testdata/golden-full-letter.pdf", reports.DetailFull, "letter"},
	} {
		t.Run(g.path, func(t *testing.T) {
			m := model(t, "testdata/small.yaml", testCatalogue(t))
			m.Detail = g.detail
			golden.Check(t, g.path, render(t, m, Options{Paper: g.paper}))
		})
	}
}

func TestReproducible(t *testing.T) {
	m := model(t, example(t, "scaleup.yaml"), nil)
	a := render(t, m, Options{})
	b := render(t, model(t, example(t, "scaleup.yaml"), nil), Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same answers differ")
	}
	if bytes.Contains(a, []byte("/ID")) {
		t.Error("the PDF has a file identifier; it would differ between runs")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261118")) && !bytes.Contains(a, []byte("/CreationDate (D:"+strings.ReplaceAll(m.Date, "-", ""))) {
		t.Errorf("creation date is not the report date %s", m.Date)
	}
}

func TestContent(t *testing.T) {
	for _, name := range []string{"startup.yaml", "scaleup.yaml"} {
		t.Run(name, func(t *testing.T) {
			m := model(t, example(t, name), nil)
			data := render(t, m, Options{})
			qpdfCheck(t, data)
			text := pdftotext(t, data)
			flat := strings.Join(strings.Fields(text), " ")
			for _, want := range []string{m.File.Organization.Name, "not an attestation", "Contents", "Executive summary", "Opinion forecast", "First priorities", "Blockers by criterion", "Criteria overview", "Gap register", "Phase 1", "Core policies", "Scope details"} {
				if !strings.Contains(flat, want) {
					t.Errorf("text lacks %q", want)
				}
			}
			// the reference sections come with --detail full only, and each gap once
			for _, absent := range []string{"Evidence request list", "Appendix", "Roadmap"} {
				if strings.Contains(flat, absent) {
					t.Errorf("the default report has %q", absent)
				}
			}
			if g := m.Result.Gaps; len(g) > 0 {
				if n := strings.Count(text, g[len(g)-1].Control.ID); n > 2 {
					t.Errorf("the last gap %s appears %d times; the register lists each gap once", g[len(g)-1].Control.ID, n)
				}
			}
			for _, c := range m.Result.Criteria {
				if !strings.Contains(text, c.Criterion.ID) {
					t.Errorf("text lacks criterion %s", c.Criterion.ID)
				}
			}
			for _, g := range m.Result.Gaps[:min(10, len(m.Result.Gaps))] {
				if !strings.Contains(text, g.Control.ID) {
					t.Errorf("text lacks top gap %s", g.Control.ID)
				}
			}
			if !regexp.MustCompile(`Page 2 of \d+`).MatchString(text) {
				t.Error(`no "Page 2 of N" footer`)
			}
			if strings.Contains(text, "\x01") {
				t.Error("the page-count alias was not replaced")
			}
		})
	}
}

// TestHostileNotes: emoji, control characters, a 5,000-character note and a 3,000-character
// word neither panic nor overflow, and the note is printed in full.
func TestHostileNotes(t *testing.T) {
	cat := testCatalogue(t)
	f, err := answersfile.Load("testdata/small.yaml", cat)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("The quick brown fox jumps over the lazy dog while the auditor watches. ", 72)[:5000]
	word := strings.Repeat("x", 3000)
	emoji := "Done ✅ 🚀🔥 by 👩‍💻 team 🇨🇭 \x00\x07\u202e reversed \ufeff 🤷🏽‍♀️ end"
	set := func(id, note string) {
		a := f.Answers[id]
		if a.Status == "" {
			a.Status = "partial"
		}
		a.Note = note
		f.Answers[id] = a
	}
	set("POL-INFOSEC", long)
	set("GOV-BOARD", emoji)
	set("ACC-REVIEW", word)
	f.Organization.Name = "Zürich Dünn GmbH 🏔 \t<b>&amp;</b>"
	m := modelFrom(cat, &f.Data)
	m.Detail = reports.DetailFull // the notes are printed in the appendix
	data := render(t, m, Options{})
	qpdfCheck(t, data)
	text := pdftotext(t, data)
	flat := strings.Join(strings.Fields(text), " ")
	if !strings.Contains(flat, strings.TrimSpace(long[4900:])) {
		t.Error("the end of the 5,000-character note is missing")
	}
	if !strings.Contains(flat, "Done") || !strings.Contains(flat, "reversed") || !strings.Contains(flat, "Zürich Dünn GmbH") {
		t.Errorf("text around the emoji is missing")
	}
	if strings.Count(text, "x") < 3000 {
		t.Error("the 3,000-character word was cut")
	}
}

// TestWrapFits checks every wrapped line fits its width, whatever the text.
func TestWrapFits(t *testing.T) {
	ts := newTypesetter(gofpdf.New("P", "mm", "A4", ""), nil, nil)
	inputs := []string{
		strings.Repeat("word ", 400),
		strings.Repeat("y", 2000),
		"Zürich Dünn GmbH – Ledger service — “quoted” 2026-11-18 https://example.com/a/very/long/path/that/goes/on/and/on",
		"line one\nline two\n\nline four",
		"🚀🚀🚀 emoji 🔥\u200d and \u0007 bell",
	}
	for _, in := range inputs {
		for _, w := range []float64{8, 20, 51, 174} {
			s := ts.clean(in, true)
			for _, l := range ts.wrap(s, w, regular, 9) {
				if lw := ts.width(l, regular, 9); lw > w+0.01 && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is %.2f mm wide, more than %.0f", l, lw, w)
				}
			}
		}
	}
}

func TestClean(t *testing.T) {
	ts := newTypesetter(gofpdf.New("P", "mm", "A4", ""), nil, nil)
	for in, want := range map[string]string{
		"Zürich":                         "Zürich",
		"Zu\u0308rich":                   "Zürich", // decomposed: NFC folds it
		"a\tb\x00c\x1bd":                 "a bcd",
		"rocket 🚀🚀 ship":                 "rocket \ufffd ship",
		"👩‍💻":                            "\ufffd",
		"x\u200by\ufeffz":                "xyz",
		"one\r\ntwo":                     "one two",
		"\u202eevil":                     "evil",
		"\xff\xfe":                       "\ufffd\ufffd", // invalid UTF-8 shows, it does not vanish
		strings.Repeat("\U0001F600", 50): "\ufffd",
	} {
		if got := ts.line(in); got != want {
			t.Errorf("line(%q) = %q, want %q", in, got, want)
		}
	}
	for _, r := range ts.clean("🚀 漢字 ไทย عربي Ελληνικά Кириллица", true) {
		if ts.fontFor(r) == none {
			t.Errorf("clean left %U, which no font draws", r)
		}
	}
}

// TestCJKFallback draws Japanese with a system fallback font when one is installed.
func TestCJKFallback(t *testing.T) {
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
	a := f.Answers["GOV-BOARD"]
	a.Note = "取締役会は四半期ごとにセキュリティを確認します。Board reviews quarterly."
	f.Answers["GOV-BOARD"] = a
	m := modelFrom(cat, &f.Data)
	m.Detail = reports.DetailFull // the note is printed in the appendix
	data := render(t, m, Options{SystemFonts: []string{font}})
	qpdfCheck(t, data)
	text := pdftotext(t, data)
	for _, want := range []string{"株式会社", "Zürich", "テスト", "取締役会"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// without a fallback the characters are replaced, never a panic
	data = render(t, m, Options{})
	if text := pdftotext(t, data); strings.Contains(text, "株式会社") || !strings.Contains(text, "Zürich") {
		t.Error("without a fallback font, CJK should be replaced and Latin kept")
	}
}

func pngLogo(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x * 255 / w), G: 80, B: 140, A: uint8(128 + y*127/h)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLogo(t *testing.T) {
	logo := pngLogo(t, 240, 80)
	if err := CheckLogo(logo); err != nil {
		t.Fatal(err)
	}
	m := model(t, "testdata/small.yaml", testCatalogue(t))
	a := render(t, m, Options{Logo: logo})
	b := render(t, m, Options{Logo: logo})
	if !bytes.Equal(a, b) {
		t.Error("renders with a logo differ")
	}
	qpdfCheck(t, a)
	if !bytes.Contains(a, []byte("/Subtype /Image")) {
		t.Error("no image in the PDF")
	}
}

func TestCheckLogo(t *testing.T) {
	for name, data := range map[string][]byte{
		"text":      []byte("hello"),
		"truncated": pngLogo(t, 10, 10)[:40],
		"large":     append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, MaxLogoSize)...),
		// a small file that declares more pixels than a logo needs (1.4 GB to decode)
		"6000x6000":  uniformPNG(t, 6000, 6000),
		"5000x100":   uniformPNG(t, 5000, 100),
		"cut pixels": cutPixels(t, pngLogo(t, 200, 200)),
		"jpeg head":  jpegHeader(t),
	} {
		if err := CheckLogo(data); err == nil {
			t.Errorf("%s: CheckLogo accepted it", name)
		}
	}
}

func uniformPNG(t testing.TB, w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cutPixels keeps a PNG's header and half its pixel data: the header still reads.
func cutPixels(t testing.TB, data []byte) []byte {
	if _, _, err := image.DecodeConfig(bytes.NewReader(data[:len(data)/2])); err != nil {
		t.Fatal(err)
	}
	return data[:len(data)/2]
}

func jpegLogo(t testing.TB) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 64, 64)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegHeader is a JPEG cut just after its start-of-scan header: no pixel data.
func jpegHeader(t testing.TB) []byte {
	data := jpegLogo(t)
	data = data[:bytes.Index(data, []byte{0xff, 0xda})+14]
	if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCheckLogoAcceptsJPEG(t *testing.T) {
	if err := CheckLogo(jpegLogo(t)); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFont(t *testing.T) {
	if err := CheckFont(goTTF[regular]); err != nil {
		t.Errorf("Go Regular: %v", err)
	}
	for name, data := range map[string][]byte{
		"text":  []byte("not a font at all"),
		"otf":   append([]byte("OTTO"), make([]byte, 100)...),
		"ttc":   append([]byte("ttcf"), make([]byte, 100)...),
		"short": goTTF[regular][:200],
		// passed the check once, then failed the render with status 70
		"damaged glyphs": golden.DamagedFont(goTTF[regular]),
	} {
		if err := CheckFont(data); err == nil {
			t.Errorf("%s: CheckFont accepted it", name)
		}
	}
}

// BenchmarkRender renders each example at each detail level: the figures behind the
// whole-process goal (under 100 ms for the default reports and the full scale-up).
func BenchmarkRender(b *testing.B) {
	for _, name := range []string{"startup", "scaleup"} {
		for _, detail := range reports.DetailNames {
			b.Run(name+"/"+detail, func(b *testing.B) {
				m := model(b, example(b, name+".yaml"), nil)
				m.Detail = detail
				b.ReportAllocs()
				for b.Loop() {
					if err := Render(&bytes.Buffer{}, m, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
