package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"regulars/data/postgres"
	"regulars/internal/clock"

	"github.com/jackc/pgx/v5/pgconn"
)

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
	scripts, err := pgMigrations()
	if err != nil {
		return nil, err
	}
	dataDir, err := DataFolder()
	if err != nil {
		dataDir = os.TempDir()
	}
	s := &Store{path: a.String(), Now: clock.Now}
	s.db = sql.OpenDB(postgres.NewConnector(config))
	p := postgres.NewBook(s.db, a, dataDir, len(scripts))
	s.eng = p
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
	if err := p.Listen(config); err != nil {
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
	if target < postgres.FirstVersion {
		target = postgres.FirstVersion
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
		if version, err = postgres.BookVersion(version); err != nil {
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
		if _, err := tx.ExecContext(ctx, "UPDATE regulars_book SET version = ? WHERE id = 1", postgres.RecordedVersion(target)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// dropWatch closes the watch connection after the connections to the
// server were found cut (the network or the server went away): it is
// opened again at the next look.
func (s *Store) dropWatch() {
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
}
