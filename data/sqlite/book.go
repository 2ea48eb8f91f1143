package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Book is a client book in an SQLite file as the Store's engine (the
// Store's engine interface says what each method is for): its locks, the
// verdict of its integrity check and what it knows of the file's changes.
type Book struct {
	db   *sql.DB
	path string
	lock *os.File // the exclusive lock of a window's book; nil for a command
	gate *os.File // the writers' gate of the book, held shared (see Enter)

	// aside is the copy taken before the last upgrade, or "" (see
	// CopiedAside).
	aside string

	// judge words what the integrity check met (see Options.Judge).
	judge func(err error) (verdict error, damaged bool)

	// The verdict of the integrity check, run before the first write (or
	// by Check): a damaged book is never written to (see Sound).
	checkMu sync.Mutex
	checked bool
	damage  error

	// dataVersion is PRAGMA data_version as last asked on the Store's
	// watch connection (the number is per connection). Guarded by the
	// Store's watchMu.
	dataVersion int64
}

// newBook makes the engine of the book file at path, reached through db
// (openDB), holding lock (the window's, from Lock, or nil) and gate (from
// Enter) until Close; judge is Options.Judge.
func newBook(db *sql.DB, path string, lock, gate *os.File, judge func(err error) (verdict error, damaged bool)) *Book {
	return &Book{db: db, path: path, lock: lock, gate: gate, judge: judge}
}

// openDB opens the connection pool of the book file at path.
func openDB(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// CopiedAside is where the copy taken before the upgrade Open made went,
// or "" if none was needed.
func (b *Book) CopiedAside() string { return b.aside }

// Name is "sqlite".
func (b *Book) Name() string { return "sqlite" }

// Folder is the book's own folder.
func (b *Book) Folder() string { return filepath.Dir(b.path) }

// Version reads PRAGMA user_version.
func (b *Book) Version(ctx context.Context) (int, error) {
	var v int
	if err := b.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// Close closes the connections and releases the locks other copies check.
func (b *Book) Close() error {
	var err error
	if b.db != nil {
		// db stays set: a late call gets "database is closed", not a crash.
		err = b.db.Close()
		// Closing folds the journal into the book, which changes its
		// stamp: take it again if the book was found sound.
		b.WroteSound()
	}
	if b.lock != nil {
		Unlock(b.lock)
		b.lock = nil
	}
	if b.gate != nil {
		Unlock(b.gate)
		b.gate = nil
	}
	return err
}

// DamageError is what SQLite's integrity check found wrong in a book.
type DamageError struct {
	Problems []string // at most three, and how many more
}

// Error lists the problems.
func (e *DamageError) Error() string {
	return "the integrity check found damage: " + strings.Join(e.Problems, "; ")
}

// QuickCheck runs PRAGMA quick_check on db: it reads every page of the
// book (a fraction of a second on a 300 MB book; see BenchmarkQuickCheck)
// but skips the slow cross-checks of the indexes that integrity_check
// does. Damage is a *DamageError.
func QuickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return err
		}
		for _, line := range strings.Split(msg, "\n") {
			// "*** in database main ***" heads the list; the rest are the
			// problems, such as "Tree 6 page 113 cell 5: Rowid 64 out of order".
			if line = strings.TrimSpace(line); line != "ok" && line != "" && !strings.HasPrefix(line, "***") {
				problems = append(problems, line)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
		}
		return &DamageError{Problems: problems}
	}
	return nil
}

// check runs the quick check and words its result (judge): the verdict,
// and whether it is one (the book is sound or damaged) or the check could
// not be made. Callers hold checkMu.
func (b *Book) check(ctx context.Context) (verdict error, judged bool) {
	err := QuickCheck(ctx, b.db)
	if err == nil {
		return nil, true
	}
	return b.judge(err)
}

// Check runs SQLite's quick integrity check and keeps its verdict.
func (b *Book) Check(ctx context.Context) error {
	b.checkMu.Lock()
	defer b.checkMu.Unlock()
	err, judged := b.check(ctx)
	if judged {
		b.checked, b.damage = true, err
		if err == nil {
			b.writeStamp()
		}
	}
	return err
}

// Sound runs the integrity check of a book file once, before the first
// write of this Store (unless the book is exactly as Regulars left it
// after a sound check), and returns its verdict: nil, or the damage as
// judge worded it. Commands that only read never pay for it.
func (b *Book) Sound(ctx context.Context) error {
	b.checkMu.Lock()
	defer b.checkMu.Unlock()
	if !b.checked {
		if b.stampMatches() {
			b.checked = true
		} else {
			err, judged := b.check(ctx)
			if !judged {
				return err // could not check (locked, cancelled): try again later
			}
			b.checked, b.damage = true, err
			if err == nil {
				b.writeStamp()
			}
		}
	}
	return b.damage
}

