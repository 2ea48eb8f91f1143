package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"regulars/data"
)

// Templates lists the templates in the book by name.
func (s *Store) Templates(ctx context.Context) ([]data.Template, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, occasion, subject, body, size FROM templates ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	defer rows.Close()
	var out []data.Template
	for rows.Next() {
		var t data.Template
		if err := rows.Scan(&t.ID, &t.Name, &t.Occasion, &t.Subject, &t.Body, &t.Size); err != nil {
			return nil, fmt.Errorf("list templates: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TemplateByName finds a template, ignoring case.
func (s *Store) TemplateByName(ctx context.Context, name string) (data.Template, error) {
	var t data.Template
	err := s.db.QueryRowContext(ctx, "SELECT id, name, occasion, subject, body, size FROM templates WHERE name = ?", strings.TrimSpace(name)).
		Scan(&t.ID, &t.Name, &t.Occasion, &t.Subject, &t.Body, &t.Size)
	if errors.Is(err, sql.ErrNoRows) {
		names := []string{}
		all, _ := s.Templates(ctx)
		for _, a := range all {
			names = append(names, a.Name)
		}
		sort.Strings(names)
		return t, fmt.Errorf("no template is called %q (there are: %s): %w", name, strings.Join(names, ", "), data.ErrNotFound)
	}
	return t, err
}

// SaveTemplate checks a template and saves it (a new one when t.ID is 0).
// A template with an unknown field or a syntax error is refused.
func (s *Store) SaveTemplate(ctx context.Context, t *data.Template) error {
	if err := t.Check(); err != nil {
		return err
	}
	now := formatTime(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		var other int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM templates WHERE name = ? AND id <> ?", t.Name, t.ID).Scan(&other); err == nil {
			return data.ValidationError{{Field: "name", Message: fmt.Sprintf("There is already a template called %s", t.Name)}}
		}
		if t.ID == 0 {
			return tx.QueryRowContext(ctx, "INSERT INTO templates (name, occasion, subject, body, size, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				t.Name, string(t.Occasion), t.Subject, t.Body, t.Size, now, now).Scan(&t.ID)
		}
		res, err := tx.ExecContext(ctx, "UPDATE templates SET name = ?, occasion = ?, subject = ?, body = ?, size = ?, updated_at = ? WHERE id = ?",
			t.Name, string(t.Occasion), t.Subject, t.Body, t.Size, now, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("template %d: %w", t.ID, data.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save template %s: %w", t.Name, err)
	}
	return nil
}

// DeleteTemplate removes a template; batches keep its name.
func (s *Store) DeleteTemplate(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM templates WHERE id = ?", id)
		return err
	})
}

// MergeFieldsFor gathers what a template needs to know of a client.
func (s *Store) MergeFieldsFor(ctx context.Context, c data.Client) (data.MergeFields, error) {
	business, err := s.Setting(ctx, data.SettingBusinessName)
	if err != nil {
		return data.MergeFields{}, err
	}
	f := data.MergeFields{FirstName: c.FirstName, LastName: c.LastName, FullName: c.Name(), Business: business, Visits: c.VisitCount}
	if f.FirstName == "" {
		f.FirstName = c.Name()
	}
	if !c.CreatedAt.IsZero() {
		f.ClientSince = c.CreatedAt.In(time.Local).Format("January 2006")
	}
	visits, err := s.Visits(ctx, c.ID, 1)
	if err != nil {
		return f, err
	}
	if len(visits) == 1 {
		v := visits[0]
		f.LastVisit = v.At.In(time.Local).Format("2 January")
		if v.At.In(time.Local).Year() != s.now().In(time.Local).Year() {
			f.LastVisit = v.At.In(time.Local).Format("2 January 2006") // a visit of another year says which
		}
		f.LastVisitWhat, f.Staff = v.What, firstWord(v.StaffName)
		if f.ClientSince == "" || v.At.Before(c.CreatedAt) {
			f.ClientSince = v.At.In(time.Local).Format("January 2006")
		}
	}
	if len(visits) == 0 && !c.LastVisitAt.IsZero() {
		// Only a history before Regulars: its last visit.
		f.LastVisit = c.LastVisitAt.In(time.Local).Format("2 January")
		if c.LastVisitAt.In(time.Local).Year() != s.now().In(time.Local).Year() {
			f.LastVisit = c.LastVisitAt.In(time.Local).Format("2 January 2006")
		}
	}
	if first, err := s.firstVisit(ctx, c.ID); err == nil && !first.IsZero() && (c.CreatedAt.IsZero() || first.Before(c.CreatedAt)) {
		f.ClientSince = first.In(time.Local).Format("January 2006")
	}
	f.SignedBy = business
	if so, ok, err := s.SignOffFor(ctx, c.ID); err != nil {
		return f, err
	} else if ok {
		f.SignedBy = so.Line
	}
	return f, nil
}

// firstWord is a staff member's first name, as a client knows them.
func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

func (s *Store) firstVisit(ctx context.Context, clientID int64) (time.Time, error) {
	var at sql.NullString
	// first_visit_at counts the history before Regulars too.
	err := s.db.QueryRowContext(ctx, "SELECT first_visit_at FROM clients WHERE id = ?", clientID).Scan(&at)
	return parseTime(at), err
}
