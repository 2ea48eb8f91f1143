//go:build !unix && !windows

package sqlite

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// ErrWouldBlock is returned by Lock when another process holds the lock
// (a second window on the book, or a restore).
var ErrWouldBlock = errors.New("lock held by another process")

// tryLock takes no lock: on systems without flock, SQLite's own locking
// is the only guard against a second copy.
func tryLock(f *os.File, exclusive bool) error { return nil }

// DiskFull reports whether err is the system saying the disk is full.
func DiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// unlock has nothing to release.
func unlock(f *os.File) {}

// Writable reports whether the mode of path has the owner's write bit.
func Writable(path string, fi fs.FileInfo) bool { return fi.Mode().Perm()&0o200 != 0 }
