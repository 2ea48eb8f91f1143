package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"regulars/internal/clock"
)

// Restoring a backup into the book's place, with the book as it was kept
// aside; the writers' gate (lock.go) keeps every command out meanwhile.

// restoringSuffix names the copy of a backup a restore is about to put
// in the book's place; one left by a restore that was killed is removed
// when the book is next opened.
const restoringSuffix = ".restoring"

// Restore replaces the book at bookPath with a backup, after checking the
// backup; the current book is kept aside (its name is returned). A
// bookPath that is a symbolic link restores the book it points to.
//
// The window must have closed the book; commands that have it open are
// waited for (a little while), and no command opens or writes it until
// the restore is done (the writers' gate, see lock.go): a write that was
// reported saved is in the book that is kept aside, or in the restored
// one if it came after.
func Restore(bookPath, backup string) (string, error) {
	if IsServerBook(bookPath) {
		return "", fmt.Errorf("restore: a book on a server is not replaced by a file while other seats may use it; create an empty database and copy the backup into it with: regulars --db %s move --to %s", backup, redactAddress(bookPath))
	}
	real, err := realBookPath(bookPath)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if fi, err := os.Lstat(real); err == nil && !fi.Mode().IsRegular() {
		return "", fmt.Errorf("restore: %s is not a client book file (it is a folder or a device); name the book file itself", bookPath)
	}
	if err := CheckBackup(backup); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if same, _ := sameFile(real, backup); same {
		return "", fmt.Errorf("restore: %s is the book itself, not a backup of it", backup)
	}
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	lock, err := lockBook(real)
	if err != nil {
		if errors.Is(err, errWouldBlock) {
			return "", fmt.Errorf("restore: the book %s is open in Regulars; close it first (nothing was changed)", bookPath)
		}
		return "", fmt.Errorf("restore: %w", err)
	}
	defer func() { unlockBook(lock) }()
	gate, err := excludeWriters(real)
	if err != nil {
		if errors.Is(err, errWouldBlock) {
			return "", fmt.Errorf("restore: the book %s is in use by a regulars command that is still running; try again when it is done (nothing was changed)", bookPath)
		}
		return "", fmt.Errorf("restore: %w", err)
	}
	defer unlockBook(gate)

	aside := ""
	if fi, err := os.Stat(real); err == nil && fi.Size() > 0 {
		dir := filepath.Join(filepath.Dir(real), "backups")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("restore: %w", err)
		}
		// Fold the journal into the book before copying it aside: no one
		// else has it open now.
		if db, err := sql.Open("sqlite", "file:"+real); err == nil {
			db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			db.Close()
		}
		stamp := clock.Now().In(time.Local).Format("2006-01-02-150405")
		if aside, err = copyNew(real, dir, "replaced-"+stamp); err != nil {
			return "", fmt.Errorf("restore: keep the current book aside (nothing was changed): %w", err)
		}
	}
	tmp := real + restoringSuffix
	os.Remove(tmp)
	if err := copyFile(backup, tmp, os.O_TRUNC); err != nil {
		os.Remove(tmp)
		return aside, fmt.Errorf("restore (the book was left as it was): %w", err)
	}
	// The journal of the book being replaced would be read as the new
	// book's: it goes (its writes are in the copy kept aside).
	os.Remove(real + "-wal")
	os.Remove(real + "-shm")
	os.Remove(real + "-journal")
	os.Remove(real + "-checked")
	if runtime.GOOS == "windows" {
		// Windows cannot replace a file open anywhere, even by this
		// process: the window's lock goes just before the book is
		// swapped (the writers' gate, another file, stays held).
		unlockBook(lock)
		lock = nil
	}
	if err := os.Rename(tmp, real); err != nil {
		os.Remove(tmp)
		return aside, fmt.Errorf("restore (the book was left as it was): %w", err)
	}
	return aside, nil
}

// sameFile reports whether a and b are the same file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// copyNew copies the file from into dir under the name base.db, or
// base-2.db, base-3.db… when that is taken: a copy never replaces
// another, even one made in the same second by another process.
// The copy is written under a name with this process's id and linked to
// its name when whole, so a kill midway leaves no half copy under a
// backup's name (and its .part goes with the next backup).
func copyNew(from, dir, base string) (string, error) {
	cleanParts(dir)
	tmp := filepath.Join(dir, fmt.Sprintf("%s.db.%d.part", base, os.Getpid()))
	defer os.Remove(tmp)
	if err := copyFile(from, tmp, os.O_TRUNC); err != nil {
		return "", err
	}
	for n := 1; n <= 1000; n++ {
		name := filepath.Join(dir, base+".db")
		if n > 1 {
			name = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, n))
		}
		err := os.Link(tmp, name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// A file system without links: a copy that refuses a name
			// taken meanwhile.
			if err = copyFile(tmp, name, os.O_EXCL); errors.Is(err, fs.ErrExist) {
				continue
			} else if err != nil {
				os.Remove(name)
			}
		}
		return name, err
	}
	return "", fmt.Errorf("copy %s into %s: every name for it is taken", from, dir)
}

// copyFile copies the file from to the file to, readable by its owner
// only; flag is os.O_TRUNC to replace a file there, os.O_EXCL to refuse.
func copyFile(from, to string, flag int) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|flag, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
