package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"regulars/data"
)

// CadencePolicy reads the book's default cadence and the tag cadences.
func (s *Store) CadencePolicy(ctx context.Context) (data.CadencePolicy, error) {
	cs, err := s.CadenceSettings(ctx)
	if err != nil {
		return data.CadencePolicy{}, err
	}
	p := data.CadencePolicy{Default: cs.Default, Tags: map[string]data.Cadence{}, ThanksWithin: cs.ThanksWithin}
	rows, err := s.db.QueryContext(ctx, "SELECT tag, ideal, max FROM tag_cadences")
	if err != nil {
		return p, fmt.Errorf("read tag cadences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tag string
		var c data.Cadence
		if err := rows.Scan(&tag, &c.Ideal, &c.Max); err != nil {
			return p, fmt.Errorf("read tag cadences: %w", err)
		}
		p.Tags[strings.ToLower(tag)] = c
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("read tag cadences: %w", err)
	}
	return p, nil
}

// checkCadence says what is wrong with a cadence set in Settings.
func checkCadence(c data.Cadence) error { return c.Check() }

// SetDefaultCadence sets the cadence of clients with no override and no
// tag cadence.
func (s *Store) SetDefaultCadence(ctx context.Context, c data.Cadence) error {
	if err := checkCadence(c); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, data.SettingCadenceIdeal, strconv.Itoa(c.Ideal)); err != nil {
			return err
		}
		return setSetting(ctx, tx, data.SettingCadenceMax, strconv.Itoa(c.Max))
	})
}

// SetTagCadence sets the cadence of a tag (VIP: 30 / 45).
func (s *Store) SetTagCadence(ctx context.Context, tag string, c data.Cadence) error {
	tag = strings.Join(strings.Fields(tag), " ")
	if tag == "" {
		return data.ValidationError{{Field: data.FieldTags, Message: "Name the tag"}}
	}
	if err := checkCadence(c); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO tag_cadences (tag, ideal, max) VALUES (?, ?, ?)
			ON CONFLICT (tag) DO UPDATE SET ideal = excluded.ideal, max = excluded.max`, tag, c.Ideal, c.Max)
		if err != nil {
			return fmt.Errorf("set cadence of tag %s: %w", tag, err)
		}
		return nil
	})
}

// RemoveTagCadence makes a tag follow the default cadence again.
func (s *Store) RemoveTagCadence(ctx context.Context, tag string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM tag_cadences WHERE tag = ?", tag)
		return err
	})
}

// LogContact records a touch with a client other than a visit (a call, a
// text, a meeting, a card or email sent, a reply received). It sets c.ID.
func (s *Store) LogContact(ctx context.Context, c *data.Contact) (int64, error) {
	c.Note = strings.TrimSpace(c.Note)
	var errs data.ValidationError
	switch c.Kind {
	case data.ContactCard, data.ContactEmail, data.ContactReply, data.ContactCall, data.ContactText, data.ContactMeeting, data.ContactOther:
	case data.ContactVisit:
		errs = append(errs, data.FieldError{Field: "kind", Message: "A visit is logged with Log visit, not as a contact"})
	default:
		errs = append(errs, data.FieldError{Field: "kind", Message: fmt.Sprintf("Unknown kind of contact %q (call, text, meeting, email, reply, card or other)", c.Kind)})
	}
	if c.ClientID <= 0 {
		errs = append(errs, data.FieldError{Field: data.FieldClient, Message: "Choose the client"})
	}
	if msg := data.CheckLines("The note", c.Note); msg != "" {
		errs = append(errs, data.FieldError{Field: "note", Message: msg})
	}
	if c.At.IsZero() {
		errs = append(errs, data.FieldError{Field: data.FieldAt, Message: "The date of the contact is required"})
	} else if err := data.CheckPastDate("contact", c.At, s.Now()); err != nil {
		errs = append(errs, data.FieldError{Field: data.FieldAt, Message: data.Capitalize(err.Error())})
	}
	if c.ThankYou && c.Kind != data.ContactCard && c.Kind != data.ContactEmail {
		errs = append(errs, data.FieldError{Field: "kind", Message: "Only a card or an email can be a thank-you"})
	}
	if len(errs) > 0 {
		return 0, errs
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := liveClient(ctx, tx, c.ClientID); err != nil {
			return err
		}
		if c.ThankYou && c.Occasion == "" {
			c.Occasion = data.OccasionThanks
		}
		return tx.QueryRowContext(ctx, `INSERT INTO contacts (client_id, at, kind, staff_id, thank_you, batch_id, template, note, occasion, complaint_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.ClientID, formatTime(c.At), string(c.Kind), nullID(c.StaffID), boolInt(c.ThankYou),
			nullID(c.BatchID), c.Template, c.Note, string(c.Occasion), nullID(c.ComplaintID), formatTime(s.now())).Scan(&c.ID)
	})
	if err != nil {
		return 0, fmt.Errorf("log contact: %w", err)
	}
	s.touched(ctx, c.ClientID)
	return c.ID, nil
}

