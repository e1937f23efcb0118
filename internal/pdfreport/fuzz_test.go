package pdfreport

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"github.com/soc2ready/soc2ready/internal/answers"
	"github.com/soc2ready/soc2ready/internal/answersfile"
	"github.com/soc2ready/soc2ready/internal/reports"
)

// FuzzPDF puts hostile user text (organisation, system, notes, owners, evidence,
// commitments, CUECs, subservice organisations and their CSOCs, components) into an
// answers file over the small test catalogue and renders one of the PDFs: it must neither
// panic nor fail, and must give a whole PDF file.
//
// doc picks the document, so each execution pays for one render (gofpdf's fixed cost of
// registering and subsetting the fonts is most of an execution): 0 readiness report,
// 1 system description, 2 ISO view; with 4 added, the CJK fallback font is loaded when one
// is installed, the slower path; 8 prints on letter paper; 16 renders the full report, 32
// the summary.
//
//	go test ./internal/pdfreport -run '^$' -fuzz FuzzPDF -fuzztime 30s
func FuzzPDF(f *testing.F) {
	cat := testCatalogue(f)
	src, err := os.ReadFile("testdata/small.yaml")
	if err != nil {
		f.Fatal(err)
	}
	var fallback []byte
	for _, p := range SystemFonts {
		if data, err := os.ReadFile(p); err == nil && CheckFont(data) == nil {
			fallback = data
			break
		}
	}

	long := strings.Repeat("The auditor samples every change in the period. ", 120)
	word := strings.Repeat("x", 4000)
	for _, seed := range []struct {
		org, note, owner, cuec, sub string
	}{
		{"Acme Widgets", "Enforced in Okta for everyone. ✅", "Ana Müller", "Customers manage their own users.", "Amazon Web Services"},
		{"Zürich 🏔 GmbH 🇨🇭", "Done ✅ 🚀🔥 by 👩‍💻 team 🤷🏽‍♀️", "\x00\x07\x1b[31m", "\u202eevil\u202c reversed", "\ufeff\u200b"},
		{"株式会社テスト", "取締役会は四半期ごとに確認します。", "山田太郎", "顧客は自社のユーザーを確認します。", "アマゾン ウェブ サービス"},
		{"שלום עולם", "مرحبا بالعالم \u200f(RTL)\u200f", "ไทย", "Ελληνικά Кириллица", "עברית"},
		{"\xff\xfe\xfd", "bad \xc3\x28 utf-8 \xed\xa0\x80 surrogate", "\xe2\x82", "\x80\x81", "\xf4\x90\x80\x80"},
		{word, long, word, long, word},
		{"", "", "", "", ""},
		{"   \t\n", "\n\n\n\n\n\n\n\n\n\n", "\r\n", "\v\f\u2028\u2029\u0085", " "},
		{"\x01nb\x01 {nb} %PDF-1.7 %%EOF", "(unbalanced \\ parens) ) ( \\n", "endstream endobj", "<< /Type /Page >>", "trailer"},
		{"Zu\u0308rich a\u0301\u0302\u0303\u0304\u0305", "e\u0301\u20dd\u20dd", "\u0e01\u0e34\u0e4d", "\U0001F600\U0001F3FB", "\U0010FFFF\U000E0001"},
	} {
		for doc := uint8(0); doc < 3; doc++ {
			f.Add(seed.org, seed.note, seed.owner, seed.cuec, seed.sub, doc)
		}
	}
	f.Add("株式会社 Zürich", "取締役会", "山田", "顧客", "アマゾン", uint8(4|1))
	f.Add("Letter Corp", long, word, "POL-INFOSEC-POL-INFOSEC", "AWS", uint8(8|16))
	f.Add("Summary Ltd", "note", "owner", "cuec", "sub", uint8(8|32))

	f.Fuzz(func(t *testing.T, org, note, owner, cuec, sub string, doc uint8) {
		file, err := answersfile.Parse("small.yaml", src, cat)
		if err != nil {
			t.Fatal(err)
		}
		file.Organization.Name = org
		file.Organization.System = owner
		file.Organization.Services = note
		s := &file.Scope
		s.Commitments = []string{cuec, note}
		s.CUECs = []string{cuec, owner}
		s.Subservice = []answers.SubserviceOrg{
			{Name: sub, Services: note, Method: "carve_out", CSOCs: []string{cuec, note}},
			{Name: sub + owner, Services: cuec, Method: "inclusive"},
		}
		s.Components = &answers.Components{Infrastructure: note, Software: sub, People: owner, Data: cuec}
		set := func(id string, a answers.Answer) { file.Answers[id] = a }
		set("GOV-BOARD", answers.Answer{Status: "partial", Note: note, Owner: owner, Due: "2027-01-31", Updated: "2026-10-01"})
		set("POL-ACCESS", answers.Answer{Status: "missing", Note: cuec, Owner: sub})
		set("ACC-REVIEW", answers.Answer{Status: "not_applicable", NAReason: note})
		set("ACC-MFA", answers.Answer{Status: "implemented", Note: org, Evidence: []answers.Evidence{{Ref: note, Date: "2026-10-01"}, {Ref: owner}}})

		m := modelFrom(cat, &file.Data)
		m.PreparedBy = owner
		switch {
		case doc&16 != 0:
			m.Detail = reports.DetailFull
		case doc&32 != 0:
			m.Detail = reports.DetailSummary
		}

		opt := Options{}
		if doc&8 != 0 {
			opt.Paper = "letter"
		}
		if doc&4 != 0 && fallback != nil {
			opt.Font = fallback
		}
		var buf bytes.Buffer
		var render renderFunc = Render
		switch doc & 3 {
		case 1:
			render = RenderDescribe
		case 2, 3:
			render = RenderISO
		}
		if err := render(&buf, m, opt); err != nil {
			t.Fatalf("render %d: %v", doc&3, err)
		}
		out := buf.Bytes()
		if !bytes.HasPrefix(out, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimRight(out, "\r\n"), []byte("%%EOF")) {
			t.Fatalf("render %d: not a whole PDF file (%d bytes)", doc&3, len(out))
		}
	})
}

