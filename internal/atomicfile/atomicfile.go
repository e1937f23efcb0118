// Package atomicfile writes files so that a reader, a crash or a kill -9 sees either the
// old content or the new, never a torn mix: write a temporary file in the same folder,
// sync it, rename it over the target, sync the folder.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write replaces path with data. An existing file keeps its mode; a new one gets 0666
// less the user's umask, like any file the user's shell would create.
func Write(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	mode := fs.FileMode(0o666)
	keepMode := false
	if info, statErr := os.Stat(path); statErr == nil {
		if info.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		mode, keepMode = info.Mode().Perm(), true
	}
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".tmp-"+hex.EncodeToString(suffix[:]))
	// O_EXCL with mode 0666 lets the kernel apply the umask for us.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if BeforeWrite != nil {
		BeforeWrite()
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if keepMode {
		if err = f.Chmod(mode); err != nil {
			return err
		}
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// Sync the folder so the rename itself survives a power cut.
	if d, dErr := os.Open(dir); dErr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// BeforeWrite is a test hook called after the temporary file is created and before any
// byte is written (the kill -9 test stops the process there).
var BeforeWrite func()

// ErrLocked is returned by Lock when another process holds the lock.
var ErrLocked = errors.New("locked by another soc2ready process")
