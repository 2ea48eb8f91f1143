package store

import (
	"path/filepath"
	"testing"
	"time"

	"regulars/internal/pgtest"
)

// The tests that define the store's behaviour open their book with
// openTest. With $REGULARS_TEST_POSTGRES set (make test-integration) the
// book is a fresh database on that PostgreSQL server, so that the same
// suite runs on both engines; otherwise it is a file.

// onPostgres reports whether this run of the suite is on PostgreSQL.
func onPostgres() bool { return pgtest.Available() }

// openTest opens a fresh book with a pinned clock, on the engine of this run.
func openTest(t testing.TB) *Store {
	t.Helper()
	name := filepath.Join(t.TempDir(), "regulars.db")
	if onPostgres() {
		name = pgtest.NewBook(t)
	}
	s, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

// fileOnly skips a test of what only a book file has (its locks, its
// backups by file copy, its damage); the PostgreSQL run says so.
func fileOnly(t testing.TB) {
	t.Helper()
	if onPostgres() {
		t.Skip("about the book file itself; on PostgreSQL the server keeps the files")
	}
}
