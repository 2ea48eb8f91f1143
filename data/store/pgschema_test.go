package store

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"regulars/data/postgres"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// These tests hold the PostgreSQL schema (migrations/*.postgres.sql) to the
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
	scripts, err := pgMigrations()
	if err != nil {
		t.Fatal(err)
	}
	// Without arguments pgx sends each script as one simple query: every
	// statement in one implicit transaction, as the store applies it.
	for i, script := range scripts {
		if postgres.EmptyScript(script) {
			continue
		}
		if _, err := pg.ExecContext(ctx, script); err != nil {
			t.Fatalf("apply PostgreSQL migration %d: %v", i+1, err)
		}
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
		{"a history before Regulars (issue 26): kept by the program, not a trigger", "UPDATE clients SET history_source = 'Square', " +
			"history_first_at = '2020-01-05T12:00:00Z', history_last_at = '2026-12-01T12:00:00Z', history_visits = 9, history_spent_cents = 50000, " +
			"history_extra_visits = 7, history_extra_cents = 45000 WHERE id = 1", nil, true},
		{"a visit of a client with a history moved: the history's share counted", "UPDATE visits SET at = '2025-06-01T10:00:00Z', amount_cents = 900 WHERE id = 3", nil, false},
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
	// Client 1: two visits in the log and the history's share of seven,
	// the history's first and last visit, 9.00 + 450.00 spent.
	want := "[[1 2026-12-01T12:00:00Z 9 2020-01-05T12:00:00Z 45900 2026-03-12T08:00:00Z card NULL] " +
		"[2 NULL 0 NULL 0 2026-02-02T10:00:00Z card 2026-02-02T10:00:00Z]] " +
		"[[2025-03 0] [2025-04 1] [2025-06 1] [2025-12 0] [2026-01 0] [2026-02 0] [2026-03 0] [2026-04 0]]"
	if lite != want {
		t.Errorf("end state:\n got %s\nwant %s", lite, want)
	}
}

