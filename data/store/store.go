// Package store keeps the client book of package data: the Store that
// reads and writes it in an SQLite file or on a PostgreSQL server
// (engine.go says what differs between the two), the embedded schema
// migrations, backups, the search index, imports, merges and the outbox.
//
// It knows nothing of windows, cards or mail, so that the GUI, the command
// line and the tests all call the very same functions.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regulars/data/search"
	"sync"
	"sync/atomic"
	"time"

	"regulars/data"
)

// ApplicationID marks an SQLite file as a Regulars client book
// (PRAGMA application_id, the ASCII letters "RGLR").
const ApplicationID = 0x52474c52

// timeLayout is how instants are stored: UTC, to the second, so that text
// order is time order.
const timeLayout = "2006-01-02T15:04:05Z"

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
	path string // the file, or the server address without password
	eng  engine // the file or the server the book is kept in (engine.go)

	// watch is the connection Changed asks (on a file, PRAGMA
	// data_version, a number per connection: always asked on the same one).
	watchMu sync.Mutex
	watch   *sql.Conn
	seen    bookMarks // where the book stood at the last look

	// Now returns the current time; tests replace it to pin the clock.
	Now func() time.Time
	// BackupPath is where the copy taken before the last migration went,
	// or "" if none was needed.
	BackupPath string

	index search.Index

	// saved counts the writes this Store committed (see Saved).
	saved atomic.Int64

	// hold is the outbox's lock, while this Store has it (HoldOutbox).
	holdMu sync.Mutex
	hold   *OutboxHold
}

// touched brings the search index up to date after a write to clients.
func (s *Store) touched(ctx context.Context, ids ...int64) {
	// An error here only leaves the index to be rebuilt on the next search.
	_ = s.refreshIndex(ctx, ids...)
}

// SchemaVersion is the schema version this build of Regulars writes.
func SchemaVersion() int {
	m, err := allMigrations()
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
// instead (see postgres.IsServerBook); there, several seats may have it open at
// once, each hearing the others' writes.
func Open(path string) (*Store, error) {
	return openBook(path, SchemaVersion(), true)
}

// OpenShared opens the client book at path as Open does, but without the
// window's exclusive lock: for commands, which may run while the window
// (or another command) has the book open.
func OpenShared(path string) (*Store, error) {
	return openBook(path, SchemaVersion(), false)
}

// Engine says where the book is kept: "sqlite" (a file) or "postgres"
// (a server).
func (s *Store) Engine() string { return s.eng.Name() }

// Folder is the folder on this computer for the files that go with the
// book (backups, the owner's hand, the signature): the book's own folder
// for a file, and a folder named after the server and database in the
// user's data folder for a book on a server.
func (s *Store) Folder() string { return s.eng.Folder() }

// BackupDir is the folder next to the book where copies are kept (for a
// book on a server, in this computer's folder for it: see Folder).
func (s *Store) BackupDir() string {
	return filepath.Join(s.Folder(), "backups")
}

// Path is the absolute file name of the book, or the address of a book on
// a server (without password).
func (s *Store) Path() string { return s.path }

// Version returns the schema version recorded in the file.
func (s *Store) Version(ctx context.Context) (int, error) {
	return s.eng.Version(ctx)
}

// Close closes the book and releases the lock other copies check.
func (s *Store) Close() error {
	s.holdMu.Lock()
	s.hold.Release()
	s.holdMu.Unlock()
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
	return s.eng.Close()
}

// Saved is how many writes this Store has committed since it was opened:
// a command that fails part way says whether it saved anything.
func (s *Store) Saved() int64 { return s.saved.Load() }

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
		if err != nil && s.eng.WriteFailed(err) {
			s.dropWatch()
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
	if err := s.eng.Announce(ctx, tx); err != nil {
		return busyError(err)
	}
	if err := tx.Commit(); err != nil {
		return busyError(err)
	}
	s.saved.Add(1)
	s.ownWrite(ctx)
	s.eng.WroteSound()
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
		return fmt.Errorf("%s %d: %w", what, id, data.ErrNotFound)
	}
	return nil
}
