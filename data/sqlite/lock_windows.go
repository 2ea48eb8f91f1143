//go:build windows

package sqlite

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/windows"
)

// ErrWouldBlock is returned by Lock when another process holds the lock
// (a second window on the book, or a restore).
var ErrWouldBlock = errors.New("lock held by another process")

// lockOffset is where the book's lock byte sits: far past the end of any
// book and past the bytes SQLite locks (from 1 GiB), because Windows
// locks are mandatory: locking the pages themselves would stop SQLite
// from reading them.
const lockOffset = 1 << 62

// tryLock takes a lock (LockFileEx), exclusive or shared, on one byte of
// f without waiting: ErrWouldBlock when another holds it. It is how a
// second copy of Regulars refuses a book, as flock does on Linux and macOS.
func tryLock(f *os.File, exclusive bool) error {
	ol := lockOverlapped()
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, &ol)
	if err != nil {
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
			return ErrWouldBlock
		}
		return err
	}
	return nil
}

func lockOverlapped() windows.Overlapped {
	return windows.Overlapped{Offset: uint32(lockOffset & 0xffffffff), OffsetHigh: uint32(lockOffset >> 32)}
}

// DiskFull reports whether err is the system saying the disk (or the
// user's quota) is full.
func DiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, windows.ERROR_DISK_FULL) ||
		errors.Is(err, windows.ERROR_HANDLE_DISK_FULL) || errors.Is(err, windows.ERROR_DISK_QUOTA_EXCEEDED)
}

// unlock releases the lock taken by tryLock.
func unlock(f *os.File) {
	ol := lockOverlapped()
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}

// Writable reports whether the mode of path has the owner's write bit
// (Windows' read-only attribute).
func Writable(path string, fi fs.FileInfo) bool { return fi.Mode().Perm()&0o200 != 0 }
