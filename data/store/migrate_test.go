package store

import (
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/data"
	"regulars/data/postgres"
	"regulars/internal/pgtest"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// TestMigrationsOneNumbering holds the scripts to their one numbering:
// every version has a script for each engine, and the PostgreSQL scripts
// of the versions in its first one are empty.
func TestMigrationsOneNumbering(t *testing.T) {
	all, err := allMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != SchemaVersion() || len(all) < postgres.FirstVersion {
		t.Fatalf("%d migrations, schema version %d", len(all), SchemaVersion())
	}
	for _, m := range all {
		if postgres.EmptyScript(m.sqlite) {
			t.Errorf("version %d (%s) has no SQLite statement", m.version, m.name)
		}
		inFirst := m.version > 1 && m.version <= postgres.FirstVersion
		if postgres.EmptyScript(m.postgres) != inFirst {
			t.Errorf("version %d (%s): PostgreSQL script empty = %v, want %v", m.version, m.name, postgres.EmptyScript(m.postgres), inFirst)
		}
	}
}

// copyBook copies a book of testdata where a test may change it.
func copyBook(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestBookFilesMadeBeforeOneNumbering opens book files made by Regulars
// before its migrations had one numbering (testdata/book-v10.db as that
// code made a new book, testdata/book-v9.db at the version before, each
// with two clients and their visits): they open, the older is upgraded
// after a copy aside, and the clients are there with their figures.
func TestBookFilesMadeBeforeOneNumbering(t *testing.T) {
	for _, tc := range []struct {
		file    string
		upgrade bool
	}{{"book-v10.db", false}, {"book-v9.db", true}} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "regulars.db")
			copyBook(t, filepath.Join("testdata", tc.file), path)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
				t.Fatalf("version %d, %v; want %d", v, err, SchemaVersion())
			}
			if (s.BackupPath != "") != tc.upgrade {
				t.Fatalf("copy aside before the upgrade: %q, want one: %v", s.BackupPath, tc.upgrade)
			}
			checkOldClients(t, s)
			if err := s.Check(ctx); err != nil {
				t.Fatalf("check: %v", err)
			}
		})
	}
}

