package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"regulars/data/postgres"
	"regulars/internal/clock"

	"github.com/jackc/pgx/v5/pgconn"
)

// pgBook is the engine of a book on a PostgreSQL server (see engine): its
// address, and what it hears of the other seats.
type pgBook struct {
	s       *Store
	addr    postgres.Address
	seat    string             // this Store's name in the notifications it sends
	hearing *postgres.Listener // what it hears of the other seats' writes
}

// openPostgres opens the book at addr, creating its tables in an empty
// database and upgrading older ones.
func openPostgres(addr string, target int) (*Store, error) {
	a, err := postgres.ParseAddress(addr)
	if err != nil {
		return nil, &OpenError{Path: postgres.Redact(addr), Reason: err.Error(), Err: ErrNotBook, Cause: err}
	}
	config, err := postgres.Config(a)
	if err != nil {
		return nil, &OpenError{Path: a.String(), Reason: err.Error(), Err: ErrNotBook, Cause: err}
	}
	seat := make([]byte, 8)
	rand.Read(seat)
	p := &pgBook{addr: a, seat: hex.EncodeToString(seat)}
	p.hearing = postgres.NewListener(p.seat)
	s := &Store{path: a.String(), Now: clock.Now, eng: p}
	p.s = s
	s.db = sql.OpenDB(postgres.NewConnector(config))
	s.db.SetMaxOpenConns(6)
	s.db.SetMaxIdleConns(4)
	s.db.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, pgOpenError(a, err)
	}
	if err := s.initPostgres(ctx, target); err != nil {
		s.db.Close()
		var oe *OpenError
		if errors.As(err, &oe) {
			oe.Path = a.String()
			return nil, oe
		}
		return nil, pgOpenError(a, err)
	}
	if err := p.hearing.Listen(config); err != nil {
		s.db.Close()
		return nil, pgOpenError(a, err)
	}
	return s, nil
}

// pgOpenError explains in plain words why the server did not open the book.
func pgOpenError(a postgres.Address, err error) error {
	oe := &OpenError{Path: a.String(), Err: postgres.ErrUnreachable, Cause: err}
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000"):
		oe.Err = postgres.ErrPassword
		oe.Reason = "the server refused the password of " + a.User
		oe.Advice = "Check the password (regulars password " + a.String() + ", $PGPASSWORD or ~/.pgpass)"
	case errors.As(err, &pe) && pe.Code == "3D000":
		oe.Err = ErrNotBook
		oe.Reason = "there is no database " + a.Database + " on " + a.Host
		oe.Advice = "Create it on the server (createdb -O " + a.User + " " + a.Database + ") or check its name"
	case errors.As(err, &pe) && pe.Code == "42501":
		oe.Err = ErrReadOnly
		oe.Reason = a.User + " may not create or change the book's tables (" + pe.Message + ")"
		oe.Advice = "Make " + a.User + " the owner of the database (ALTER DATABASE " + a.Database + " OWNER TO " + a.User + ")"
	case strings.Contains(err.Error(), "password") && (strings.Contains(err.Error(), "no password") || strings.Contains(err.Error(), "password authentication")):
		oe.Err = postgres.ErrPassword
		oe.Reason = "the server wants a password for " + a.User
		oe.Advice = "Give it once with: regulars password " + a.String() + " (it is kept in the system keyring), or set $PGPASSWORD or ~/.pgpass"
	case strings.Contains(err.Error(), "server refused TLS") || strings.Contains(err.Error(), "SSL is not enabled"):
		oe.Err = postgres.ErrUnreachable
		oe.Reason = "the server at " + a.Host + " does not offer TLS, which Regulars needs to reach another computer"
		oe.Advice = "Turn on ssl in the server's postgresql.conf (Debian does by default) and restart it"
	default:
		oe.Reason = "the server at " + net.JoinHostPort(a.Host, a.Port) + " does not answer (" + postgres.PlainNetError(err) + ")"
		oe.Advice = "Check that the computer with the book is on, that PostgreSQL runs there, and that this computer is on the same network; nothing was changed"
	}
	return oe
}

// pgSchema is where a PostgreSQL book records what it is and its version.
const pgSchema = `CREATE TABLE IF NOT EXISTS regulars_book (
	id             INTEGER PRIMARY KEY CHECK (id = 1),
	application_id BIGINT NOT NULL,
	version        INTEGER NOT NULL
)`

