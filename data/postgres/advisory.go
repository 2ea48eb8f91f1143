package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"
)

// PostgreSQL's advisory locks, which the seats of a book take to make
// their work take turns: a lock is named by a number (key), the same for
// every seat, and the server gives it back when its holder's transaction
// or connection ends, even in a crash.

// LockTx takes the advisory lock key for the rest of tx, waiting while
// another seat's transaction holds it.
func LockTx(ctx context.Context, tx *sql.Tx, key int64) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", key)
	return err
}

// TryLock takes the advisory lock key on conn, for as long as conn holds
// it (see Unlock), if no other connection has it: false if one has.
func TryLock(ctx context.Context, conn *sql.Conn, key int64) (bool, error) {
	var got bool
	err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(?)", key).Scan(&got)
	return got, err
}

// Unlock gives back the advisory lock key that TryLock took on conn, and
// closes conn.
func Unlock(conn *sql.Conn, key int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock(?)", key); err != nil {
		// A connection that cannot unlock is dropped, which unlocks.
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
}
