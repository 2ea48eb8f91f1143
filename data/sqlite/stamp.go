package sqlite

import (
	"os"
	"strconv"
	"strings"
)

// A full integrity check reads the whole book: 3.4 s on the 313 MB book of
// 100,000 clients and a million visits (BenchmarkQuickCheck), too slow to
// run before every command's write. So the verdict is kept in a small file
// beside the book (regulars.db-checked) with the book's size and
// modification time as Regulars last left it; a command that finds the
// book as it was left skips the check, and any change made outside
// Regulars (a copy, a restore, a tool, a damaged disk rewriting the file)
// changes the stamp and brings the full check back.

// stampPath is the file that holds the stamp of the last sound check.
func (b *Book) stampPath() string { return b.path + "-checked" }

// bookStamp is the book file's size and modification time, in text.
func (b *Book) bookStamp() (string, error) {
	fi, err := os.Stat(b.path)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10), nil
}

// stampMatches reports whether the book is as Regulars left it after a
// sound check.
func (b *Book) stampMatches() bool {
	want, err := os.ReadFile(b.stampPath())
	if err != nil {
		return false
	}
	got, err := b.bookStamp()
	return err == nil && strings.TrimSpace(string(want)) == got
}

// writeStamp records the book as it is now as sound; it is called only
// when this Book found it sound and has just written to it. A failure
// only costs a full check next time.
func (b *Book) writeStamp() {
	if st, err := b.bookStamp(); err == nil {
		tmp := b.stampPath() + ".tmp"
		if os.WriteFile(tmp, []byte(st+"\n"), 0o600) == nil {
			if os.Rename(tmp, b.stampPath()) != nil {
				os.Remove(tmp)
			}
		}
	}
}
