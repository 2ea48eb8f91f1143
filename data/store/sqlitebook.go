package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

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
	f := &fileBook{lock: lock, gate: gate}
	s := &Store{path: path, eng: f, Now: clock.Now}
	f.s = s
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
	db, err := sql.Open("sqlite", sqlite.DSN(s.path))
	if err != nil {
		return err
	}
	s.db = db
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(0)
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

// fileBook is the engine of a book in an SQLite file (see engine): its
// locks and what it knows of the file's changes.
type fileBook struct {
	s    *Store
	lock *os.File // the exclusive lock of a window's book; nil for a command
	gate *os.File // the writers' gate of the book, held shared (see sqlite.Enter)

	// The verdict of the integrity check, run before the first write (or
	// by Check): a damaged book is never written to (see sound).
	checkMu sync.Mutex
	checked bool
	damage  error

	// dataVersion is PRAGMA data_version as last asked on the Store's
	// watch connection (the number is per connection). Guarded by the
	// Store's watchMu.
	dataVersion int64
}

// Name is "sqlite".
func (f *fileBook) Name() string { return engineSQLite }

// Folder is the book's own folder.
func (f *fileBook) Folder() string { return filepath.Dir(f.s.path) }

// Version reads PRAGMA user_version.
func (f *fileBook) Version(ctx context.Context) (int, error) {
	var v int
	if err := f.s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// Close closes the connections and releases the locks other copies check.
func (f *fileBook) Close() error {
	var err error
	if f.s.db != nil {
		// s.db stays set: a late call gets "database is closed", not a crash.
		err = f.s.db.Close()
		// Closing folds the journal into the book, which changes its
		// stamp: take it again if the book was found sound.
		f.WroteSound()
	}
	if f.lock != nil {
		sqlite.Unlock(f.lock)
		f.lock = nil
	}
	if f.gate != nil {
		sqlite.Unlock(f.gate)
		f.gate = nil
	}
	return err
}

// Check runs SQLite's quick integrity check and keeps its verdict.
func (f *fileBook) Check(ctx context.Context) error {
	s := f.s
	err := s.quickCheck(ctx)
	if err == nil || errors.Is(err, ErrCorrupt) {
		f.checkMu.Lock()
		f.checked, f.damage = true, err
		if err == nil {
			s.writeStamp()
		}
		f.adviseRestore()
		f.checkMu.Unlock()
	}
	return err
}

// Serialize needs nothing: SQLite's write transactions take turns
// already.
func (f *fileBook) Serialize(context.Context, *sql.Tx, int64) error { return nil }

// Announce needs nothing: other processes see the file's data_version
// change.
func (f *fileBook) Announce(context.Context, *sql.Tx) error { return nil }

// WriteFailed does nothing: a file's connections are not cut.
func (f *fileBook) WriteFailed(error) bool { return false }

// BulkWrite gives tx a large page cache, which keeps the pages of a big
// transaction in memory instead of spilling them to the journal page by
// page.
func (f *fileBook) BulkWrite(ctx context.Context, tx *sql.Tx) (func(), error) {
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
		return nil, err
	}
	return func() { tx.ExecContext(ctx, "PRAGMA cache_size = -2000") }, nil
}

// Scrub folds the journal into the book, where secure_delete has zeroed
// the deleted rows, and empties it.
func (f *fileBook) Scrub(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("fold the journal: %w", err)
	}
	return nil
}

// Changed asks PRAGMA data_version, which costs no read of the file.
func (f *fileBook) Changed(ctx context.Context, watch *sql.Conn, first bool) (bool, error) {
	var v int64
	if err := watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return false, err
	}
	changed := !first && v != f.dataVersion
	f.dataVersion = v
	return changed, nil
}

// OwnWrite takes the data_version after this Store's commit: the number
// counts the commits of every other connection, this Store's pool
// included.
func (f *fileBook) OwnWrite(ctx context.Context, watch *sql.Conn) {
	var v int64
	if err := watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err == nil {
		f.dataVersion = v
	}
}

// Wake is nil: the window looks every two seconds.
func (f *fileBook) Wake() <-chan struct{} { return nil }

// ClockMargin is five seconds: the processes that write to a file share
// this computer's clock.
func (f *fileBook) ClockMargin() time.Duration { return 5 * time.Second }

// Backup copies the book with VACUUM INTO, which fills an empty file, so
// that the copy keeps the owner-only mode it is made with.
func (f *fileBook) Backup(ctx context.Context, path string) error {
	out, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	out.Close()
	_, err = f.s.db.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// HoldOutbox locks the file beside the book named after it with
// "-sending".
func (f *fileBook) HoldOutbox(context.Context) (func(), error) {
	l, err := sqlite.Lock(f.s.path + "-sending")
	if errors.Is(err, sqlite.ErrWouldBlock) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("take the outbox: %w", err)
	}
	return func() { sqlite.Unlock(l) }, nil
}

// ReadCopy is an ordinary transaction: SQLite's always read one moment.
func (f *fileBook) ReadCopy() *sql.TxOptions {
	return &sql.TxOptions{ReadOnly: false, Isolation: sql.LevelDefault}
}

// ForeignKeysQuery reads the links with pragma_foreign_key_list.
func (f *fileBook) ForeignKeysQuery() string {
	return `SELECT m.name, p."table" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'`
}

// ColumnsQuery reads the columns with pragma_table_info, SQLite's own
// tables left out.
func (f *fileBook) ColumnsQuery() string {
	return `SELECT m.name, p.name, p.type FROM sqlite_schema m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`
}

// PauseTriggers drops the triggers, since SQLite cannot switch them off,
// and returns them (name and definition) for ResumeTriggers to make again
// inside the same transaction.
func (f *fileBook) PauseTriggers(ctx context.Context, tx *sql.Tx, _ []string) (triggers [][2]string, err error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		triggers = append(triggers, [2]string{name, def})
	}
	rows.Close()
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+t[0]+`"`); err != nil {
			return nil, fmt.Errorf("pause the trigger %s: %w", t[0], err)
		}
	}
	return triggers, nil
}

// ResumeTriggers makes again the triggers PauseTriggers dropped.
func (f *fileBook) ResumeTriggers(ctx context.Context, tx *sql.Tx, _ []string, _ map[string]bool, triggers [][2]string) error {
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, t[1]); err != nil {
			return fmt.Errorf("restore the trigger %s: %w", t[0], err)
		}
	}
	return nil
}

// CopyRows inserts the rows one by one, with one prepared statement.
func (f *fileBook) CopyRows(ctx context.Context, rows *sql.Rows, _ *sql.Conn, dst *sql.Tx, table string, columns []string, _ map[string]string) (int64, error) {
	cols := strings.Join(columns, ", ")
	ins, err := dst.PrepareContext(ctx, "INSERT INTO "+table+" ("+cols+") VALUES ("+strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ")+")")
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	vals := make([]any, len(columns))
	ptrs := make([]any, len(columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}
