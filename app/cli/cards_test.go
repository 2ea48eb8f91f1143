package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/internal/clock"
)

func TestCardsEndToEnd(t *testing.T) {
	// The visits are of November 2026: the batch is run in early December.
	defer clock.Set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local))()
	db := newBook(t)
	out := t.TempDir()
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane", "--address", "Austin, TX 78702")
	mustRun(t, db, "add-staff", "Bea Santos")
	for _, c := range [][]string{
		{"--first", "Zoë", "--last", "Núñez"},
		{"--first", "Łukasz", "--last", "Wiśniewski"},
		{"--first", "Анна", "--last", "Петрова"},
	} {
		mustRun(t, db, append([]string{"add-client", "--street", "12 Oak Avenue", "--city", "Austin", "--region", "TX", "--postal", "78701"}, c...)...)
	}
	mustRun(t, db, "add-client", "--first", "No", "--last", "Address")
	for _, who := range []string{"zoe", "lukasz", "анна", "address"} {
		mustRun(t, db, "log-visit", who, "--at", "2026-11-05T10:00", "--staff", "Bea Santos", "--what", "Cut and blow-dry")
	}

	text := mustRun(t, db, "cards", "--period", "2026-11", "--envelopes", "c6", "--labels", "l7160", "-o", out)
	if !strings.Contains(text, "3 cards") {
		t.Fatalf("cards:\n%s", text)
	}
	cards := filepath.Join(out, "cards-2026-11-a2.pdf")
	for _, f := range []string{cards, filepath.Join(out, "envelopes-2026-11-c6.pdf"), filepath.Join(out, "labels-2026-11-l7160.pdf")} {
		if _, err := os.Stat(f); err != nil || !strings.Contains(text, f) {
			t.Errorf("%s not written or not named: %v", f, err)
		}
	}
	pdf, err := exec.Command("pdftotext", "-raw", cards, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Zoë", "Łukasz", "Анна", "Blue Door Salon", "5 November", "Bea"} {
		if !strings.Contains(string(pdf), want) {
			t.Errorf("card text lacks %q:\n%s", want, pdf)
		}
	}
	first := pages(t, cards)

	// Printing again gives the same cards; marking sent thanks everyone once.
	mustRun(t, db, "cards", "--period", "2026-11", "-o", out, "--mark-sent")
	if again := pages(t, cards); !bytes.Equal(first, again) {
		t.Error("a re-print looks different from the first print")
	}
	if text := mustRun(t, db, "cards", "--period", "2026-11", "-o", t.TempDir()); !strings.Contains(text, "nobody to thank") {
		t.Errorf("re-run after marking sent: %s", text)
	}
	if out := mustRun(t, db, "due", "--json"); !strings.Contains(out, `"thank_you_due": false`) && strings.Contains(out, "Zoë") {
		t.Errorf("still thank-you due: %s", out)
	}

	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"cards", "--period", "2026-11"}, 2, "-o DIR is required"},
		{[]string{"cards", "--period", "November", "-o", out}, 2, "YYYY-MM"},
		{[]string{"cards", "--layout", "napkin", "-o", out}, 2, "a2, a4, a6, a7, letter, postcard"},
		{[]string{"cards", "--envelopes", "b4", "-o", out}, 2, "no envelope"},
		{[]string{"cards", "--template", "Nope", "-o", out}, 1, "no template is called"},
		{[]string{"business", "--font", filepath.Join(out, "labels-2026-11-l7160.pdf")}, 1, "not a font file"},
		{[]string{"business", "--signature", cards}, 1, "not a PNG"},
	}
	for _, tc := range cases {
		code, _, errs := run(t, db, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, %q; want %d, %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}

func TestCardTooLongIsRefused(t *testing.T) {
	// The visit is of November 2026: the batch is run in early December.
	defer clock.Set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local))()
	db := newBook(t)
	out := t.TempDir()
	mustRun(t, db, "add-client", "--first", "Søren", "--last", "Kierkegaard", "--street", "1 Main St", "--city", "Austin")
	mustRun(t, db, "log-visit", "soren", "--at", "2026-11-05T10:00", "--what", strings.Repeat("a very long treatment description ", 60))
	code, _, errs := run(t, db, "cards", "--period", "2026-11", "--layout", "postcard", "-o", out)
	if code != 1 || !strings.Contains(errs, "Søren Kierkegaard") || !strings.Contains(errs, "nothing was printed") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if files, _ := os.ReadDir(out); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
}

