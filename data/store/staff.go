package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"regulars/data"
)

// AddStaff adds a staff member and returns the id. Names are unique,
// ignoring case.
func (s *Store) AddStaff(ctx context.Context, name string) (int64, error) {
	if msg := data.CheckLine("A staff name", name); msg != "" {
		return 0, data.ValidationError{{Field: "name", Message: msg}}
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return 0, data.ValidationError{{Field: "name", Message: "A staff member needs a name"}}
	}
	if len([]rune(name)) > 60 {
		return 0, data.ValidationError{{Field: "name", Message: "A staff name can be at most 60 characters"}}
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var existing int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM staff WHERE name = ?", name).Scan(&existing)
		if err == nil {
			return data.ValidationError{{Field: "name", Message: fmt.Sprintf("There is already a staff member called %s", name)}}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO staff (name, created_at) VALUES (?, ?) RETURNING id", name, formatTime(s.now())).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("add staff %s: %w", name, err)
	}
	return id, nil
}

// StaffList lists the staff, active first, by name.
func (s *Store) StaffList(ctx context.Context) ([]data.Staff, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, active FROM staff ORDER BY active DESC, name COLLATE NOCASE")
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()
	var out []data.Staff
	for rows.Next() {
		var st data.Staff
		var active int
		if err := rows.Scan(&st.ID, &st.Name, &active); err != nil {
			return nil, fmt.Errorf("list staff: %w", err)
		}
		st.Active = active != 0
		out = append(out, st)
	}
	return out, rows.Err()
}

// StaffByName finds a staff member by name, ignoring case.
func (s *Store) StaffByName(ctx context.Context, name string) (data.Staff, error) {
	var st data.Staff
	var active int
	err := s.db.QueryRowContext(ctx, "SELECT id, name, active FROM staff WHERE name = ?", strings.Join(strings.Fields(name), " ")).Scan(&st.ID, &st.Name, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("staff member %q: %w", name, data.ErrNotFound)
	}
	st.Active = active != 0
	return st, err
}

// RenameStaff changes a staff member's name; their visits follow.
func (s *Store) RenameStaff(ctx context.Context, id int64, name string) error {
	if msg := data.CheckLine("A staff name", name); msg != "" {
		return data.ValidationError{{Field: "name", Message: msg}}
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return data.ValidationError{{Field: "name", Message: "A staff member needs a name"}}
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM staff WHERE name = ? AND id <> ?", name, id).Scan(&other)
		if err == nil {
			return data.ValidationError{{Field: "name", Message: fmt.Sprintf("There is already a staff member called %s", name)}}
		}
		res, err := tx.ExecContext(ctx, "UPDATE staff SET name = ? WHERE id = ?", name, id)
		return oneRow(res, err, "staff", id)
	})
}

// SetStaffActive marks a staff member as still working here or not.
func (s *Store) SetStaffActive(ctx context.Context, id int64, active bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE staff SET active = ? WHERE id = ?", boolInt(active), id)
		return oneRow(res, err, "staff", id)
	})
}

// LastStaff is the staff member of the last visit logged, the default for
// the next one; ok is false when there is none (or they left).
func (s *Store) LastStaff(ctx context.Context) (st data.Staff, ok bool, err error) {
	v, err := s.Setting(ctx, data.SettingLastStaff)
	if err != nil || v == "" {
		return st, false, err
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	var active int
	err = s.db.QueryRowContext(ctx, "SELECT id, name, active FROM staff WHERE id = ?", id).Scan(&st.ID, &st.Name, &active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && active == 0) {
		return data.Staff{}, false, nil
	}
	st.Active = true
	return st, err == nil, err
}
