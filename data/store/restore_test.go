package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/sqlite"
	"regulars/internal/clock"
)

// visitNotes reads the notes of every visit in the book file at path.
func visitNotes(t *testing.T, path string) map[string]bool {
	t.Helper()
	s, err := OpenShared(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer s.Close()
	rows, err := s.DB().Query("SELECT note FROM visits")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out[n] = true
	}
	return out
}

// restoreDir is a test's folder for books it restores. Not t.TempDir:
// under Wine a file just closed (a book, the backup restored from) cannot
// always be removed at once ("Invalid function"), which would fail the
// test on its folder rather than on what it checks; the folder goes when
// it can.
func restoreDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "regulars-restore-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// TestRestoreBesideWriters logs visits as commands do (open, write,
// close) in a loop beside repeated restores, and looks for each visit
// reported saved in the restored book or in a copy kept aside: none is
// lost, and no writer is told the book is damaged.
func TestRestoreBesideWriters(t *testing.T) {
	fileOnly(t)
	dir := restoreDir(t)
	book := filepath.Join(dir, "regulars.db")
	s, err := Open(book)
	if err != nil {
		t.Fatal(err)
	}
	id := addClient(t, s, data.Client{FirstName: "Ana", LastName: "Lima"})
	backup, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	const writers, restores = 3, 8
	var mu sync.Mutex
	var saved []string
	var failures []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				note := fmt.Sprintf("writer %d visit %d", w, n)
				s, err := OpenShared(book)
				if err == nil {
					_, err = s.LogVisit(ctx, &data.Visit{ClientID: id, At: clock.Now(), Note: note, AmountCents: -1})
					s.Close()
				}
				mu.Lock()
				if err == nil {
					saved = append(saved, note)
				} else if errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "damaged") {
					failures = append(failures, err.Error())
				}
				mu.Unlock()
			}
		}(w)
	}
	var asides []string
	for r := 0; r < restores; r++ {
		time.Sleep(30 * time.Millisecond)
		aside, err := Restore(book, backup)
		if err != nil {
			t.Errorf("restore %d: %v", r, err)
		}
		if aside != "" {
			asides = append(asides, aside)
		}
	}
	close(stop)
	wg.Wait()

	kept := visitNotes(t, book)
	for _, a := range asides {
		for n := range visitNotes(t, a) {
			kept[n] = true
		}
	}
	lost := 0
	for _, n := range saved {
		if !kept[n] {
			lost++
		}
	}
	t.Logf("%d visits reported saved beside %d restores, %d lost", len(saved), restores, lost)
	if lost > 0 || len(failures) > 0 {
		t.Errorf("%d of %d visits reported saved are lost; %d writers told the book is damaged: %v", lost, len(saved), len(failures), failures)
	}
	if len(saved) == 0 {
		t.Error("no visit was saved beside the restores: the writers were shut out")
	}
	if len(asides) != restores {
		t.Errorf("%d copies kept aside for %d restores", len(asides), restores)
	}
}

// TestTwoRestoresInTheSameSecond: each keeps the book it replaced under
// its own name.
func TestTwoRestoresInTheSameSecond(t *testing.T) {
	fileOnly(t)
	defer clock.Set(time.Date(2027, 3, 14, 9, 30, 0, 0, time.UTC))()
	dir := restoreDir(t)
	book := filepath.Join(dir, "regulars.db")
	s, err := Open(book)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "First"})
	backup, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Second"})
	s.Close()
	a1, err := Restore(book, backup)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := Restore(book, backup)
	if err != nil {
		t.Fatal(err)
	}
	if a1 == a2 {
		t.Fatalf("both restores kept the book as it was in %s", a1)
	}
	for _, k := range []struct {
		path string
		want int
	}{{a1, 2}, {a2, 1}} {
		c, err := OpenShared(k.path)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := c.Search(ctx, "", 10)
		c.Close()
		if res.Total != k.want {
			t.Errorf("%s holds %d clients, want %d", filepath.Base(k.path), res.Total, k.want)
		}
	}
	// Backups of the same second do not collide either.
	s, err = OpenShared(book)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b1, err1 := s.BackupNow(ctx, "manual")
	b2, err2 := s.BackupNow(ctx, "manual")
	if err1 != nil || err2 != nil || b1 == b2 || b1 == backup {
		t.Errorf("two backups in a second: %s %v, %s %v", b1, err1, b2, err2)
	}
}

