package store

import (
	"context"
	"database/sql"
	"time"

	"regulars/data/postgres"
	"regulars/data/sqlite"
)

// engine is what differs between the two places a book is kept, so that
// the Store's rules and queries, the same on both, ask it for the rest
// instead of asking which one it is. sqlite.Book keeps the book in an
// SQLite file: its locks, its journal, PRAGMA data_version, backups by
// VACUUM INTO and SQLite's integrity check. postgres.Book keeps it on a
// PostgreSQL server: its address, LISTEN and NOTIFY between seats,
// advisory locks and COPY. Each is made by its package's Open, which
// also brings the book's schema up to date with the engine's scripts
// (openBook, in open.go, chooses it). Its methods take and give only
// standard types, so that the engine packages need not know the Store,
// which puts what they report in its own words (openError, judge,
// busyError).
type engine interface {
	// Name is "sqlite" (a file) or "postgres" (a server): Store.Engine.
	Name() string
	// Folder is the folder on this computer for the files that go with
	// the book: Store.Folder.
	Folder() string
	// Version reads the schema version the book records.
	Version(ctx context.Context) (int, error)
	// Close closes the connection pool and lets go of what the engine
	// holds besides (locks, the listening connection).
	Close() error

	// Sound says whether the book may be written to (nil) or is damaged;
	// Check checks the whole book now (Store.Check); WroteSound notes a
	// write to a book found sound.
	Sound(ctx context.Context) error
	Check(ctx context.Context) error
	WroteSound()

	// Serialize makes the writes under key take turns across seats.
	Serialize(ctx context.Context, tx *sql.Tx, key int64) error
	// Announce tells the other seats, when tx commits, that the book
	// changed.
	Announce(ctx context.Context, tx *sql.Tx) error
	// WriteFailed learns from the error of a write that did not commit;
	// cut says the connections were found cut, so that the Store opens
	// its watch connection afresh too.
	WriteFailed(err error) (cut bool)
	// BulkWrite readies tx for a very large write (the demo book); the
	// function it returns undoes that.
	BulkWrite(ctx context.Context, tx *sql.Tx) (undo func(), err error)
	// Scrub leaves no trace of rows just deleted (an erased client) in
	// what the engine keeps of them, on conn.
	Scrub(ctx context.Context, conn *sql.Conn) error

	// Changed reports whether another process or seat wrote since the
	// last look (first: the first look, which only takes note), asking
	// the Store's watch connection if it needs to; OwnWrite takes note of
	// a write of this Store, so that Changed does not report it. Callers
	// hold the Store's watchMu, with the watch connection open.
	Changed(ctx context.Context, watch *sql.Conn, first bool) (bool, error)
	OwnWrite(ctx context.Context, watch *sql.Conn)
	// Wake signals as soon as another seat wrote, or is nil when the
	// window has to look: Store.Wake.
	Wake() <-chan struct{}
	// ClockMargin is how far the clocks of the processes that write to
	// the book may be apart.
	ClockMargin() time.Duration

	// Backup writes a copy of the whole book, as a book file, into the
	// empty (or missing) file at path; errors.ErrUnsupported if the
	// engine cannot, and the Store copies the book into a file itself.
	Backup(ctx context.Context, path string) error
	// HoldOutbox takes the outbox's lock if it is free, until release is
	// called; release is nil (and err too) when another holds it.
	HoldOutbox(ctx context.Context) (release func(), err error)

	// What copying a book from one engine into another needs: ReadCopy,
	// the options of the transaction that reads the whole book at one
	// moment; ForeignKeysQuery and ColumnsQuery, the queries of the
	// tables' links (table, table it refers to) and columns (table,
	// column, type, Regulars' own bookkeeping left out); PauseTriggers and
	// ResumeTriggers, around the copy into this book of tables, in order
	// (what PauseTriggers returns goes back to ResumeTriggers; hasID
	// names the tables with an id column); and CopyRows, which writes the
	// rows of table read from rows into this book's transaction dst (on
	// conn), with the columns' types in this book.
	ReadCopy() *sql.TxOptions
	ForeignKeysQuery() string
	ColumnsQuery() string
	PauseTriggers(ctx context.Context, tx *sql.Tx, tables []string) (paused [][2]string, err error)
	ResumeTriggers(ctx context.Context, tx *sql.Tx, tables []string, hasID map[string]bool, paused [][2]string) error
	CopyRows(ctx context.Context, rows *sql.Rows, conn *sql.Conn, dst *sql.Tx, table string, columns []string, types map[string]string) (int64, error)
}

// The engines are the engine interface.
var (
	_ engine = (*sqlite.Book)(nil)
	_ engine = (*postgres.Book)(nil)
)
