// Package data is the client book of Regulars: the domain types (Client,
// Visit, Contact, Staff), the Store that keeps them in one SQLite file, the
// embedded schema migrations and the business rules that work on them.
//
// It knows nothing of windows, cards or mail, so that the GUI, the command
// line and the tests all call the very same functions.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// ApplicationID marks an SQLite file as a Regulars client book
// (PRAGMA application_id, the ASCII letters "RGLR").
const ApplicationID = 0x52474c52

// timeLayout is how instants are stored: UTC, to the second, so that text
// order is time order.
const timeLayout = "2006-01-02T15:04:05Z"

// dateLayout is how calendar dates without a time are stored.
const dateLayout = "2006-01-02"

// Errors returned by Open, wrapped in an *OpenError that says which file and
// what to do. Test for them with errors.Is.
var (
	ErrNotBook      = errors.New("not a Regulars client book")
	ErrCorrupt      = errors.New("client book is damaged")
	ErrInUse        = errors.New("client book is open in another copy of Regulars")
	ErrLocked       = errors.New("client book is locked by another program")
	ErrNewerVersion = errors.New("client book is from a newer version of Regulars")
	ErrIsDirectory  = errors.New("a folder is where the client book should be")
	ErrReadOnly     = errors.New("client book is read-only")
	ErrEmptyFile    = errors.New("the file is empty")
)

// ErrDiskFull is returned by a write that failed because the disk (or the
// user's quota) is full; nothing of that write was saved.
var ErrDiskFull = errors.New("the disk is full")

// ErrNotFound is returned when a client, visit or staff member asked for by
// id does not exist.
var ErrNotFound = errors.New("not found")

// OpenError explains why a client book could not be opened, in words a shop
// owner can act on. Unwrap gives one of the Err* values above.
type OpenError struct {
	Path   string
	Reason string // what is wrong, in plain words
	Advice string // what to do about it
	Err    error  // one of ErrNotBook, ErrCorrupt, ...
	Cause  error  // the underlying error, if any
}

// Error returns the whole message: file, reason and advice.
func (e *OpenError) Error() string {
	msg := fmt.Sprintf("cannot open the client book %s: %s", e.Path, e.Reason)
	if e.Advice != "" {
		msg += ". " + e.Advice
	}
	return msg
}

// Unwrap returns the sentinel error so that errors.Is works.
func (e *OpenError) Unwrap() error { return e.Err }

// Store is an open client book. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string   // the file, or the server address without password
	lock *os.File // the exclusive lock of a window's book; nil for a command
	pg   *pgBook  // the server's side of a book on PostgreSQL; nil for a file

	// soundness is the result of the integrity check, run before the
	// first write (or by Check); a damaged book is never written to.
	checkMu sync.Mutex
	checked bool
	damage  error

	// watch is the connection that polls PRAGMA data_version for Changed:
	// the number is per connection, so it is always asked on the same one.
	watchMu     sync.Mutex
	watch       *sql.Conn
	dataVersion int64
	seen        bookMarks // where the book stood at the last look

	// Now returns the current time; tests replace it to pin the clock.
	Now func() time.Time
	// BackupPath is where the copy taken before the last migration went,
	// or "" if none was needed.
	BackupPath string

	index searchIndex

	// hold is the outbox's lock, while this Store has it (HoldOutbox).
	holdMu sync.Mutex
	hold   *OutboxHold

	// copyTriggers holds an SQLite book's triggers while CopyBook fills it.
	copyTriggers [][2]string
}

// WarmSearch builds the in-memory search index now, so that the first
// keystroke does not wait for it. The window calls it in the background
// right after opening a book.
func (s *Store) WarmSearch(ctx context.Context) error {
	if err := s.index.build(ctx, s.db); err != nil {
		return err
	}
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	s.index.ensureWords()
	if s.index.phones.ends == nil {
		s.index.phones.make(s.index.entries)
	}
	return nil
}

// touched brings the search index up to date after a write to clients.
func (s *Store) touched(ctx context.Context, ids ...int64) {
	// An error here only leaves the index to be rebuilt on the next search.
	_ = s.index.refresh(ctx, s.db, ids...)
}

// migrations returns the embedded migration scripts of an SQLite book in
// order; migration i brings the schema to version i+1.
func migrations() ([]string, error) { return engineMigrations("sqlite") }

