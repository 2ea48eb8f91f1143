package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Changed reports whether the book was changed by another process since the
// last call (a command run while the window is open); this Store's own
// writes do not count, as the window shows them already.
// On a file it asks SQLite's PRAGMA data_version, which costs no read of
// the file, so the window can poll it every second or two; on a server it
// reports what the listening connection has heard (see Wake). When it returns true the
// search index has caught up with the clients the change touched (see
// catchUp), so that a client added by a command is found. The first call
// only takes note and returns false.
func (s *Store) Changed(ctx context.Context) (bool, error) {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	first := false
	if s.watch == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return false, fmt.Errorf("watch the book for changes: %w", err)
		}
		s.watch, first = c, true
	}
	changed, err := s.eng.Changed(ctx, s.watch, first)
	if err != nil {
		s.watch.Close()
		s.watch = nil
		return false, fmt.Errorf("watch the book for changes: %w", err)
	}
	if first {
		s.seen, _ = s.bookMarks(ctx, s.now())
	}
	if changed {
		s.catchUp(ctx)
	}
	return changed, nil
}

// bookMarks says where the book stands, so that the next change can be
// narrowed to the clients it touched.
type bookMarks struct {
	at                   time.Time // when the marks were taken (the Store's clock)
	lastVisit, lastTouch int64     // the highest visit and contact ids
	clients              int64     // how many client rows (erasures lower it)
}

// bookMarks reads the marks of the book as it is now.
func (s *Store) bookMarks(ctx context.Context, at time.Time) (bookMarks, error) {
	m := bookMarks{at: at}
	err := s.watch.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM visits),
		(SELECT coalesce(max(id), 0) FROM contacts), (SELECT count(*) FROM clients)`).Scan(&m.lastVisit, &m.lastTouch, &m.clients)
	return m, err
}

// maxCatchUp is how many changed clients are brought up to date one by
// one; a bigger change (an import) has the index rebuilt.
const maxCatchUp = 500

// catchUp brings the search index up to date after another process's
// change: the clients it edited (updated_at since the last marks, with a
// few seconds' margin for the other clock), those it logged a visit or a
// contact for (ids above the last marks) are read again. A bulk change, an
// erasure, or a failure has the index rebuilt on the next search instead.
// Callers hold watchMu.
func (s *Store) catchUp(ctx context.Context) {
	now := s.now()
	marks, err := s.bookMarks(ctx, now)
	if err != nil || s.seen.at.IsZero() || marks.clients < s.seen.clients {
		s.index.Reset()
		s.seen = marks
		return
	}
	// Three queries, each on its index (as one UNION the planner read
	// every client: 150 ms on a book of 100,000).
	var ids []int64
	seen := map[int64]bool{}
	for _, q := range []struct {
		query string
		arg   any
	}{
		{"SELECT id FROM clients WHERE updated_at >= ? LIMIT ?", formatTime(s.seen.at.Add(-s.eng.ClockMargin()))},
		{"SELECT client_id FROM visits WHERE id > ? LIMIT ?", s.seen.lastVisit},
		{"SELECT client_id FROM contacts WHERE id > ? LIMIT ?", s.seen.lastTouch},
	} {
		if err != nil || len(ids) > maxCatchUp {
			break
		}
		var rows *sql.Rows
		rows, err = s.watch.QueryContext(ctx, q.query, q.arg, maxCatchUp+1)
		if err != nil {
			break
		}
		for rows.Next() {
			var id int64
			if rows.Scan(&id) == nil && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		err = rows.Err()
		rows.Close()
	}
	s.seen = marks
	if err != nil || len(ids) > maxCatchUp {
		s.index.Reset()
		return
	}
	if err := s.refreshIndex(ctx, ids...); err != nil {
		s.index.Reset()
	}
}

// ownWrite takes note of a commit of this Store, so that Changed does not
// report it: data_version counts the commits of every other connection,
// this Store's pool included. A commit of another process in the
// microseconds between the two is taken for this Store's own, and shows
// at its next change.
func (s *Store) ownWrite(ctx context.Context) {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.watch == nil {
		return
	}
	s.eng.OwnWrite(ctx, s.watch)
	if m, err := s.bookMarks(ctx, s.now()); err == nil {
		s.seen = m
	}
}

// Wake signals as soon as another seat has written to a book on a server,
// so that the window need not wait for its next look; Changed then says
// true. For a book file it returns nil (a channel that never signals): the
// window looks every two seconds.
func (s *Store) Wake() <-chan struct{} { return s.eng.Wake() }

// dropWatch closes the watch connection after the connections to the
// server were found cut (the network or the server went away): it is
// opened again at the next look.
func (s *Store) dropWatch() {
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
}
