package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// The locks on a book file, the same on every system; each system's file
// (lock_unix.go, lock_windows.go, lock_other.go) gives tryLock and unlock.
//
// Two locks guard a book:
//
//   - the window's lock, exclusive, on the book file itself (lockBook): a
//     second window refuses the book;
//   - the writers' gate, on the file "BOOK-lock" next to it: every Store on
//     the file (window and command alike) holds it shared for as long as it
//     is open, and Restore holds it exclusive while it replaces the book,
//     so that no write can go into a file (or a journal) that a restore is
//     about to delete, and no command opens the book half replaced.
//     A restore first takes "BOOK-lock-restore" exclusive, which a Store
//     holds shared only while it enters the gate: commands that keep
//     coming one after another cannot keep a waiting restore out.

// gateSuffix names the writers' gate next to the book, turnSuffix the
// lock a restore takes to be let in next.
const (
	gateSuffix = "-lock"
	turnSuffix = "-lock-restore"
)

// How long a command waits for a restore to end before it gives up, and
// how long a restore waits for the commands that have the book open.
var (
	gateWaitForRestore = 2 * time.Minute
	gateWaitForWriters = 15 * time.Second
	gatePoll           = 10 * time.Millisecond
)

// errRestoring is returned when a restore held the book for longer than a
// command waits.
var errRestoring = errors.New("a backup is being restored into the book")

// lockBook takes the window's exclusive lock on the book file (created,
// owner-only, when missing), so that a second copy of Regulars refuses to
// open it.
func lockBook(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f, true); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// unlockBook releases a lock taken by lockBook, enterBook or
// excludeWriters.
func unlockBook(f *os.File) {
	if f == nil {
		return
	}
	unlock(f)
	f.Close()
}

// enterBook takes the writers' gate of the book at path shared, waiting
// while a restore holds it.
func enterBook(path string) (*os.File, error) {
	turn, err := waitLock(path+turnSuffix, false, gateWaitForRestore)
	if err != nil {
		if errors.Is(err, errWouldBlock) {
			return nil, errRestoring
		}
		return nil, err
	}
	defer unlockBook(turn)
	f, err := waitLock(path+gateSuffix, false, gateWaitForRestore)
	if errors.Is(err, errWouldBlock) {
		return nil, errRestoring
	}
	return f, err
}

// excludeWriters takes the writers' gate of the book at path exclusive,
// letting no new Store in and waiting for those open to close.
// errWouldBlock means they did not close in time.
func excludeWriters(path string) (*os.File, error) {
	turn, err := waitLock(path+turnSuffix, true, gateWaitForWriters)
	if err != nil {
		return nil, err
	}
	defer unlockBook(turn)
	return waitLock(path+gateSuffix, true, gateWaitForWriters)
}

// waitLock opens (creating it) the lock file name and locks it, trying
// again until wait has passed.
func waitLock(name string, exclusive bool, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", filepath.Base(name), err)
	}
	for waited := time.Duration(0); ; waited += gatePoll {
		err := tryLock(f, exclusive)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, errWouldBlock) || waited >= wait {
			f.Close()
			return nil, err
		}
		time.Sleep(gatePoll)
	}
}

// realBookPath is the file a book's name stands for: absolute, with the
// symbolic links on the way followed, so that a link to a book locks,
// restores and writes the book itself.
func realBookPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	// A book not made yet: its folder may be a link.
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs)), nil
	}
	return abs, nil
}
