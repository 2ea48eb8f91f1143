package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// openTestBook opens a new book file with one small script.
func openTestBook(t *testing.T, path string) *Book {
	t.Helper()
	b, _, err := Open(path, Options{
		ApplicationID: 0x52474c52,
		Scripts:       []string{"CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)"},
		Target:        1,
		BackupDir:     filepath.Join(filepath.Dir(path), "backups"),
		Now:           time.Now,
		Judge:         func(err error) (error, bool) { return err, false },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestBookSoundStampsTheFile: a new book is found sound and stamped, so
// that the next Book skips the check; the outbox is held by one at a time.
func TestBookSoundStampsTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	b := openTestBook(t, path)
	if v, err := b.Version(ctx); err != nil || v != 1 {
		t.Fatalf("version %d, %v; want 1", v, err)
	}
	if err := b.Sound(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-checked"); err != nil {
		t.Errorf("no stamp after a sound check: %v", err)
	}
	if err := b.Check(ctx); err != nil {
		t.Errorf("check: %v", err)
	}
	release, err := b.HoldOutbox(ctx)
	if err != nil || release == nil {
		t.Fatalf("hold the outbox: %v", err)
	}
	if again, err := b.HoldOutbox(ctx); err != nil || again != nil {
		t.Errorf("held twice: %v", err)
	}
	release()
}

// TestOpenRefusesAnEmptyFile: an empty file is someone's, not a new book.
func TestOpenRefusesAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := Open(path, Options{Scripts: []string{""}, Target: 1})
	if !errors.Is(err, ErrEmptyFile) {
		t.Errorf("Open(empty file) = %v, want ErrEmptyFile", err)
	}
}
