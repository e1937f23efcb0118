//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// Lock takes an exclusive advisory lock that keeps two soc2ready processes from writing
// one answers file at once. It locks the file's folder rather than the file: the file's
// inode changes on every atomic save, and a separate lock file would litter the user's
// repository (and removing one safely is racy). The kernel drops the lock when the process
// dies. Call the returned function to release it.
func Lock(path string) (unlock func(), err error) {
	f, err := os.Open(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrLocked
		}
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
