package store

import (
	"errors"
	"fmt"
	"path/filepath"

	"regulars/data/sqlite"
	"regulars/internal/clock"
)

// The book in a file: opening it (sqlite.Open), in the Store's words.

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
