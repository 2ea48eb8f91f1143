//go:build !unix && !windows

package store

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// errWouldBlock means another process holds the lock.
var errWouldBlock = errors.New("lock held by another process")

// tryLock takes no lock: on systems without flock, SQLite's own locking
// is the only guard against a second copy.
func tryLock(f *os.File, exclusive bool) error { return nil }

// diskFull reports whether err is the system saying the disk is full.
func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// processAlive guesses whether the process pid still runs, where signals
// cannot tell: a file it has not written to for an hour is abandoned.
func processAlive(pid int, modified time.Time) bool { return time.Since(modified) < time.Hour }

// unlock has nothing to release.
func unlock(f *os.File) {}

// writable reports whether the mode of path has the owner's write bit.
func writable(path string, fi fs.FileInfo) bool { return fi.Mode().Perm()&0o200 != 0 }
