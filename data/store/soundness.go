package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regulars/data/postgres"
	"regulars/data/sqlite"
	"strconv"
	"strings"

	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// A full integrity check reads the whole book: 3.4 s on the 313 MB book of
// 100,000 clients and a million visits (BenchmarkQuickCheck), too slow to
// run before every command's write. So the verdict is kept in a small file
// beside the book (regulars.db-checked) with the book's size and
// modification time as Regulars last left it; a command that finds the
// book as it was left skips the check, and any change made outside
// Regulars (a copy, a restore, a tool, a damaged disk rewriting the file)
// changes the stamp and brings the full check back.

// stampPath is the file that holds the stamp of the last sound check.
func (s *Store) stampPath() string { return s.path + "-checked" }

// bookStamp is the book file's size and modification time, in text.
func (s *Store) bookStamp() (string, error) {
	fi, err := os.Stat(s.path)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10), nil
}

// stampMatches reports whether the book is as Regulars left it after a
// sound check.
func (s *Store) stampMatches() bool {
	want, err := os.ReadFile(s.stampPath())
	if err != nil {
		return false
	}
	got, err := s.bookStamp()
	return err == nil && strings.TrimSpace(string(want)) == got
}

// writeStamp records the book as it is now as sound; it is called only
// when this Store found it sound and has just written to it. A failure
// only costs a full check next time.
func (s *Store) writeStamp() {
	if st, err := s.bookStamp(); err == nil {
		tmp := s.stampPath() + ".tmp"
		if os.WriteFile(tmp, []byte(st+"\n"), 0o600) == nil {
			if os.Rename(tmp, s.stampPath()) != nil {
				os.Remove(tmp)
			}
		}
	}
}

// Sound runs the integrity check of a book file once, before the first
// write of this Store (unless the book is exactly as Regulars left it
// after a sound check), and returns its verdict: nil, or a *DamagedError (ErrCorrupt)
// that says which backup to restore. Commands that only read never pay
// for it.
func (f *fileBook) Sound(ctx context.Context) error {
	s := f.s
	f.checkMu.Lock()
	defer f.checkMu.Unlock()
	if !f.checked {
		if s.stampMatches() {
			f.checked = true
		} else {
			err := s.quickCheck(ctx)
			if err != nil && !errors.Is(err, ErrCorrupt) {
				return err // could not check (locked, cancelled): try again later
			}
			f.checked, f.damage = true, err
			if err == nil {
				s.writeStamp()
			}
			f.adviseRestore()
		}
	}
	if f.damage != nil {
		var oe *OpenError
		if errors.As(f.damage, &oe) {
			return &DamagedError{Path: oe.Path, Reason: oe.Reason, Advice: oe.Advice}
		}
		return fmt.Errorf("nothing was saved, to keep the damage from spreading: %w", f.damage)
	}
	return nil
}

// WroteSound refreshes the stamp after a write of this Store to a book it
// found sound.
func (f *fileBook) WroteSound() {
	f.checkMu.Lock()
	defer f.checkMu.Unlock()
	if f.checked && f.damage == nil {
		f.s.writeStamp()
	}
}

// DamagedError is returned by every write to a book that failed its
// integrity check: nothing is saved, so the damage does not spread, and
// the advice names the backup to restore. It is ErrCorrupt for errors.Is.
type DamagedError struct {
	Path   string
	Reason string // what the check found
	Advice string // the backup to restore and how
}

// Error says that the book is damaged, that nothing was saved, and what to do.
func (e *DamagedError) Error() string {
	return fmt.Sprintf("the client book %s is damaged (%s); nothing was saved, to keep the damage from spreading. %s", e.Path, e.Reason, e.Advice)
}

// Unwrap makes errors.Is(err, ErrCorrupt) true.
func (e *DamagedError) Unwrap() error { return ErrCorrupt }

// busyError says in plain words that another program holds the book, or
// that the disk is full (rather than letting the caller blame the row it
// was writing).
func busyError(err error) error {
	if postgres.ServerDown(err) {
		return &plainError{"nothing was saved: the book's server cannot be reached (" + postgres.PlainNetError(err) + "); check that the computer with the book is on and try again", postgres.ErrUnreachable}
	}
	var se *sqlitedriver.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &plainError{"the client book is busy: another program (the Regulars window or another command) kept it locked for more than 5 seconds; nothing was saved, try again", ErrLocked}
		case sqlite3.SQLITE_FULL:
			return &plainError{"the disk is full: nothing was saved; free some space on the disk and try again", ErrDiskFull}
		}
	}
	if sqlite.DiskFull(err) || sqlite.Full(err) {
		return &plainError{"the disk is full: nothing was saved; free some space on the disk and try again", ErrDiskFull}
	}
	return err
}

// plainError is a message in plain words that says all there is to say;
// errors.Is still finds the kind of failure (one of the Err* values),
// which its text does not repeat.
type plainError struct {
	msg  string
	kind error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.kind }

// ServerFault words an error met when the book's server went away in the
// middle of a command that was reading the book (busyError words those
// met while writing): whether anything was saved (saved: the writes this
// command had made before), and what to do. Other errors are returned
// as they are.
func ServerFault(err error, saved int64) error {
	if err == nil || errors.Is(err, postgres.ErrUnreachable) || !postgres.ServerDown(err) {
		return err
	}
	what := "nothing was saved"
	if saved > 0 {
		what = "what was saved before that is kept, and nothing after it was saved"
	}
	return &plainError{"the book's server cannot be reached (" + postgres.PlainNetError(err) + "): " + what + "; check that the computer with the book is on and try again", postgres.ErrUnreachable}
}
