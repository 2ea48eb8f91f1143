package store

import (
	"context"
	"database/sql"
	"time"
)

// engine is what differs between the two places a book is kept, so that
// the Store's rules and queries, the same on both, ask it for the rest
// instead of asking which one it is. fileBook (sqlitebook.go) keeps the
// book in an SQLite file: its locks, its journal, PRAGMA data_version,
// backups by VACUUM INTO and SQLite's integrity check. pgBook
// (postgres.go) keeps it on a PostgreSQL server: its address, LISTEN and
// NOTIFY between seats, advisory locks and COPY. Each is made when the
// book is opened (open, openPostgres), which also brings its schema up to
// date with the engine's scripts (see migrate.go).
type engine interface {
	// name is "sqlite" (a file) or "postgres" (a server): Store.Engine.
	name() string
	// folder is the folder on this computer for the files that go with
	// the book: Store.Folder.
	folder() string
	// version reads the schema version the book records.
	version(ctx context.Context) (int, error)
	// close closes the connection pool and lets go of what the engine
	// holds besides (locks, the listening connection).
	close() error

	// sound says whether the book may be written to (nil) or is damaged;
	// check checks the whole book now (Store.Check); wroteSound notes a
	// write to a book found sound.
	sound(ctx context.Context) error
	check(ctx context.Context) error
	wroteSound()

	// serialize makes the writes under key take turns across seats.
	serialize(ctx context.Context, tx *sql.Tx, key int64) error
	// announce tells the other seats, when tx commits, that the book
	// changed.
	announce(ctx context.Context, tx *sql.Tx) error
	// writeFailed learns from the error of a write that did not commit.
	writeFailed(err error)
	// bulkWrite readies tx for a very large write (the demo book); the
	// function it returns undoes that.
	bulkWrite(ctx context.Context, tx *sql.Tx) (undo func(), err error)
	// scrub leaves no trace of rows just deleted (an erased client) in
	// what the engine keeps of them, on conn.
	scrub(ctx context.Context, conn *sql.Conn) error

	// changed reports whether another process or seat wrote since the
	// last look (first: the first look, which only takes note), asking
	// the Store's watch connection if it needs to; ownWrite takes note of
	// a write of this Store, so that changed does not report it. Callers
	// hold the Store's watchMu, with the watch connection open.
	changed(ctx context.Context, first bool) (bool, error)
	ownWrite(ctx context.Context)
	// wake signals as soon as another seat wrote, or is nil when the
	// window has to look: Store.Wake.
	wake() <-chan struct{}
	// clockMargin is how far the clocks of the processes that write to
	// the book may be apart.
	clockMargin() time.Duration

	// backup writes a copy of the whole book, as a book file, into the
	// empty (or missing) file at path.
	backup(ctx context.Context, path string) error
	// holdOutbox takes the outbox's lock if it is free (ErrOutboxBusy if
	// not).
	holdOutbox(ctx context.Context) (*OutboxHold, error)

	// What copying a book from one engine into another needs: readCopy,
	// the options of the transaction that reads the whole book at one
	// moment; foreignKeysQuery and columnsQuery, the queries of the
	// tables' links (table, table it refers to) and columns (table,
	// column, type, Regulars' own bookkeeping left out); pauseTriggers and
	// resumeTriggers, around the copy into this book (what pauseTriggers
	// returns goes back to resumeTriggers); and copyRows, which writes
	// the rows of t read from rows into this book's transaction dst (on
	// conn).
	readCopy() *sql.TxOptions
	foreignKeysQuery() string
	columnsQuery() string
	pauseTriggers(ctx context.Context, tx *sql.Tx, order []copiedTable) (paused [][2]string, err error)
	resumeTriggers(ctx context.Context, tx *sql.Tx, order []copiedTable, paused [][2]string) error
	copyRows(ctx context.Context, rows *sql.Rows, conn *sql.Conn, dst *sql.Tx, t copiedTable) (int64, error)
}
