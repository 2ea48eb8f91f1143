package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"regulars/data/sqlite"
	"regulars/internal/clock"

	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The book in a file: opening it (what kind of file it is, its lock, its
// connection settings) and bringing its schema up to date, with a copy
// aside first.

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
	fail := func(sentinel error, cause error, reason, advice string) (*Store, error) {
		return nil, &OpenError{Path: path, Reason: reason, Advice: advice, Err: sentinel, Cause: cause}
	}

	exists := false
	switch fi, err := os.Stat(path); {
	case err == nil && fi.IsDir():
		return fail(ErrIsDirectory, nil, "it is a folder, not a file", "Choose the regulars.db file inside it, or another name")
	case err == nil && !fi.Mode().IsRegular():
		return fail(ErrNotBook, nil, "it is not a regular file", "Choose a client book file")
	case err == nil && fi.Size() == 0:
		// Only a path that does not exist becomes a new book: an empty
		// file is someone's file (a failed copy, a typo), not a book.
		return fail(ErrEmptyFile, nil, "the file is empty, so it is not a client book", "Choose a file made by Regulars (regulars.db), or a name that does not exist yet for a new book")
	case err == nil:
		exists = true
		if !sqlite.Writable(path, fi) {
			return fail(ErrReadOnly, nil, "the file is read-only", "Make it writable (in its Properties) or copy it somewhere you can write")
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fail(ErrReadOnly, err, "its folder cannot be created: "+sqlite.PlainIOError(err), "Choose another place for the book")
		}
	default:
		return fail(ErrNotBook, err, sqlite.PlainIOError(err), "")
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !sqlite.Writable(dir, fi) {
		return fail(ErrReadOnly, err, "its folder "+dir+" is read-only, and Regulars needs to write its journal next to the book", "Make the folder writable or move the book")
	}
	// The writers' gate, held until Close: a restore waits for it, and it
	// waits for a restore (see sqlite.Enter).
	gate, err := sqlite.Enter(path)
	if err != nil {
		if errors.Is(err, sqlite.ErrRestoring) {
			return fail(ErrLocked, err, "a backup is being restored into it and that is taking long", "Try again when the restore is done")
		}
		if sqlite.DiskFull(err) {
			return fail(ErrDiskFull, err, "the disk is full", "Free some space on the disk and try again; nothing was changed")
		}
		return fail(ErrReadOnly, err, "it cannot be opened for writing: "+sqlite.PlainIOError(err), "")
	}
	keepGate := false
	defer func() {
		if !keepGate {
			sqlite.Unlock(gate)
		}
	}()
	// No restore runs now: a copy one left behind when it was killed goes.
	os.Remove(path + sqlite.RestoringSuffix)
	if exists {
		// A book made by an older version under umask 022 is readable by
		// anyone on the computer: it becomes its owner's only.
		for _, f := range []string{path, path + "-wal", path + "-shm", filepath.Join(dir, "backups")} {
			sqlite.KeepToOwner(f)
		}
	}
	if exists {
		if err := sqlite.CheckHeader(path); err != nil {
			return fail(ErrNotBook, err, "it is not an SQLite database", "Choose a file made by Regulars (regulars.db)")
		}
	}

	var lock *os.File
	if exclusive {
		if lock, err = sqlite.Lock(path); err != nil {
			if errors.Is(err, sqlite.ErrWouldBlock) {
				return fail(ErrInUse, err, "it is already open in another Regulars window", "Switch to that window, or close it and try again")
			}
			return fail(ErrReadOnly, err, "it cannot be opened for writing: "+sqlite.PlainIOError(err), "")
		}
	}
	db, err := sqlite.OpenDB(path)
	if err != nil {
		if lock != nil {
			sqlite.Unlock(lock)
		}
		return nil, fmt.Errorf("open client book %s: %w", path, err)
	}
	s := &Store{path: path, db: db, Now: clock.Now}
	s.eng = sqlite.NewBook(db, path, lock, gate, s.judge)
	keepGate = true
	if !exists {
		// A new book is its owner's only (SQLite gives its journal the
		// book's permissions).
		if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
			f.Close()
		}
	}
	if err := s.init(exists, target); err != nil {
		s.Close()
		var oe *OpenError
		if errors.As(err, &oe) {
			oe.Path = path
			return nil, oe
		}
		return nil, classify(path, err)
	}
	return s, nil
}

