package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"regulars/data"
)

// LogVisit saves a visit and its contact in one durable transaction, and
// remembers its staff member as the default for the next visit. It sets
// v.ID and returns it.
func (s *Store) LogVisit(ctx context.Context, v *data.Visit) (int64, error) {
	if err := v.Validate(); err != nil {
		return 0, err
	}
	now := s.now()
	at := v.At.UTC().Truncate(time.Second)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var deleted sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT deleted_at FROM clients WHERE id = ?", v.ClientID).Scan(&deleted); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("client %d: %w", v.ClientID, data.ErrNotFound)
			}
			return err
		}
		if deleted.Valid {
			return fmt.Errorf("client %d is in the trash; restore them first", v.ClientID)
		}
		var amount any
		if v.AmountCents >= 0 {
			amount = v.AmountCents
		}
		if err := tx.QueryRowContext(ctx, "INSERT INTO visits (client_id, at, staff_id, what, amount_cents, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			v.ClientID, formatTime(at), nullID(v.StaffID), v.What, amount, v.Note, formatTime(now)).Scan(&v.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO contacts (client_id, at, kind, visit_id, staff_id, created_at) VALUES (?, ?, 'visit', ?, ?, ?)",
			v.ClientID, formatTime(at), v.ID, nullID(v.StaffID), formatTime(now)); err != nil {
			return err
		}
		if v.StaffID > 0 {
			return setSetting(ctx, tx, data.SettingLastStaff, strconv.FormatInt(v.StaffID, 10))
		}
		return nil
	})
	if err != nil {
		v.ID = 0
		return 0, fmt.Errorf("log visit: %w", err)
	}
	s.touched(ctx, v.ClientID)
	v.CreatedAt = now
	return v.ID, nil
}

func nullID(id int64) any {
	if id <= 0 {
		return nil
	}
	return id
}

// Visits returns a client's visits, newest first, at most limit (0: all).
func (s *Store) Visits(ctx context.Context, clientID int64, limit int) ([]data.Visit, error) {
	if limit <= 0 {
		limit = math.MaxInt32
	}
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.client_id, v.at, coalesce(v.staff_id, 0), coalesce(st.name, ''),
		v.what, coalesce(v.amount_cents, -1), v.note, v.created_at, coalesce(v.sale_key, '')
		FROM visits v LEFT JOIN staff st ON st.id = v.staff_id
		WHERE v.client_id = ? ORDER BY v.at DESC, v.id DESC LIMIT ?`, clientID, limit)
	if err != nil {
		return nil, fmt.Errorf("visits of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []data.Visit
	for rows.Next() {
		var v data.Visit
		var at, created sql.NullString
		if err := rows.Scan(&v.ID, &v.ClientID, &at, &v.StaffID, &v.StaffName, &v.What, &v.AmountCents, &v.Note, &created, &v.SaleKey); err != nil {
			return nil, fmt.Errorf("visits of client %d: %w", clientID, err)
		}
		v.At, v.CreatedAt = parseTime(at), parseTime(created)
		out = append(out, v)
	}
	return out, rows.Err()
}

// DeleteVisit removes a visit logged by mistake, with its contact.
func (s *Store) DeleteVisit(ctx context.Context, id int64) error {
	var client int64
	defer func() { s.touched(ctx, client) }()
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT client_id FROM visits WHERE id = ?", id).Scan(&client); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("delete visit %d: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM visits WHERE id = ?", id)
		return oneRow(res, err, "visit", id)
	})
}

// Contacts returns a client's contacts, newest first.
func (s *Store) Contacts(ctx context.Context, clientID int64) ([]data.Contact, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.client_id, c.at, c.kind, coalesce(c.visit_id, 0), coalesce(c.staff_id, 0),
		coalesce(st.name, ''), c.thank_you, coalesce(c.batch_id, 0), c.template, c.note, c.occasion, coalesce(c.complaint_id, 0)
		FROM contacts c LEFT JOIN staff st ON st.id = c.staff_id
		WHERE c.client_id = ? ORDER BY c.at DESC, c.id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("contacts of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []data.Contact
	for rows.Next() {
		var c data.Contact
		var at sql.NullString
		var thank int
		if err := rows.Scan(&c.ID, &c.ClientID, &at, &c.Kind, &c.VisitID, &c.StaffID, &c.StaffName, &thank, &c.BatchID, &c.Template, &c.Note, &c.Occasion, &c.ComplaintID); err != nil {
			return nil, fmt.Errorf("contacts of client %d: %w", clientID, err)
		}
		c.At, c.ThankYou = parseTime(at), thank != 0
		out = append(out, c)
	}
	return out, rows.Err()
}
