// Package atomicfile writes files so that a reader, a crash or a kill -9 sees either the
// old content or the new, never a torn mix: write a temporary file beside the target,
// sync it, rename it over the target, sync the folder.
//
// It is also the one place that decides what "writing to PATH" means when PATH is not a
// plain file: a symlink is written through (the file it names is replaced, the link
// stays); a device, FIFO or other non-regular file is written to directly (renaming over
// /dev/null as root would replace the device with a regular file); a file with several
// hard links is overwritten in place so every name sees the new content; a read-only file
// is refused.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tempMarker names our temporary files: .NAME.soc2ready-tmp-RANDOM. A leftover from a
// killed writer is recognisable by it and removed by the next save.
const tempMarker = ".soc2ready-tmp-"

// ErrReadOnly is returned for a target without any write permission bit.
var ErrReadOnly = errors.New("the file is read-only")

// Resolve returns the file a write to path lands on, as an absolute path: path with
// every symlink followed, including a dangling last link (the shell's `>` creates its
// target too). The folder must exist.
func Resolve(path string) (string, error) {
	real, err := resolve(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

func resolve(path string) (string, error) {
	for range 40 { // the kernel's own symlink limit
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if err != nil {
				return "", err
			}
			return filepath.Join(dir, filepath.Base(path)), nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return filepath.EvalSymlinks(path)
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return "", fmt.Errorf("too many levels of symbolic links")
}

// SameFile reports whether a and b name the same file (through links of any kind).
// A path that does not exist is nobody's twin.
func SameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// Write replaces the file at path with data. An existing file keeps its mode and owner;
// a new one gets 0666 less the user's umask, like any file the user's shell would create.
func Write(path string, data []byte) (err error) {
	real, err := Resolve(path)
	if err != nil {
		return err
	}
	info, statErr := os.Stat(real)
	if statErr == nil {
		switch {
		case info.IsDir():
			return fmt.Errorf("%s is a directory", path)
		case !info.Mode().IsRegular():
			return writeDirect(real, data)
		case info.Mode().Perm()&0o222 == 0:
			return ErrReadOnly
		}
		if err := checkWritable(real); err != nil {
			return err
		}
		if links(info) > 1 {
			return writeInPlace(real, data)
		}
	} else if !errors.Is(statErr, fs.ErrNotExist) {
		return statErr
	}
	dir, base := filepath.Dir(real), filepath.Base(real)
	removeStale(dir, base)
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	tmp := filepath.Join(dir, "."+base+tempMarker+hex.EncodeToString(suffix[:]))
	// 0600 until the content is complete, so a reader never sees a half-written copy
	// with wider permissions than the file it replaces.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	keepOpen := false
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
		if err != nil || !keepOpen {
			f.Close()
		}
	}()
	// The lock tells removeStale in another process that this writer is alive.
	if err = lockFile(f); err != nil {
		return err
	}
	if beforeWrite != nil {
		beforeWrite()
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if statErr == nil {
		if err = f.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
		keepOwner(f, info)
	} else if err = f.Chmod(0o666 &^ umask()); err != nil {
		return err
	}
	if err = os.Rename(tmp, real); err != nil {
		return err
	}
	// A writer lock held on the old file moves to the new one (see Lock).
	keepOpen = handOver(real, f)
	// Sync the folder so the rename itself survives a power cut.
	if d, dErr := os.Open(dir); dErr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// writeDirect writes to a device, FIFO or socket as the shell's `>` would.
func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeInPlace overwrites a hard-linked file through its inode so every name sees the
// new content. Unlike a rename this is not atomic: a crash mid-write can tear the file.
// Renaming would silently split the links, which users of hard links do not expect.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err = f.WriteAt(data, 0); err == nil {
		if err = f.Truncate(int64(len(data))); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// removeStale deletes temporary files a killed writer left beside base: ours (named with
// tempMarker, removed once nobody holds their lock) and the older .BASE.tmp-HEX ones.
func removeStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	ours, old := "."+base+tempMarker, "."+base+".tmp-"
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ours):
			p := filepath.Join(dir, name)
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			if lockFile(f) == nil { // its writer is gone
				os.Remove(p)
			}
			f.Close()
		case strings.HasPrefix(name, old) && isHex(name[len(old):], 12):
			os.Remove(filepath.Join(dir, name))
		}
	}
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// beforeWrite is a test hook called after the temporary file is created and before any
// byte is written. Unexported, so only this package's tests can set it: no caller of the
// product can change how a write behaves.
var beforeWrite func()

// ErrLocked is returned by Lock when another process holds the lock.
var ErrLocked = errors.New("locked by another soc2ready process")
