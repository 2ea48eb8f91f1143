package store

import (
	"context"
	"database/sql"
	"fmt"

	"regulars/data"
)

// The whole client list, before anything is typed: the latest visitors
// first, then those without a visit yet by name.

// recent lists the clients who visited most recently, then everyone else
// (those without a visit yet) by name, as the list orders them once the
// search index is built. The visitors come from the book's index of
// visits; the others from the search index when it is built (a few
// milliseconds for 100,000), else sorted by the book.
func (s *Store) recent(ctx context.Context, limit int) (data.SearchResult, error) {
	var res data.SearchResult
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM clients WHERE deleted_at IS NULL").Scan(&res.Total); err != nil {
		return res, fmt.Errorf("list clients: %w", err)
	}
	var err error
	res.Clients, err = s.summaryRows(ctx, `SELECT id, first_name, last_name, company, email, phone, last_visit_at, visit_count, spent_cents, first_visit_at
		FROM clients WHERE deleted_at IS NULL AND last_visit_at IS NOT NULL
		ORDER BY last_visit_at DESC NULLS LAST, id DESC LIMIT ?`, limit)
	if err != nil || len(res.Clients) >= limit || len(res.Clients) >= res.Total {
		return res, err
	}
	rest := limit - len(res.Clients)
	if tail, ok := s.index.UnvisitedByName(rest); ok {
		res.Clients = append(res.Clients, tail...)
		return res, nil
	}
	tail, err := s.summaryRows(ctx, `SELECT id, first_name, last_name, company, email, phone, last_visit_at, visit_count, spent_cents, first_visit_at
		FROM clients WHERE deleted_at IS NULL AND last_visit_at IS NULL
		ORDER BY lower(last_name), lower(first_name), lower(company), id LIMIT ?`, rest)
	res.Clients = append(res.Clients, tail...)
	return res, err
}

// summaryRows reads list rows.
func (s *Store) summaryRows(ctx context.Context, query string, args ...any) ([]data.ClientSummary, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list clients: %w", err)
	}
	defer rows.Close()
	var out []data.ClientSummary
	for rows.Next() {
		var c data.ClientSummary
		var last, first sql.NullString
		if err := rows.Scan(&c.ID, &c.FirstName, &c.LastName, &c.Company, &c.Email, &c.Phone, &last, &c.VisitCount, &c.SpentCents, &first); err != nil {
			return out, fmt.Errorf("list clients: %w", err)
		}
		c.LastVisitAt, c.FirstVisitAt = parseTime(last), parseTime(first)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("list clients: %w", err)
	}
	return out, nil
}
