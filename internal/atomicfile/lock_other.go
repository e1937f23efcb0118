//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// Lock is a no-op where flock is not available.
func Lock(path string) (unlock func(), err error) { return func() {}, nil }

func lockFile(*os.File) error         { return nil }
func handOver(string, *os.File) bool  { return false }
func links(fs.FileInfo) uint64        { return 1 }
func keepOwner(*os.File, fs.FileInfo) {}
func checkWritable(string) error      { return nil }
func umask() fs.FileMode              { return 0o022 }
