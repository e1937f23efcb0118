package atomicfile

import (
	"bytes"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	if string(got) != "new" || info.Mode().Perm() != 0o640 {
		t.Errorf("content %q mode %v, want new 0640", got, info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestNewFileFollowsUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	p := filepath.Join(t.TempDir(), "report.md")
	if err := Write(p, []byte("x")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 (0666 less umask 027)", info.Mode().Perm())
	}
}

func TestFailedWriteLeavesOldFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to a read-only folder")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "answers.yaml")
	os.WriteFile(p, []byte("old"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := Write(p, []byte("new")); err == nil {
		t.Fatal("write into a read-only folder succeeded")
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("old file changed to %q", got)
	}
}

func TestFailedWriteCleansUp(t *testing.T) {
	// Writing over a directory fails after nothing was created.
	dir := t.TempDir()
	if err := Write(dir, []byte("x")); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
}

func TestLockIsExclusive(t *testing.T) {
	p := filepath.Join(t.TempDir(), "answers.yaml")
	unlock, err := Lock(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(p); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	unlock()
	unlock2, err := Lock(p)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	unlock2()
}

// The child side of TestKill9: write two large contents in turn, forever.
func TestMain(m *testing.M) {
	if p := os.Getenv("ATOMICFILE_WRITER"); p != "" {
		a, b := content('a'), content('b')
		for i := 0; ; i++ {
			data := a
			if i%2 == 1 {
				data = b
			}
			if err := Write(p, data); err != nil {
				os.Exit(3)
			}
		}
	}
	os.Exit(m.Run())
}

func content(c byte) []byte { return bytes.Repeat([]byte{c}, 4<<20) }

// TestKill9 kills a writer at random moments; the file must always be entirely the old
// or entirely the new content, never torn.
func TestKill9(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(p, content('a'), 0o644); err != nil {
		t.Fatal(err)
	}
	a, b := content('a'), content('b')
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 15; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "ATOMICFILE_WRITER="+p)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rng.Intn(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if !bytes.Equal(got, a) && !bytes.Equal(got, b) {
			t.Fatalf("round %d: torn file of %d bytes", round, len(got))
		}
	}
}