// initPostgres checks that the database is empty or a Regulars book, and
// brings its tables up to date. Two seats opening an old book at once
// upgrade it one after the other (an advisory lock), the second finding it
// done.
func (s *Store) initPostgres(ctx context.Context, target int) error {
	all, err := pgMigrations()
	if err != nil {
		return err
	}
	if target > len(all) || target <= 0 {
		target = len(all)
	}
	if target < pgFirstVersion {
		target = pgFirstVersion
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(ApplicationID)); err != nil {
		return err
	}
	var hasBook bool
	if err := tx.QueryRowContext(ctx, "SELECT to_regclass('regulars_book') IS NOT NULL").Scan(&hasBook); err != nil {
		return err
	}
	version := 0
	if hasBook {
		var app int64
		if err := tx.QueryRowContext(ctx, "SELECT application_id, version FROM regulars_book WHERE id = 1").Scan(&app, &version); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if app != 0 && app != ApplicationID {
			return &OpenError{Reason: "the database holds another program's data", Advice: "Give Regulars a database of its own", Err: ErrNotBook}
		}
		if version, err = pgVersion(version); err != nil {
			return &OpenError{Reason: err.Error(), Advice: "Tell whoever looks after the server; the book was left as it is", Err: ErrCorrupt, Cause: err}
		}
	} else {
		var tables int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			return &OpenError{Reason: "the database already holds tables of another program", Advice: "Give Regulars an empty database of its own (createdb -O USER regulars)", Err: ErrNotBook}
		}
		if _, err := tx.ExecContext(ctx, pgSchema); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO regulars_book (id, application_id, version) VALUES (1, ?, 0)", int64(ApplicationID)); err != nil {
			return err
		}
	}
	if version > len(all) {
		return &OpenError{
			Reason: fmt.Sprintf("it was saved by a newer version of Regulars (book version %d, this program knows up to %d)", version, len(all)),
			Advice: "Install the newest Regulars on this computer too; the book was left as it is",
			Err:    ErrNewerVersion,
		}
	}
	for v := version; v < target; v++ {
		if onlyComments(all[v]) {
			continue // a version already in the first script
		}
		if _, err := tx.ExecContext(ctx, all[v]); err != nil {
			return fmt.Errorf("upgrade the book to version %d: %w", v+1, err)
		}
	}
	if version < target {
		if _, err := tx.ExecContext(ctx, "UPDATE regulars_book SET version = ? WHERE id = 1", pgRecorded(target)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// close stops listening and closes the connection pool.
func (p *pgBook) close() error {
	p.hearing.Close()
	if p.s.db != nil {
		return p.s.db.Close()
	}
	return nil
}

// announce tells the other seats, when tx commits, that the book changed.
func (p *pgBook) announce(ctx context.Context, tx *sql.Tx) error {
	return postgres.Notify(ctx, tx, p.seat)
}

// name is "postgres".
func (p *pgBook) name() string { return enginePostgres }

// folder is a folder named after the server and database in the user's
// data folder.
func (p *pgBook) folder() string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == '@' {
			return '_'
		}
		return r
	}, p.addr.User+"@"+p.addr.Host+"_"+p.addr.Port+"_"+p.addr.Database)
	dir, err := DataFolder()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "servers", name)
}

// dropConnections closes the idle connections to the server after one of
// them was found cut (the network or the server went away): the next
// write dials afresh instead of finding the other dead ones one by one,
// and the watch connection is opened again at the next look.
func (s *Store) dropConnections() {
	s.db.SetMaxIdleConns(0)
	s.db.SetMaxIdleConns(4)
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
}

