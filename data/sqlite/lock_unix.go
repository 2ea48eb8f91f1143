//go:build unix

package sqlite

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// ErrWouldBlock is returned by Lock when another process holds the lock
// (a second window on the book, or a restore).
var ErrWouldBlock = errors.New("lock held by another process")

// tryLock takes an advisory lock (flock), exclusive or shared, on the
// whole of f without waiting: ErrWouldBlock when another holds it. SQLite's
// own locks are POSIX record locks, which flock does not disturb.
func tryLock(f *os.File, exclusive bool) error {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	if err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB); err != nil {
		if errors.Is(err, unix.EWOULDBLOCK) {
			return ErrWouldBlock
		}
		return err
	}
	return nil
}

// DiskFull reports whether err is the system saying the disk (or the
// user's quota) is full.
func DiskFull(err error) bool {
	return errors.Is(err, unix.ENOSPC) || errors.Is(err, unix.EDQUOT)
}

// unlock releases the lock taken by tryLock.
func unlock(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// Writable reports whether path may be written: its mode has the owner's
// write bit (so a file the user marked read-only stays so, even for root)
// and the system grants write access.
func Writable(path string, fi fs.FileInfo) bool {
	if fi.Mode().Perm()&0o200 == 0 {
		return false
	}
	return unix.Access(path, unix.W_OK) == nil
}