// WroteSound refreshes the stamp after a write of this Store to a book it
// found sound.
func (b *Book) WroteSound() {
	b.checkMu.Lock()
	defer b.checkMu.Unlock()
	if b.checked && b.damage == nil {
		b.writeStamp()
	}
}

// Serialize needs nothing: SQLite's write transactions take turns
// already.
func (b *Book) Serialize(context.Context, *sql.Tx, int64) error { return nil }

// Announce needs nothing: other processes see the file's data_version
// change.
func (b *Book) Announce(context.Context, *sql.Tx) error { return nil }

// WriteFailed does nothing: a file's connections are not cut.
func (b *Book) WriteFailed(error) bool { return false }

// BulkWrite gives tx a large page cache, which keeps the pages of a big
// transaction in memory instead of spilling them to the journal page by
// page.
func (b *Book) BulkWrite(ctx context.Context, tx *sql.Tx) (func(), error) {
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
		return nil, err
	}
	return func() { tx.ExecContext(ctx, "PRAGMA cache_size = -2000") }, nil
}

// Scrub folds the journal into the book, where secure_delete has zeroed
// the deleted rows, and empties it.
func (b *Book) Scrub(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("fold the journal: %w", err)
	}
	return nil
}

// Changed asks PRAGMA data_version on watch, which costs no read of the
// file.
func (b *Book) Changed(ctx context.Context, watch *sql.Conn, first bool) (bool, error) {
	var v int64
	if err := watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return false, err
	}
	changed := !first && v != b.dataVersion
	b.dataVersion = v
	return changed, nil
}

// OwnWrite takes the data_version after this Store's commit: the number
// counts the commits of every other connection, this Store's pool
// included.
func (b *Book) OwnWrite(ctx context.Context, watch *sql.Conn) {
	var v int64
	if err := watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err == nil {
		b.dataVersion = v
	}
}

// Wake is nil: the window looks every two seconds.
func (b *Book) Wake() <-chan struct{} { return nil }

// ClockMargin is five seconds: the processes that write to a file share
// this computer's clock.
func (b *Book) ClockMargin() time.Duration { return 5 * time.Second }

// Backup copies the book with VACUUM INTO, which fills an empty file, so
// that the copy keeps the owner-only mode it is made with.
func (b *Book) Backup(ctx context.Context, path string) error {
	out, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	out.Close()
	_, err = b.db.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// HoldOutbox locks the file beside the book named after it with
// "-sending"; release is nil (and err too) while another holds it.
func (b *Book) HoldOutbox(context.Context) (release func(), err error) {
	l, err := Lock(b.path + "-sending")
	if errors.Is(err, ErrWouldBlock) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("take the outbox: %w", err)
	}
	return func() { Unlock(l) }, nil
}

// ReadCopy is an ordinary transaction: SQLite's always read one moment.
func (b *Book) ReadCopy() *sql.TxOptions {
	return &sql.TxOptions{ReadOnly: false, Isolation: sql.LevelDefault}
}

// ForeignKeysQuery reads the links with pragma_foreign_key_list.
func (b *Book) ForeignKeysQuery() string {
	return `SELECT m.name, p."table" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'`
}

// ColumnsQuery reads the columns with pragma_table_info, SQLite's own
// tables left out.
func (b *Book) ColumnsQuery() string {
	return `SELECT m.name, p.name, p.type FROM sqlite_schema m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`
}

// PauseTriggers drops the triggers, since SQLite cannot switch them off,
// and returns them (name and definition) for ResumeTriggers to make again
// inside the same transaction.
func (b *Book) PauseTriggers(ctx context.Context, tx *sql.Tx, _ []string) (triggers [][2]string, err error) {
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
func (b *Book) ResumeTriggers(ctx context.Context, tx *sql.Tx, _ []string, _ map[string]bool, triggers [][2]string) error {
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, t[1]); err != nil {
			return fmt.Errorf("restore the trigger %s: %w", t[0], err)
		}
	}
	return nil
}

// CopyRows inserts the rows of table one by one, with one prepared
// statement.
func (b *Book) CopyRows(ctx context.Context, rows *sql.Rows, _ *sql.Conn, dst *sql.Tx, table string, columns []string, _ map[string]string) (int64, error) {
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
