package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"regulars/data"
)

// clientColumns is the column list read by scanClient, in order.
const clientColumns = `id, first_name, last_name, company, email, phone,
	street, city, region, postal_code, country,
	birth_year, birth_month, birth_day, notes,
	preferred_channel, post_consent, email_consent, do_not_contact,
	cadence_ideal, cadence_max, snoozed_until,
	last_visit_at, last_contact_at, visit_count, created_at, updated_at, deleted_at, other_phones, version,
	name_prefix, name_suffix, other_emails, sms_consent,
	history_source, history_first_at, history_last_at, history_visits, history_spent_cents`

type scanner interface{ Scan(dest ...any) error }

func scanClient(row scanner) (data.Client, error) {
	var c data.Client
	var by, bm, bd, ideal, max sql.NullInt64
	var snooze, lastVisit, lastContact, created, updated, deleted sql.NullString
	var dnc int
	var others, emails string
	var histFirst, histLast sql.NullString
	err := row.Scan(&c.ID, &c.FirstName, &c.LastName, &c.Company, &c.Email, &c.Phone,
		&c.Address.Street, &c.Address.City, &c.Address.Region, &c.Address.PostalCode, &c.Address.Country,
		&by, &bm, &bd, &c.Notes,
		&c.PreferredChannel, &c.PostConsent, &c.EmailConsent, &dnc,
		&ideal, &max, &snooze,
		&lastVisit, &lastContact, &c.VisitCount, &created, &updated, &deleted, &others, &c.Version,
		&c.NamePrefix, &c.NameSuffix, &emails, &c.SMSConsent,
		&c.History.Source, &histFirst, &histLast, &c.History.Visits, &c.History.SpentCents)
	if err != nil {
		return c, err
	}
	c.OtherPhones = splitPhones(others)
	c.OtherEmails = splitLines(emails)
	c.History.First, c.History.Last = parseTime(histFirst), parseTime(histLast)
	c.Birthday = data.Birthday{Year: int(by.Int64), Month: time.Month(bm.Int64), Day: int(bd.Int64)}
	c.DoNotContact = dnc != 0
	c.Cadence = data.Cadence{Ideal: int(ideal.Int64), Max: int(max.Int64)}
	if snooze.Valid {
		c.SnoozedUntil, _ = time.ParseInLocation(data.DateLayout, snooze.String, time.Local)
	}
	c.LastVisitAt = parseTime(lastVisit)
	c.LastContactAt = parseTime(lastContact)
	c.CreatedAt = parseTime(created)
	c.UpdatedAt = parseTime(updated)
	c.DeletedAt = parseTime(deleted)
	return c, nil
}

// nullInt stores 0 as NULL.
func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

// clientArgs are the values of the editable columns, in the order of
// editableColumns.
const editableColumns = `first_name, last_name, company, email, phone, phone_digits,
	street, city, region, postal_code, country,
	birth_year, birth_month, birth_day, notes,
	preferred_channel, post_consent, email_consent, do_not_contact,
	cadence_ideal, cadence_max, snoozed_until, name_key, other_phones,
	name_prefix, name_suffix, other_emails, sms_consent`

func clientArgs(c *data.Client) []any {
	var snooze any
	if !c.SnoozedUntil.IsZero() {
		snooze = c.SnoozedUntil.Format(data.DateLayout)
	}
	var bm, bd any
	if !c.Birthday.IsZero() {
		bm, bd = int(c.Birthday.Month), c.Birthday.Day
	}
	return []any{c.FirstName, c.LastName, c.Company, c.Email, c.Phone, data.PhoneDigits(c.Phone),
		c.Address.Street, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country,
		nullInt(c.Birthday.Year), bm, bd, c.Notes,
		string(c.PreferredChannel), string(c.PostConsent), string(c.EmailConsent), boolInt(c.DoNotContact),
		nullInt(c.Cadence.Ideal), nullInt(c.Cadence.Max), snooze, data.NameKey(c.FirstName, c.LastName), strings.Join(c.OtherPhones, "\n"),
		c.NamePrefix, c.NameSuffix, strings.Join(c.OtherEmails, "\n"), string(consentOrUnknown(c.SMSConsent))}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// AddClient validates c and saves it as a new client, with its tags and
// search entry, in one transaction. It sets c.ID and returns it.
func (s *Store) AddClient(ctx context.Context, c *data.Client) (int64, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		return insertClient(ctx, tx, c, now)
	})
	if err != nil {
		c.ID = 0
		return 0, fmt.Errorf("add client %s: %w", c.Name(), err)
	}
	s.touched(ctx, c.ID)
	return c.ID, nil
}

