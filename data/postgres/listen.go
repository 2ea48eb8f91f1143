package postgres

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the PostgreSQL channel every write of a seat is announced on,
// so that the other seats refresh.
const Channel = "regulars_book"

// Notify tells the other seats, when tx commits, that the book changed;
// seat is the writer's own name, which its Listener does not report.
func Notify(ctx context.Context, tx *sql.Tx, seat string) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_notify(?, ?)", Channel, seat)
	return err
}

// Listener is the connection that hears the other seats' writes on
// Channel, on a connection of its own, until it is closed.
type Listener struct {
	seat   string        // this seat's name, whose notifications are not reported
	mu     sync.Mutex    // guards others
	stop   chan struct{} // closed by Close
	others bool          // another seat wrote since the last Heard
	woken  chan struct{} // signalled (never blocking) on each such write
}

// NewListener makes the Listener of seat, which hears nothing until
// Listen; Wake may be asked for before.
func NewListener(seat string) *Listener {
	return &Listener{seat: seat, stop: make(chan struct{}), woken: make(chan struct{}, 1)}
}

// Listen opens the connection that hears the other seats' writes.
func (l *Listener) Listen(config *pgx.ConnConfig) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, config)
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		conn.Close(ctx)
		return err
	}
	go l.hear(conn, config)
	return nil
}

// hear waits for notifications until the Listener is closed, and
// reconnects (after a pause) when the connection is lost; a lost
// connection counts as a change, since writes may have been missed
// meanwhile.
func (l *Listener) hear(conn *pgx.Conn, config *pgx.ConnConfig) {
	for {
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			select {
			case <-l.stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		n, err := conn.WaitForNotification(ctx)
		cancel()
		select {
		case <-l.stop:
			conn.Close(context.Background())
			return
		default:
		}
		if err != nil {
			conn.Close(context.Background())
			for {
				select {
				case <-l.stop:
					return
				case <-time.After(2 * time.Second):
				}
				cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
				c, err := pgx.ConnectConfig(cctx, config)
				if err == nil {
					if _, err = c.Exec(cctx, "LISTEN "+Channel); err == nil {
						ccancel()
						conn = c
						l.heard()
						break
					}
					c.Close(cctx)
				}
				ccancel()
			}
			continue
		}
		if n.Payload != l.seat {
			l.heard()
		}
	}
}

// heard notes another seat's write and wakes whoever waits for one.
func (l *Listener) heard() {
	l.mu.Lock()
	l.others = true
	l.mu.Unlock()
	select {
	case l.woken <- struct{}{}:
	default:
	}
}

// Heard reports whether another seat wrote since the last call.
func (l *Listener) Heard() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.others
	l.others = false
	return h
}

// Wake signals each write of another seat (never blocking: a signal not
// yet taken stands for all the writes since).
func (l *Listener) Wake() <-chan struct{} { return l.woken }

// Close stops listening; it may be called more than once.
func (l *Listener) Close() {
	select {
	case <-l.stop:
	default:
		close(l.stop)
	}
}
