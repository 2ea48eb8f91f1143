package data

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// These tests hold the PostgreSQL schema (migrations/postgres) to the
// SQLite book's: the same statements run on a new SQLite book and on a new
// PostgreSQL database must leave the same derived columns (the triggers),
// be refused or accepted alike (the constraints), and the two must have the
// same tables, columns, indexes, triggers and starting templates. They run
// when REGULARS_TEST_POSTGRES names a server (make test-integration starts
// one); each creates a database of its own there and drops it at the end.

// schemaPair is a new SQLite book and a new PostgreSQL database with the
// PostgreSQL schema applied, side by side.
type schemaPair struct {
	lite, pg *sql.DB
}

// newSchemaPair opens both, or skips the test when there is no server.
func newSchemaPair(t *testing.T) schemaPair {
	t.Helper()
	server := os.Getenv("REGULARS_TEST_POSTGRES")
	if server == "" {
		t.Skip("REGULARS_TEST_POSTGRES is not set: no PostgreSQL server to test the schema on (make test-integration starts one)")
	}
	s, err := Open(filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })

	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("open %s: %v", server, err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("regulars_schema_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create a database for the test on %s: %v", server, err)
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("parse %s: %v", server, err)
	}
	u.Path = "/" + name
	pg, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pg.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop the test database %s: %v", name, err)
		}
	})
	script, err := os.ReadFile(filepath.Join("migrations", "postgres", "0001_book.sql"))
	if err != nil {
		t.Fatal(err)
	}
	// Without arguments pgx sends the script as one simple query: every
	// statement in one implicit transaction, as the store applies it.
	if _, err := pg.ExecContext(ctx, string(script)); err != nil {
		t.Fatalf("apply migrations/postgres/0001_book.sql: %v", err)
	}
	return schemaPair{lite: s.DB(), pg: pg}
}

var placeholder = regexp.MustCompile(`\?`)

// forPostgres rewrites a query of data/*.go as the PostgreSQL driver does:
// ? becomes $1, $2, … and the words COLLATE NOCASE go (citext columns
// compare without case by themselves).
func forPostgres(query string) string {
	n := 0
	query = placeholder.ReplaceAllStringFunc(query, func(string) string {
		n++
		return "$" + strconv.Itoa(n)
	})
	return strings.ReplaceAll(query, " COLLATE NOCASE", "")
}

// exec runs one statement on both engines and returns the errors.
func (p schemaPair) exec(query string, args ...any) (liteErr, pgErr error) {
	_, liteErr = p.lite.ExecContext(ctx, query, args...)
	_, pgErr = p.pg.ExecContext(ctx, forPostgres(query), args...)
	return liteErr, pgErr
}