// pgMigrations returns those of a PostgreSQL book. The two lists are
// numbered on their own: a PostgreSQL book started at what SQLite books
// had become by their version 9.
func pgMigrations() ([]string, error) { return engineMigrations("postgres") }

// engineMigrations reads the scripts of one engine's folder, in order.
func engineMigrations(engine string) ([]string, error) {
	names, err := fs.Glob(migrationFiles, "migrations/"+engine+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for _, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// SchemaVersion is the schema version this build of Regulars writes.
func SchemaVersion() int {
	m, err := migrations()
	if err != nil {
		return 0
	}
	return len(m)
}

// Open opens the client book at path for the window, creating it (and its
// folder) if it does not exist, and brings its schema up to date. An
// existing book is copied aside before it is migrated. Open refuses,
// leaving the file as it was, a folder, a read-only file, an empty file or
// any other file that is not a client book, a book from a newer version
// of Regulars and a book another window has open.
//
// Locking: the window holds an exclusive advisory lock (flock) on the book
// for as long as it is open, so that a second window refuses it. The
// command line opens the book with OpenShared, which takes no such lock:
// SQLite's own locking (WAL mode) lets commands read while the window is
// open, and a command's write waits up to five seconds (busy timeout) for
// the window's write to end. The window sees the command's changes through
// Changed.
//
// A path that is a postgres:// address opens the book on that server
// instead (see IsServerBook); there, several seats may have it open at
// once, each hearing the others' writes.
func Open(path string) (*Store, error) {
	if IsServerBook(path) {
		return openPostgres(path, 0)
	}
	return open(path, SchemaVersion(), true)
}

// OpenShared opens the client book at path as Open does, but without the
// window's exclusive lock: for commands, which may run while the window
// (or another command) has the book open.
func OpenShared(path string) (*Store, error) {
	if IsServerBook(path) {
		return openPostgres(path, 0)
	}
	return open(path, SchemaVersion(), false)
}

// open is Open with a target schema version, so that tests can build books
// of every earlier version, and the choice of the window's lock.
func open(path string, target int, exclusive bool) (*Store, error) {
	if path == "" {
		return nil, errors.New("open client book: no file name given")
	}
	abs, err := filepath.Abs(path)
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
		if !writable(path, fi) {
			return fail(ErrReadOnly, nil, "the file is read-only", "Make it writable (in its Properties) or copy it somewhere you can write")
		}
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fail(ErrReadOnly, err, "its folder cannot be created: "+plainIOError(err), "Choose another place for the book")
		}
	default:
		return fail(ErrNotBook, err, plainIOError(err), "")
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !writable(dir, fi) {
		return fail(ErrReadOnly, err, "its folder "+dir+" is read-only, and Regulars needs to write its journal next to the book", "Make the folder writable or move the book")
	}
	if exists {
		if err := checkHeader(path); err != nil {
			return fail(ErrNotBook, err, "it is not an SQLite database", "Choose a file made by Regulars (regulars.db)")
		}
	}

	var lock *os.File
	if exclusive {
		if lock, err = lockBook(path); err != nil {
			if errors.Is(err, errWouldBlock) {
				return fail(ErrInUse, err, "it is already open in another Regulars window", "Switch to that window, or close it and try again")
			}
			return fail(ErrReadOnly, err, "it cannot be opened for writing: "+plainIOError(err), "")
		}
	}
	s := &Store{path: path, lock: lock, Now: time.Now}
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
	var se *sqlite.Error
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

// checkHeader reports whether the file starts with the SQLite magic string.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var hdr [16]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	if !bytes.Equal(hdr[:], []byte("SQLite format 3\x00")) {
		return errors.New("no SQLite header")
	}
	return nil
}

// plainIOError strips the Go operation prefix from a file-system error.
func plainIOError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// dsn is the connection string: foreign keys on, a busy timeout so a brief
// lock by another connection waits instead of failing, immediate write
// transactions, full fsync on commit so a logged visit survives a power
// cut, temporary data (statement journals of the triggers) in memory, the
// file read rather than memory-mapped (a mapped page read once stays in
// the window's resident memory: the day's backup and check read the whole
// book, hundreds of megabytes on a large one), and deleted content
// overwritten with zeros, so that an edited or erased client leaves no
// trace in the file.
func dsn(path string) string {
	return "file:" + path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(5000)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)" +
		"&_pragma=temp_store(MEMORY)" +
		"&_pragma=mmap_size(0)" +
		"&_pragma=secure_delete(1)"
}

