//go:build integration && linux

package store

import (
	"errors"
	"os"
	"path/filepath"
	"regulars/data/sqlite"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"regulars/data"
)

// TestIntegrationFullDisk puts a book on a small file system of its own
// (tmpfs, 2 MB and 64 files; skipped where mounting is not allowed), fills the disk and
// runs a reading and a writing command's work: both say the disk is full
// (not "disk I/O error (4874)"), and the book is as it was.
func TestIntegrationFullDisk(t *testing.T) {
	disk := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(disk, 0o700)
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, "size=2m,nr_inodes=64"); err != nil {
		t.Skipf("no small file system to fill here (mount tmpfs: %v)", err)
	}
	defer syscall.Unmount(disk, syscall.MNT_DETACH)
	book := filepath.Join(disk, "regulars.db")
	s, err := Open(book)
	if err != nil {
		t.Fatal(err)
	}
	addClient(t, s, data.Client{FirstName: "Ana", LastName: "Lima"})
	s.Close()
	before, _ := os.ReadFile(book)

	// Fill the disk.
	f, err := os.Create(filepath.Join(disk, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()

	s, err = OpenShared(book)
	if err == nil {
		_, err = s.Search(ctx, "Ana", 5)
		if err == nil {
			_, err = s.AddClient(ctx, &data.Client{FirstName: "Bo"})
		}
		s.Close()
	}
	t.Logf("on a full disk: %v", err)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "disk is full") || strings.Contains(err.Error(), "4874") {
		t.Errorf("on a full disk: %v", err)
	}
	if after, _ := os.ReadFile(book); string(after) != string(before) {
		t.Error("the book was changed")
	}

	// A book whose lock files are not made yet (an older version's).
	for _, suffix := range []string{sqlite.GateSuffix, sqlite.TurnSuffix} {
		os.Remove(book + suffix)
	}
	os.Remove(filepath.Join(disk, "filler"))
	f, _ = os.Create(filepath.Join(disk, "filler"))
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	// Fill the inodes too, as a full disk may be.
	for i := 0; ; i++ {
		g, err := os.Create(filepath.Join(disk, "empty-"+strconv.Itoa(i)))
		if err != nil {
			break
		}
		g.Close()
	}
	_, err = OpenShared(book)
	t.Logf("on a full disk, without the lock files: %v", err)
	if !errors.Is(err, ErrDiskFull) {
		t.Errorf("on a full disk, without the lock files: %v", err)
	}
}