// checkOldClients checks the two clients of the old books: Ada Lovelace
// with one visit and Grace Hopper with two, 45.00 each.
func checkOldClients(t *testing.T, s *Store) {
	t.Helper()
	if n, err := s.ClientCount(ctx); err != nil || n != 2 {
		t.Fatalf("%d clients, %v; want 2", n, err)
	}
	for id, want := range map[int64]struct {
		name   string
		visits int
		spent  int64
	}{1: {"Ada Lovelace", 1, 4500}, 2: {"Grace Hopper", 2, 9000}} {
		c, err := s.Client(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var spent int64
		if err := s.DB().QueryRowContext(ctx, "SELECT spent_cents FROM clients WHERE id = ?", id).Scan(&spent); err != nil {
			t.Fatal(err)
		}
		if name := c.FirstName + " " + c.LastName; name != want.name || c.VisitCount != want.visits || spent != want.spent {
			t.Errorf("client %d: %s, %d visits, %d cents; want %s, %d, %d", id, name, c.VisitCount, spent, want.name, want.visits, want.spent)
		}
	}
	// A client added now has every column of today's schema.
	if _, err := s.AddClient(ctx, &data.Client{FirstName: "Katherine", LastName: "Johnson", NamePrefix: "Dr."}); err != nil {
		t.Fatalf("add a client to the upgraded book: %v", err)
	}
}

// TestServerBooksMadeBeforeOneNumbering builds PostgreSQL books as
// Regulars did while their scripts were numbered on their own
// (testdata/postgres-before-one-numbering: 1, the whole book as SQLite's
// version 9; 2, SQLite's 10) and opens them with today's code: both are at
// today's version with today's schema and their clients, and recorded at
// 2, as a new book is, so that a seat still running the older Regulars
// goes on opening them.
func TestServerBooksMadeBeforeOneNumbering(t *testing.T) {
	if !pgtest.Available() {
		t.Skip("no PostgreSQL test server: set " + pgtest.Env + " (make test-integration starts one)")
	}
	fresh, err := Open(pgtest.NewBook(t))
	if err != nil {
		t.Fatal(err)
	}
	want := pgSchemaOutline(t, fresh.DB())
	var recorded int
	if err := fresh.DB().QueryRowContext(ctx, "SELECT version FROM regulars_book WHERE id = 1").Scan(&recorded); err != nil || recorded != 2 {
		t.Fatalf("a new book records version %d, %v; want 2 (10 in the former numbering)", recorded, err)
	}
	fresh.Close()

	for _, tc := range []struct {
		recorded, after int
	}{{1, 2}, {2, 2}} {
		t.Run(string(rune('0'+tc.recorded)), func(t *testing.T) {
			addr := pgtest.NewBook(t)
			buildOldServerBook(t, addr, tc.recorded)
			s, err := Open(addr)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, err := s.Version(ctx); err != nil || v != SchemaVersion() {
				t.Fatalf("version %d, %v; want %d", v, err, SchemaVersion())
			}
			var recorded int
			if err := s.DB().QueryRowContext(ctx, "SELECT version FROM regulars_book WHERE id = 1").Scan(&recorded); err != nil || recorded != tc.after {
				t.Fatalf("recorded version %d, %v; want %d", recorded, err, tc.after)
			}
			if got := pgSchemaOutline(t, s.DB()); got != want {
				t.Errorf("schema differs from a new book's:\n%s\nwant:\n%s", got, want)
			}
			checkOldClients(t, s)
			if err := s.Check(ctx); err != nil {
				t.Fatalf("check: %v", err)
			}
		})
	}
}

// buildOldServerBook makes the book at addr as Regulars did before its
// scripts had one numbering, at the given version of that numbering, with
// the clients checkOldClients looks for.
func buildOldServerBook(t *testing.T, addr string, version int) {
	t.Helper()
	db, err := sql.Open("pgx", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	stmts := []string{`CREATE TABLE regulars_book (
		id             INTEGER PRIMARY KEY CHECK (id = 1),
		application_id BIGINT NOT NULL,
		version        INTEGER NOT NULL)`,
		"INSERT INTO regulars_book (id, application_id, version) VALUES (1, 1380404306, 0)"}
	for _, f := range []string{"0001_book.sql", "0002_history.sql"}[:version] {
		b, err := os.ReadFile(filepath.Join("testdata", "postgres-before-one-numbering", f))
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(b))
	}
	stmts = append(stmts, "UPDATE regulars_book SET version = "+string(rune('0'+version))+" WHERE id = 1",
		`INSERT INTO staff (name, created_at) VALUES ('Mira', '2026-12-01T10:00:00Z')`,
		`INSERT INTO clients (first_name, last_name, email, name_key, created_at, updated_at) VALUES ('Ada', 'Lovelace', 'Ada@example.com', 'ada lovelace', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')`,
		`INSERT INTO clients (first_name, last_name, email, name_key, created_at, updated_at) VALUES ('Grace', 'Hopper', 'Grace@example.com', 'grace hopper', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')`,
		`INSERT INTO visits (client_id, at, staff_id, what, amount_cents, created_at) VALUES (1, '2026-11-01T15:00:00Z', 1, 'cut', 4500, '2026-12-01T10:00:00Z')`,
		`INSERT INTO visits (client_id, at, staff_id, what, amount_cents, created_at) VALUES (2, '2026-11-01T15:00:00Z', 1, 'cut', 4500, '2026-12-01T10:00:00Z')`,
		`INSERT INTO visits (client_id, at, staff_id, what, amount_cents, created_at) VALUES (2, '2026-11-02T15:00:00Z', 1, 'cut', 4500, '2026-12-01T10:00:00Z')`)
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// pgSchemaOutline lists a PostgreSQL book's columns, indexes, triggers and
// functions, one a line, in order, to compare two books' schemas.
func pgSchemaOutline(t *testing.T, db *sql.DB) string {
	t.Helper()
	var lines []string
	for _, q := range []string{
		`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1`,
		`SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`,
		`SELECT event_object_table || ' ' || trigger_name || ' ' || event_manipulation FROM information_schema.triggers WHERE trigger_schema = current_schema() ORDER BY 1`,
		`SELECT p.proname || ' ' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() ORDER BY 1`,
	} {
		rs, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rs.Next() {
			var l string
			if err := rs.Scan(&l); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, l)
		}
		rs.Close()
	}
	return strings.Join(lines, "\n")
}
