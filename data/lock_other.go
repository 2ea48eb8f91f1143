//go:build !unix && !windows

package data

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// errWouldBlock means another process holds the book's lock.
var errWouldBlock = errors.New("lock held by another process")

// lockBook opens the book file; on systems without flock, SQLite's own
// locking is the only guard against a second copy.
func lockBook(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

// diskFull reports whether err is the system saying the disk is full.
func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// processAlive guesses whether the process pid still runs, where signals
// cannot tell: a file it has not written to for an hour is abandoned.
func processAlive(pid int, modified time.Time) bool { return time.Since(modified) < time.Hour }

// unlockBook closes the file opened by lockBook.
func unlockBook(f *os.File) { f.Close() }

// writable reports whether the mode of path has the owner's write bit.
func writable(path string, fi fs.FileInfo) bool { return fi.Mode().Perm()&0o200 != 0 }
