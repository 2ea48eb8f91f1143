// Package data is the client book's domain: the types a shop keeps
// (Client, Visit, Contact, Batch, Occasion, Household, Template, Mail,
// Staff…), their validation, and the rules as plain functions of "as of"
// (who is due, cadence, birthdays, dates, phones, money, names and the
// matching of duplicates). It holds no database and no file: the Store that keeps the book
// in an SQLite file or on a PostgreSQL server is package data/store.
//
// It knows nothing of windows, cards or mail, so that the GUI, the command
// line and the tests all call the very same functions.
package data

import (
	"errors"
)

// DateLayout is how calendar dates without a time are stored.
const DateLayout = "2006-01-02"

// ErrNotFound is returned when a client, visit or staff member asked for by
// id does not exist.
var ErrNotFound = errors.New("not found")
