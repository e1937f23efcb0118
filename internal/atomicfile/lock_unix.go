//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// held maps a resolved path to the open file carrying this process's writer lock on it.
var (
	heldMu sync.Mutex
	held   = map[string]*os.File{}
)

// Lock takes an exclusive advisory lock that keeps two soc2ready processes from writing
// one answers file at once, without blocking writers of other files in the same folder.
// The lock is on the file itself (through any symlink, so every name of it shares the
// lock). Each atomic save replaces the file's inode; Write hands the lock over to the new
// inode (the temporary file it renamed in is already locked), and a process that locked
// an inode just replaced notices and tries again. A file that does not exist yet (init)
// is guarded by a lock on its folder. The kernel drops the locks when the process dies.
// Call the returned function to release.
func Lock(path string) (unlock func(), err error) {
	real, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	for range 10 {
		f, err := os.Open(real)
		if errors.Is(err, fs.ErrNotExist) {
			return lockFolder(filepath.Dir(real))
		}
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			return nil, err
		}
		// The file may have been replaced between Open and the lock: then we hold a lock
		// on an inode nobody reads any more.
		a, errA := f.Stat()
		b, errB := os.Stat(real)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			heldMu.Lock()
			held[real] = f
			heldMu.Unlock()
			return func() {
				heldMu.Lock()
				defer heldMu.Unlock()
				if g := held[real]; g != nil {
					syscall.Flock(int(g.Fd()), syscall.LOCK_UN)
					g.Close()
					delete(held, real)
				}
			}, nil
		}
		f.Close()
	}
	return nil, ErrLocked
}

func lockFolder(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// lockFile takes an exclusive lock on f without waiting.
func lockFile(f *os.File) error {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return ErrLocked
		}
		return err
	}
	return nil
}

// handOver makes f (the locked temporary file just renamed to real) the holder of this
// process's lock on real, if it holds one. It reports whether f must stay open.
func handOver(real string, f *os.File) bool {
	heldMu.Lock()
	defer heldMu.Unlock()
	old, ok := held[real]
	if !ok {
		return false
	}
	old.Close()
	held[real] = f
	return true
}

func links(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// keepOwner gives the new file the old one's owner and group. Only root may give a file
// away; anyone may try the group (it works for groups they belong to).
func keepOwner(f *os.File, info fs.FileInfo) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	uid := -1
	if os.Geteuid() == 0 {
		uid = int(st.Uid)
	}
	_ = f.Chown(uid, int(st.Gid))
}

func checkWritable(path string) error {
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return nil
}

func umask() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}
