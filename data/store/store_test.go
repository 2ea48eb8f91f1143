package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/data"
)

var ctx = context.Background()

func addClient(t testing.TB, s *Store, c data.Client) int64 {
	t.Helper()
	id, err := s.AddClient(ctx, &c)
	if err != nil {
		t.Fatalf("add %s: %v", c.Name(), err)
	}
	return id
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenCreatesBook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "regulars.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Version(ctx)
	if err != nil || v != SchemaVersion() {
		t.Fatalf("version = %d, %v; want %d", v, err, SchemaVersion())
	}
	var mode, fk string
	s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode)
	s.DB().QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if mode != "wal" || fk != "1" {
		t.Errorf("journal_mode = %q, foreign_keys = %q; want wal, 1", mode, fk)
	}
	if s.BackupPath != "" {
		t.Errorf("a new book was copied aside to %s", s.BackupPath)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id := addClient(t, s, data.Client{FirstName: "Zoë", LastName: "Núñez"})
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Client(ctx, id)
	if err != nil || c.Name() != "Zoë Núñez" {
		t.Fatalf("after reopen: %q, %v", c.Name(), err)
	}
	if s.BackupPath != "" {
		t.Errorf("an up-to-date book was copied aside")
	}
}

// TestMigrationsFromEveryVersion builds a book at every earlier schema
// version, puts a client in it when the schema allows, and opens it with
// the current code: it must be upgraded, copied aside first, and keep
// its data.
func TestMigrationsFromEveryVersion(t *testing.T) {
	for from := 0; from < SchemaVersion(); from++ {
		t.Run("from v"+string(rune('0'+from)), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "regulars.db")
			old, err := open(path, from, true)
			if err != nil {
				t.Fatal(err)
			}
			hasClients := from >= 1
			if hasClients {
				// Written as that version's schema has it (today's code
				// writes columns an old book does not have yet).
				if _, err := old.DB().ExecContext(ctx, `INSERT INTO clients (first_name, last_name, name_key, created_at, updated_at)
					VALUES ('Old', 'Timer', 'old timer', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')`); err != nil {
					t.Fatal(err)
				}
			}
			old.Close()

			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if v, _ := s.Version(ctx); v != SchemaVersion() {
				t.Fatalf("version %d after upgrade, want %d", v, SchemaVersion())
			}
			if from > 0 {
				if s.BackupPath == "" {
					t.Fatal("no copy taken before the upgrade")
				}
				b, err := Open(s.BackupPath)
				if err == nil {
					b.Close()
				}
			}
			if hasClients {
				res, err := s.Search(ctx, "timer", 10)
				if err != nil || len(res.Clients) != 1 {
					t.Fatalf("client lost in upgrade: %+v, %v", res, err)
				}
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	good := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "regulars.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		addClient(t, s, data.Client{FirstName: "Keep", LastName: "Me"})
		s.Close()
		return path
	}
	cases := []struct {
		name    string
		setup   func(t *testing.T) string
		want    error
		message string
	}{
		{"text file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "notes.db")
			os.WriteFile(p, []byte("shopping list: milk, eggs\n"), 0o644)
			return p
		}, ErrNotBook, "not an SQLite database"},
		{"random bytes", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "garbage.db")
			os.WriteFile(p, bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096), 0o644)
			return p
		}, ErrNotBook, "not an SQLite database"},
		{"damaged book", func(t *testing.T) string {
			p := good(t)
			b, _ := os.ReadFile(p)
			for i := 100; i < len(b); i++ { // keep the header, wreck the pages
				b[i] = byte(i * 7)
			}
			os.WriteFile(p, b, 0o644)
			return p
		}, nil, "cannot open the client book"},
		{"another program's database", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "other.db")
			db, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			db.Exec("CREATE TABLE songs (title TEXT)")
			db.Close()
			return p
		}, ErrNotBook, "another program"},
		{"newer version", func(t *testing.T) string {
			p := good(t)
			db, _ := sql.Open("sqlite", p)
			db.Exec("PRAGMA user_version = 99")
			db.Close()
			return p
		}, ErrNewerVersion, "newer version of Regulars"},
		{"folder", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "regulars.db")
			os.Mkdir(p, 0o755)
			return p
		}, ErrIsDirectory, "folder"},
		{"read-only file", func(t *testing.T) string {
			p := good(t)
			os.Chmod(p, 0o444)
			return p
		}, ErrReadOnly, "read-only"},
		{"read-only folder", func(t *testing.T) string {
			p := good(t)
			os.Chmod(filepath.Dir(p), 0o555)
			t.Cleanup(func() { os.Chmod(filepath.Dir(p), 0o755) })
			return p
		}, ErrReadOnly, "read-only"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t)
			var before [32]byte
			isFile := false
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
				isFile = true
				before = fileHash(t, path)
			}
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.message) || !strings.Contains(err.Error(), filepath.Base(path)) {
				t.Errorf("message %q does not say %q and the file name", err, tc.message)
			}
			if isFile && fileHash(t, path) != before {
				t.Error("the file was changed")
			}
			for _, side := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(path + side); err == nil && tc.want == ErrNotBook {
					t.Errorf("%s left next to a file that is not a book", side)
				}
			}
		})
	}
}

func TestOpenRefusesSecondCopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Ana"})
	_, err = Open(path)
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "another Regulars window") {
		t.Fatalf("second open: %v", err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatalf("open after the first closed: %v", err)
	}
	defer s2.Close()
	if n, _ := s2.ClientCount(ctx); n != 1 {
		t.Errorf("%d clients, want 1", n)
	}
}

// TestWriteWhileLocked holds the write lock from another connection (as
// another program would) and checks that a save fails with a clear
// message and saves nothing.
func TestWriteWhileLocked(t *testing.T) {
	fileOnly(t)
	s := openTest(t)
	other, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	_, err = s.AddClient(short, &data.Client{FirstName: "Blocked"})
	if err == nil {
		t.Fatal("saved while another program held the lock")
	}
	conn.ExecContext(ctx, "ROLLBACK")
	if n, _ := s.ClientCount(ctx); n != 0 {
		t.Errorf("%d clients saved", n)
	}
}
