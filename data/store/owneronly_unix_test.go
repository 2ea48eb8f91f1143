//go:build unix

package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"regulars/data"
)

// TestBookFilesAreTheOwnersOnly: under the usual umask 022 the book, its
// journal, its backups and the copy a restore keeps aside are readable by
// their owner only (they hold every client's name, address and visits).
func TestBookFilesAreTheOwnersOnly(t *testing.T) {
	fileOnly(t)
	defer syscall.Umask(syscall.Umask(0o022))
	dir := t.TempDir()
	book := filepath.Join(dir, "shop", "regulars.db")
	for _, open := range []func(string) (*Store, error){Open, OpenShared} {
		os.RemoveAll(filepath.Dir(book))
		s, err := open(book)
		if err != nil {
			t.Fatal(err)
		}
		addClient(t, s, data.Client{FirstName: "Ana"})
		backup, err := s.BackupNow(ctx, "manual")
		if err != nil {
			t.Fatal(err)
		}
		daily, err := s.DailyBackup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check := func(path string) {
			t.Helper()
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: mode %v, want the owner's only", filepath.Base(path), fi.Mode().Perm())
			}
		}
		for _, p := range []string{book, book + "-wal", backup, daily, filepath.Dir(book)} {
			check(p)
		}
		s.Close()
		aside, err := Restore(book, backup)
		if err != nil {
			t.Fatal(err)
		}
		check(aside)
		check(book)
	}
}

// TestOlderBookBecomesTheOwnersOnly: a book, journal and backups folder
// made readable by anyone (an older version under umask 022) are the
// owner's only once opened; a book its owner made read-only stays so.
func TestOlderBookBecomesTheOwnersOnly(t *testing.T) {
	fileOnly(t)
	book := filepath.Join(t.TempDir(), "regulars.db")
	s, err := Open(book)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Ana"})
	if _, err := s.BackupNow(ctx, "manual"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	backups := filepath.Join(filepath.Dir(book), "backups")
	os.Chmod(book, 0o644)
	os.Chmod(backups, 0o755)
	s, err = OpenShared(book)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for path, want := range map[string]os.FileMode{book: 0o600, backups: 0o700} {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(path), fi.Mode().Perm(), want)
		}
	}
}
