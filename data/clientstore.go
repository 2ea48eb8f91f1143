package data

import (
	"errors"
	"fmt"
)

// ErrChanged says that a record was saved by someone else since it was
// read; nothing was saved. Test for it with errors.Is.
var ErrChanged = errors.New("changed by someone else since it was opened")

// ChangedError is returned by UpdateClient when the client was saved by
// someone else (another seat, a command) after the copy being saved was
// read. Theirs is the client as it is now in the book; to keep one's own
// changes anyway, save again with Version set to Theirs.Version.
type ChangedError struct {
	Theirs Client
}

// Error says who and what to do, in the shop's words.
func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s was changed by someone else (on another computer or the command line) after you opened them; nothing was saved. Compare, then save again to keep your version", e.Theirs.Name())
}

// Unwrap makes errors.Is(err, ErrChanged) true.
func (e *ChangedError) Unwrap() error { return ErrChanged }

// Duplicate is an existing client that looks like the one being added, and
// why.
type Duplicate struct {
	Client Client
	Reason string // "same email", "same phone", "same name"
}
