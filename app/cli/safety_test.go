package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/assets/fonts"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
)

// writeFile writes b into a new file in a temporary folder.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// badPNGs are a signature whose image data is cut short and one whose
// header says 100000×100000; both panicked in the PDF library.
func badPNGs(t *testing.T) (short, huge []byte) {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 60, 20)))
	good := b.Bytes()
	short = good[:bytes.Index(good, []byte("IDAT"))+10]
	huge = append([]byte(nil), good...)
	binary.BigEndian.PutUint32(huge[16:], 100000)
	binary.BigEndian.PutUint32(huge[20:], 100000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	return short, huge
}

// TestBadInputs runs the commands with each bad input the issue lists: a
// message that says what is wrong, exit 1 (2 for a usage mistake), no Go
// panic, and the book unchanged (its sha256) where nothing should change.
func TestBadInputs(t *testing.T) {
	short, huge := badPNGs(t)
	font := append([]byte(nil), fonts.Caveat...)
	font[197]++ // made the PDF library panic on every `cards` run
	newlines := writeFile(t, "newlines.csv", []byte("\n\n\n\n"))
	unclosed := writeFile(t, "unclosed.csv", []byte("Name,Email,Notes\nAna Lima,ana@example.com,\"likes tea\nBo Berg,bo@example.com,\nCy Chan,cy@example.com,\n"))
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"phone of multi-byte letters", []string{"add-client", "--first", "Ana", "--phone", "ȺȺȺȺȺȺȺȺx1"}, 1, "is not a phone number"},
		{"signature cut short", []string{"business", "--signature", writeFile(t, "short.png", short)}, 1, "damaged"},
		{"signature of 100000×100000", []string{"business", "--signature", writeFile(t, "huge.png", huge)}, 1, "100000×100000 pixels"},
		{"font with one byte changed", []string{"business", "--font", writeFile(t, "hand.ttf", font)}, 1, "not a usable TrueType font"},
		{"name with an escape sequence", []string{"add-client", "--first", "Ana\x1b[2J"}, 1, "control character U+001B"},
		{"name with a NUL", []string{"add-client", "--first", "Ana\x00"}, 1, "control character U+0000"},
		{"company with CR/LF", []string{"add-client", "--first", "Ana", "--company", "Acme\r\nBcc: all@example.com"}, 1, "Company cannot contain line breaks"},
		{"business name with CR/LF", []string{"business", "--name", "Acme\r\nBcc: all@example.com"}, 1, "cannot contain line breaks"},
		{"staff with a line break", []string{"add-staff", "Mia\nBo"}, 1, "cannot contain line breaks"},
		{"visit on 30 February", []string{"log-visit", "keep", "--at", "2026-02-30"}, 1, "there is no 30 February 2026"},
		{"visit on 30 February at 10:00", []string{"log-visit", "keep", "--at", "2026-02-30T10:00"}, 1, "there is no 30 February 2026"},
		{"visit in 9999", []string{"log-visit", "keep", "--at", "9999-12-31"}, 1, "in the future"},
		{"visit in 1899", []string{"log-visit", "keep", "--at", "1899-12-31"}, 1, "before 1900"},
		{"birthday in 1899", []string{"add-client", "--first", "Ana", "--birthday", "1899-05-01"}, 1, "not plausible for a birthday"},
		{"birthday in 2030", []string{"add-client", "--first", "Ana", "--birthday", "2030-05-01"}, 1, "not plausible for a birthday"},
		{"snooze for 99999999 days", []string{"snooze", "keep", "--days", "99999999"}, 1, "more than 10 years ahead"},
		{"follow-up in 2100", []string{"follow-up", "keep", "--what", "call", "--due", "2100-01-01"}, 1, "more than 10 years ahead"},
		{"a file of only newlines", []string{"import", newlines}, 1, "only blank lines"},
		{"a CSV with a quote never closed", []string{"import", unclosed}, 1, "line 2: a quote (\") opens a field there and is never closed"},
		{"an address that moves the connection", []string{"--db", "postgres://u@localhost:1/book?host=other.example&sslmode=disable", "clients"}, 1, "leave host= out of the address"},
		{"an address with a password", []string{"--db", "postgres://u@localhost/book?password=secret", "clients"}, 1, "regulars password ADDRESS"},
		{"an address with an unknown parameter", []string{"--db", "postgres://u@localhost/book?colour=blue", "clients"}, 1, `"colour" is not a parameter Regulars knows`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := newBook(t)
			mustRun(t, db, "add-client", "--first", "Keep", "--last", "Me")
			before := sum(t, db)
			code, _, errs := run(t, db, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.msg) || strings.Contains(errs, "panic") {
				t.Errorf("exit %d, %q; want %d, %q", code, errs, tc.code, tc.msg)
			}
			if sum(t, db) != before {
				t.Error("the book was changed")
			}
		})
	}
}

