package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"regulars/data/postgres"
	"regulars/data/sqlite"
	"regulars/internal/clock"
)

// Opening a book: the engine is chosen here, from the path, and opens the
// book (sqlite.Open, postgres.Open); what it says went wrong is put in the
// Store's words.

// Missing reports whether no book is at path, a book file the user named
// that is not there, so that a front end can say so before anything is
// created. A book on a server is never missing here: opening it tells.
func Missing(path string) bool {
	if postgres.IsServerBook(path) {
		return false
	}
	_, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// openBook opens the book at path, a file or a server address (see
// postgres.IsServerBook), bringing it to the target schema version; the
// window's lock (exclusive) is a file's only.
func openBook(path string, target int, exclusive bool) (*Store, error) {
	if postgres.IsServerBook(path) {
		return openPostgres(path, target)
	}
	return open(path, target, exclusive)
}

// open is Open with a target schema version, so that tests can build books
// of every earlier version, and the choice of the window's lock.
func open(path string, target int, exclusive bool) (*Store, error) {
	if path == "" {
		return nil, errors.New("open client book: no file name given")
	}
	abs, err := sqlite.RealPath(path)
	if err != nil {
		return nil, fmt.Errorf("open client book %s: %w", path, err)
	}
	path = abs
	scripts, err := migrations()
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, Now: clock.Now}
	book, db, err := sqlite.Open(path, sqlite.Options{
		ApplicationID: ApplicationID,
		Scripts:       scripts,
		Target:        target,
		Exclusive:     exclusive,
		BackupDir:     filepath.Join(filepath.Dir(path), "backups"),
		Now:           clock.Now,
		Judge:         s.judge,
	})
	if err != nil {
		var oe *sqlite.OpenError
		if !errors.As(err, &oe) {
			return nil, fmt.Errorf("open client book %s: %w", path, err)
		}
		return nil, openError(path, err)
	}
	s.db, s.eng, s.BackupPath = db, book, book.CopiedAside()
	return s, nil
}

// classify turns an SQLite error met while opening or checking the book
// at path into an OpenError (sqlite.Classify).
func classify(path string, err error) error {
	return openError(path, sqlite.Classify(err))
}

// openPostgres opens the book at addr, creating its tables in an empty
// database and upgrading older ones (postgres.Open).
func openPostgres(addr string, target int) (*Store, error) {
	a, err := postgres.ParseAddress(addr)
	if err != nil {
		return nil, &OpenError{Path: postgres.Redact(addr), Reason: err.Error(), Err: ErrNotBook, Cause: err}
	}
	scripts, err := pgMigrations()
	if err != nil {
		return nil, err
	}
	dataDir, err := DataFolder()
	if err != nil {
		dataDir = os.TempDir()
	}
	book, db, err := postgres.Open(a, postgres.Options{ApplicationID: ApplicationID, Scripts: scripts, Target: target, DataDir: dataDir})
	if err != nil {
		return nil, openError(a.String(), err)
	}
	return &Store{path: a.String(), db: db, eng: book, Now: clock.Now}, nil
}

// openKinds are the Store's words for the engines' kinds of failure to
// open a book.
var openKinds = map[error]error{
	sqlite.ErrNotBook: ErrNotBook, sqlite.ErrCorrupt: ErrCorrupt, sqlite.ErrInUse: ErrInUse,
	sqlite.ErrLocked: ErrLocked, sqlite.ErrNewerVersion: ErrNewerVersion, sqlite.ErrIsDirectory: ErrIsDirectory,
	sqlite.ErrReadOnly: ErrReadOnly, sqlite.ErrEmptyFile: ErrEmptyFile, sqlite.ErrDiskFull: ErrDiskFull,
	postgres.ErrNotBook: ErrNotBook, postgres.ErrCorrupt: ErrCorrupt, postgres.ErrNewerVersion: ErrNewerVersion,
	postgres.ErrReadOnly: ErrReadOnly,
}

// openError words an engine's *sqlite.OpenError or *postgres.OpenError
// as an *OpenError of the book at path; other errors are returned as
// they are.
func openError(path string, err error) error {
	oe := &OpenError{Path: path}
	var se *sqlite.OpenError
	var pe *postgres.OpenError
	switch {
	case errors.As(err, &se):
		oe.Reason, oe.Advice, oe.Err, oe.Cause = se.Reason, se.Advice, se.Err, se.Cause
	case errors.As(err, &pe):
		oe.Reason, oe.Advice, oe.Err, oe.Cause = pe.Reason, pe.Advice, pe.Err, pe.Cause
	default:
		return err
	}
	if ours, ok := openKinds[oe.Err]; ok {
		oe.Err = ours
	}
	return oe
}