// insertClient writes a validated new client inside tx.
func insertClient(ctx context.Context, tx *sql.Tx, c *data.Client, now time.Time) error {
	args := append(clientArgs(c), formatTime(now), formatTime(now))
	err := tx.QueryRowContext(ctx, "INSERT INTO clients ("+editableColumns+", created_at, updated_at) VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")+") RETURNING id", args...).Scan(&c.ID)
	if err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = now, now
	return writeTags(ctx, tx, c.ID, c.Tags)
}

// UpdateClient validates c and saves its editable fields and tags. The
// visit log, counts and dates kept by the book are left alone.
//
// c must be as it was read (its Version): when someone else — another
// seat, a command — saved the client since, nothing is saved and the
// error is a *ChangedError holding the client as it is now, so that the
// person saving can compare and choose. The Version of c goes up by one
// on success.
func (s *Store) UpdateClient(ctx context.Context, c *data.Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.now()
	var changed bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		sets := strings.Split(editableColumns, ",")
		for i := range sets {
			sets[i] = strings.TrimSpace(sets[i]) + " = ?"
		}
		args := append(clientArgs(c), formatTime(now), c.ID, c.Version)
		res, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ?, version = version + 1 WHERE id = ? AND version = ?", args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var exists bool
			if err := tx.QueryRowContext(ctx, "SELECT count(*) > 0 FROM clients WHERE id = ?", c.ID).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				return fmt.Errorf("client %d: %w", c.ID, data.ErrNotFound)
			}
			changed = true
			return nil
		}
		return writeTags(ctx, tx, c.ID, c.Tags)
	})
	if err == nil && changed {
		theirs, rerr := s.Client(ctx, c.ID)
		if rerr != nil {
			return fmt.Errorf("save client %s: %w", c.Name(), rerr)
		}
		return &data.ChangedError{Theirs: theirs}
	}
	if err != nil {
		return fmt.Errorf("save client %s: %w", c.Name(), err)
	}
	s.touched(ctx, c.ID)
	c.UpdatedAt = now
	c.Version++
	return nil
}

// writeTags replaces the client's tags.
func writeTags(ctx context.Context, tx *sql.Tx, id int64, tags []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM client_tags WHERE client_id = ?", id); err != nil {
		return err
	}
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, "INSERT INTO client_tags (client_id, tag) VALUES (?, ?)", id, t); err != nil {
			return fmt.Errorf("tag %q: %w", t, err)
		}
	}
	return nil
}

// Client returns the client with the given id, deleted or not, with tags.
func (s *Store) Client(ctx context.Context, id int64) (data.Client, error) {
	c, err := scanClient(s.db.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("client %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("client %d: %w", id, err)
	}
	if c.Tags, err = s.clientTags(ctx, id); err != nil {
		return c, fmt.Errorf("client %d: %w", id, err)
	}
	return c, nil
}

func (s *Store) clientTags(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT tag FROM client_tags WHERE client_id = ? ORDER BY tag COLLATE NOCASE", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}

// Tags lists every tag in use with how many (not deleted) clients have it.
func (s *Store) Tags(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.tag, count(*) FROM client_tags t JOIN clients c ON c.id = t.client_id
		WHERE c.deleted_at IS NULL GROUP BY t.tag COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, rows.Err()
}

// ClientCount is how many clients the book has, not counting the trash.
func (s *Store) ClientCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM clients WHERE deleted_at IS NULL").Scan(&n)
	return n, err
}

// DeleteClient moves a client to the trash: hidden from lists, search and
// reminders, with all history kept, until RestoreClient.
func (s *Store) DeleteClient(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, formatTime(s.now()))
}

// RestoreClient takes a client out of the trash.
func (s *Store) RestoreClient(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, nil)
}

func (s *Store) setDeleted(ctx context.Context, id int64, at any) error {
	defer s.touched(ctx, id)
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE clients SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?", at, formatTime(s.now()), id)
		return oneRow(res, err, "client", id)
	})
}