// TestRestoreThroughALink: a --db that is a symbolic link restores the
// book it points to and leaves the link.
func TestRestoreThroughALink(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	real := filepath.Join(dir, "shop", "regulars.db")
	os.MkdirAll(filepath.Dir(real), 0o700)
	s, err := Open(real)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Kept"})
	backup, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Later"})
	s.Close()
	link := filepath.Join(dir, "book.db")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, err := Restore(link, backup); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	c, err := OpenShared(real)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if res, _ := c.Search(ctx, "", 10); res.Total != 1 {
		t.Errorf("the book the link points to holds %d clients after the restore, want 1", res.Total)
	}
}

// TestRestoreLeftoversGo: the copy a killed restore left next to the book
// is removed when the book is next opened.
func TestRestoreLeftoversGo(t *testing.T) {
	fileOnly(t)
	book := filepath.Join(restoreDir(t), "regulars.db")
	s, err := Open(book)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.WriteFile(book+sqlite.RestoringSuffix, make([]byte, 4096), 0o600)
	s, err = OpenShared(book)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(book + sqlite.RestoringSuffix); err == nil {
		t.Error("the copy a killed restore left is still there")
	}
}

// TestRestoreWaitsForACommand: a restore waits for a command that has the
// book open, and refuses (leaving everything) when it does not end.
func TestRestoreWaitsForACommand(t *testing.T) {
	fileOnly(t)
	defer func(w time.Duration) { sqlite.WaitForWriters = w }(sqlite.WaitForWriters)
	sqlite.WaitForWriters = 200 * time.Millisecond
	dir := restoreDir(t)
	book := filepath.Join(dir, "regulars.db")
	s, err := OpenShared(book)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Ana"})
	backup, err := s.BackupNow(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(book, backup); err == nil || !strings.Contains(err.Error(), "still running") {
		t.Errorf("restored under an open command: %v", err)
	}
	time.AfterFunc(50*time.Millisecond, func() { s.Close() })
	sqlite.WaitForWriters = 5 * time.Second
	if _, err := Restore(book, backup); err != nil {
		t.Errorf("restore after the command ended: %v", err)
	}
}

// TestRestorable: a backup file can replace a book file, never a book on
// a server (the window offers a restore only where Restore can do it).
func TestRestorable(t *testing.T) {
	s := openTest(t)
	if got, want := s.Restorable(), s.Engine() == "sqlite"; got != want {
		t.Errorf("a book on %s: Restorable() = %v; want %v", s.Engine(), got, want)
	}
	if !s.Restorable() {
		if _, err := Restore(s.Path(), filepath.Join(t.TempDir(), "backup.db")); err == nil {
			t.Error("Restore put a file in place of a book on a server")
		}
	}
}

// TestMissing: a book file that is not there is missing; one that is, or
// a book on a server (opening it tells), is not.
func TestMissing(t *testing.T) {
	dir := t.TempDir()
	there := filepath.Join(dir, "there.db")
	if err := os.WriteFile(there, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{filepath.Join(dir, "nowhere.db"), true},
		{filepath.Join(dir, "no-folder", "book.db"), true},
		{there, false},
		{dir, false},
		{"postgres://regulars@frontdesk/regulars", false},
	} {
		if got := Missing(tc.path); got != tc.want {
			t.Errorf("Missing(%q) = %v; want %v", tc.path, got, tc.want)
		}
	}
}