// classify turns an SQLite error met while opening into an OpenError.
func classify(path string, err error) error {
	if sqlite.Full(err) || sqlite.DiskFull(err) {
		return &OpenError{Path: path, Reason: "the disk is full", Advice: "Free some space on the disk and try again; nothing was changed", Err: ErrDiskFull, Cause: err}
	}
	var se *sqlitedriver.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return &OpenError{Path: path, Reason: "it is not an SQLite database", Advice: "Choose a file made by Regulars (regulars.db)", Err: ErrNotBook, Cause: err}
		case sqlite3.SQLITE_CORRUPT:
			return &OpenError{Path: path, Reason: "the file is damaged (" + se.Error() + ")", Advice: "Restore it from a backup", Err: ErrCorrupt, Cause: err}
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &OpenError{Path: path, Reason: "another program is holding it locked", Advice: "Close the other program and try again", Err: ErrLocked, Cause: err}
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return &OpenError{Path: path, Reason: "it cannot be written (" + se.Error() + ")", Advice: "Check that the file and its folder are writable", Err: ErrReadOnly, Cause: err}
		}
	}
	return &OpenError{Path: path, Reason: err.Error(), Err: ErrCorrupt, Cause: err}
}

// init connects, checks what kind of file this is, and migrates it.
func (s *Store) init(existed bool, target int) error {
	db := s.db
	ctx := context.Background()

	var version, appID int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return err
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return err
	}
	if appID != ApplicationID && (appID != 0 || tables > 0) {
		return &OpenError{Reason: "it is an SQLite database of another program", Advice: "Choose a file made by Regulars (regulars.db)", Err: ErrNotBook}
	}
	all, err := migrations()
	if err != nil {
		return err
	}
	if version > len(all) {
		return &OpenError{
			Reason: fmt.Sprintf("it was saved by a newer version of Regulars (book version %d, this program knows up to %d)", version, len(all)),
			Advice: "Install the newest Regulars to open it; the file was left as it is",
			Err:    ErrNewerVersion,
		}
	}
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return err
	}
	if version >= target {
		return nil
	}
	if existed && version > 0 {
		bak, err := s.copyAside(ctx, version)
		if err != nil {
			return fmt.Errorf("copy the book aside before upgrading it: %w", err)
		}
		s.BackupPath = bak
	}
	for v := version; v < target; v++ {
		if err := s.migrate(ctx, v+1, all[v]); err != nil {
			return fmt.Errorf("upgrade the book to version %d: %w", v+1, err)
		}
	}
	return nil
}

// migrate runs one migration script and sets the schema version, in one
// transaction.
func (s *Store) migrate(ctx context.Context, version int, script string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Commands take no lock on the book (see Open), so two of them may
	// upgrade it at once: the second finds it done and leaves it.
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if current >= version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, script); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, version)); err != nil {
		return err
	}
	return tx.Commit()
}

// copyAside writes a consistent copy of the book, as it is before an
// upgrade, into the backup folder, and returns its path.
func (s *Store) copyAside(ctx context.Context, version int) (string, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := filepath.Join(dir, fmt.Sprintf("%s-before-v%d-%s.db", base, version+1, clock.Now().Format("20060102-150405")))
	// Two commands may upgrade the same book at once (see migrate): each
	// writes its own copy and keeps it under the first free name.
	// VACUUM INTO fills an empty file; the process id in its name lets
	// the next backup remove it if this one is killed (see sqlite.CleanBackupParts).
	sqlite.CleanBackupParts(dir)
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s.%d-*.part", filepath.Base(name), os.Getpid()))
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	f.Close()
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	defer os.Remove(tmp)
	for n := 1; ; n++ {
		final := name
		if n > 1 {
			final = strings.TrimSuffix(name, ".db") + fmt.Sprintf("-%d.db", n)
		}
		err := os.Link(tmp, final)
		if err == nil {
			return final, nil
		}
		if !errors.Is(err, fs.ErrExist) || n == 100 {
			return "", err
		}
	}
}