// pages renders a PDF's pages with poppler and returns the pixels, so
// that two prints compare by what they show.
func pages(t *testing.T, pdf string) []byte {
	t.Helper()
	out, err := exec.Command("pdftoppm", "-r", "40", "-gray", pdf).Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	return out
}

func TestBackupRestoreErase(t *testing.T) {
	db := bookFile(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "Before")
	backup := strings.TrimSpace(mustRun(t, db, "backup"))
	if _, err := os.Stat(backup); err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(t.TempDir(), "copy.db")
	mustRun(t, db, "backup", "-o", own)
	if code, _, errs := run(t, db, "backup", "-o", own); code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("backup over a file: %d %s", code, errs)
	}
	mustRun(t, db, "add-client", "--first", "Bo", "--last", "After")
	if out := mustRun(t, db, "check"); !strings.Contains(out, "sound") {
		t.Errorf("check: %s", out)
	}
	if code, _, errs := run(t, db, "restore", filepath.Join(t.TempDir(), "missing.db")); code != 1 || !strings.Contains(errs, "there is no file") {
		t.Errorf("restore a missing file: %d %s", code, errs)
	}
	if out := mustRun(t, db, "restore", backup); !strings.Contains(out, "kept in") {
		t.Errorf("restore: %s", out)
	}
	if out := mustRun(t, db, "clients", "--json"); strings.Contains(out, "After") || !strings.Contains(out, "Before") {
		t.Errorf("after restore: %s", out)
	}
	if code, _, errs := run(t, db, "erase-client", "ana"); code != 2 || !strings.Contains(errs, "--yes") {
		t.Errorf("erase without --yes: %d %s", code, errs)
	}
	mustRun(t, db, "erase-client", "ana", "--yes")
	if out := mustRun(t, db, "clients", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("after erase: %s", out)
	}
}

func TestExportCommand(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Zoë", "--last", "Núñez", "--email", "zoe@example.com")
	mustRun(t, db, "log-visit", "zoe", "--at", "2026-11-01", "--what", "Cut")
	dir := t.TempDir()
	for format, want := range map[string]string{"csv": "Núñez", "vcard": "BEGIN:VCARD", "visits": "Cut"} {
		path := filepath.Join(dir, format)
		if out := mustRun(t, db, "export", "--format", format, "-o", path); !strings.Contains(out, "written") {
			t.Errorf("%s: %s", format, out)
		}
		b, _ := os.ReadFile(path)
		if !strings.Contains(string(b), want) {
			t.Errorf("%s export lacks %q:\n%s", format, want, b)
		}
	}
	if code, _, errs := run(t, db, "export", "--format", "xml", "-o", filepath.Join(dir, "x")); code != 2 || !strings.Contains(errs, "unknown format") {
		t.Errorf("bad format: %d %s", code, errs)
	}
	if code, _, errs := run(t, db, "export", "-o", filepath.Join(dir, "no", "such", "dir", "x.csv")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("bad path: %d %s", code, errs)
	}
}

func TestImportDuplicatesMerge(t *testing.T) {
	db := newBook(t)
	file := filepath.Join(t.TempDir(), "people.csv")
	os.WriteFile(file, []byte("First Name,Last Name,Email,Phone\nAna,López,ana@example.com,555 123 4567\nBo,Berg,bo@example.com,\n"), 0o644)
	if out := mustRun(t, db, "import", file, "--dry-run"); !strings.Contains(out, "2 new") || !strings.Contains(out, "dry run") {
		t.Errorf("dry run: %s", out)
	}
	if out := mustRun(t, db, "clients", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("dry run imported: %s", out)
	}
	if out := mustRun(t, db, "import", file); !strings.Contains(out, "2 added") || !strings.Contains(out, "backup") {
		t.Errorf("import: %s", out)
	}
	if out := mustRun(t, db, "import", file); !strings.Contains(out, "0 new") {
		t.Errorf("second import: %s", out)
	}
	mustRun(t, db, "add-client", "--first", "Anna", "--last", "Lopez", "--force")
	out := mustRun(t, db, "duplicates")
	if !strings.Contains(out, "similar names; found on the name alone") {
		t.Errorf("duplicates: %s", out)
	}
	mustRun(t, db, "log-visit", "anna lopez", "--at", "2026-11-01")
	if out := mustRun(t, db, "merge", "ana@example.com", "anna lopez"); !strings.Contains(out, "merged") {
		t.Errorf("merge: %s", out)
	}
	if out := mustRun(t, db, "visits", "ana@example.com"); !strings.Contains(out, "1 visit") {
		t.Errorf("visits after merge: %s", out)
	}
	if code, _, errs := run(t, db, "import", filepath.Join(t.TempDir(), "missing.csv")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing file: %d %s", code, errs)
	}
	if code, _, errs := run(t, db, "import", file, "--format", "xls"); code != 2 || !strings.Contains(errs, "unknown format") {
		t.Errorf("bad format: %d %s", code, errs)
	}
}

