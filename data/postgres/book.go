package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Book is a client book on a PostgreSQL server as the Store's engine (the
// Store's engine interface says what each method is for): its address,
// what it hears of the other seats, its advisory locks and COPY.
type Book struct {
	db      *sql.DB
	addr    Address
	dataDir string    // the user's Regulars folder on this computer
	latest  int       // the version this program's scripts bring a book to
	outbox  int64     // the key of the outbox's advisory lock
	seat    string    // this Book's name in the notifications it sends
	hearing *Listener // what it hears of the other seats' writes
}

// newBook makes the engine of the book at addr, reached through db (from
// NewConnector), opened with opt. It hears nothing of the other seats
// until its Listener listens.
func newBook(db *sql.DB, addr Address, opt Options) *Book {
	seat := make([]byte, 8)
	rand.Read(seat)
	b := &Book{db: db, addr: addr, dataDir: opt.DataDir, latest: len(opt.Scripts),
		outbox: opt.ApplicationID<<8 | 1, seat: hex.EncodeToString(seat)}
	b.hearing = NewListener(b.seat)
	return b
}

// Close stops listening and closes the connection pool.
func (b *Book) Close() error {
	b.hearing.Close()
	if b.db != nil {
		return b.db.Close()
	}
	return nil
}

// Announce tells the other seats, when tx commits, that the book changed.
func (b *Book) Announce(ctx context.Context, tx *sql.Tx) error {
	return Notify(ctx, tx, b.seat)
}

// Name is "postgres".
func (b *Book) Name() string { return "postgres" }

// Folder is a folder named after the server and database in the user's
// data folder.
func (b *Book) Folder() string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == '@' {
			return '_'
		}
		return r
	}, b.addr.User+"@"+b.addr.Host+"_"+b.addr.Port+"_"+b.addr.Database)
	return filepath.Join(b.dataDir, "servers", name)
}

// DisagreeError is what Check finds when what the triggers keep of some
// clients (their visit count, last visit and spend) disagrees with their
// visits.
type DisagreeError struct {
	Clients int64 // how many clients disagree
}

// Error says how many clients disagree with their visits.
func (e *DisagreeError) Error() string {
	return fmt.Sprintf("%d clients' visit counts, last visits or spend disagree with their visits", e.Clients)
}

// Check checks the book itself: the server keeps its own files sound, so
// what is checked is that the book answers, is of the version this
// program knows, and that what the triggers keep (each client's visit
// count, last visit and spend) agrees with the visit log; a disagreement
// is a *DisagreeError, reported, not repaired.
func (b *Book) Check(ctx context.Context) error {
	v, err := b.Version(ctx)
	if err != nil {
		return err
	}
	if v != b.latest {
		return fmt.Errorf("the book on %s is at version %d, this program's is %d", b.addr.String(), v, b.latest)
	}
	var wrong int64
	err = b.db.QueryRowContext(ctx, `SELECT count(*) FROM clients c LEFT JOIN (
			SELECT client_id, count(*) AS n, max(at) AS last, sum(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) AS spent
			FROM visits GROUP BY client_id) v ON v.client_id = c.id
		WHERE c.visit_count <> coalesce(v.n, 0) + c.history_extra_visits
			OR c.last_visit_at IS DISTINCT FROM (CASE WHEN c.history_last_at IS NOT NULL AND (v.last IS NULL OR c.history_last_at > v.last) THEN c.history_last_at ELSE v.last END)
			OR c.spent_cents <> coalesce(v.spent, 0) + c.history_extra_cents`).Scan(&wrong)
	if err != nil {
		return err
	}
	if wrong > 0 {
		return &DisagreeError{Clients: wrong}
	}
	return nil
}

// Version reads the version the book records, in today's numbering.
func (b *Book) Version(ctx context.Context) (int, error) {
	var v int
	if err := b.db.QueryRowContext(ctx, "SELECT version FROM regulars_book WHERE id = 1").Scan(&v); err != nil {
		return 0, err
	}
	return BookVersion(v)
}

// Sound is always nil: the server keeps its own files sound.
func (b *Book) Sound(context.Context) error { return nil }

// WroteSound does nothing: a book on a server has no stamp.
func (b *Book) WroteSound() {}

// Serialize takes a transaction-scoped advisory lock on key.
func (b *Book) Serialize(ctx context.Context, tx *sql.Tx, key int64) error {
	return LockTx(ctx, tx, key)
}

// WriteFailed drops the idle connections when the server could not be
// reached, since the others are likely cut too, and says so: the next
// write dials afresh instead of finding the other dead ones one by one.
func (b *Book) WriteFailed(err error) (cut bool) {
	if !errors.Is(err, ErrUnreachable) {
		return false
	}
	b.db.SetMaxIdleConns(0)
	b.db.SetMaxIdleConns(4)
	return true
}

// BulkWrite needs nothing on a server.
func (b *Book) BulkWrite(context.Context, *sql.Tx) (func(), error) { return func() {}, nil }

