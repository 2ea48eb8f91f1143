package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

func TestEmptyFileIsNotABook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(string) (*Store, error){Open, OpenShared} {
		_, err := open(path)
		if !errors.Is(err, ErrEmptyFile) || !strings.Contains(err.Error(), "the file is empty") {
			t.Fatalf("open an empty file: %v", err)
		}
		if fi, _ := os.Stat(path); fi.Size() != 0 {
			t.Fatalf("the empty file became %d bytes", fi.Size())
		}
	}
}

// TestWindowAndCommands opens the book as the window does and as commands
// do: a second window is refused, commands read and write while the
// window is open, and the window hears of their changes (and finds the
// client they added) through Changed, but not of its own writes.
func TestWindowAndCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	window, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	addClient(t, window, data.Client{FirstName: "Ana"})
	if _, err := Open(path); !errors.Is(err, ErrInUse) {
		t.Fatalf("a second window: %v", err)
	}
	if changed, err := window.Changed(ctx); changed || err != nil {
		t.Fatalf("first Changed = %v, %v", changed, err)
	}
	if err := window.WarmSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if res, _ := window.Search(ctx, "ana", 10); res.Total != 1 {
		t.Fatalf("%d clients before", res.Total)
	}

	cmd, err := OpenShared(path)
	if err != nil {
		t.Fatalf("a command while the window is open: %v", err)
	}
	if res, err := cmd.Search(ctx, "ana", 10); err != nil || res.Total != 1 {
		t.Fatalf("the command reads: %v, %v", res.Total, err)
	}
	bo := addClient(t, cmd, data.Client{FirstName: "Bo", LastName: "Lindqvist"})
	if _, err := cmd.LogVisit(ctx, &data.Visit{ClientID: bo, At: clock.Now(), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	cmd.Close()

	if changed, err := window.Changed(ctx); !changed || err != nil {
		t.Fatalf("Changed after the command's write = %v, %v", changed, err)
	}
	if !window.index.Built() {
		t.Error("the index was thrown away for a change to one client")
	}
	if res, _ := window.Search(ctx, "lindqvist", 10); res.Total != 1 || res.Clients[0].VisitCount != 1 {
		t.Errorf("the window does not see the client and visit the command added: %+v", res)
	}
	if changed, _ := window.Changed(ctx); changed {
		t.Errorf("Changed twice for one change")
	}
	addClient(t, window, data.Client{FirstName: "Cy"})
	if changed, _ := window.Changed(ctx); changed {
		t.Errorf("Changed after the window's own write")
	}

	// A client erased by a command leaves the window's list too.
	cmd, err = OpenShared(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.EraseClient(ctx, bo); err != nil {
		t.Fatal(err)
	}
	cmd.Close()
	if changed, _ := window.Changed(ctx); !changed {
		t.Error("Changed after an erasure = false")
	}
	if res, _ := window.Search(ctx, "lindqvist", 10); res.Total != 0 {
		t.Errorf("the erased client is still found")
	}
}

// TestCommandWaitsForTheWindowsWrite holds a write transaction open, as the
// window does while it saves, and checks that a command's write waits for
// it and then goes through.
func TestCommandWaitsForTheWindowsWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	window, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	addClient(t, window, data.Client{FirstName: "Ana"})
	tx, err := window.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE clients SET notes = 'busy'"); err != nil {
		t.Fatal(err)
	}
	cmd, err := OpenShared(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cmd.Close()
	done := make(chan error, 1)
	go func() {
		_, err := cmd.AddClient(ctx, &data.Client{FirstName: "Bo"})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the command did not wait for the window's write: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the command's write after the wait: %v", err)
	}
}

// damage overwrites the middle of the book's last table page, as a bad
// disk or a torn copy would; quick_check then finds it.
func damage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) - 3000; i < len(b)-1000; i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedBookIsNotWritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "regulars.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 400; i++ {
		addClient(t, s, data.Client{FirstName: "Client", LastName: strings.Repeat("x", i%50), Notes: strings.Repeat("note ", 20)})
	}
	good, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	damage(t, path)
	before, _ := os.ReadFile(path)

	s, err = OpenShared(path)
	if err != nil {
		t.Fatalf("a damaged book cannot even be read: %v", err)
	}
	_, err = s.AddClient(context.Background(), &data.Client{FirstName: "Bo"})
	s.Close()
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "nothing was saved") || !strings.Contains(err.Error(), good) {
		t.Fatalf("write to a damaged book: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the damaged book was changed")
	}
}

func TestRestoreMissingFile(t *testing.T) {
	dir := t.TempDir()
	_, err := Restore(filepath.Join(dir, "regulars.db"), filepath.Join(dir, "nope.db"))
	if err == nil || !strings.Contains(err.Error(), "there is no file") {
		t.Fatalf("restore a missing file: %v", err)
	}
}