// FuzzTypeset checks the sanitiser and line breaker directly, thousands of times faster
// than FuzzPDF because the fonts are registered once: clean leaves only characters a font
// draws and is idempotent, wrap keeps every visible character and fits its width, clip
// fits, and gofpdf draws every line without a panic.
func FuzzTypeset(f *testing.F) {
	for _, s := range []string{
		"Zürich Dünn GmbH – Ledger — “quoted” 2026-11-18 https://example.com/a/very/long/path",
		"Done ✅ 🚀🔥 by 👩‍💻 team 🇨🇭 \x00\x07\u202e reversed \ufeff 🤷🏽‍♀️ end",
		"株式会社テスト 取締役会は四半期ごとに確認します。", "שלום עולם مرحبا ไทย",
		"\xff\xfe \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80", "line\r\nbreaks\v\f\u2028\u2029\u0085end",
		strings.Repeat("x", 3000), "a\u0301\u0302\u0303 e\u20dd \U0001F600\U0001F3FB \U000E0001",
	} {
		f.Add(s, uint8(40))
	}
	var ts *typesetter
	var pdf *gofpdf.Fpdf
	n := 0
	f.Fuzz(func(t *testing.T, in string, width uint8) {
		if ts == nil || n%500 == 0 { // a fresh document now and then, so pages do not pile up
			pdf = gofpdf.New("P", "mm", "A4", "")
			ts = newTypesetter(pdf, nil, nil)
		}
		n++
		pdf.AddPage()
		ts.forget()
		w := 3 + float64(width)*170/255
		s := ts.clean(in, true)
		for _, r := range s {
			if r != '\n' && ts.fontFor(r) == none {
				t.Fatalf("clean left %U, which no font draws", r)
			}
		}
		if again := ts.clean(s, true); again != s {
			t.Fatalf("clean is not idempotent: %+q then %+q (in %+q)", s, again, in)
		}
		if l := ts.line(in); strings.ContainsRune(l, '\n') {
			t.Fatalf("line kept a line break: %q", l)
		}
		visible := func(s string) int { return len([]rune(strings.Join(strings.Fields(s), ""))) }
		for _, hyphens := range []bool{true, false} {
			lines := ts.wrapAt(s, w, regular, 9, hyphens)
			if got, want := visible(strings.Join(lines, " ")), visible(s); got != want {
				t.Fatalf("wrap kept %d of %d visible characters", got, want)
			}
			for _, l := range lines {
				if lw := ts.width(l, regular, 9); lw > w+0.01 && len([]rune(l)) > 1 {
					t.Fatalf("line %q is %.2f mm wide, more than %.2f", l, lw, w)
				}
				ts.draw(marginL, 50, l, bold, 9)
			}
		}
		d := &doc{pdf: pdf, ts: ts}
		if c := d.clip(in, w, regular, 9); ts.width(c, regular, 9) > w+0.01 && w >= ts.width("…", regular, 9) {
			t.Fatalf("clip(%q) is wider than %.2f mm", c, w)
		}
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
	})
}