// TestPostgresSchemaMatchesSQLite compares the two schemas' shapes: the
// same tables with the same columns in the same order (the PostgreSQL one
// has clients.version ahead of the SQLite migration that adds it), the
// same named indexes and triggers, and the same starting templates.
func TestPostgresSchemaMatchesSQLite(t *testing.T) {
	p := newSchemaPair(t)
	liteTables := rows(t, p.lite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	pgTables := rows(t, p.pg, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")
	if fmt.Sprint(liteTables) != fmt.Sprint(pgTables) {
		t.Fatalf("tables:\nSQLite:     %v\nPostgreSQL: %v", liteTables, pgTables)
	}
	for _, table := range liteTables {
		name := table[0]
		lite := rows(t, p.lite, "SELECT name, \"notnull\", coalesce(dflt_value, 'NULL'), pk, type FROM pragma_table_info(?) ORDER BY cid", name)
		pg := rows(t, p.pg, `SELECT column_name, CASE is_nullable WHEN 'NO' THEN 1 ELSE 0 END, coalesce(column_default, 'NULL'),
				CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END, coalesce(collation_name, '')
			FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, name)
		if name == "clients" && len(pg) == len(lite)+1 && pg[len(pg)-1][0] == "version" {
			pg = pg[:len(pg)-1] // migration 0009 adds it to SQLite books
		}
		if len(lite) != len(pg) {
			t.Errorf("%s: SQLite has %d columns, PostgreSQL %d:\n%v\n%v", name, len(lite), len(pg), lite, pg)
			continue
		}
		for i := range lite {
			l, g := lite[i], pg[i]
			// SQLite lets a primary key column other than an INTEGER
			// PRIMARY KEY hold NULL (an old quirk the program never
			// uses); PostgreSQL does not.
			if l[0] != g[0] || (l[1] != g[1] && !(l[3] != "0" && g[1] == "1")) || !sameDefault(l[2], g[2]) {
				t.Errorf("%s column %d: SQLite %v, PostgreSQL %v", name, i+1, l[:3], g[:3])
			}
			if want := pgTypes[l[4]]; !strings.Contains(want, "|"+g[3]+"|") {
				t.Errorf("%s.%s: SQLite %s is PostgreSQL %s, want one of %s", name, l[0], l[4], g[3], want)
			}
			// Text sorts and compares in byte order, as in SQLite.
			if (g[3] == "text" || g[3] == "citext") && g[4] != "C" {
				t.Errorf("%s.%s: collation %q, want \"C\"", name, l[0], g[4])
			}
		}
	}

	liteIndexes := rows(t, p.lite, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name")
	pgIndexes := rows(t, p.pg, `SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_namespace n ON n.oid = i.relnamespace
		WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
		ORDER BY i.relname`)
	if fmt.Sprint(liteIndexes) != fmt.Sprint(pgIndexes) {
		t.Errorf("indexes:\nSQLite:     %v\nPostgreSQL: %v", liteIndexes, pgIndexes)
	}
	liteTriggers := rows(t, p.lite, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
	pgTriggers := rows(t, p.pg, "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname")
	if fmt.Sprint(liteTriggers) != fmt.Sprint(pgTriggers) {
		t.Errorf("triggers:\nSQLite:     %v\nPostgreSQL: %v", liteTriggers, pgTriggers)
	}

	lite, pg := p.both(t, "SELECT id, name, occasion, subject, body, size, created_at, updated_at FROM templates ORDER BY id")
	if len(lite) != 5 || fmt.Sprint(lite) != fmt.Sprint(pg) {
		t.Errorf("starting templates:\nSQLite:     %q\nPostgreSQL: %q", lite, pg)
	}
}

// pgTypes are the PostgreSQL types each SQLite column type may become.
var pgTypes = map[string]string{
	"INTEGER": "|bigint|",
	"TEXT":    "|text|citext|",
	"REAL":    "|double precision|",
	"BLOB":    "|bytea|",
}

// sameDefault says whether a column default in SQLite's words and one in
// PostgreSQL's (which adds a cast, as in 'post'::text) are the same.
func sameDefault(lite, pg string) bool {
	if lite == pg {
		return true
	}
	if i := strings.LastIndex(pg, "::"); i > 0 && strings.HasPrefix(pg, "'") {
		pg = pg[:i]
	}
	return lite == pg
}

// TestPostgresConstraintsMatchSQLite runs statements that the SQLite book
// refuses or takes, in order, on both engines: each CHECK, NOT NULL,
// UNIQUE (case-insensitive where SQLite's is NOCASE) and FOREIGN KEY with
// its ON DELETE must do the same on PostgreSQL.
func TestPostgresConstraintsMatchSQLite(t *testing.T) {
	p := newSchemaPair(t)
	const at = "'2026-01-01T00:00:00Z'"
	tests := []struct {
		name  string
		query string
		ok    bool
	}{
		{"a staff member", "INSERT INTO staff (name, created_at) VALUES ('Bea', " + at + ")", true},
		{"the same staff name in capitals", "INSERT INTO staff (name, created_at) VALUES ('BEA', " + at + ")", false},
		{"a blank staff name", "INSERT INTO staff (name, created_at) VALUES ('  ', " + at + ")", false},
		{"a staff member neither active nor not", "INSERT INTO staff (name, active, created_at) VALUES ('Cy', 2, " + at + ")", false},
		{"a client", "INSERT INTO clients (first_name, email, created_at, updated_at) VALUES ('Ana', 'ana@example.com', " + at + ", " + at + ")", true},
		{"a client with no name", "INSERT INTO clients (first_name, last_name, company, created_at, updated_at) VALUES (' ', '', ' ', " + at + ", " + at + ")", false},
		{"a birthday without a day", "INSERT INTO clients (first_name, birth_month, created_at, updated_at) VALUES ('Bo', 3, " + at + ", " + at + ")", false},
		{"a birth year out of range", "INSERT INTO clients (first_name, birth_year, created_at, updated_at) VALUES ('Bo', 1700, " + at + ", " + at + ")", false},
		{"a day 32", "INSERT INTO clients (first_name, birth_month, birth_day, created_at, updated_at) VALUES ('Bo', 1, 32, " + at + ", " + at + ")", false},
		{"a cadence whose max is under its ideal", "INSERT INTO clients (first_name, cadence_ideal, cadence_max, created_at, updated_at) VALUES ('Bo', 30, 20, " + at + ", " + at + ")", false},
		{"a cadence of 0 days", "INSERT INTO clients (first_name, cadence_ideal, created_at, updated_at) VALUES ('Bo', 0, " + at + ", " + at + ")", false},
		{"an unknown channel", "INSERT INTO clients (first_name, preferred_channel, created_at, updated_at) VALUES ('Bo', 'fax', " + at + ", " + at + ")", false},
		{"an unknown consent", "INSERT INTO clients (first_name, email_consent, created_at, updated_at) VALUES ('Bo', 'maybe', " + at + ", " + at + ")", false},
		{"do-not-contact neither 0 nor 1", "INSERT INTO clients (first_name, do_not_contact, created_at, updated_at) VALUES ('Bo', 5, " + at + ", " + at + ")", false},
		{"a client without created_at", "INSERT INTO clients (first_name, updated_at) VALUES ('Bo', " + at + ")", false},
		{"a client of a household that is not there", "INSERT INTO clients (first_name, household_id, created_at, updated_at) VALUES ('Bo', 99, " + at + ", " + at + ")", false},
		// PostgreSQL spends an id on each refused insert, SQLite
		// does not: the id is given.
		{"a second client, full birthday and cadence", "INSERT INTO clients (id, first_name, birth_year, birth_month, birth_day, cadence_ideal, cadence_max, created_at, updated_at) VALUES (2, 'Bo', 1990, 2, 29, 30, 45, " + at + ", " + at + ")", true},
		{"a tag", "INSERT INTO client_tags (client_id, tag) VALUES (1, 'VIP')", true},
		{"the same tag in small letters", "INSERT INTO client_tags (client_id, tag) VALUES (1, 'vip')", false},
		{"the tag on another client", "INSERT INTO client_tags (client_id, tag) VALUES (2, 'vip')", true},
		{"a blank tag", "INSERT INTO client_tags (client_id, tag) VALUES (1, ' ')", false},
		{"a tag of a client who is not there", "INSERT INTO client_tags (client_id, tag) VALUES (99, 'x')", false},
		{"a visit", "INSERT INTO visits (client_id, at, staff_id, amount_cents, created_at) VALUES (1, " + at + ", 1, 1500, " + at + ")", true},
		{"a visit of a negative amount", "INSERT INTO visits (client_id, at, amount_cents, created_at) VALUES (1, " + at + ", -1, " + at + ")", false},
		{"a visit by staff who is not there", "INSERT INTO visits (client_id, at, staff_id, created_at) VALUES (1, " + at + ", 99, " + at + ")", false},
		{"a visit's contact", "INSERT INTO contacts (client_id, at, kind, visit_id, staff_id, created_at) VALUES (1, " + at + ", 'visit', 1, 1, " + at + ")", true},
		{"a second contact for the same visit", "INSERT INTO contacts (client_id, at, kind, visit_id, created_at) VALUES (1, " + at + ", 'visit', 1, " + at + ")", false},
		{"a visit contact without its visit", "INSERT INTO contacts (client_id, at, kind, created_at) VALUES (1, " + at + ", 'visit', " + at + ")", false},
		{"a call that names a visit", "INSERT INTO contacts (client_id, at, kind, visit_id, created_at) VALUES (1, " + at + ", 'call', 1, " + at + ")", false},
		{"an unknown kind of contact", "INSERT INTO contacts (client_id, at, kind, created_at) VALUES (1, " + at + ", 'fax', " + at + ")", false},
		{"a thank-you flag of 2", "INSERT INTO contacts (client_id, at, kind, thank_you, created_at) VALUES (1, " + at + ", 'card', 2, " + at + ")", false},
		{"a complaint", "INSERT INTO complaints (client_id, raised_on, description, created_at) VALUES (1, '2026-01-01', 'cold coffee', " + at + ")", true},
		{"a blank complaint", "INSERT INTO complaints (client_id, raised_on, description, created_at) VALUES (1, '2026-01-01', ' ', " + at + ")", false},
		{"a sorry card answering the complaint", "INSERT INTO contacts (client_id, at, kind, occasion, complaint_id, created_at) VALUES (1, " + at + ", 'card', 'sorry', 1, " + at + ")", true},
		{"a card answering a complaint that is not there", "INSERT INTO contacts (client_id, at, kind, complaint_id, created_at) VALUES (1, " + at + ", 'card', 99, " + at + ")", false},
		{"a follow-up", "INSERT INTO follow_ups (client_id, what, due, staff_id, created_at) VALUES (1, 'call back', '2026-02-01', 1, " + at + ")", true},
		{"a blank follow-up", "INSERT INTO follow_ups (client_id, what, due, created_at) VALUES (1, '', '2026-02-01', " + at + ")", false},
		{"a tag cadence", "INSERT INTO tag_cadences (tag, ideal, max) VALUES ('VIP', 30, 45)", true},
		{"the same tag cadence in small letters", "INSERT INTO tag_cadences (tag, ideal, max) VALUES ('vip', 10, 20)", false},
		{"a tag cadence over ten years", "INSERT INTO tag_cadences (tag, ideal, max) VALUES ('slow', 30, 4000)", false},
		{"a tag cadence whose max is under its ideal", "INSERT INTO tag_cadences (tag, ideal, max) VALUES ('odd', 30, 20)", false},
		{"a template", "INSERT INTO templates (name, occasion, body, created_at, updated_at) VALUES ('Spring', 'other', 'Hello', " + at + ", " + at + ")", true},
		{"a starting template's name in capitals", "INSERT INTO templates (name, body, created_at, updated_at) VALUES ('WELCOME', 'Hi', " + at + ", " + at + ")", false},
		{"a template of an unknown occasion", "INSERT INTO templates (name, occasion, body, created_at, updated_at) VALUES ('X', 'party', 'Hi', " + at + ", " + at + ")", false},
		{"a template without a body", "INSERT INTO templates (name, created_at, updated_at) VALUES ('Y', " + at + ", " + at + ")", false},
		{"a batch", "INSERT INTO batches (channel, period_from, period_to, template, created_at) VALUES ('post', '2026-01-01', '2026-02-01', 'Welcome', " + at + ")", true},
		{"a batch by pigeon", "INSERT INTO batches (channel, period_from, period_to, template, created_at) VALUES ('pigeon', '2026-01-01', '2026-02-01', 'Welcome', " + at + ")", false},
		{"a message in the outbox", "INSERT INTO outbox (client_id, message_id, recipient, raw, created_at, updated_at) VALUES (1, '<a@x>', 'ana@example.com', 'raw', " + at + ", " + at + ")", true},
		{"the same Message-ID again", "INSERT INTO outbox (client_id, message_id, recipient, raw, created_at, updated_at) VALUES (1, '<a@x>', 'ana@example.com', 'raw', " + at + ", " + at + ")", false},
		{"a message of an unknown status", "INSERT INTO outbox (message_id, recipient, raw, status, created_at, updated_at) VALUES ('<b@x>', 'b@x', 'raw', 'lost', " + at + ", " + at + ")", false},
		{"a reply seen", "INSERT INTO replies_seen (message_id, client_id, logged_at) VALUES ('<r@x>', 1, " + at + ")", true},
		{"the same reply again", "INSERT INTO replies_seen (message_id, client_id, logged_at) VALUES ('<r@x>', 1, " + at + ")", false},
		{"a setting", "INSERT INTO settings (key, value) VALUES ('business', 'Cafe')", true},
		{"the same setting again", "INSERT INTO settings (key, value) VALUES ('business', 'Cafe')", false},
		{"a setting of no value", "INSERT INTO settings (key, value) VALUES ('x', NULL)", false},
		{"a household", "INSERT INTO households (name, created_at) VALUES ('The Ortiz', " + at + ")", true},
		{"a client moved into it", "UPDATE clients SET household_id = 1 WHERE id = 2", true},
		{"the staff member deleted: visits and contacts keep no staff", "DELETE FROM staff WHERE id = 1", true},
		{"the complaint deleted: its card stays, answering none", "DELETE FROM complaints WHERE id = 1", true},
		{"the household deleted: its clients stay", "DELETE FROM households WHERE id = 1", true},
		{"the first client deleted with its log", "DELETE FROM clients WHERE id = 1", true},
	}
	for _, tt := range tests {
		le, pe := p.exec(tt.query)
		if (le == nil) != tt.ok || (pe == nil) != tt.ok {
			t.Errorf("%s: SQLite: %v; PostgreSQL: %v; want accepted %v", tt.name, le, pe, tt.ok)
		}
	}
	// What the ON DELETE actions left, the same on both.
	for _, q := range []string{
		"SELECT count(*) FROM visits WHERE staff_id IS NOT NULL",
		"SELECT count(*) FROM contacts",
		"SELECT count(*) FROM follow_ups",
		"SELECT count(*) FROM client_tags",
		"SELECT id, household_id FROM clients ORDER BY id",
		"SELECT id, client_id FROM outbox",
		"SELECT message_id, client_id FROM replies_seen",
	} {
		if lite, pg := p.both(t, q); fmt.Sprint(lite) != fmt.Sprint(pg) {
			t.Errorf("%s: SQLite %v, PostgreSQL %v", q, lite, pg)
		}
	}
	if lite, _ := p.both(t, "SELECT id, client_id FROM outbox"); fmt.Sprint(lite) != "[[1 NULL]]" {
		t.Errorf("the erased client's message: %v, want it kept with no client", lite)
	}
}

// TestPostgresQueriesMatchSQLite runs the queries of data/*.go that lean
// on the schema's collations (COLLATE NOCASE, byte order) on both engines,
// the PostgreSQL side rewritten as its driver does, and compares results.
func TestPostgresQueriesMatchSQLite(t *testing.T) {
	p := newSchemaPair(t)
	const at = "'2026-01-01T00:00:00Z'"
	setup := []string{
		"INSERT INTO staff (name, active, created_at) VALUES ('bea', 1, " + at + "), ('Al', 1, " + at + "), ('Zed', 0, " + at + "), ('_x', 1, " + at + ")",
		"INSERT INTO clients (id, first_name, last_name, email, phone_digits, created_at, updated_at) VALUES " +
			"(1, 'Ana', 'zoe', 'Ana@Example.com', '0044207946000', " + at + ", " + at + "), " +
			"(2, 'Émile', 'Zola', '', '07946000', " + at + ", " + at + "), " +
			"(3, 'Ôlga', 'anna', 'olga@example.com', '', " + at + ", " + at + "), " +
			"(4, 'Bo', 'Émond', 'bo@example.com', '207946000', " + at + ", " + at + ")",
		"INSERT INTO client_tags (client_id, tag) VALUES (1, 'VIP'), (1, 'b'), (1, 'A'), (1, '_z'), (2, 'vip'), (3, 'Vip'), (3, 'a')",
		"INSERT INTO visits (client_id, at, created_at) VALUES (1, '2026-03-01T10:00:00Z', " + at + "), (4, '2026-03-01T10:00:00Z', " + at + "), (2, '2026-02-01T10:00:00Z', " + at + ")",
	}
	for _, q := range setup {
		if le, pe := p.exec(q); le != nil || pe != nil {
			t.Fatalf("%s: SQLite: %v; PostgreSQL: %v", q, le, pe)
		}
	}
	tests := []struct {
		name  string
		query string
		args  []any
	}{
		{"a client by email, any case", "SELECT id FROM clients WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL LIMIT 1", []any{"ana@EXAMPLE.com"}},
		{"duplicates by email", "SELECT id FROM clients WHERE email = ? COLLATE NOCASE AND email <> '' ORDER BY id", []any{"OLGA@example.COM"}},
		{"a client's tags", "SELECT tag FROM client_tags WHERE client_id = ? ORDER BY tag COLLATE NOCASE", []any{1}},
		{"every client's tags", "SELECT client_id, tag FROM client_tags ORDER BY client_id, tag COLLATE NOCASE", nil},
		{"templates by name", "SELECT id, name FROM templates ORDER BY name COLLATE NOCASE", nil},
		{"staff by name", "SELECT id, name, active FROM staff ORDER BY active DESC, name COLLATE NOCASE", nil},
		{"clients by name, byte order", "SELECT id FROM clients ORDER BY last_name, first_name", nil},
		{"names after a key, byte order", "SELECT id FROM clients WHERE first_name > ? ORDER BY id", []any{"B"}},
		{"a tag's clients", "SELECT client_id FROM client_tags WHERE tag = ? ORDER BY client_id", []any{"vIp"}},
	}
	for _, tt := range tests {
		lite, pg := p.both(t, tt.query, tt.args...)
		if len(lite) == 0 || fmt.Sprint(lite) != fmt.Sprint(pg) {
			t.Errorf("%s:\nSQLite:     %v\nPostgreSQL: %v", tt.name, lite, pg)
		}
	}

	// Tags counted without case: which spelling names a group is up to
	// each engine, the counts are not.
	const tags = `SELECT t.tag, count(*) FROM client_tags t JOIN clients c ON c.id = t.client_id
		WHERE c.deleted_at IS NULL GROUP BY t.tag COLLATE NOCASE`
	count := func(rs [][]string) map[string]string {
		m := map[string]string{}
		for _, r := range rs {
			m[strings.ToLower(r[0])] = r[1]
		}
		return m
	}
	if lite, pg := p.both(t, tags); fmt.Sprint(count(lite)) != fmt.Sprint(count(pg)) || count(lite)["vip"] != "3" {
		t.Errorf("tags counted:\nSQLite:     %v\nPostgreSQL: %v", lite, pg)
	}

	// Two queries PostgreSQL must be given in its own words (the driver or
	// the store rewrites them): SQLite's substr(x, -9) is the last nine
	// characters, PostgreSQL's right(x, 9) (its substr(x, -9) is all of x);
	// and SQLite sorts NULL first, so last when descending, PostgreSQL
	// last, so first when descending, unless told NULLS LAST.
	pairs := []struct{ name, lite, pg string }{
		{"the same phone by its last nine digits",
			"SELECT id FROM clients WHERE phone_digits <> '' AND substr(phone_digits, -9) = '207946000' ORDER BY id",
			"SELECT id FROM clients WHERE phone_digits <> '' AND right(phone_digits, 9) = '207946000' ORDER BY id"},
		{"the most recent visitors, then everyone else newest first",
			"SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY last_visit_at DESC, id DESC",
			"SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY last_visit_at DESC NULLS LAST, id DESC"},
	}
	for _, q := range pairs {
		lite, pg := rows(t, p.lite, q.lite), rows(t, p.pg, q.pg)
		if len(lite) == 0 || fmt.Sprint(lite) != fmt.Sprint(pg) {
			t.Errorf("%s:\nSQLite:     %v\nPostgreSQL: %v", q.name, lite, pg)
		}
	}
}