// liveClient checks that a client exists and is not in the trash.
func liveClient(ctx context.Context, tx *sql.Tx, id int64) error {
	var deleted sql.NullString
	err := tx.QueryRowContext(ctx, "SELECT deleted_at FROM clients WHERE id = ?", id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("client %d: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if deleted.Valid {
		return fmt.Errorf("client %d is in the trash; restore them first", id)
	}
	return nil
}

// Snooze quiets a client's keep-in-touch reminders until a day (local);
// the zero time ends a snooze.
func (s *Store) Snooze(ctx context.Context, clientID int64, until time.Time) error {
	var v any
	if !until.IsZero() {
		if err := data.CheckFutureDate("snooze", until, s.Now()); err != nil {
			return data.ValidationError{{Field: "until", Message: data.Capitalize(err.Error())}}
		}
		v = until.In(time.Local).Format(data.DateLayout)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE clients SET snoozed_until = ?, updated_at = ?, version = version + 1 WHERE id = ?", v, formatTime(s.now()), clientID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("client %d: %w", clientID, data.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("snooze: %w", err)
	}
	s.touched(ctx, clientID)
	return nil
}

// AddFollowUp records a promise to get back to a client by a day.
func (s *Store) AddFollowUp(ctx context.Context, f *data.FollowUp) (int64, error) {
	f.What = strings.TrimSpace(f.What)
	var errs data.ValidationError
	if f.ClientID <= 0 {
		errs = append(errs, data.FieldError{Field: data.FieldClient, Message: "Choose the client"})
	}
	if f.What == "" {
		errs = append(errs, data.FieldError{Field: "what", Message: "Say what was promised"})
	} else if msg := data.CheckLines("What was promised", f.What); msg != "" {
		errs = append(errs, data.FieldError{Field: "what", Message: msg})
	}
	if f.Due.IsZero() {
		errs = append(errs, data.FieldError{Field: "due", Message: "The due date is required"})
	} else if err := data.CheckFutureDate("follow-up", f.Due, s.Now()); err != nil {
		errs = append(errs, data.FieldError{Field: "due", Message: data.Capitalize(err.Error())})
	}
	if len(errs) > 0 {
		return 0, errs
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := liveClient(ctx, tx, f.ClientID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO follow_ups (client_id, what, due, staff_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
			f.ClientID, f.What, f.Due.Format(data.DateLayout), nullID(f.StaffID), formatTime(s.now())).Scan(&f.ID)
	})
	if err != nil {
		return 0, fmt.Errorf("add follow-up: %w", err)
	}
	return f.ID, nil
}

// FinishFollowUp marks a follow-up done (or open again with done false).
func (s *Store) FinishFollowUp(ctx context.Context, id int64, done bool) error {
	var at any
	if done {
		at = formatTime(s.now())
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE follow_ups SET done_at = ? WHERE id = ?", at, id)
		return oneRow(res, err, "follow-up", id)
	})
}

const followUpColumns = `f.id, f.client_id, c.first_name, c.last_name, c.company, f.what, f.due, coalesce(f.staff_id, 0),
	coalesce(st.name, ''), f.created_at, f.done_at
	FROM follow_ups f JOIN clients c ON c.id = f.client_id LEFT JOIN staff st ON st.id = f.staff_id`

func (s *Store) followUps(ctx context.Context, where string, args ...any) ([]data.FollowUp, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+followUpColumns+" WHERE "+where+" ORDER BY f.due, f.id", args...)
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	defer rows.Close()
	var out []data.FollowUp
	for rows.Next() {
		var f data.FollowUp
		var first, last, company, due string
		var created, done sql.NullString
		if err := rows.Scan(&f.ID, &f.ClientID, &first, &last, &company, &f.What, &due, &f.StaffID, &f.StaffName, &created, &done); err != nil {
			return nil, fmt.Errorf("follow-ups: %w", err)
		}
		f.ClientName = data.Client{FirstName: first, LastName: last, Company: company}.Name()
		f.Due, _ = time.ParseInLocation(data.DateLayout, due, time.Local)
		f.CreatedAt, f.DoneAt = parseTime(created), parseTime(done)
		out = append(out, f)
	}
	return out, rows.Err()
}

