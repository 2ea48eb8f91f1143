package store

import (
	"context"
	"errors"
	"fmt"
	"regulars/data/postgres"
	"regulars/data/sqlite"

	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sound says whether the book may be written to: nil, or, for a book
// that failed its integrity check, a *DamagedError (ErrCorrupt) that says
// which backup to restore (see sqlite.Book.Sound).
func (s *Store) sound(ctx context.Context) error {
	err := s.eng.Sound(ctx)
	if err == nil || !errors.Is(err, ErrCorrupt) {
		return err
	}
	var oe *OpenError
	if errors.As(err, &oe) {
		return &DamagedError{Path: oe.Path, Reason: oe.Reason, Advice: oe.Advice}
	}
	return fmt.Errorf("nothing was saved, to keep the damage from spreading: %w", err)
}

// judge words what the integrity check of a book file met (see
// sqlite.Options.Judge): damage as an *OpenError (ErrCorrupt) whose advice
// names the backup to restore; another error as classify words it, which
// is damage too unless it says the book is locked or the disk full.
func (s *Store) judge(err error) (verdict error, damaged bool) {
	var de *sqlite.DamageError
	if errors.As(err, &de) {
		err = &OpenError{Path: s.path, Reason: de.Error(), Advice: "Restore the newest good backup", Err: ErrCorrupt}
	} else {
		err = classify(s.path, err)
	}
	if !errors.Is(err, ErrCorrupt) {
		return err, false
	}
	s.adviseRestore(err)
	return err, true
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