func TestOtherTextFields(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id := addClient(t, s, data.Client{FirstName: "Ana"})
	checks := []struct {
		name string
		err  error
		want string
	}{
		{"business name", s.SetSetting(ctx, data.SettingBusinessName, "Blue Door\r\nBcc: all"), "cannot contain line breaks"},
		{"business address", s.SetSetting(ctx, data.SettingBusinessAddress, "1 Main St\nSpringfield\x1b"), "control character"},
		{"staff", func() error { _, err := s.AddStaff(ctx, "Mia\nBo"); return err }(), "line breaks"},
		{"template subject", s.SaveTemplate(ctx, &data.Template{Name: "T", Subject: "Hi\r\nBcc: x", Body: "Hi"}), "line breaks"},
		{"template name", s.SaveTemplate(ctx, &data.Template{Name: "T\x00", Body: "Hi"}), "control character"},
		{"visit what", func() error {
			_, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: clock.Now(), What: "cut\x1b[2J", AmountCents: -1})
			return err
		}(), "control character"},
		{"visit in 9999", func() error {
			_, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: time.Date(9999, 12, 31, 0, 0, 0, 0, time.Local), AmountCents: -1})
			return err
		}(), "in the future"},
		{"visit in 1899", func() error {
			_, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: time.Date(1899, 12, 31, 0, 0, 0, 0, time.Local), AmountCents: -1})
			return err
		}(), "before 1900"},
		{"snooze forever", s.Snooze(ctx, id, clock.Now().AddDate(0, 0, 99999999)), "more than 10 years ahead"},
	}
	for _, c := range checks {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: %v; want %q", c.name, c.err, c.want)
		}
	}
	if err := s.SetSetting(ctx, data.SettingBusinessAddress, "1 Main St\nSpringfield"); err != nil {
		t.Errorf("a two-line address: %v", err)
	}
}

func TestBackupCleansKilledParts(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := s.BackupDir()
	os.MkdirAll(dir, 0o755)
	files := map[string]bool{ // name: still there after the next backup
		"manual-2026-11-01-100000.db.part":                                    false, // an older version's
		"manual-2026-11-02-100000.db.999999999.part":                          false, // its process is gone
		"manual-2026-11-03-100000.db." + strconv.Itoa(os.Getppid()) + ".part": true,  // still running
		"regulars-before-v9-20261101-100000.db.999999999-4242.part":           false, // a killed upgrade's copy
		"replaced-2026-11-01-100000.db.999999999.part":                        false, // a killed restore's copy aside
		"notes.txt": true,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), make([]byte, 1000), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.BackupNow(ctx, "manual"); err != nil {
		t.Fatal(err)
	}
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".part") && !files[e.Name()] {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestDiskFullIsSaidSo fills the book to a page limit inside a write, as a
// full disk would, and checks that the error says the disk is full rather
// than blaming the row being written.
func TestDiskFullIsSaidSo(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addClient(t, s, data.Client{FirstName: "Ana"})
	err = s.write(ctx, func(tx *sql.Tx) error {
		var pages int
		tx.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages)
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+1)); err != nil {
			return err
		}
		for i := 0; i < 1000; i++ {
			if _, err := tx.ExecContext(ctx, "INSERT INTO clients (first_name, notes, created_at, updated_at) VALUES ('x', ?, '', '')", strings.Repeat("n", 4000)); err != nil {
				return fmt.Errorf("line %d: %w", 5073+i, err)
			}
		}
		return nil
	})
	if !errors.Is(err, ErrDiskFull) || strings.Contains(err.Error(), "line 5073") {
		t.Fatalf("write on a full disk: %v", err)
	}
	if err := busyError(fmt.Errorf("write: %w", syscall.ENOSPC)); !errors.Is(err, ErrDiskFull) {
		t.Errorf("ENOSPC: %v", err)
	}
}

// codeError is an SQLite error as the driver gives it: a message and a code.
type codeError struct {
	msg  string
	code int
}

func (e codeError) Error() string { return e.msg }
func (e codeError) Code() int     { return e.code }

// TestFullDiskOnOpen: a disk already full fails the WAL index's growth
// ("disk I/O error (4874)") when a command opens the book; it is said to
// be full, on opening and on writing alike.
func TestFullDiskOnOpen(t *testing.T) {
	for _, err := range []error{
		codeError{"disk I/O error (4874)", 4874},
		codeError{"database or disk is full (13)", 13},
		fmt.Errorf("open: %w", syscall.ENOSPC),
	} {
		got := classify("/shop/regulars.db", err)
		if !errors.Is(got, ErrDiskFull) || !strings.Contains(got.Error(), "the disk is full") || strings.Contains(got.Error(), "4874") {
			t.Errorf("%v on opening: %v", err, got)
		}
		if got := busyError(err); !errors.Is(got, ErrDiskFull) {
			t.Errorf("%v on writing: %v", err, got)
		}
	}
	if got := classify("/shop/regulars.db", codeError{"disk I/O error (266)", 266}); errors.Is(got, ErrDiskFull) {
		t.Errorf("a read error is not a full disk: %v", got)
	}
}

// TestTwoCommandsUpgradeAtOnce opens a book of an older version from two
// commands at the same moment (they take no lock): both must open it, and
// the upgrade must run once.
func TestTwoCommandsUpgradeAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	old, err := open(path, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		go func() {
			s, err := OpenShared(path)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Errorf("open while another command upgrades: %v", err)
		}
	}
	s, err := OpenShared(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion() {
		t.Errorf("version %d", v)
	}
}
