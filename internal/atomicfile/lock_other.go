//go:build !unix

package atomicfile

// Lock is a no-op where flock is not available.
func Lock(path string) (unlock func(), err error) { return func() {}, nil }
