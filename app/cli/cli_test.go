package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"regulars/data/postgres"
	"regulars/data/store"
	"regulars/internal/pgtest"
)

// run calls Main on the book at db and returns the exit code and output.
func run(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	all := args
	if db != "" {
		all = append([]string{"--db", db}, args...)
	}
	code = Main(all, &out, &errb)
	return code, out.String(), errb.String()
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := run(t, db, args...)
	if code != 0 {
		t.Fatalf("regulars %v: exit %d: %s", args, code, errs)
	}
	return out
}

// newBook names a new book for a test: a file, or — when
// $REGULARS_TEST_CLI_ON_POSTGRES is set beside a test server (make
// test-postgres) — a fresh database on it, so that every command is
// tried on both engines.
func newBook(t *testing.T) string {
	if onPostgres() {
		return pgtest.NewBook(t)
	}
	return filepath.Join(t.TempDir(), "regulars.db")
}

// onPostgres reports whether this run's books are on PostgreSQL.
func onPostgres() bool {
	return pgtest.Available() && os.Getenv("REGULARS_TEST_CLI_ON_POSTGRES") != ""
}

// bookFile is newBook for tests of what only a book file has (its bytes,
// its restore from a backup file, a damaged file).
func bookFile(t *testing.T) string {
	return filepath.Join(t.TempDir(), "regulars.db")
}

// sum is the book's fingerprint: the file's bytes, or, for a book on a
// server, every row (store.Store.Fingerprint).
func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	if postgres.IsServerBook(path) {
		s, err := store.OpenShared(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		f, err := s.Fingerprint(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestAddSearchLogVisit(t *testing.T) {
	db := newBook(t)
	id := strings.TrimSpace(mustRun(t, db, "add-client", "--first", "José", "--last", "Núñez", "--email", "jose@example.com",
		"--phone", "(555) 123-4567", "--birthday", "--07-14", "--tag", "VIP", "--tag", "wedding", "--city", "Austin"))
	if id != "1" {
		t.Fatalf("id %q", id)
	}
	mustRun(t, db, "add-client", "--first", "Josephine", "--last", "Baker")
	mustRun(t, db, "add-staff", "Bea Santos")

	out := mustRun(t, db, "clients", "nun")
	if !strings.Contains(out, "José Núñez") || strings.Contains(out, "Josephine") {
		t.Errorf("clients nun:\n%s", out)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "clients", "jose", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("json list %v", list)
	}
	for _, key := range []string{"id", "first_name", "last_name", "company", "email", "phone", "last_visit_at", "visit_count"} {
		if _, ok := list[0][key]; !ok {
			t.Errorf("JSON has no %q: %v", key, list[0])
		}
	}
	if list[0]["first_name"] != "José" {
		t.Errorf("exact match not first: %v", list)
	}

	// By id, and by a search matching one client, flags after the client.
	mustRun(t, db, "log-visit", "1", "--at", "2026-11-01T10:00", "--staff", "bea santos", "--what", "Colour", "--amount", "95")
	mustRun(t, db, "log-visit", "baker", "--at", "2026-11-02", "--what", "Haircut")
	mustRun(t, db, "log-visit", "--at", "2026-11-20 16:45", "--what", "Blow-dry", "--amount", "35,50", "nunez")

	var visits []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "visits", "jose nu", "--json")), &visits); err != nil {
		t.Fatal(err)
	}
	if len(visits) != 2 || visits[0]["what"] != "Blow-dry" || visits[0]["amount"] != "35.50" || visits[1]["staff"] != "Bea Santos" {
		t.Errorf("visits: %v", visits)
	}
	// The last staff member is the default.
	if visits[0]["staff"] != "Bea Santos" {
		t.Errorf("staff default: %v", visits[0]["staff"])
	}
	text := mustRun(t, db, "visits", "1")
	if !strings.Contains(text, "2 visits") || strings.Index(text, "Blow-dry") > strings.Index(text, "Colour") {
		t.Errorf("visits text, newest first:\n%s", text)
	}
	empty := mustRun(t, db, "clients", "nobody-by-that-name", "--json")
	if strings.TrimSpace(empty) != "[]" {
		t.Errorf("empty JSON list: %q", empty)
	}
}

