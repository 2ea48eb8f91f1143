package data

import (
	"path/filepath"
	"testing"
)

// TestBookNotMapped guards the window's memory on a large book: a
// memory-mapped page stays resident once read, and the daily backup and
// check read every page, so the book is read with plain reads instead.
func TestBookNotMapped(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Every connection of the pool gets the same pragmas; look at several.
	for i := 0; i < 3; i++ {
		var size int64
		if err := s.db.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&size); err != nil {
			t.Fatal(err)
		}
		if size != 0 {
			t.Fatalf("mmap_size = %d, want 0 (the book is not memory-mapped)", size)
		}
	}
}