func TestRestoreMissingFileSaysSo(t *testing.T) {
	db := bookFile(t)
	mustRun(t, db, "add-client", "--first", "Keep")
	before := sum(t, db)
	code, _, errs := run(t, db, "restore", filepath.Join(t.TempDir(), "nope.db"))
	if code != 1 || !strings.Contains(errs, "there is no file") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if sum(t, db) != before {
		t.Error("the book was changed")
	}
}

func TestEmptyFileAsBookIsRefused(t *testing.T) {
	p := writeFile(t, "empty.db", nil)
	code, _, errs := run(t, p, "add-client", "--first", "Ana")
	if code != 1 || !strings.Contains(errs, "the file is empty") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if fi, _ := os.Stat(p); fi.Size() != 0 {
		t.Errorf("the empty file is now %d bytes", fi.Size())
	}
}

// TestImportGoesOnPastBadRows imports a file with a phone of multi-byte
// letters, a name with an escape sequence and a last visit in 9999: each
// is reported with its line and left out, and the good rows come in.
func TestImportGoesOnPastBadRows(t *testing.T) {
	db := newBook(t)
	csv := "First Name,Last Name,Phone,Last Visit\n" +
		"Ana,Good,555-1234,2026-11-01\n" +
		"Bad,Phone,ȺȺȺȺȺȺȺȺx1,\n" +
		"Bad\x1b[2J,Escape,,\n" +
		"Never,Due,,9999-12-31\n" +
		"Cy,Good,,\n"
	code, out, errs := run(t, db, "import", writeFile(t, "c.csv", []byte(csv)), "--format", "csv")
	if code != 0 || strings.Contains(errs, "panic") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	all := out + errs
	if strings.ContainsAny(all, "\x1b\x00") {
		t.Errorf("the import report prints a control character raw:\n%q", all)
	}
	for _, want := range []string{"not a phone number", "control character", "in the future"} {
		if !strings.Contains(all, want) {
			t.Errorf("the import does not report %q:\n%s", want, all)
		}
	}
	// One bad field does not drop the person: the field is left out.
	list := mustRun(t, db, "clients", "--json")
	var got []clientJSON
	if err := json.Unmarshal([]byte(list), &got); err != nil {
		t.Fatal(err)
	}
	byLast := map[string]clientJSON{}
	for _, c := range got {
		byLast[c.LastName] = c
	}
	if len(got) != 5 || byLast["Phone"].Phone != "" || byLast["Due"].VisitCount != 0 || byLast["Escape"].FirstName != "" || byLast["Good"].FirstName == "" {
		t.Errorf("clients after the import: %+v", got)
	}
}