// Scrub vacuums the tables that held an erased client's rows: the server
// keeps the deleted rows' old versions until VACUUM frees their space
// (the README says what the server's WAL and dumps keep).
func (b *Book) Scrub(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "VACUUM clients, client_tags, visits, contacts, follow_ups, complaints, outbox, replies_seen, households"); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// Changed reports what the listening connection has heard of the other
// seats since the last look; it needs no watch connection.
func (b *Book) Changed(_ context.Context, _ *sql.Conn, first bool) (bool, error) {
	return b.hearing.Heard() && !first, nil
}

// OwnWrite does nothing: the seat's own notifications are not heard.
func (b *Book) OwnWrite(context.Context, *sql.Conn) {}

// Wake signals each write of another seat.
func (b *Book) Wake() <-chan struct{} { return b.hearing.Wake() }

// ClockMargin is a quarter of an hour: another seat's clock may be off
// by minutes.
func (b *Book) ClockMargin() time.Duration { return 15 * time.Minute }

// Backup is errors.ErrUnsupported: a server writes no book file, so the
// Store copies the book into one (which opens anywhere, and can be moved
// back to a server).
func (b *Book) Backup(context.Context, string) error { return errors.ErrUnsupported }

// HoldOutbox takes a session advisory lock, held by a connection of its
// own until release is called (the locks are per database, so one key,
// made of the application id, serves every book); release is nil (and err too) when another
// seat holds it.
func (b *Book) HoldOutbox(ctx context.Context) (release func(), err error) {
	conn, err := b.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	got, err := TryLock(ctx, conn, b.outbox)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if !got {
		conn.Close()
		return nil, nil
	}
	return func() { Unlock(conn, b.outbox) }, nil
}

// ReadCopy reads in a read-only snapshot, so that the copy is of one
// moment while other seats write.
func (b *Book) ReadCopy() *sql.TxOptions {
	return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
}

// ForeignKeysQuery reads the links from information_schema.
func (b *Book) ForeignKeysQuery() string {
	return `SELECT DISTINCT tc.table_name, ccu.table_name
			FROM information_schema.table_constraints tc
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`
}

// ColumnsQuery reads the columns from information_schema (citext by its
// name), regulars_book left out.
func (b *Book) ColumnsQuery() string {
	return `SELECT c.table_name, c.column_name, CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END
			FROM information_schema.columns c JOIN information_schema.tables t
			ON t.table_name = c.table_name AND t.table_schema = c.table_schema
			WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'regulars_book'`
}

// PauseTriggers switches the tables' triggers off.
func (b *Book) PauseTriggers(ctx context.Context, tx *sql.Tx, tables []string) ([][2]string, error) {
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t+" DISABLE TRIGGER USER"); err != nil {
			return nil, fmt.Errorf("pause the triggers of %s: %w", t, err)
		}
	}
	return nil, nil
}

// ResumeTriggers switches the triggers back on and sets the id sequence
// of every table with an id column (hasID) past the highest id copied.
func (b *Book) ResumeTriggers(ctx context.Context, tx *sql.Tx, tables []string, hasID map[string]bool, _ [][2]string) error {
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t+" ENABLE TRIGGER USER"); err != nil {
			return fmt.Errorf("restore the triggers of %s: %w", t, err)
		}
		if !hasID[t] {
			continue
		}
		var seq sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT pg_get_serial_sequence(?, 'id')", t).Scan(&seq); err != nil {
			return err
		}
		if !seq.Valid {
			continue
		}
		if _, err := tx.ExecContext(ctx, "SELECT setval(?, coalesce((SELECT max(id) FROM "+t+"), 0) + 1, false)", seq.String); err != nil {
			return fmt.Errorf("set the ids of %s: %w", t, err)
		}
	}
	return nil
}

// CopyRows sends the rows of table with COPY (see the function CopyRows).
func (b *Book) CopyRows(ctx context.Context, rows *sql.Rows, conn *sql.Conn, _ *sql.Tx, table string, columns []string, types map[string]string) (int64, error) {
	return CopyRows(ctx, rows, conn, table, columns, types)
}

// FirstVersion is the version a book on PostgreSQL is at once its first
// script ran: books on a server began after SQLite's version 9, so that
// script makes the whole book as SQLite's 1 to 9 leave it, and the
// PostgreSQL scripts 2 to 9 are empty. A book on a server is never at a
// version between 1 and 8.
const FirstVersion = 9

// oldVersions are the versions the PostgreSQL books recorded while their
// scripts were numbered on their own (1: the whole book as SQLite's
// version 9; 2: SQLite's 10), as the version they are now. A book on a
// server at version 9 or 10 is still recorded so (see RecordedVersion),
// so that a seat still running a Regulars of before one numbering goes on
// opening it; no other is recorded at a number below FirstVersion.
var oldVersions = map[int]int{1: 9, 2: 10}

// BookVersion is the version of a PostgreSQL book that records recorded.
func BookVersion(recorded int) (int, error) {
	if recorded > 0 && recorded < FirstVersion {
		v, ok := oldVersions[recorded]
		if !ok {
			return 0, fmt.Errorf("the book records version %d, which no Regulars made on a server", recorded)
		}
		return v, nil
	}
	return recorded, nil
}

// RecordedVersion is the number a PostgreSQL book at version records: its
// former number for 9 and 10, the version itself from 11 on.
func RecordedVersion(version int) int {
	for old, v := range oldVersions {
		if v == version {
			return old
		}
	}
	return version
}
