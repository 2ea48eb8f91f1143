//go:build unix

package store

import (
	"errors"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// errWouldBlock means another process holds the lock.
var errWouldBlock = errors.New("lock held by another process")

// tryLock takes an advisory lock (flock), exclusive or shared, on the
// whole of f without waiting: errWouldBlock when another holds it. SQLite's
// own locks are POSIX record locks, which flock does not disturb.
func tryLock(f *os.File, exclusive bool) error {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	if err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB); err != nil {
		if errors.Is(err, unix.EWOULDBLOCK) {
			return errWouldBlock
		}
		return err
	}
	return nil
}

// diskFull reports whether err is the system saying the disk (or the
// user's quota) is full.
func diskFull(err error) bool {
	return errors.Is(err, unix.ENOSPC) || errors.Is(err, unix.EDQUOT)
}

// processAlive reports whether the process pid still runs (a signal 0
// reaches it, or it exists but belongs to someone else).
func processAlive(pid int, _ time.Time) bool {
	if pid <= 0 {
		return false
	}
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

// unlock releases the lock taken by tryLock.
func unlock(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// writable reports whether path may be written: its mode has the owner's
// write bit (so a file the user marked read-only stays so, even for root)
// and the system grants write access.
func writable(path string, fi fs.FileInfo) bool {
	if fi.Mode().Perm()&0o200 == 0 {
		return false
	}
	return unix.Access(path, unix.W_OK) == nil
}