// TestClientsPrintsSafely stores a name with an escape sequence the way a
// book written before the check could hold it; `clients` must not print it
// raw.
func TestClientsPrintsSafely(t *testing.T) {
	db := bookFile(t)
	mustRun(t, db, "add-client", "--first", "Ana")
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE clients SET first_name = ?", "Ana\x1b[2J\x00"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	out := mustRun(t, db, "clients")
	if strings.ContainsAny(out, "\x1b\x00") || !strings.Contains(out, "Ana\ufffd[2J") {
		t.Errorf("clients printed %q", out)
	}
}

// cardBook is a book with clients who visited in November 2026, with
// addresses, for the card runs below.
func cardBook(t *testing.T, firsts ...string) string {
	db := newBook(t)
	for _, f := range firsts {
		mustRun(t, db, "add-client", "--first", f, "--last", "Client", "--street", "1 Main St", "--city", "Austin")
		mustRun(t, db, "log-visit", f, "--at", "2026-11-05T10:00")
	}
	return db
}

func batchRows(t *testing.T, db string) int {
	s, err := store.OpenShared(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.DB().QueryRow("SELECT count(*) FROM batches").Scan(&n)
	return n
}

func TestCardsGoOnPastOneClient(t *testing.T) {
	// The visits are of November 2026: the batch is run in early December.
	defer clock.Set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local))()
	long := strings.Repeat("Abcdefghij", 6)
	db := cardBook(t, "Bo", "Anabel", long)
	s, err := store.OpenShared(db)
	if err != nil {
		t.Fatal(err)
	}
	err = s.SaveTemplate(context.Background(), &data.Template{Name: "Short", Body: "Dear {{slice .FirstName 0 3}}, thank you!"})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, stdout, errs := run(t, db, "cards", "--period", "2026-11", "--template", "Short", "-o", out)
	if code != 0 || !strings.Contains(errs, "left out Bo Client") || !strings.Contains(stdout, "2 cards") || !strings.Contains(stdout, "1 client left out") {
		t.Fatalf("exit %d:\n%s\n%s", code, stdout, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "cards-2026-11-a2.pdf")); err != nil {
		t.Error(err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("the folder holds %d files (a .part left?)", len(entries))
	}

	// A run where every card fails prints nothing and leaves no batch.
	db = cardBook(t, "Bo")
	s, _ = store.OpenShared(db)
	s.SaveTemplate(context.Background(), &data.Template{Name: "Short", Body: "Dear {{slice .FirstName 0 3}}, thank you!"})
	s.Close()
	code, _, errs = run(t, db, "cards", "--period", "2026-11", "--template", "Short", "-o", t.TempDir())
	if code != 1 || !strings.Contains(errs, "nothing was printed") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if n := batchRows(t, db); n != 0 {
		t.Errorf("%d batch rows left behind by a failed run", n)
	}
}

// TestSavedBadSignatureOrFont saves a damaged signature and font the way an
// older version accepted them: every `cards` run must say so, not panic.
func TestSavedBadSignatureOrFont(t *testing.T) {
	short, huge := badPNGs(t)
	font := append([]byte(nil), fonts.Caveat...)
	font[197]++
	for _, tc := range []struct {
		key, path, msg string
	}{
		{data.SettingSignature, writeFile(t, "short.png", short), "signature image"},
		{data.SettingSignature, writeFile(t, "huge.png", huge), "100000×100000"},
		{data.SettingHandFont, writeFile(t, "hand.ttf", font), "hand-writing font"},
	} {
		db := cardBook(t, "Ana")
		s, err := store.OpenShared(db)
		if err != nil {
			t.Fatal(err)
		}
		s.SetSetting(context.Background(), tc.key, tc.path)
		s.Close()
		code, _, errs := run(t, db, "cards", "--period", "2026-11", "-o", t.TempDir())
		if code != 1 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%s: exit %d: %s", tc.path, code, errs)
		}
		if n := batchRows(t, db); n != 0 {
			t.Errorf("%d batch rows left behind", n)
		}
	}
}

// TestDamagedBookRefusesWrites damages the book on disk: reading commands
// still run, writing ones refuse and name the backup to restore.
func TestDamagedBookRefusesWrites(t *testing.T) {
	db := bookFile(t)
	mustRun(t, db, "demo", "--clients", "300", "--visits", "600")
	backup := strings.TrimSpace(mustRun(t, db, "backup"))
	// Damage the middle of the visits table's first page (a page the book
	// uses, not a free one left by an upgrade).
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int
	raw.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'visits'").Scan(&root)
	raw.QueryRow("PRAGMA page_size").Scan(&pageSize)
	raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)") // every page in the file itself
	raw.Close()
	if root == 0 || pageSize == 0 {
		t.Fatal("no visits table")
	}
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	start := (root - 1) * pageSize
	for i := start; i < start+pageSize && i < len(b); i++ {
		b[i] = byte(i * 7)
	}
	os.WriteFile(db, b, 0o644)
	before := sum(t, db)
	for _, args := range [][]string{
		{"add-client", "--first", "Bo"},
		{"log-visit", "1"},
	} {
		code, _, errs := run(t, db, args...)
		if code != 1 || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "regulars restore") || !strings.Contains(errs, backup) {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	if code, _, errs := run(t, db, "check"); code != 1 || !strings.Contains(errs, backup) {
		t.Errorf("check: exit %d: %s", code, errs)
	}
	if sum(t, db) != before {
		t.Error("the damaged book was written to")
	}
}

func TestTypedDates(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana")
	mustRun(t, db, "log-visit", "ana", "--at", "yesterday 17:45")
	mustRun(t, db, "log-contact", "ana", "--at", "today")
	mustRun(t, db, "snooze", "ana", "--until", "+2w")
	mustRun(t, db, "follow-up", "ana", "--what", "call back", "--due", "fri")
	out := mustRun(t, db, "visits", "ana")
	want := clock.Now().AddDate(0, 0, -1).Format("2006-01-02") + " 17:45"
	if !strings.Contains(out, want) {
		t.Errorf("visits: %s; want %s", out, want)
	}
	if code, _, errs := run(t, db, "log-visit", "ana", "--at", "today 25:00"); code != 1 || !strings.Contains(errs, "not a time of day") {
		t.Errorf("25:00: exit %d: %s", code, errs)
	}
}

