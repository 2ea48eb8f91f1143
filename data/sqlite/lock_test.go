//go:build unix || windows

package sqlite

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLockRefusesASecond: the window's lock on a book refuses a second
// one until it is let go.
func TestLockRefusesASecond(t *testing.T) {
	book := filepath.Join(t.TempDir(), "regulars.db")
	first, err := Lock(book)
	if err != nil {
		t.Fatal(err)
	}
	if second, err := Lock(book); !errors.Is(err, ErrWouldBlock) {
		Unlock(second)
		t.Fatalf("a second lock: %v, want ErrWouldBlock", err)
	}
	Unlock(first)
	again, err := Lock(book)
	if err != nil {
		t.Fatalf("the lock after it was let go: %v", err)
	}
	Unlock(again)
}

// TestGateKeepsWritersAndRestoreApart: Stores enter the writers' gate
// together, a restore waits for them to leave, and no Store enters while
// the restore holds it.
func TestGateKeepsWritersAndRestoreApart(t *testing.T) {
	defer func(w, r time.Duration) { WaitForWriters, gateWaitForRestore = w, r }(WaitForWriters, gateWaitForRestore)
	WaitForWriters, gateWaitForRestore = 100*time.Millisecond, 100*time.Millisecond
	book := filepath.Join(t.TempDir(), "regulars.db")
	a, err := Enter(book)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Enter(book)
	if err != nil {
		t.Fatalf("a second Store at the gate: %v", err)
	}
	if r, err := excludeWriters(book); !errors.Is(err, ErrWouldBlock) {
		Unlock(r)
		t.Fatalf("a restore among writers: %v, want ErrWouldBlock", err)
	}
	Unlock(a)
	Unlock(b)
	r, err := excludeWriters(book)
	if err != nil {
		t.Fatalf("a restore once the writers left: %v", err)
	}
	if c, err := Enter(book); !errors.Is(err, ErrRestoring) {
		Unlock(c)
		t.Fatalf("a Store during a restore: %v, want ErrRestoring", err)
	}
	Unlock(r)
}

// TestRealPathFollowsLinks: a link to a book, or to its folder, stands
// for the book itself.
func TestRealPathFollowsLinks(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "regulars.db")
	if err := os.WriteFile(book, []byte("SQLite format 3\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(book, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got, err := RealPath(link); err != nil || got != book {
		t.Errorf("RealPath(link) = %q, %v; want %q", got, err, book)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Symlink(dir, folder); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "new.db")
	if got, err := RealPath(filepath.Join(folder, "new.db")); err != nil || got != want {
		t.Errorf("RealPath of a new book in a linked folder = %q, %v; want %q", got, err, want)
	}
	if err := CheckHeader(book); err != nil {
		t.Errorf("CheckHeader of an SQLite header: %v", err)
	}
	if err := CheckHeader(link + "x"); err == nil {
		t.Error("CheckHeader of a missing file passed")
	}
}
