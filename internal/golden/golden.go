// Package golden compares test output with files kept in testdata. It is imported only by
// tests (cmd/soc2ready TestArchitectureDoc checks that): one -update flag for the whole tree, and a failure
// that shows where the output changed instead of only saying that it did.
package golden

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/soc2ready/soc2ready/internal/catalogue"
	"github.com/soc2ready/soc2ready/internal/cataloguefile"
)

// Update is the one -update flag: `go test ./... -update` rewrites every golden file,
// after which the diff of testdata is the review.
var Update = flag.Bool("update", false, "rewrite golden files in testdata")

// Check compares got with the file at path; with -update it writes the file first. Text is
// compared line by line and a mismatch shows the first changed lines; binary files (a PDF)
// show the sizes and the first differing byte.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("output differs from %s; after an intended change run go test with -update and review the diff\n%s", path, Diff(want, got))
}

// maxShown caps the lines a diff prints on each side.
const maxShown = 30

// Diff describes how got differs from want: for text, the lines between the common start
// and the common end (a single changed block, which is what a golden failure usually is,
// found in linear time); for binary data, the sizes and the first differing offset.
func Diff(want, got []byte) string {
	if isBinary(want) || isBinary(got) {
		i := 0
		for i < len(want) && i < len(got) && want[i] == got[i] {
			i++
		}
		return fmt.Sprintf("binary: %d bytes, want %d; first difference at byte %d", len(got), len(want), i)
	}
	w := strings.SplitAfter(string(want), "\n")
	g := strings.SplitAfter(string(got), "\n")
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@@ line %d: %d lines removed, %d added @@\n", pre+1, len(w)-pre-suf, len(g)-pre-suf)
	show := func(sign string, lines []string) {
		for i, l := range lines {
			if i == maxShown {
				fmt.Fprintf(&b, "%s ... %d more\n", sign, len(lines)-maxShown)
				break
			}
			b.WriteString(sign + strings.TrimSuffix(l, "\n") + "\n")
		}
	}
	show("-", w[pre:len(w)-suf])
	show("+", g[pre:len(g)-suf])
	return b.String()
}

// isBinary says whether a line diff would be useless: a NUL byte, or a PDF, whose
// compressed streams are not lines.
func isBinary(b []byte) bool {
	return bytes.IndexByte(b, 0) >= 0 || bytes.HasPrefix(b, []byte("%PDF-"))
}

// NeedTool stops a test that needs an outside program (pdftotext, qpdf, tmux,
// cmark-gfm, soffice). Under CI (CI set, as .ci/run has it) a missing tool fails the test,
// so a green run always means the check ran; on a developer's machine it is skipped with
// the package to install.
func NeedTool(t testing.TB, tool, debianPackage string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err == nil {
		return
	}
	NeedFile(t, "", tool+" is not installed (Debian: "+debianPackage+")")
}

// NeedFile is NeedTool for a file such as a fallback font; an empty path is missing.
func NeedFile(t testing.TB, path, why string) {
	t.Helper()
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal(why)
	}
	t.Skip(why + "; under CI this fails")
}

// Catalogue loads a test catalogue from one YAML file, as the built-in one is loaded, so
// every package's tests read their fixtures the same way.
func Catalogue(t testing.TB, path string) *catalogue.Catalogue {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := cataloguefile.Load(fstest.MapFS{"catalogue.yaml": {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// DamagedFont returns a copy of a TrueType font with its glyph outlines (the glyf table)
// overwritten: the headers still read, so only a check that loads the glyphs notices.
func DamagedFont(font []byte) []byte {
	d := bytes.Clone(font)
	n := int(binary.BigEndian.Uint16(d[4:]))
	for i := 0; i < n; i++ {
		rec := d[12+16*i:]
		if string(rec[:4]) == "glyf" {
			off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			for j := off; j < off+size; j++ {
				d[j] = 0xff
			}
		}
	}
	return d
}