// TestMistypedBookIsNotMade: a command that only reads, given a book that
// does not exist (a typo in --db), says so and makes no file; a command
// that adds to a book says plainly that it started a new one; --help
// shows the usage and neither runs the command nor makes a book.
func TestMistypedBookIsNotMade(t *testing.T) {
	if onPostgres() {
		t.Skip("about book files")
	}
	for _, tc := range []struct {
		args []string
		code int
		out  string // on stdout
		msg  string // on stderr
		made bool
	}{
		{[]string{"clients"}, 1, "", "there is no client book at", false},
		{[]string{"due-for", "birthday"}, 1, "", "nothing was created", false},
		{[]string{"log-visit", "Ana"}, 1, "", "there is no client book at", false},
		{[]string{"check"}, 1, "", "there is no client book at", false},
		{[]string{"export", "--format", "csv", "-o", "-"}, 1, "", "there is no client book at", false},
		{[]string{"check", "--help"}, 0, "usage: regulars check", "", false},
		{[]string{"log-visit", "Ana", "-h"}, 0, "usage: regulars log-visit", "", false},
		{[]string{"add-client", "--first", "Ana"}, 0, "", "started a new client book at", true},
	} {
		db := filepath.Join(t.TempDir(), "regulrs.db")
		code, out, errs := run(t, db, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q, %q; want %d, %q, %q", tc.args, code, out, errs, tc.code, tc.out, tc.msg)
		}
		if _, err := os.Stat(db); (err == nil) != tc.made {
			t.Errorf("%v: a book made: %v, want %v", tc.args, err == nil, tc.made)
		}
	}
	// --help on the default book makes none either.
	dir := t.TempDir()
	t.Setenv("REGULARS_DB", "")
	t.Setenv("XDG_DATA_HOME", dir)
	if code, out, _ := run(t, "", "check", "--help"); code != 0 || !strings.Contains(out, "usage: regulars check") {
		t.Errorf("check --help: %d %q", code, out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("check --help made %v", entries)
	}
}

// TestRestoreCommand: restore through a --db that is a symbolic link
// restores the book it points to and keeps the link; two restores in the
// same second keep two copies aside; restoring the book onto itself or
// while the window has it open is refused with the book unchanged.
func TestRestoreCommand(t *testing.T) {
	defer clock.Set(time.Date(2027, 1, 30, 9, 0, 0, 0, time.UTC))()
	dir := t.TempDir()
	book := filepath.Join(dir, "shop", "regulars.db")
	os.MkdirAll(filepath.Dir(book), 0o700)
	mustRun(t, book, "add-client", "--first", "Kept")
	backup := filepath.Join(dir, "good.db")
	mustRun(t, book, "backup", "-o", backup)
	mustRun(t, book, "add-client", "--first", "Later")
	link := filepath.Join(dir, "book.db")
	if err := os.Symlink(book, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	before := sum(t, book)
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"the book onto itself", []string{"restore", link}, "is the book itself"},
		{"a file that is not a book", []string{"restore", writeFile(t, "notes.txt", []byte("hello"))}, "not a Regulars client book"},
	} {
		code, _, errs := run(t, link, tc.args...)
		if code != 1 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%s: exit %d, %q; want 1, %q", tc.name, code, errs, tc.msg)
		}
		if sum(t, book) != before {
			t.Errorf("%s: the book was changed", tc.name)
		}
	}
	w, err := store.Open(book) // the window
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, link, "restore", backup)
	w.Close()
	if code != 1 || !strings.Contains(errs, "close it first") || sum(t, book) != before {
		t.Errorf("restore beside the window: exit %d, %q", code, errs)
	}

	var asides []string
	for i := 0; i < 2; i++ {
		code, out, errs := run(t, link, "restore", backup)
		if code != 0 {
			t.Fatalf("restore %d: exit %d: %s", i, code, errs)
		}
		_, aside, _ := strings.Cut(out, "kept in ")
		asides = append(asides, strings.TrimSpace(aside))
	}
	if asides[0] == asides[1] || asides[0] == "" {
		t.Errorf("two restores in the same second kept the book in %q and %q", asides[0], asides[1])
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if out := mustRun(t, book, "clients"); !strings.Contains(out, "Kept") || strings.Contains(out, "Later") {
		t.Errorf("the book the link points to after the restore:\n%s", out)
	}
	first, err := store.OpenShared(asides[0])
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if res, _ := first.Search(context.Background(), "Later", 5); res.Total != 1 {
		t.Errorf("the first copy kept aside lacks the client added after the backup")
	}
}
