package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"regulars/data"
)

// Returns computes the figures for the twelve months before asOf. A
// client written more than one we-miss-you counts once, as having come
// back if any note brought them.
func (s *Store) Returns(ctx context.Context, asOf time.Time) (data.Returns, error) {
	var r data.Returns
	from := asOf.AddDate(-1, 0, 0)
	rows, err := s.db.QueryContext(ctx, `SELECT k.client_id, k.at,
		(SELECT min(v.at) FROM visits v WHERE v.client_id = k.client_id AND v.at > k.at)
		FROM contacts k JOIN clients c ON c.id = k.client_id
		WHERE k.occasion = 'miss' AND k.occasion <> '' AND k.at >= ? AND k.at < ? AND c.deleted_at IS NULL`, formatTime(from), formatTime(asOf))
	if err != nil {
		return r, fmt.Errorf("returns: %w", err)
	}
	back := map[int64]bool{}
	for rows.Next() {
		var id int64
		var sent string
		var next sql.NullString
		if err := rows.Scan(&id, &sent, &next); err != nil {
			rows.Close()
			return r, fmt.Errorf("returns: %w", err)
		}
		st, _ := time.Parse(timeLayout, sent)
		back[id] = back[id] || data.CameBackAfter(st, parseTime(next))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	r.MissSent = len(back)
	for _, b := range back {
		if b {
			r.CameBack++
		}
	}
	// First-time clients of the year: their first visit in the twelve
	// months; returned: a second visit since.
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN visit_count > 1 THEN 1 ELSE 0 END), 0) FROM clients
		WHERE first_visit_at >= ? AND first_visit_at < ? AND deleted_at IS NULL`, formatTime(from), formatTime(asOf)).Scan(&r.FirstTimers, &r.Returned)
	if err != nil {
		return r, fmt.Errorf("returns: %w", err)
	}
	return r, nil
}
