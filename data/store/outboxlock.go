package store

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrOutboxBusy is returned by HoldOutbox when another seat (Regulars on
// another computer, another window, or a command) is sending the email
// outbox: only one at a time may, so that no message goes out twice.
var ErrOutboxBusy = errors.New("another seat is sending the email outbox")

// holdOutbox takes the engine's outbox lock if it is free (ErrOutboxBusy
// if not).
func (s *Store) holdOutbox(ctx context.Context) (*OutboxHold, error) {
	release, err := s.eng.HoldOutbox(ctx)
	if err != nil {
		return nil, busyError(err)
	}
	if release == nil {
		return nil, ErrOutboxBusy
	}
	return &OutboxHold{release: release}, nil
}

// OutboxHold is the right to send the outbox, held until Release.
type OutboxHold struct {
	mu      sync.Mutex
	release func()
}

// Release gives the outbox back to the other seats.
func (h *OutboxHold) Release() {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.release != nil {
		h.release()
		h.release = nil
	}
}

// HoldOutbox takes the right to send the email outbox, waiting for it up
// to wait (0: not at all) while another seat has it; then ErrOutboxBusy.
// On a book on a server it is a PostgreSQL advisory lock, which the server
// gives back by itself when the holder's connection ends (a crash, a cut
// cable); on a book file, a lock on the file beside it (regulars.db-sending)
// that the system gives back when the process ends.
//
// Closing the Store releases a hold it still has.
func (s *Store) HoldOutbox(ctx context.Context, wait time.Duration) (*OutboxHold, error) {
	deadline := time.Now().Add(wait)
	for {
		h, err := s.holdOutbox(ctx)
		if err == nil {
			s.holdMu.Lock()
			s.hold = h
			s.holdMu.Unlock()
		}
		if !errors.Is(err, ErrOutboxBusy) || !time.Now().Before(deadline) {
			return h, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}
