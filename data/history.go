package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// History is what another system (a till, a booking app, a spreadsheet)
// exported of a client's visits before Regulars: the first and last
// visit, the number of visits and the amount spent, in the book's
// currency. It is kept as the file said it and counts in every figure of
// the book (visit count, spend, first and last visit), except for the
// sales from the same system that the visit log holds already.
type History struct {
	Source      string // the system's name as people write it: "Square"
	First, Last time.Time
	Visits      int
	SpentCents  int64
}

// IsZero reports whether there is no history.
func (h History) IsZero() bool {
	return h.Visits == 0 && h.SpentCents == 0 && h.First.IsZero() && h.Last.IsZero()
}

// Same reports whether two histories say the same (to the day).
func (h History) Same(o History) bool {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(time.Local).Format(dateLayout)
	}
	return strings.EqualFold(h.Source, o.Source) && h.Visits == o.Visits && h.SpentCents == o.SpentCents &&
		day(h.First) == day(o.First) && day(h.Last) == day(o.Last)
}

// Describe is the history's line on the timeline, with amounts in the
// currency code given: "History from Square: 12 visits since March 2023,
// $640.00".
func (h History) Describe(currency string) string {
	src := h.Source
	if src == "" {
		src = "another system"
	}
	var parts []string
	switch {
	case h.Visits == 1:
		parts = append(parts, "1 visit")
	case h.Visits > 1:
		parts = append(parts, fmt.Sprintf("%d visits", h.Visits))
	}
	if !h.First.IsZero() {
		since := "since " + h.First.In(time.Local).Format("January 2006")
		if len(parts) > 0 {
			parts[0] += " " + since
		} else {
			parts = append(parts, since)
		}
	}
	if h.SpentCents > 0 {
		parts = append(parts, FormatMoney(h.SpentCents, currency))
	}
	if !h.Last.IsZero() {
		parts = append(parts, "last "+h.Last.In(time.Local).Format("2 Jan 2006"))
	}
	return "History from " + src + ": " + strings.Join(parts, ", ")
}

// ClientTotals are a client's figures for the client pane and the command
// line: the visits in the log and the history before Regulars together
// (the history's share that the log does not hold already).
func ClientTotals(c Client, visits []Visit) Totals {
	t := VisitTotals(visits)
	if c.History.IsZero() {
		return t
	}
	covered, coveredCents := coveredBy(c.History, visits)
	extra := max(0, c.History.Visits-covered)
	extraCents := max(0, c.History.SpentCents-coveredCents)
	t.Visits += extra
	t.SpentCents += extraCents
	if extraCents > 0 {
		t.WithAmount += extra
	}
	if f := c.History.First; !f.IsZero() && (t.First.IsZero() || f.Before(t.First)) {
		t.First = f
	}
	if l := c.History.Last; !l.IsZero() && l.After(t.Last) {
		t.Last = l
	}
	return t
}

// historyEnd is the instant up to which the log's sales from the
// history's own system are counted in the history already: the end of the
// history's last day (the whole log when it gives no last day).
func historyEnd(h History) time.Time {
	if h.Last.IsZero() {
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	l := h.Last.In(time.Local)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.Local).AddDate(0, 0, 1)
}

// salePrefix is how the sale keys of one system begin.
func salePrefix(source string) string { return strings.ToLower(strings.TrimSpace(source)) + ":" }

// coveredBy counts the visits of the log that the history counts already:
// sales from the same system up to the history's last day.
func coveredBy(h History, visits []Visit) (n int, cents int64) {
	end, prefix := historyEnd(h), salePrefix(h.Source)
	for _, v := range visits {
		if v.SaleKey != "" && strings.HasPrefix(v.SaleKey, prefix) && v.At.Before(end) {
			n++
			if v.AmountCents > 0 {
				cents += v.AmountCents
			}
		}
	}
	return n, cents
}

// setHistory writes a client's history and brings the figures the
// triggers keep up to date with it, inside tx.
func setHistory(ctx context.Context, tx *sql.Tx, clientID int64, h History) error {
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
	h := History{Source: source, Visits: visits, SpentCents: spent, First: parseTime(first), Last: parseTime(last)}
	var covered int
	var coveredCents int64
	if !h.IsZero() {
		err = tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN amount_cents > 0 THEN amount_cents ELSE 0 END), 0)
			FROM visits WHERE client_id = ? AND sale_key >= ? AND sale_key < ? AND at < ?`,
			clientID, salePrefix(source), salePrefix(source)+"\U0010FFFF", formatTime(historyEnd(h))).Scan(&covered, &coveredCents)
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
func (s *Store) SetHistory(ctx context.Context, clientID int64, h History) error {
	err := s.write(ctx, func(tx *sql.Tx) error { return setHistory(ctx, tx, clientID, h) })
	if err != nil {
		return fmt.Errorf("set history: %w", err)
	}
	s.touched(ctx, clientID)
	return nil
}

// TillID is a client's customer ID in a till or shop system, kept from a
// contacts import so that the system's sales find their client.
type TillID struct {
	Source string // "square", "shopify"
	ID     string
}

// addTillID links a till's customer ID to a client inside tx; a link the
// book has already is left as it is.
func addTillID(ctx context.Context, tx *sql.Tx, clientID int64, t TillID) error {
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

// otherEmails trims a client's other emails and drops empty ones, those
// equal to the main email and repeats (ignoring case).
func otherEmails(main string, others []string) []string {
	var out []string
	seen := map[string]bool{strings.ToLower(strings.TrimSpace(main)): true}
	for _, e := range others {
		e = strings.TrimSpace(StripInvisible(e))
		k := strings.ToLower(e)
		if e == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}

func consentOrUnknown(c Consent) Consent {
	if c == "" {
		return ConsentUnknown
	}
	return c
}
