package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"regulars/internal/pgtest"
)

// TestMoveCommand moves a book file into a new file, and — with a
// PostgreSQL test server — onto the server and back, and checks what a
// shop would: the same clients and visits answer on every copy, the
// source is left as it was, and a bad destination is refused plainly.
func TestMoveCommand(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "demo", "--clients", "120", "--visits", "900", "--seed", "5")
	mustRun(t, db, "add-client", "--first", "Oona", "--last", "Fairweather", "--email", "oona@example.com")
	mustRun(t, db, "log-visit", "oona", "--amount", "60")
	want := mustRun(t, db, "clients", "--limit", "500")
	wantOona := mustRun(t, db, "client", "oona")

	copy := filepath.Join(t.TempDir(), "copy.db")
	out := mustRun(t, db, "move", "--to", copy)
	if !strings.Contains(out, "every count checked") || !strings.Contains(out, "--db "+copy) {
		t.Errorf("move output: %s", out)
	}
	if got := mustRun(t, copy, "clients", "--limit", "500"); got != want {
		t.Errorf("the copy lists other clients")
	}
	if code, _, errs := run(t, db, "move", "--to", copy); code != 1 || !strings.Contains(errs, "exists already") {
		t.Errorf("move onto an existing file: %d %s", code, errs)
	}
	if code, _, errs := run(t, db, "move"); code != 2 || !strings.Contains(errs, "--to") {
		t.Errorf("move without --to: %d %s", code, errs)
	}
	if code, _, errs := run(t, db, "move", "--to", "postgres://me:secret@example.com/shop"); code != 1 || !strings.Contains(errs, "leave the password out") || strings.Contains(errs, "secret") {
		t.Errorf("a password in the address: %d %s", code, errs)
	}

	if !pgtest.Available() {
		return
	}
	addr := pgtest.NewBook(t)
	mustRun(t, copy, "move", "--to", addr)
	if got := mustRun(t, addr, "clients", "--limit", "500"); got != want {
		t.Errorf("the server book lists other clients:\n%s\nwant\n%s", got, want)
	}
	if got := mustRun(t, addr, "client", "oona"); got != wantOona {
		t.Errorf("Oona on the server:\n%s\nwant\n%s", got, wantOona)
	}
	mustRun(t, addr, "log-visit", "oona", "--amount", "20")
	back := filepath.Join(t.TempDir(), "back.db")
	mustRun(t, addr, "move", "--to", back)
	if got := mustRun(t, back, "client", "oona"); !strings.Contains(got, "€80.00") && !strings.Contains(got, "$80.00") && !strings.Contains(got, "80.00") {
		t.Errorf("Oona back in a file: %s", got)
	}
	bak := filepath.Join(t.TempDir(), "backup.db")
	mustRun(t, addr, "backup", "-o", bak)
	if out := mustRun(t, bak, "check"); !strings.Contains(out, "is sound") {
		t.Errorf("backup of the server book: %s", out)
	}
	if code, _, errs := run(t, addr, "restore", bak); code != 1 || !strings.Contains(errs, "move --to") {
		t.Errorf("restore onto a server book: %d %s", code, errs)
	}
}