// DeletedClients lists the clients in the trash, most recently deleted
// first.
func (s *Store) DeletedClients(ctx context.Context) ([]data.Client, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+clientColumns+" FROM clients WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC")
	if err != nil {
		return nil, fmt.Errorf("list deleted clients: %w", err)
	}
	defer rows.Close()
	var out []data.Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, fmt.Errorf("list deleted clients: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Duplicates finds existing clients (not in the trash, not c itself) with
// the same email (ignoring case), the same phone digits (the last nine, so
// a country code does not hide a match) or the same normalized name.
func (s *Store) Duplicates(ctx context.Context, c data.Client) ([]data.Duplicate, error) {
	c.Normalize()
	var out []data.Duplicate
	seen := map[int64]bool{c.ID: c.ID != 0}
	find := func(reason, where string, arg any) error {
		rows, err := s.db.QueryContext(ctx, "SELECT "+clientColumns+" FROM clients WHERE deleted_at IS NULL AND "+where+" LIMIT 20", arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanClient(rows)
			if err != nil {
				return err
			}
			if !seen[d.ID] {
				seen[d.ID] = true
				out = append(out, data.Duplicate{Client: d, Reason: reason})
			}
		}
		return rows.Err()
	}
	if c.Email != "" {
		if err := find("same email", "email = ? COLLATE NOCASE AND email <> ''", c.Email); err != nil {
			return nil, fmt.Errorf("look for duplicates: %w", err)
		}
	}
	for _, p := range c.Phones() {
		if d := data.PhoneDigits(p); len(d) >= 7 {
			if len(d) > 9 {
				d = d[len(d)-9:]
			}
			// The same last nine digits; a shorter number, all of them.
			where, arg := "phone_digits = ?", d
			if len(d) == 9 {
				where, arg = "phone_digits LIKE ?", "%"+d
			}
			if err := find("same phone", where, arg); err != nil {
				return nil, fmt.Errorf("look for duplicates: %w", err)
			}
		}
	}
	if key := data.NameKey(c.FirstName, c.LastName); key != "" && strings.Contains(key, " ") {
		if err := find("same name", "name_key = ?", key); err != nil {
			return nil, fmt.Errorf("look for duplicates: %w", err)
		}
	}
	return out, nil
}

// EachClient calls fn with every client not in the trash, with tags, in
// id order; for exports.
func (s *Store) EachClient(ctx context.Context, fn func(data.Client) error) error {
	tags := map[int64][]string{}
	rows, err := s.db.QueryContext(ctx, "SELECT client_id, tag FROM client_tags ORDER BY client_id, tag COLLATE NOCASE")
	if err != nil {
		return fmt.Errorf("read tags: %w", err)
	}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			rows.Close()
			return err
		}
		tags[id] = append(tags[id], t)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, "SELECT "+clientColumns+" FROM clients WHERE deleted_at IS NULL ORDER BY id")
	if err != nil {
		return fmt.Errorf("read clients: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return fmt.Errorf("read clients: %w", err)
		}
		c.Tags = tags[c.ID]
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachVisit calls fn with every visit of clients not in the trash, oldest
// first, with the client's name; for exports.
func (s *Store) EachVisit(ctx context.Context, fn func(v data.Visit, client string) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.client_id, c.first_name, c.last_name, c.company, v.at, coalesce(st.name, ''),
		v.what, coalesce(v.amount_cents, -1), v.note FROM visits v JOIN clients c ON c.id = v.client_id
		LEFT JOIN staff st ON st.id = v.staff_id WHERE c.deleted_at IS NULL ORDER BY v.at, v.id`)
	if err != nil {
		return fmt.Errorf("read visits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v data.Visit
		var first, last, company string
		var at sql.NullString
		if err := rows.Scan(&v.ID, &v.ClientID, &first, &last, &company, &at, &v.StaffName, &v.What, &v.AmountCents, &v.Note); err != nil {
			return fmt.Errorf("read visits: %w", err)
		}
		v.At = parseTime(at)
		if err := fn(v, data.Client{FirstName: first, LastName: last, Company: company}.Name()); err != nil {
			return err
		}
	}
	return rows.Err()
}
