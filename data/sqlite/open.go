package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Opening a book file: what kind of file it is, its locks, its connection
// settings, and bringing its schema up to date, with a copy aside first.

// Why a book file could not be opened: the kinds of an *OpenError, for
// errors.Is.
var (
	ErrNotBook      = errors.New("not a Regulars client book")
	ErrCorrupt      = errors.New("client book is damaged")
	ErrInUse        = errors.New("client book is open in another copy of Regulars")
	ErrLocked       = errors.New("client book is locked by another program")
	ErrNewerVersion = errors.New("client book is from a newer version of Regulars")
	ErrIsDirectory  = errors.New("a folder is where the client book should be")
	ErrReadOnly     = errors.New("client book is read-only")
	ErrEmptyFile    = errors.New("the file is empty")
	ErrDiskFull     = errors.New("the disk is full")
)

// OpenError says in plain words why a book file could not be opened, and
// what to do; the Store words it as its own.
type OpenError struct {
	Reason string // what is wrong, in plain words
	Advice string // what to do about it
	Err    error  // ErrNotBook, ErrCorrupt...
	Cause  error  // the underlying error, if any
}

// Error gives the reason and the advice.
func (e *OpenError) Error() string {
	if e.Advice == "" {
		return e.Reason
	}
	return e.Reason + ". " + e.Advice
}

// Unwrap gives the kind, so that errors.Is works.
func (e *OpenError) Unwrap() error { return e.Err }

// Options are what opening a book file takes from the program.
type Options struct {
	// ApplicationID marks the file as a client book (PRAGMA
	// application_id).
	ApplicationID int
	// Scripts are the migration scripts in order: script i brings the
	// book to version i+1.
	Scripts []string
	// Target is the version to bring the book to.
	Target int
	// Exclusive takes the window's lock, which a second window refuses.
	Exclusive bool
	// BackupDir is the folder of the book's backups, where the copy taken
	// before an upgrade goes.
	BackupDir string
	// Now is the clock that names the copy taken before an upgrade.
	Now func() time.Time
	// Judge words what the integrity check met (a *DamageError, or the
	// error that stopped it) as the error the Store returns, and says
	// whether the book is damaged (as opposed to could not be checked
	// now, to be tried again later); it is called with the check's lock
	// held.
	Judge func(err error) (verdict error, damaged bool)
}

// Open opens the book file at path (an absolute, real path: RealPath),
// creating it (and its folder) if it does not exist, and brings its
// schema up to date, copying an existing book aside first (see
// Book.CopiedAside). It refuses, leaving the file as it was, a folder, a
// read-only file, an empty file or any other file that is not a client
// book, a book from a newer version and, with opt.Exclusive, a book
// another window has open. It returns the engine and the connection pool
// it holds until Close; why it could not open the book is an *OpenError.
func Open(path string, opt Options) (*Book, *sql.DB, error) {
	fail := func(kind error, cause error, reason, advice string) (*Book, *sql.DB, error) {
		return nil, nil, &OpenError{Reason: reason, Advice: advice, Err: kind, Cause: cause}
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
		if !Writable(path, fi) {
			return fail(ErrReadOnly, nil, "the file is read-only", "Make it writable (in its Properties) or copy it somewhere you can write")
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return fail(ErrReadOnly, err, "its folder cannot be created: "+PlainIOError(err), "Choose another place for the book")
		}
	default:
		return fail(ErrNotBook, err, PlainIOError(err), "")
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !Writable(dir, fi) {
		return fail(ErrReadOnly, err, "its folder "+dir+" is read-only, and Regulars needs to write its journal next to the book", "Make the folder writable or move the book")
	}
	// The writers' gate, held until Close: a restore waits for it, and it
	// waits for a restore (see Enter).
	gate, err := Enter(path)
	if err != nil {
		if errors.Is(err, ErrRestoring) {
			return fail(ErrLocked, err, "a backup is being restored into it and that is taking long", "Try again when the restore is done")
		}
		if DiskFull(err) {
			return fail(ErrDiskFull, err, "the disk is full", "Free some space on the disk and try again; nothing was changed")
		}
		return fail(ErrReadOnly, err, "it cannot be opened for writing: "+PlainIOError(err), "")
	}
	keepGate := false
	defer func() {
		if !keepGate {
			Unlock(gate)
		}
	}()
	// No restore runs now: a copy one left behind when it was killed goes.
	os.Remove(path + RestoringSuffix)
	if exists {
		// A book made by an older version under umask 022 is readable by
		// anyone on the computer: it becomes its owner's only.
		for _, f := range []string{path, path + "-wal", path + "-shm", opt.BackupDir} {
			KeepToOwner(f)
		}
	}
	if exists {
		if err := CheckHeader(path); err != nil {
			return fail(ErrNotBook, err, "it is not an SQLite database", "Choose a file made by Regulars (regulars.db)")
		}
	}

	var lock *os.File
	if opt.Exclusive {
		if lock, err = Lock(path); err != nil {
			if errors.Is(err, ErrWouldBlock) {
				return fail(ErrInUse, err, "it is already open in another Regulars window", "Switch to that window, or close it and try again")
			}
			return fail(ErrReadOnly, err, "it cannot be opened for writing: "+PlainIOError(err), "")
		}
	}
	db, err := openDB(path)
	if err != nil {
		if lock != nil {
			Unlock(lock)
		}
		return nil, nil, err
	}
	b := newBook(db, path, lock, gate, opt.Judge)
	keepGate = true
	if !exists {
		// A new book is its owner's only (SQLite gives its journal the
		// book's permissions).
		if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
			f.Close()
		}
	}
	if err := b.init(exists, opt); err != nil {
		b.Close()
		var oe *OpenError
		if errors.As(err, &oe) {
			return nil, nil, oe
		}
		return nil, nil, Classify(err)
	}
	return b, db, nil
}

