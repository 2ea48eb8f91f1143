package data

import (
	"context"
	"fmt"
)

// Changed reports whether the book was changed by another process since the
// last call (a command run while the window is open); this Store's own
// writes do not count, as the window shows them already.
// It asks SQLite's PRAGMA data_version, which costs no read of the file,
// so the window can poll it every second or two. When it returns true the
// search index is rebuilt on the next search, so that a client added by a
// command is found. The first call only takes note and returns false.
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
	var v int64
	if err := s.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		s.watch.Close()
		s.watch = nil
		return false, fmt.Errorf("watch the book for changes: %w", err)
	}
	changed := !first && v != s.dataVersion
	s.dataVersion = v
	if changed {
		s.index.reset()
	}
	return changed, nil
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
	var v int64
	if err := s.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err == nil {
		s.dataVersion = v
	}
}