// rows reads a query's rows from one engine as text, NULL as "NULL".
func rows(t *testing.T, db *sql.DB, query string, args ...any) [][]string {
	t.Helper()
	rs, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				row[i] = "NULL"
			case []byte:
				row[i] = string(v)
			default:
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// both reads a query's rows from both engines.
func (p schemaPair) both(t *testing.T, query string, args ...any) (lite, pg [][]string) {
	t.Helper()
	return rows(t, p.lite, query, args...), rows(t, p.pg, forPostgres(query), args...)
}

// derivedState is every column the triggers keep, on both engines.
func (p schemaPair) derivedState(t *testing.T) (lite, pg string) {
	t.Helper()
	const clients = `SELECT id, last_visit_at, visit_count, first_visit_at, spent_cents,
		last_contact_at, last_contact_kind, last_thank_you_at FROM clients ORDER BY id`
	const months = "SELECT month, visits FROM visit_months ORDER BY month"
	lc, pc := p.both(t, clients)
	lm, pm := p.both(t, months)
	return fmt.Sprint(lc, lm), fmt.Sprint(pc, pm)
}

func TestPostgresTriggersMatchSQLite(t *testing.T) {
	p := newSchemaPair(t)
	const day = "2026-01-01T00:00:00Z"
	setup := []string{
		"INSERT INTO staff (name, created_at) VALUES ('Bea', '" + day + "')",
		"INSERT INTO clients (first_name, created_at, updated_at) VALUES ('Ana', '" + day + "', '" + day + "')",
		"INSERT INTO clients (first_name, created_at, updated_at) VALUES ('Ben', '" + day + "', '" + day + "')",
		"INSERT INTO clients (company, created_at, updated_at) VALUES ('Cafe Cid', '" + day + "', '" + day + "')",
	}
	for _, q := range setup {
		if le, pe := p.exec(q); le != nil || pe != nil {
			t.Fatalf("%s: SQLite: %v; PostgreSQL: %v", q, le, pe)
		}
	}
	visit := "INSERT INTO visits (client_id, at, staff_id, amount_cents, created_at) VALUES "
	contact := "INSERT INTO contacts (client_id, at, kind, visit_id, thank_you, occasion, created_at) VALUES "
	// Each step must change what the triggers keep, unless still is set:
	// then it must leave it as it was.
	steps := []struct {
		name  string
		query string
		args  []any
		still bool
	}{
		{"a client's first visit", visit + "(?, ?, 1, ?, ?)", []any{1, "2026-03-10T10:00:00Z", 2500, day}, false},
		{"an earlier visit logged later, no amount", visit + "(?, ?, NULL, NULL, ?)", []any{1, "2026-01-05T09:00:00Z", day}, false},
		{"a visit of amount 0", visit + "(1, '2026-03-20T15:30:00Z', 1, 0, '" + day + "')", nil, false},
		{"three visits in one statement", visit + "(2, '2026-02-01T12:00:00Z', 1, 1000, '" + day + "'), " +
			"(2, '2026-02-15T12:00:00Z', NULL, 500, '" + day + "'), (2, '2025-12-31T23:59:59Z', 1, 700, '" + day + "')", nil, false},
		{"the contact of visit 1", contact + "(1, '2026-03-10T10:00:00Z', 'visit', 1, 0, '', '" + day + "')", nil, false},
		{"a thank-you card", contact + "(1, '2026-03-12T08:00:00Z', 'card', NULL, 1, 'thanks', '" + day + "')", nil, false},
		{"an older call logged later", contact + "(1, '2026-02-01T00:00:00Z', 'call', NULL, 0, '', '" + day + "')", nil, true},
		{"a contact at the same instant: its kind wins", contact + "(1, '2026-03-12T08:00:00Z', 'email', NULL, 0, '', '" + day + "')", nil, false},
		{"contacts in one statement, thank-yous among them", contact +
			"(2, '2026-02-02T10:00:00Z', 'card', NULL, 1, 'thanks', '" + day + "'), " +
			"(2, '2026-02-20T10:00:00Z', 'text', NULL, 0, '', '" + day + "'), " +
			"(2, '2026-02-16T10:00:00Z', 'email', NULL, 1, 'thanks', '" + day + "')", nil, false},
		{"a visit moved to another month", "UPDATE visits SET at = ? WHERE id = ?", []any{"2026-04-02T11:00:00Z", 2}, false},
		{"a visit moved to another client", "UPDATE visits SET client_id = 3 WHERE id = 5", nil, false},
		{"an amount removed", "UPDATE visits SET amount_cents = NULL WHERE id = 1", nil, false},
		{"an amount added", "UPDATE visits SET amount_cents = 4200 WHERE id = 3", nil, false},
		{"a visit's note edited", "UPDATE visits SET note = 'blue' WHERE id = 3", nil, true},
		{"every visit of a client moved a year back in one statement", "UPDATE visits SET at = '2025-' || substr(at, 6) WHERE client_id = 1", nil, false},
		{"the kept figures spoiled by hand", "UPDATE clients SET visit_count = 99, last_visit_at = NULL, first_visit_at = NULL, spent_cents = 1, " +
			"last_contact_at = NULL, last_contact_kind = 'x', last_thank_you_at = NULL", nil, false},
		{"visits' times set unchanged: the triggers still run", "UPDATE visits SET at = at", nil, false},
		{"spent spoiled again", "UPDATE clients SET spent_cents = 7", nil, false},
		{"visits' amounts set unchanged: the triggers still run", "UPDATE visits SET amount_cents = amount_cents", nil, false},
		{"contacts' kinds set unchanged: the triggers still run", "UPDATE contacts SET kind = kind", nil, false},
		{"contacts' thank-yous set unchanged: the triggers still run", "UPDATE contacts SET thank_you = thank_you", nil, false},
		{"a contact's kind changed", "UPDATE contacts SET kind = 'call' WHERE id = 4", nil, false},
		{"a thank-you unmarked", "UPDATE contacts SET thank_you = 0 WHERE id = 2", nil, false},
		{"a contact moved to another client", "UPDATE contacts SET client_id = 3 WHERE id = 6", nil, false},
		{"a contact's time changed", "UPDATE contacts SET at = '2026-05-01T09:00:00Z' WHERE id = 7", nil, false},
		{"a contact's note edited", "UPDATE contacts SET note = 'rang twice' WHERE id = 7", nil, true},
		{"a thank-you deleted", "DELETE FROM contacts WHERE id = 7", nil, false},
		{"a visit deleted, its contact with it", "DELETE FROM visits WHERE id = 1", nil, false},
		{"a client's visits deleted in one statement", "DELETE FROM visits WHERE client_id = 2", nil, false},
		{"calls deleted", "DELETE FROM contacts WHERE kind = 'call'", nil, false},
		{"a client erased with its log", "DELETE FROM clients WHERE id = 3", nil, false},
	}
	last, _ := p.derivedState(t)
	for _, st := range steps {
		le, pe := p.exec(st.query, st.args...)
		if le != nil || pe != nil {
			t.Fatalf("%s: SQLite: %v; PostgreSQL: %v", st.name, le, pe)
		}
		lite, pg := p.derivedState(t)
		if lite != pg {
			t.Fatalf("%s: the engines differ\nSQLite:     %s\nPostgreSQL: %s", st.name, lite, pg)
		}
		if changed := lite != last; changed == st.still {
			t.Errorf("%s: changed the kept figures: %v, want %v\nbefore: %s\nafter:  %s", st.name, changed, !st.still, last, lite)
		}
		last = lite
	}
	// The end state, spelled out, so that the comparison above cannot pass
	// with both engines wrong in the same way unnoticed.
	lite, _ := p.derivedState(t)
	want := "[[1 2025-04-02T11:00:00Z 2 2025-03-20T15:30:00Z 4200 2026-03-12T08:00:00Z card NULL] " +
		"[2 NULL 0 NULL 0 2026-02-02T10:00:00Z card 2026-02-02T10:00:00Z]] " +
		"[[2025-03 1] [2025-04 1] [2025-12 0] [2026-01 0] [2026-02 0] [2026-03 0] [2026-04 0]]"
	if lite != want {
		t.Errorf("end state:\n got %s\nwant %s", lite, want)
	}
}