// checkServerBook checks a book on a server: the server keeps its own
// files sound, so what is checked is the book itself — that it answers,
// is of a version this program knows, and that what the triggers keep
// (each client's visit count, last visit and spend) agrees with the visit
// log. A disagreement is reported, not repaired.
func (s *Store) checkServerBook(ctx context.Context) error {
	v, err := s.Version(ctx)
	if err != nil {
		return busyError(err)
	}
	all, err := pgMigrations()
	if err != nil {
		return err
	}
	if v != len(all) {
		return fmt.Errorf("the book on %s is at version %d, this program's is %d", s.path, v, len(all))
	}
	var wrong int64
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM clients c LEFT JOIN (
			SELECT client_id, count(*) AS n, max(at) AS last, sum(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END) AS spent
			FROM visits GROUP BY client_id) v ON v.client_id = c.id
		WHERE c.visit_count <> coalesce(v.n, 0) + c.history_extra_visits
			OR c.last_visit_at IS DISTINCT FROM (CASE WHEN c.history_last_at IS NOT NULL AND (v.last IS NULL OR c.history_last_at > v.last) THEN c.history_last_at ELSE v.last END)
			OR c.spent_cents <> coalesce(v.spent, 0) + c.history_extra_cents`).Scan(&wrong)
	if err != nil {
		return busyError(err)
	}
	if wrong > 0 {
		return &OpenError{Path: s.path, Err: ErrCorrupt,
			Reason: fmt.Sprintf("%d clients' visit counts, last visits or spend disagree with their visits", wrong),
			Advice: "Back the book up (regulars backup) and tell whoever looks after the server; nothing was changed"}
	}
	return nil
}

// The rest of the engine of a book on a server (see engine).

// version reads the version the book records, in today's numbering.
func (p *pgBook) version(ctx context.Context) (int, error) {
	var v int
	if err := p.s.db.QueryRowContext(ctx, "SELECT version FROM regulars_book WHERE id = 1").Scan(&v); err != nil {
		return 0, err
	}
	return pgVersion(v)
}

// sound is always nil: the server keeps its own files sound.
func (p *pgBook) sound(context.Context) error { return nil }

// check checks the book itself (checkServerBook).
func (p *pgBook) check(ctx context.Context) error { return p.s.checkServerBook(ctx) }

// wroteSound does nothing: a book on a server has no stamp.
func (p *pgBook) wroteSound() {}

// serialize takes a transaction-scoped advisory lock on key.
func (p *pgBook) serialize(ctx context.Context, tx *sql.Tx, key int64) error {
	return postgres.LockTx(ctx, tx, key)
}

// writeFailed drops the idle connections when the server could not be
// reached: the others are likely cut too.
func (p *pgBook) writeFailed(err error) {
	if errors.Is(err, postgres.ErrUnreachable) {
		p.s.dropConnections()
	}
}

// bulkWrite needs nothing on a server.
func (p *pgBook) bulkWrite(context.Context, *sql.Tx) (func(), error) { return func() {}, nil }

// scrub vacuums the tables that held an erased client's rows: the server
// keeps the deleted rows' old versions until VACUUM frees their space
// (the README says what the server's WAL and dumps keep).
func (p *pgBook) scrub(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "VACUUM clients, client_tags, visits, contacts, follow_ups, complaints, outbox, replies_seen, households"); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// changed reports what the listening connection has heard of the other
// seats since the last look.
func (p *pgBook) changed(_ context.Context, first bool) (bool, error) {
	return p.hearing.Heard() && !first, nil
}

// ownWrite does nothing: the seat's own notifications are not heard.
func (p *pgBook) ownWrite(context.Context) {}

// wake signals each write of another seat.
func (p *pgBook) wake() <-chan struct{} { return p.hearing.Wake() }

// clockMargin is a quarter of an hour: another seat's clock may be off
// by minutes.
func (p *pgBook) clockMargin() time.Duration { return 15 * time.Minute }

// backup writes the book as a book file, which opens anywhere (and can be
// moved back to a server).
func (p *pgBook) backup(ctx context.Context, path string) error { return p.s.backupToFile(ctx, path) }

// holdOutbox takes a session advisory lock, held by a connection of its
// own until the hold is released.
func (p *pgBook) holdOutbox(ctx context.Context) (*OutboxHold, error) {
	conn, err := p.s.db.Conn(ctx)
	if err != nil {
		return nil, busyError(err)
	}
	got, err := postgres.TryLock(ctx, conn, outboxLockKey)
	if err != nil {
		conn.Close()
		return nil, busyError(err)
	}
	if !got {
		conn.Close()
		return nil, ErrOutboxBusy
	}
	return &OutboxHold{release: func() { postgres.Unlock(conn, outboxLockKey) }}, nil
}

// readCopy reads in a read-only snapshot, so that the copy is of one
// moment while other seats write.
func (p *pgBook) readCopy() *sql.TxOptions {
	return &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
}

// foreignKeysQuery reads the links from information_schema.
func (p *pgBook) foreignKeysQuery() string {
	return `SELECT DISTINCT tc.table_name, ccu.table_name
			FROM information_schema.table_constraints tc
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`
}

// columnsQuery reads the columns from information_schema (citext by its
// name), regulars_book left out.
func (p *pgBook) columnsQuery() string {
	return `SELECT c.table_name, c.column_name, CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END
			FROM information_schema.columns c JOIN information_schema.tables t
			ON t.table_name = c.table_name AND t.table_schema = c.table_schema
			WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'regulars_book'`
}

// pauseTriggers switches the tables' triggers off.
func (p *pgBook) pauseTriggers(ctx context.Context, tx *sql.Tx, order []copiedTable) ([][2]string, error) {
	for _, t := range order {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t.name+" DISABLE TRIGGER USER"); err != nil {
			return nil, fmt.Errorf("pause the triggers of %s: %w", t.name, err)
		}
	}
	return nil, nil
}

// resumeTriggers switches the triggers back on and sets every id
// sequence past the highest id copied.
func (p *pgBook) resumeTriggers(ctx context.Context, tx *sql.Tx, order []copiedTable, _ [][2]string) error {
	for _, t := range order {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE "+t.name+" ENABLE TRIGGER USER"); err != nil {
			return fmt.Errorf("restore the triggers of %s: %w", t.name, err)
		}
		if !t.hasID {
			continue
		}
		var seq sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT pg_get_serial_sequence(?, 'id')", t.name).Scan(&seq); err != nil {
			return err
		}
		if !seq.Valid {
			continue
		}
		if _, err := tx.ExecContext(ctx, "SELECT setval(?, coalesce((SELECT max(id) FROM "+t.name+"), 0) + 1, false)", seq.String); err != nil {
			return fmt.Errorf("set the ids of %s: %w", t.name, err)
		}
	}
	return nil
}

// copyRows sends the rows with COPY (postgres.CopyRows).
func (p *pgBook) copyRows(ctx context.Context, rows *sql.Rows, conn *sql.Conn, _ *sql.Tx, t copiedTable) (int64, error) {
	return postgres.CopyRows(ctx, rows, conn, t.name, t.columns, t.pgTypes)
}