// OpenFollowUps lists the follow-ups not done yet (of clients not in the
// trash), soonest due first.
func (s *Store) OpenFollowUps(ctx context.Context) ([]data.FollowUp, error) {
	return s.followUps(ctx, "f.done_at IS NULL AND c.deleted_at IS NULL")
}

// ClientFollowUps lists a client's follow-ups, open and done.
func (s *Store) ClientFollowUps(ctx context.Context, clientID int64) ([]data.FollowUp, error) {
	return s.followUps(ctx, "f.client_id = ?", clientID)
}

// AddComplaint records an issue a client raised.
func (s *Store) AddComplaint(ctx context.Context, c *data.Complaint) (int64, error) {
	c.Description = strings.TrimSpace(c.Description)
	var errs data.ValidationError
	if c.ClientID <= 0 {
		errs = append(errs, data.FieldError{Field: data.FieldClient, Message: "Choose the client"})
	}
	if c.Description == "" {
		errs = append(errs, data.FieldError{Field: "description", Message: "Describe the complaint"})
	}
	if c.RaisedOn.IsZero() {
		errs = append(errs, data.FieldError{Field: "raised", Message: "The date is required"})
	}
	if len(errs) > 0 {
		return 0, errs
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := liveClient(ctx, tx, c.ClientID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO complaints (client_id, raised_on, description, created_at) VALUES (?, ?, ?, ?) RETURNING id",
			c.ClientID, c.RaisedOn.Format(data.DateLayout), c.Description, formatTime(s.now())).Scan(&c.ID)
	})
	if err != nil {
		return 0, fmt.Errorf("add complaint: %w", err)
	}
	return c.ID, nil
}

// ResolveComplaint records how a complaint was made right, and when.
func (s *Store) ResolveComplaint(ctx context.Context, id int64, resolution string, on time.Time) error {
	resolution = strings.TrimSpace(resolution)
	if resolution == "" {
		return data.ValidationError{{Field: "resolution", Message: "Say how it was made right"}}
	}
	if on.IsZero() {
		on = s.Now()
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE complaints SET resolution = ?, resolved_on = ? WHERE id = ?", resolution, on.In(time.Local).Format(data.DateLayout), id)
		return oneRow(res, err, "complaint", id)
	})
}

func (s *Store) complaints(ctx context.Context, where string, args ...any) ([]data.Complaint, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, k.client_id, c.first_name, c.last_name, c.company, k.raised_on, k.description,
		k.resolution, k.resolved_on FROM complaints k JOIN clients c ON c.id = k.client_id WHERE `+where+` ORDER BY k.raised_on, k.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("complaints: %w", err)
	}
	defer rows.Close()
	var out []data.Complaint
	for rows.Next() {
		var k data.Complaint
		var first, last, company, raised string
		var resolved sql.NullString
		if err := rows.Scan(&k.ID, &k.ClientID, &first, &last, &company, &raised, &k.Description, &k.Resolution, &resolved); err != nil {
			return nil, fmt.Errorf("complaints: %w", err)
		}
		k.ClientName = data.Client{FirstName: first, LastName: last, Company: company}.Name()
		k.RaisedOn, _ = time.ParseInLocation(data.DateLayout, raised, time.Local)
		if resolved.Valid {
			k.ResolvedOn, _ = time.ParseInLocation(data.DateLayout, resolved.String, time.Local)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// OpenComplaints lists the complaints not resolved yet, oldest first.
func (s *Store) OpenComplaints(ctx context.Context) ([]data.Complaint, error) {
	return s.complaints(ctx, "k.resolved_on IS NULL AND c.deleted_at IS NULL")
}

// ClientComplaints lists a client's complaints.
func (s *Store) ClientComplaints(ctx context.Context, clientID int64) ([]data.Complaint, error) {
	return s.complaints(ctx, "k.client_id = ?", clientID)
}

// LastContact returns a client's latest contact, and false when there is
// none.
func (s *Store) LastContact(ctx context.Context, clientID int64) (data.Contact, bool, error) {
	var c data.Contact
	var at sql.NullString
	var thank int
	err := s.db.QueryRowContext(ctx, `SELECT c.id, c.at, c.kind, coalesce(c.staff_id, 0), coalesce(st.name, ''), c.thank_you, c.note
		FROM contacts c LEFT JOIN staff st ON st.id = c.staff_id WHERE c.client_id = ? ORDER BY c.at DESC, c.id DESC LIMIT 1`, clientID).
		Scan(&c.ID, &at, &c.Kind, &c.StaffID, &c.StaffName, &thank, &c.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("last contact of client %d: %w", clientID, err)
	}
	c.ClientID, c.At, c.ThankYou = clientID, parseTime(at), thank != 0
	return c, true, nil
}
