package postgres

import (
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrUnreachable is returned when the PostgreSQL server of a book does not
// answer; nothing was saved, and the caller keeps what the user typed.
var ErrUnreachable = errors.New("the book's server cannot be reached")

// ErrPassword is returned when the server refused the password (or none
// was found); the window asks for it.
var ErrPassword = errors.New("the book's server wants a password")

// ServerDown reports whether err says the server could not be reached or
// the connection to it was lost.
func ServerDown(err error) bool {
	if err == nil {
		return false
	}
	var ce *pgconn.ConnectError
	var ne *net.OpError
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// The server answered; 57P01–03: it is shutting down or starting.
		return strings.HasPrefix(pe.Code, "57P0")
	}
	if pgconn.Timeout(err) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "connection refused") ||
		strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "broken pipe") || strings.Contains(msg, "connection reset")
}

// Unreachable reports whether err says the book's server could not be
// reached (or the connection to it was lost): nothing was changed, and
// trying again later is the remedy, not a dialog on top of the work.
func Unreachable(err error) bool {
	return errors.Is(err, ErrUnreachable) || ServerDown(err)
}

// PlainNetError shortens a connection error to its last part, the reason,
// for a message in plain words.
func PlainNetError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && i+2 < len(msg) {
		msg = msg[i+2:]
	}
	return msg
}