// TestImportReport: a row with errors makes import exit 1 after the good
// rows are imported, with the counts on the last line; a field that
// cannot be read is named; a household member sharing a phone is added as
// a possible duplicate; columns left out are listed.
func TestImportReport(t *testing.T) {
	db := newBook(t)
	file := filepath.Join(t.TempDir(), "outlook.csv")
	os.WriteFile(file, []byte("First Name,Last Name,E-mail Address,Mobile Phone,Home Phone,Birthday,Job Title\n"+
		"Keiko,Tanaka,keiko@example.jp,090 1234 5678,03 1234 5678,0/0/00,Owner\n"+
		"Yui,Tanaka,,,03 1234 5678,31/02/2001,\n"+
		",,nobody@example.com,,,,\n"), 0o644)
	code, out, errs := run(t, db, "import", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || !strings.Contains(errs, "1 row with errors") || lines[len(lines)-1] != "Outlook file: 2 new (1 possible duplicate), 0 to update, 0 skipped, 1 with errors" {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{
		"warning: not imported: Job Title",
		`skipped: birthday "31/02/2001" ("Birthday") is not a date; left empty`,
		"Yui Tanaka — possible duplicate of line 2: same phone, different names: added as new, never merged by itself",
		"#2 Yui Tanaka may be #1: if they are one person, `regulars merge 1 2`",
		"line 4: error",
		"2 added",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if out := mustRun(t, db, "clients", "--json", "keiko"); !strings.Contains(out, `"other_phones": [`) || !strings.Contains(out, `"03 1234 5678"`) {
		t.Errorf("clients --json: %s", out)
	}
	// Importing again adds nobody; the error row still fails.
	if code, out, _ := run(t, db, "import", file); code != 1 || !strings.Contains(out, "0 new (0 possible duplicates), 0 to update, 2 skipped, 1 with errors") {
		t.Errorf("again: %d %s", code, out)
	}
	if out := mustRun(t, db, "duplicates"); !strings.Contains(out, "0 likely duplicate pairs") {
		t.Errorf("a household listed as duplicates: %s", out)
	}
}

func TestMergeTake(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Jon", "--last", "Smith", "--email", "jon@old.example", "--phone", "555 111 2222")
	mustRun(t, db, "add-client", "--first", "John", "--last", "Smith", "--email", "john@new.example", "--phone", "555 333 4444", "--force")
	mustRun(t, db, "add-client", "--first", "Jon", "--last", "Smith", "--force")
	out := mustRun(t, db, "duplicates")
	if !strings.Contains(out, "#1 Jon Smith  and  #3 Jon Smith  (same name only; found on the name alone)") ||
		!strings.Contains(out, "#1 · 555 111 2222 · jon@old.example · 0 visits") || !strings.Contains(out, "#2 John Smith  and  #3 Jon Smith  (similar names; found on the name alone)") {
		t.Errorf("duplicates: %s", out)
	}
	if code, _, errs := run(t, db, "merge", "1", "2", "--take", "shoe=other"); code != 2 || !strings.Contains(errs, `no field "shoe"`) {
		t.Errorf("bad take: %d %s", code, errs)
	}
	out = mustRun(t, db, "merge", "1", "2", "--take", "first=other,email=other", "--take", "phone=other")
	if !strings.Contains(out, "merged #2 John Smith into #1") {
		t.Errorf("merge: %s", out)
	}
	out = mustRun(t, db, "clients", "--json", "smith")
	for _, want := range []string{`"first_name": "John"`, `"email": "john@new.example"`, `"phone": "555 333 4444"`, `"555 111 2222"`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in %s", want, out)
		}
	}
}
