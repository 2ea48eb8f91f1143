package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Why a book on a server could not be opened, besides ErrPassword and
// ErrUnreachable: the kinds of an *OpenError, for errors.Is.
var (
	ErrNotBook      = errors.New("the database is not a Regulars client book")
	ErrCorrupt      = errors.New("the book on the server is not as Regulars leaves it")
	ErrNewerVersion = errors.New("the book on the server is from a newer version of Regulars")
	ErrReadOnly     = errors.New("the book's tables may not be changed")
)

// OpenError says in plain words why a book on a server could not be
// opened, and what to do; the Store words it as its own.
type OpenError struct {
	Reason string // what is wrong, in plain words
	Advice string // what to do about it
	Err    error  // ErrNotBook, ErrPassword, ErrUnreachable...
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

// Options are what opening a book on a server takes from the program.
type Options struct {
	// ApplicationID marks the database as a client book.
	ApplicationID int64
	// Scripts are the migration scripts in order: script i brings the
	// book to version i+1.
	Scripts []string
	// Target is the version to bring the book to (0: the newest).
	Target int
	// DataDir is the user's Regulars folder on this computer, under
	// which Book.Folder names the book's.
	DataDir string
}

// Open opens the book at a, creating its tables in an empty database and
// upgrading older ones, and starts hearing the other seats; it returns
// the engine and the connection pool it holds until Close. Why it could
// not is an *OpenError.
func Open(a Address, opt Options) (*Book, *sql.DB, error) {
	config, err := Config(a)
	if err != nil {
		return nil, nil, &OpenError{Reason: err.Error(), Err: ErrNotBook, Cause: err}
	}
	db := sql.OpenDB(NewConnector(config))
	b := newBook(db, a, opt)
	db.SetMaxOpenConns(6)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, openError(a, err)
	}
	if err := b.migrate(ctx, opt); err != nil {
		db.Close()
		var oe *OpenError
		if errors.As(err, &oe) {
			return nil, nil, oe
		}
		return nil, nil, openError(a, err)
	}
	if err := b.hearing.Listen(config); err != nil {
		db.Close()
		return nil, nil, openError(a, err)
	}
	return b, db, nil
}

// openError explains in plain words why the server did not open the book.
func openError(a Address, err error) error {
	oe := &OpenError{Err: ErrUnreachable, Cause: err}
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000"):
		oe.Err = ErrPassword
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
		oe.Err = ErrPassword
		oe.Reason = "the server wants a password for " + a.User
		oe.Advice = "Give it once with: regulars password " + a.String() + " (it is kept in the system keyring), or set $PGPASSWORD or ~/.pgpass"
	case strings.Contains(err.Error(), "server refused TLS") || strings.Contains(err.Error(), "SSL is not enabled"):
		oe.Err = ErrUnreachable
		oe.Reason = "the server at " + a.Host + " does not offer TLS, which Regulars needs to reach another computer"
		oe.Advice = "Turn on ssl in the server's postgresql.conf (Debian does by default) and restart it"
	default:
		oe.Reason = "the server at " + net.JoinHostPort(a.Host, a.Port) + " does not answer (" + PlainNetError(err) + ")"
		oe.Advice = "Check that the computer with the book is on, that PostgreSQL runs there, and that this computer is on the same network; nothing was changed"
	}
	return oe
}

// bookTable is where a PostgreSQL book records what it is and its
// version.
const bookTable = `CREATE TABLE IF NOT EXISTS regulars_book (
	id             INTEGER PRIMARY KEY CHECK (id = 1),
	application_id BIGINT NOT NULL,
	version        INTEGER NOT NULL
)`

// migrate checks that the database is empty or a Regulars book, and
// brings its tables up to date. Two seats opening an old book at once
// upgrade it one after the other (an advisory lock), the second finding it
// done.
func (b *Book) migrate(ctx context.Context, opt Options) error {
	all := opt.Scripts
	target := opt.Target
	if target > len(all) || target <= 0 {
		target = len(all)
	}
	if target < FirstVersion {
		target = FirstVersion
	}
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", opt.ApplicationID); err != nil {
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
		if app != 0 && app != opt.ApplicationID {
			return &OpenError{Reason: "the database holds another program's data", Advice: "Give Regulars a database of its own", Err: ErrNotBook}
		}
		if version, err = BookVersion(version); err != nil {
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
		if _, err := tx.ExecContext(ctx, bookTable); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO regulars_book (id, application_id, version) VALUES (1, ?, 0)", opt.ApplicationID); err != nil {
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
		if EmptyScript(all[v]) {
			continue // a version already in the first script
		}
		if _, err := tx.ExecContext(ctx, all[v]); err != nil {
			return fmt.Errorf("upgrade the book to version %d: %w", v+1, err)
		}
	}
	if version < target {
		if _, err := tx.ExecContext(ctx, "UPDATE regulars_book SET version = ? WHERE id = 1", RecordedVersion(target)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// EmptyScript reports whether a script has no statement, as the
// PostgreSQL scripts of the versions already in the first one.
func EmptyScript(script string) bool {
	for _, l := range strings.Split(script, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "--") {
			return false
		}
	}
	return true
}
