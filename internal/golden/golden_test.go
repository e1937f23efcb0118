package golden

import (
	"strings"
	"testing"
)

func TestDiffShowsChangedBlock(t *testing.T) {
	want := []byte("a\nb\nc\nd\ne\n")
	got := []byte("a\nb\nX\nY\nd\ne\n")
	d := Diff(want, got)
	for _, line := range []string{"@@ line 3: 1 lines removed, 2 added @@", "-c", "+X", "+Y"} {
		if !strings.Contains(d, line+"\n") {
			t.Errorf("diff lacks %q:\n%s", line, d)
		}
	}
	if strings.Contains(d, "-a") || strings.Contains(d, "+e") {
		t.Errorf("diff shows unchanged lines:\n%s", d)
	}
}

func TestDiffBinary(t *testing.T) {
	d := Diff([]byte("%PDF-1.4 abc"), []byte("%PDF-1.4 abd!"))
	if d != "binary: 13 bytes, want 12; first difference at byte 11" {
		t.Errorf("got %q", d)
	}
}

func TestDiffCapsLongBlocks(t *testing.T) {
	got := []byte(strings.Repeat("x\n", 100))
	d := Diff(nil, got)
	if !strings.Contains(d, "+ ... 70 more") {
		t.Errorf("a 100-line block is not capped:\n%s", d)
	}
}