func TestLogVisitRefusals(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "Silva")
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "Costa")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"ambiguous", []string{"log-visit", "ana"}, 1, "2 clients match"},
		{"no match", []string{"log-visit", "zed"}, 1, `no client matches "zed"`},
		{"unknown id", []string{"log-visit", "99"}, 1, "no client with id 99"},
		{"unknown staff", []string{"log-visit", "silva", "--staff", "Bob"}, 1, "add-staff"},
		{"bad date", []string{"log-visit", "silva", "--at", "last tuesday"}, 1, "YYYY-MM-DD"},
		{"bad amount", []string{"log-visit", "silva", "--amount", "ten"}, 1, "not a number"},
		{"negative amount", []string{"log-visit", "silva", "--amount", "-3"}, 1, "negative"},
		{"no client", []string{"log-visit"}, 2, "name one client"},
		{"unknown flag", []string{"log-visit", "silva", "--when", "now"}, 2, "flag provided but not defined"},
	}
	for _, tc := range cases {
		code, _, errs := run(t, db, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tc.name, code, errs, tc.code, tc.msg)
		}
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.DB().QueryRow("SELECT count(*) FROM visits").Scan(&n)
	if n != 0 {
		t.Errorf("%d visits saved by refused commands", n)
	}
}

func TestAddClientRefusals(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "López", "--email", "ana@example.com", "--phone", "555 123 4567")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"bad email", []string{"add-client", "--first", "Bo", "--email", "bo(at)example.com"}, 1, `"bo(at)example.com" is not an email address`},
		{"bad phone", []string{"add-client", "--first", "Bo", "--phone", "call me"}, 1, "not a phone number"},
		{"no name", []string{"add-client", "--email", "x@example.com"}, 1, "name is required"},
		{"bad birthday", []string{"add-client", "--first", "Bo", "--birthday", "1990-02-30"}, 1, "no day 30"},
		{"bad channel", []string{"add-client", "--first", "Bo", "--channel", "fax"}, 1, "post or email"},
		{"same email", []string{"add-client", "--first", "A", "--last", "L", "--email", "ANA@example.com"}, 1, "possible duplicate: #1 Ana López (same email)"},
		{"same phone", []string{"add-client", "--first", "Other", "--phone", "+1 (555) 123-4567"}, 1, "same phone"},
		{"same name", []string{"add-client", "--first", "ana", "--last", "lopez"}, 1, "same name"},
		{"stray argument", []string{"add-client", "Ana"}, 2, "unexpected argument"},
	}
	for _, tc := range cases {
		code, out, errs := run(t, db, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d and %q", tc.name, code, out, errs, tc.code, tc.msg)
		}
	}
	out := mustRun(t, db, "clients", "--json")
	if strings.Count(out, `"id"`) != 1 {
		t.Errorf("refused clients were saved:\n%s", out)
	}
	mustRun(t, db, "add-client", "--first", "ana", "--last", "lopez", "--force")
	if out := mustRun(t, db, "clients", "lopez", "--json"); strings.Count(out, `"id"`) != 2 {
		t.Errorf("--force did not add:\n%s", out)
	}
}

// TestBadBooks: each bad book gives a clear message, exit 1, and leaves
// the file exactly as it was.
func TestBadBooks(t *testing.T) {
	good := func(t *testing.T) string {
		db := bookFile(t)
		mustRun(t, db, "add-client", "--first", "Keep", "--last", "Me")
		return db
	}
	cases := []struct {
		name  string
		setup func(t *testing.T) string
		msg   string
	}{
		{"folder", func(t *testing.T) string { return t.TempDir() }, "it is a folder"},
		{"text file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "notes.txt")
			os.WriteFile(p, []byte("not a database\n"), 0o644)
			return p
		}, "not an SQLite database"},
		{"newer version", func(t *testing.T) string {
			p := good(t)
			db, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			db.Exec("PRAGMA user_version = 99")
			db.Close()
			return p
		}, "newer version of Regulars"},
		{"read-only", func(t *testing.T) string {
			p := good(t)
			os.Chmod(p, 0o444)
			return p
		}, "read-only"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t)
			var before [32]byte
			fi, _ := os.Stat(path)
			if fi.Mode().IsRegular() {
				before = sum(t, path)
			}
			code, out, errs := run(t, path, "clients")
			if code != 1 || out != "" || !strings.Contains(errs, tc.msg) || !strings.Contains(errs, "cannot open the client book") {
				t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
			}
			if fi.Mode().IsRegular() && sum(t, path) != before {
				t.Error("the file was changed")
			}
		})
	}
}