// init connects, checks what kind of file this is, and migrates it.
func (s *Store) init(existed bool, target int) error {
	db, err := sql.Open("sqlite", dsn(s.path))
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

// BackupDir is the folder next to the book where copies are kept (for a
// book on a server, in this computer's folder for it: see Folder).
func (s *Store) BackupDir() string {
	return filepath.Join(s.Folder(), "backups")
}

// copyAside writes a consistent copy of the book, as it is before an
// upgrade, into the backup folder, and returns its path.
func (s *Store) copyAside(ctx context.Context, version int) (string, error) {
	dir := s.BackupDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := filepath.Join(dir, fmt.Sprintf("%s-before-v%d-%s.db", base, version+1, time.Now().Format("20060102-150405")))
	// Two commands may upgrade the same book at once (see migrate): each
	// writes its own copy and keeps it under the first free name.
	f, err := os.CreateTemp(dir, filepath.Base(name)+".upgrading-*.part") // VACUUM INTO fills an empty file
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

// Path is the absolute file name of the book, or the address of a book on
// a server (without password).
func (s *Store) Path() string { return s.path }

// Version returns the schema version recorded in the file.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	q := "PRAGMA user_version"
	if s.pg != nil {
		q = "SELECT version FROM regulars_book WHERE id = 1"
	}
	err := s.db.QueryRowContext(ctx, q).Scan(&v)
	return v, err
}

// Close closes the book and releases the lock other copies check.
func (s *Store) Close() error {
	var err error
	s.holdMu.Lock()
	s.hold.Release()
	s.holdMu.Unlock()
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
	if s.pg != nil {
		s.pg.close()
		if s.db != nil {
			return s.db.Close()
		}
		return nil
	}
	if s.db != nil {
		// s.db stays set: a late call gets "database is closed", not a crash.
		err = s.db.Close()
		// Closing folds the journal into the book, which changes its
		// stamp: take it again if the book was found sound.
		s.wroteSound()
	}
	if s.lock != nil {
		unlockBook(s.lock)
		s.lock = nil
	}
	return err
}

// DB gives direct access for tests and tools in this module that need a
// query the Store does not offer.
func (s *Store) DB() *sql.DB { return s.db }

// now returns the store's clock in UTC, to the second.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Second) }

// write runs fn in one write transaction: all of it is saved or none. A
// book that failed its integrity check is not written to.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	if err := s.sound(ctx); err != nil {
		return err
	}
	defer func() {
		if err != nil && s.pg != nil && errors.Is(err, ErrUnreachable) {
			s.dropConnections()
		}
	}()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return busyError(err)
	}
	defer tx.Rollback()
	return s.finishWrite(ctx, tx, fn(tx))
}

// writeOnConn is write for work that needs the transaction's connection
// itself as well, such as COPY on PostgreSQL (database/sql gives no way
// from a transaction to its connection).
func (s *Store) writeOnConn(ctx context.Context, fn func(conn *sql.Conn, tx *sql.Tx) error) error {
	if err := s.sound(ctx); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return busyError(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return busyError(err)
	}
	defer tx.Rollback()
	return s.finishWrite(ctx, tx, fn(conn, tx))
}

// finishWrite commits tx unless the work done in it failed with err.
func (s *Store) finishWrite(ctx context.Context, tx *sql.Tx, err error) error {
	if err != nil {
		return busyError(err)
	}
	if s.pg != nil {
		if err := s.pg.announce(ctx, tx); err != nil {
			return busyError(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return busyError(err)
	}
	s.ownWrite(ctx)
	s.wroteSound()
	return nil
}

// formatTime stores an instant; the zero time is stored as NULL.
func formatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads an instant stored by formatTime.
func parseTime(v sql.NullString) time.Time {
	if !v.Valid || v.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, v.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// oneRow checks that a statement changed the row it was meant for: an
// error says which (what and id), and a missing row is ErrNotFound.
func oneRow(res sql.Result, err error, what string, id int64) error {
	if err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}
