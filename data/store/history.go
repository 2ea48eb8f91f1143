package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"regulars/data"
)

// setHistory writes a client's history and brings the figures the
// triggers keep up to date with it, inside tx.
func setHistory(ctx context.Context, tx *sql.Tx, clientID int64, h data.History) error {
	var first, last any
	if !h.First.IsZero() {
		first = formatTime(h.First)
	}
	if !h.Last.IsZero() {
		last = formatTime(h.Last)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE clients SET history_source = ?, history_first_at = ?, history_last_at = ?,
		history_visits = ?, history_spent_cents = ? WHERE id = ?`,
		strings.TrimSpace(h.Source), first, last, max(0, h.Visits), max(0, h.SpentCents), clientID); err != nil {
		return fmt.Errorf("client %d: save the history: %w", clientID, err)
	}
	return refreshHistory(ctx, tx, clientID)
}

// refreshHistory recounts a client's history share (what of the history
// the visit log does not hold as sales from the same system) and the
// figures the triggers keep — visit count, spend, first and last visit —
// from the visit log and that share, inside tx.
func refreshHistory(ctx context.Context, tx *sql.Tx, clientID int64) error {
	var source string
	var visits int
	var spent int64
	var first, last sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT history_source, history_visits, history_spent_cents, history_first_at, history_last_at
		FROM clients WHERE id = ?`, clientID).Scan(&source, &visits, &spent, &first, &last)
	if err != nil {
		return fmt.Errorf("client %d: read the history: %w", clientID, err)
	}
	h := data.History{Source: source, Visits: visits, SpentCents: spent, First: parseTime(first), Last: parseTime(last)}
	var covered int
	var coveredCents int64
	if !h.IsZero() {
		err = tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END), 0)
			FROM visits WHERE client_id = ? AND sale_key >= ? AND sale_key < ? AND at < ?`,
			clientID, data.SalePrefix(source), data.SalePrefix(source)+"\U0010FFFF", formatTime(data.HistoryEnd(h))).Scan(&covered, &coveredCents)
		if err != nil {
			return fmt.Errorf("client %d: count the sales the history holds: %w", clientID, err)
		}
	}
	extra, extraCents := max(0, visits-covered), max(0, spent-coveredCents)
	_, err = tx.ExecContext(ctx, `UPDATE clients SET history_extra_visits = ?, history_extra_cents = ?,
		visit_count = (SELECT count(*) FROM visits WHERE client_id = clients.id) + ?,
		spent_cents = coalesce((SELECT sum(amount_cents) FROM visits WHERE client_id = clients.id AND amount_cents > 0), 0) + ?,
		last_visit_at = CASE WHEN history_last_at IS NOT NULL AND ((SELECT max(at) FROM visits WHERE client_id = clients.id) IS NULL
				OR history_last_at > (SELECT max(at) FROM visits WHERE client_id = clients.id))
			THEN history_last_at ELSE (SELECT max(at) FROM visits WHERE client_id = clients.id) END,
		first_visit_at = CASE WHEN history_first_at IS NOT NULL AND ((SELECT min(at) FROM visits WHERE client_id = clients.id) IS NULL
				OR history_first_at < (SELECT min(at) FROM visits WHERE client_id = clients.id))
			THEN history_first_at ELSE (SELECT min(at) FROM visits WHERE client_id = clients.id) END
		WHERE id = ?`, extra, extraCents, extra, extraCents, clientID)
	if err != nil {
		return fmt.Errorf("client %d: count the history in: %w", clientID, err)
	}
	return nil
}

// SetHistory replaces a client's history before Regulars (the zero
// History removes it) and counts it in their figures.
func (s *Store) SetHistory(ctx context.Context, clientID int64, h data.History) error {
	err := s.write(ctx, func(tx *sql.Tx) error { return setHistory(ctx, tx, clientID, h) })
	if err != nil {
		return fmt.Errorf("set history: %w", err)
	}
	s.touched(ctx, clientID)
	return nil
}

// addTillID links a till's customer ID to a client inside tx; a link the
// book has already is left as it is.
func addTillID(ctx context.Context, tx *sql.Tx, clientID int64, t data.TillID) error {
	src, id := strings.ToLower(strings.TrimSpace(t.Source)), strings.TrimSpace(t.ID)
	if src == "" || id == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO client_till_ids (source, customer_id, client_id) VALUES (?, ?, ?) ON CONFLICT (source, customer_id) DO NOTHING",
		src, id, clientID)
	if err != nil {
		return fmt.Errorf("client %d: keep the customer ID %s of %s: %w", clientID, id, src, err)
	}
	return nil
}

// TillClients returns the clients (not in the trash) linked to a till's
// customer IDs, by customer ID.
func (s *Store) TillClients(ctx context.Context, source string) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.customer_id, t.client_id FROM client_till_ids t
		JOIN clients c ON c.id = t.client_id WHERE t.source = ? AND c.deleted_at IS NULL`, strings.ToLower(strings.TrimSpace(source)))
	if err != nil {
		return nil, fmt.Errorf("read the customer IDs of %s: %w", source, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var client int64
		if err := rows.Scan(&id, &client); err != nil {
			return nil, err
		}
		out[id] = client
	}
	return out, rows.Err()
}

// splitLines splits a column of one value a line, dropping empty lines.
func splitLines(s string) []string { return splitPhones(s) }

func consentOrUnknown(c data.Consent) data.Consent {
	if c == "" {
		return data.ConsentUnknown
	}
	return c
}
