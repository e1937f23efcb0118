package atomicfile

import (
	"bytes"
	"errors"
	"io"
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

func TestWriteThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(real, []byte("old"), 0o600)
	os.Symlink("real.yaml", link)
	if err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("real file holds %q, want new", got)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestWriteHardLinkInPlace(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	os.WriteFile(a, []byte("old content"), 0o644)
	os.Link(a, b)
	if err := Write(a, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(b); string(got) != "new" {
		t.Errorf("other link holds %q, want new", got)
	}
	if !SameFile(a, b) {
		t.Error("the hard link was split")
	}
}

func TestWriteToFIFOAndDevice(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		f, _ := os.Open(fifo)
		data, _ := io.ReadAll(f)
		f.Close()
		got <- data
	}()
	if err := Write(fifo, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if data := <-got; string(data) != "through the pipe" {
		t.Errorf("reader got %q", data)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if err := Write("/dev/null", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat("/dev/null"); fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatal("/dev/null is no longer a device")
	}
	if err := Write("/dev/full", []byte("x")); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("writing /dev/full: %v, want ENOSPC", err)
	}
}

func TestReadOnlyRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "answers.yaml")
	os.WriteFile(p, []byte("old"), 0o444)
	if err := Write(p, []byte("new")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err %v, want ErrReadOnly", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "old" {
		t.Errorf("read-only file changed to %q", got)
	}
}

func TestStaleTempRemoved(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "answers.yaml")
	os.WriteFile(p, []byte("old"), 0o600)
	stale := filepath.Join(dir, ".answers.yaml"+tempMarker+"0123456789ab")
	older := filepath.Join(dir, ".answers.yaml.tmp-0123456789ab")
	other := filepath.Join(dir, ".other.yaml"+tempMarker+"0123456789ab")
	for _, f := range []string{stale, older, other} {
		os.WriteFile(f, []byte("left by a killed writer"), 0o600)
	}
	// A live writer holds the lock on its temporary file: that one must stay.
	live := filepath.Join(dir, ".answers.yaml"+tempMarker+"live00000000")
	os.WriteFile(live, nil, 0o600)
	lf, _ := os.Open(live)
	defer lf.Close()
	if err := lockFile(lf); err != nil {
		t.Fatal(err)
	}
	var tmpMode os.FileMode
	beforeWrite = func() {
		matches, _ := filepath.Glob(filepath.Join(dir, ".answers.yaml"+tempMarker+"*"))
		for _, m := range matches {
			if m != live {
				fi, _ := os.Stat(m)
				tmpMode = fi.Mode().Perm()
			}
		}
	}
	defer func() { beforeWrite = nil }()
	if err := Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{stale, older} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s left behind", filepath.Base(f))
		}
	}
	for _, f := range []string{other, live} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s removed: it is not a leftover of this file", filepath.Base(f))
		}
	}
	if tmpMode != 0o600 {
		t.Errorf("temporary file mode %v while writing, want 0600", tmpMode)
	}
}

func TestLockIsPerFileAndSurvivesSaves(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	os.WriteFile(a, []byte("a"), 0o644)
	os.WriteFile(b, []byte("b"), 0o644)
	unlockA, err := Lock(a)
	if err != nil {
		t.Fatal(err)
	}
	defer unlockA()
	unlockB, err := Lock(b)
	if err != nil {
		t.Fatalf("locking b.yaml while a.yaml is locked: %v", err)
	}
	unlockB()
	for i := 0; i < 3; i++ {
		if err := Write(a, []byte{byte('0' + i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := Lock(a); !errors.Is(err, ErrLocked) {
			t.Fatalf("after save %d: second lock %v, want ErrLocked", i, err)
		}
	}
	link := filepath.Join(dir, "link.yaml")
	os.Symlink("a.yaml", link)
	if _, err := Lock(link); !errors.Is(err, ErrLocked) {
		t.Fatalf("lock through a symlink: %v, want ErrLocked", err)
	}
}

func TestLockFollowsSavesUnderAnyName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	os.WriteFile(p, []byte("a"), 0o644)
	t.Chdir(dir)
	unlock, err := Lock("a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := Write(p, []byte("b")); err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(p); !errors.Is(err, ErrLocked) {
		t.Fatalf("after a save under another name: %v, want ErrLocked", err)
	}
}
