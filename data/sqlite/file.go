package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"

	_ "modernc.org/sqlite" // the "sqlite" driver of database/sql
	sqlite3 "modernc.org/sqlite/lib"
)

// What a book file is: its header, its connection string, who may read
// it, and the errors met on it in plain words.

// KeepToOwner takes away the group's and others' access to a file of the
// book (leaving the owner's, read-only or not), where the system has such
// modes; a file of another owner, or missing, is left as it is.
func KeepToOwner(path string) {
	if runtime.GOOS == "windows" {
		return
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		os.Chmod(path, fi.Mode().Perm()&^0o077)
	}
}

// code is what SQLite's errors have: their (extended) result code.
type code interface{ Code() int }

// Full reports whether err is SQLite saying the disk is full: its
// "database or disk is full", or the shared-memory file (the WAL index)
// that could not grow, which a disk already full gives every command.
func Full(err error) bool {
	var se code
	if !errors.As(err, &se) {
		return false
	}
	return se.Code()&0xff == sqlite3.SQLITE_FULL || se.Code() == sqlite3.SQLITE_IOERR_SHMSIZE
}

// CheckHeader reports whether the file at path starts with the SQLite
// magic string: whether it is an SQLite database at all.
func CheckHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var hdr [16]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return fmt.Errorf("read header: %w", err)
	}
	if !bytes.Equal(hdr[:], []byte("SQLite format 3\x00")) {
		return errors.New("no SQLite header")
	}
	return nil
}

// PlainIOError is a file-system error without the Go operation and the
// path in front of it, for a message in plain words.
func PlainIOError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// DSN is the connection string of the book file at path: foreign keys on, a busy timeout so a brief
// lock by another connection waits instead of failing, immediate write
// transactions, full fsync on commit so a logged visit survives a power
// cut, temporary data (statement journals of the triggers) in memory, the
// file read rather than memory-mapped (a mapped page read once stays in
// the window's resident memory: the day's backup and check read the whole
// book, hundreds of megabytes on a large one), and deleted content
// overwritten with zeros, so that an edited or erased client leaves no
// trace in the file.
func DSN(path string) string {
	return "file:" + path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(5000)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(FULL)" +
		"&_pragma=temp_store(MEMORY)" +
		"&_pragma=mmap_size(0)" +
		"&_pragma=secure_delete(1)"
}

// CheckFile opens the book file at path (a backup) read-only to see that
// it is a sound client book (its application id is applicationID) that a
// program writing schema version newest can read, leaving it as it was.
func CheckFile(path string, applicationID, newest int) error {
	if fi, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("there is no file %s (check the name and the folder)", path)
		}
		return fmt.Errorf("%s cannot be read: %s", path, PlainIOError(err))
	} else if fi.IsDir() {
		return fmt.Errorf("%s is a folder, not a backup file", path)
	}
	if err := CheckHeader(path); err != nil {
		return fmt.Errorf("%s is not a Regulars client book (not an SQLite database)", path)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	var app, version int
	if err := db.QueryRow("PRAGMA application_id").Scan(&app); err != nil {
		return fmt.Errorf("%s cannot be read: %w", path, err)
	}
	db.QueryRow("PRAGMA user_version").Scan(&version)
	if app != applicationID {
		return fmt.Errorf("%s is not a Regulars client book", path)
	}
	if version > newest {
		return fmt.Errorf("%s was saved by a newer version of Regulars (book version %d)", path, version)
	}
	var msg string
	if err := db.QueryRow("PRAGMA quick_check").Scan(&msg); err != nil || msg != "ok" {
		return fmt.Errorf("%s is damaged: %v%s", path, err, msg)
	}
	return nil
}
