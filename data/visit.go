package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"regulars/internal/clock"
)

// Visit is one time a client came in: when, who served them, what was done
// or bought, for how much.
type Visit struct {
	ID          int64
	ClientID    int64
	At          time.Time
	StaffID     int64  // 0 when nobody is recorded
	StaffName   string // filled in when read back
	What        string
	AmountCents int64 // -1 when no amount was recorded
	Note        string
	// SaleKey is the till's sale the visit was made from ("square:" and
	// its transaction ID), or "" for a visit logged in Regulars.
	SaleKey   string
	CreatedAt time.Time
}

// HasAmount reports whether an amount was recorded.
func (v Visit) HasAmount() bool { return v.AmountCents >= 0 }

// Amount formats the amount as "12.50", or "" when none was recorded.
func (v Visit) Amount() string {
	if !v.HasAmount() {
		return ""
	}
	return FormatCents(v.AmountCents)
}

// FormatCents writes an amount in cents as "1234.50".
func FormatCents(c int64) string {
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}

// ParseAmount reads an amount typed by a person: "12", "12.5", "12,50",
// "$12.50", "1,234.50". "" means no amount (-1).
func ParseAmount(s string) (int64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimLeft(t, "$€£¥ ")
	t = strings.TrimRight(t, "$€£¥ ")
	if t == "" {
		if strings.TrimSpace(s) != "" {
			return 0, fmt.Errorf("amount %q has no number", s)
		}
		return -1, nil
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("amount %q cannot be negative", s)
	}
	// "12,50" is a decimal comma; "1,234.50" has a thousands comma.
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") && len(t)-strings.IndexByte(t, ',') <= 3 {
		t = strings.Replace(t, ",", ".", 1)
	}
	t = strings.ReplaceAll(t, ",", "")
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("amount %q is not a number (like 12.50)", s)
	}
	if f > 10_000_000 {
		return 0, fmt.Errorf("amount %q is too large", s)
	}
	if i := strings.IndexByte(t, '.'); i >= 0 && len(t)-i-1 > 2 {
		return 0, fmt.Errorf("amount %q has more than two decimals", s)
	}
	return int64(math.Round(f * 100)), nil
}

// Validate checks the visit before it is saved.
func (v *Visit) Validate() error {
	v.What = strings.TrimSpace(v.What)
	v.Note = strings.TrimSpace(v.Note)
	var errs ValidationError
	if v.ClientID <= 0 {
		errs = append(errs, FieldError{FieldClient, "Choose the client who visited"})
	}
	if v.At.IsZero() {
		errs = append(errs, FieldError{FieldAt, "The date and time of the visit are required"})
	} else if err := CheckPastDate("visit", v.At, clock.Now()); err != nil {
		errs = append(errs, FieldError{FieldAt, capitalize(err.Error())})
	}
	if msg := CheckLine("What was done", v.What); msg != "" {
		errs = append(errs, FieldError{"what", msg})
	}
	if msg := CheckLines("The note", v.Note); msg != "" {
		errs = append(errs, FieldError{"note", msg})
	}
	if v.AmountCents < -1 {
		errs = append(errs, FieldError{FieldAmount, "The amount cannot be negative"})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// LogVisit saves a visit and its contact in one durable transaction, and
// remembers its staff member as the default for the next visit. It sets
// v.ID and returns it.
func (s *Store) LogVisit(ctx context.Context, v *Visit) (int64, error) {
	if err := v.Validate(); err != nil {
		return 0, err
	}
	now := s.now()
	at := v.At.UTC().Truncate(time.Second)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var deleted sql.NullString
		if err := tx.QueryRowContext(ctx, "SELECT deleted_at FROM clients WHERE id = ?", v.ClientID).Scan(&deleted); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("client %d: %w", v.ClientID, ErrNotFound)
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
			return setSetting(ctx, tx, SettingLastStaff, strconv.FormatInt(v.StaffID, 10))
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
func (s *Store) Visits(ctx context.Context, clientID int64, limit int) ([]Visit, error) {
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
	var out []Visit
	for rows.Next() {
		var v Visit
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

// ContactKind is the kind of a touch with a client.
type ContactKind string

// The kinds of contact.
const (
	ContactVisit   ContactKind = "visit"
	ContactCard    ContactKind = "card"
	ContactEmail   ContactKind = "email"
	ContactReply   ContactKind = "reply"
	ContactCall    ContactKind = "call"
	ContactText    ContactKind = "text"
	ContactMeeting ContactKind = "meeting"
	ContactOther   ContactKind = "other"
)

// Contact is one touch with a client: a visit, a card or email sent, a
// reply received, a call, a text, a meeting. The latest one is the client's
// last contact.
type Contact struct {
	ID        int64
	ClientID  int64
	At        time.Time
	Kind      ContactKind
	VisitID   int64
	StaffID   int64
	StaffName string
	ThankYou  bool // a card or email that thanked the client
	BatchID   int64
	Template  string
	Note      string
	// Occasion is the reason of a card or email (thanks, welcome, miss,
	// birthday, sorry); ComplaintID the complaint a make-it-right note
	// answers.
	Occasion    Occasion
	ComplaintID int64
}

// Contacts returns a client's contacts, newest first.
func (s *Store) Contacts(ctx context.Context, clientID int64) ([]Contact, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.client_id, c.at, c.kind, coalesce(c.visit_id, 0), coalesce(c.staff_id, 0),
		coalesce(st.name, ''), c.thank_you, coalesce(c.batch_id, 0), c.template, c.note, c.occasion, coalesce(c.complaint_id, 0)
		FROM contacts c LEFT JOIN staff st ON st.id = c.staff_id
		WHERE c.client_id = ? ORDER BY c.at DESC, c.id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("contacts of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []Contact
	for rows.Next() {
		var c Contact
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