// TestBookOpenElsewhere runs commands while the window has the book open:
// they read and write (SQLite's WAL), and the window hears of the change.
func TestBookOpenElsewhere(t *testing.T) {
	db := bookFile(t)
	mustRun(t, db, "add-client", "--first", "Ana")
	window, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	window.Changed(context.Background())
	if out := mustRun(t, db, "clients"); !strings.Contains(out, "Ana") {
		t.Errorf("clients while the window is open: %s", out)
	}
	mustRun(t, db, "add-client", "--first", "Bo")
	mustRun(t, db, "log-visit", "bo")
	for _, cmd := range [][]string{{"due"}, {"check"}, {"backup"}, {"export", "-o", filepath.Join(t.TempDir(), "c.csv")}} {
		mustRun(t, db, cmd...)
	}
	if n, _ := window.ClientCount(context.Background()); n != 2 {
		t.Errorf("the window sees %d clients", n)
	}
	if changed, err := window.Changed(context.Background()); !changed || err != nil {
		t.Errorf("the window is not told of the change: %v, %v", changed, err)
	}
	if _, err := store.Open(db); !errors.Is(err, store.ErrInUse) {
		t.Errorf("a second window: %v", err)
	}
}

func TestDeleteRestoreStaffDemoVersion(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Renée", "--last", "Dubois")
	if out := mustRun(t, db, "delete-client", "renee"); !strings.Contains(out, "trash") {
		t.Errorf("delete: %q", out)
	}
	if out := mustRun(t, db, "clients", "renee", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("deleted client listed: %s", out)
	}
	mustRun(t, db, "restore-client", "1")
	if out := mustRun(t, db, "clients", "renee"); !strings.Contains(out, "Renée Dubois") {
		t.Errorf("not restored: %s", out)
	}
	if code, _, errs := run(t, db, "add-staff", "  "); code != 1 || !strings.Contains(errs, "needs a name") {
		t.Errorf("empty staff name: %d %q", code, errs)
	}
	mustRun(t, db, "add-staff", "Alex", "Kim")
	var staff []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "staff", "--json")), &staff)
	if len(staff) != 1 || staff[0]["name"] != "Alex Kim" || staff[0]["active"] != true {
		t.Errorf("staff: %v", staff)
	}
	if out := mustRun(t, db, "demo", "--clients", "50", "--visits", "400", "--seed", "3", "--force"); !strings.Contains(out, "added 50 clients, 400 visits") {
		t.Errorf("demo: %q", out)
	}
	if out := mustRun(t, db, "clients", "--json", "--limit", "500"); strings.Count(out, `"id"`) != 51 {
		t.Errorf("after demo: %d clients", strings.Count(out, `"id"`))
	}
	if out := mustRun(t, "", "version"); !strings.HasPrefix(out, "regulars ") || !strings.Contains(out, "schema") {
		t.Errorf("version: %q", out)
	}
	if code, _, errs := run(t, db, "demo", "--clients", "-5"); code != 2 || !strings.Contains(errs, "between") {
		t.Errorf("bad demo: %d %q", code, errs)
	}
}

func TestUsage(t *testing.T) {
	code, out, _ := run(t, "", "help")
	if code != 0 || !strings.Contains(out, "log-visit") {
		t.Errorf("help: %d %q", code, out)
	}
	code, _, errs := run(t, "", "frobnicate")
	if code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	code, _, errs = run(t, "", "--nope")
	if code != 2 || !strings.Contains(errs, "flag provided but not defined") {
		t.Errorf("unknown global flag: %d %q", code, errs)
	}
}

func TestDefaultBook(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("REGULARS_DB", "")
	t.Setenv("XDG_DATA_HOME", dir)
	p, err := store.DefaultPath()
	if err != nil || p != filepath.Join(dir, "regulars", "regulars.db") {
		t.Errorf("default path %q, %v", p, err)
	}
	mustRun(t, "", "add-client", "--first", "Default")
	if _, err := os.Stat(p); err != nil {
		t.Errorf("no book at the default place: %v", err)
	}
	other := filepath.Join(dir, "other.db")
	t.Setenv("REGULARS_DB", other)
	mustRun(t, "", "add-client", "--first", "Elsewhere")
	if _, err := os.Stat(other); err != nil {
		t.Errorf("REGULARS_DB ignored: %v", err)
	}
}
