package store

import (
	"fmt"

	"regulars/data/postgres"
	"regulars/data/sqlite"
)

// Restorable reports whether a backup file can be put in place of this
// book (Restore): a book file can; a book on a server, which other seats
// may be using, is copied into a new database instead (Move).
func (s *Store) Restorable() bool { return !postgres.IsServerBook(s.path) }

// Restore replaces the book at bookPath with a backup, after checking the
// backup (CheckBackup); the current book is kept aside (its name is
// returned). A bookPath that is a symbolic link restores the book it
// points to.
//
// The window must have closed the book; commands that have it open are
// waited for (a little while), and no command opens or writes it until
// the restore is done (the writers' gate, see sqlite.Restore): a write
// that was reported saved is in the book that is kept aside, or in the
// restored one if it came after. A book on a server is not replaced.
func Restore(bookPath, backup string) (string, error) {
	if postgres.IsServerBook(bookPath) {
		return "", fmt.Errorf("restore: a book on a server is not replaced by a file while other seats may use it; create an empty database and copy the backup into it with: regulars --db %s move --to %s", backup, postgres.Redact(bookPath))
	}
	return sqlite.Restore(bookPath, backup, CheckBackup)
}