// Classify turns an SQLite error met while opening (or checking) a book
// into an *OpenError; one it does not know is ErrCorrupt.
func Classify(err error) error {
	if Full(err) || DiskFull(err) {
		return &OpenError{Reason: "the disk is full", Advice: "Free some space on the disk and try again; nothing was changed", Err: ErrDiskFull, Cause: err}
	}
	var se *sqlitedriver.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return &OpenError{Reason: "it is not an SQLite database", Advice: "Choose a file made by Regulars (regulars.db)", Err: ErrNotBook, Cause: err}
		case sqlite3.SQLITE_CORRUPT:
			return &OpenError{Reason: "the file is damaged (" + se.Error() + ")", Advice: "Restore it from a backup", Err: ErrCorrupt, Cause: err}
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &OpenError{Reason: "another program is holding it locked", Advice: "Close the other program and try again", Err: ErrLocked, Cause: err}
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return &OpenError{Reason: "it cannot be written (" + se.Error() + ")", Advice: "Check that the file and its folder are writable", Err: ErrReadOnly, Cause: err}
		}
	}
	return &OpenError{Reason: err.Error(), Err: ErrCorrupt, Cause: err}
}

// init checks what kind of file this is, and migrates it.
func (b *Book) init(existed bool, opt Options) error {
	db := b.db
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
	if appID != opt.ApplicationID && (appID != 0 || tables > 0) {
		return &OpenError{Reason: "it is an SQLite database of another program", Advice: "Choose a file made by Regulars (regulars.db)", Err: ErrNotBook}
	}
	all, target := opt.Scripts, opt.Target
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
		bak, err := b.copyAside(ctx, version, opt)
		if err != nil {
			return fmt.Errorf("copy the book aside before upgrading it: %w", err)
		}
		b.aside = bak
	}
	for v := version; v < target; v++ {
		if err := b.migrate(ctx, v+1, all[v], opt.ApplicationID); err != nil {
			return fmt.Errorf("upgrade the book to version %d: %w", v+1, err)
		}
	}
	return nil
}

// migrate runs one migration script and sets the schema version, in one
// transaction.
func (b *Book) migrate(ctx context.Context, version int, script string, appID int) error {
	tx, err := b.db.BeginTx(ctx, nil)
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
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", appID, version)); err != nil {
		return err
	}
	return tx.Commit()
}

// copyAside writes a consistent copy of the book, as it is before an
// upgrade, into the backup folder, and returns its path.
func (b *Book) copyAside(ctx context.Context, version int, opt Options) (string, error) {
	dir := opt.BackupDir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(b.path), filepath.Ext(b.path))
	name := filepath.Join(dir, fmt.Sprintf("%s-before-v%d-%s.db", base, version+1, opt.Now().Format("20060102-150405")))
	// Two commands may upgrade the same book at once (see migrate): each
	// writes its own copy and keeps it under the first free name.
	// VACUUM INTO fills an empty file; the process id in its name lets
	// the next backup remove it if this one is killed (see CleanBackupParts).
	CleanBackupParts(dir)
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s.%d-*.part", filepath.Base(name), os.Getpid()))
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	f.Close()
	if _, err := b.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
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
