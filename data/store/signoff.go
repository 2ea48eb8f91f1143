package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"regulars/data"
)

// SetSignOff sets a staff member's sign-off line and signature image (""
// for none), found by name.
func (s *Store) SetSignOff(ctx context.Context, name, line, signature string) error {
	if msg := data.CheckLine("A sign-off", line); msg != "" {
		return data.ValidationError{{Field: "line", Message: msg}}
	}
	line = strings.TrimSpace(line)
	if len([]rune(line)) > 60 {
		return data.ValidationError{{Field: "line", Message: "A sign-off can be at most 60 characters"}}
	}
	st, err := s.StaffByName(ctx, name)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE staff SET sign_off = ?, signature = ? WHERE id = ?", line, strings.TrimSpace(signature), st.ID)
		return oneRow(res, err, "staff member", st.ID)
	})
}

// SignOffFor is who signs a note to a client: the staff member of the
// client's last visit when they have a sign-off line (or at least a name
// and are still working there), else nobody (the business signs).
func (s *Store) SignOffFor(ctx context.Context, clientID int64) (data.SignOff, bool, error) {
	var so data.SignOff
	var name string
	var active int
	err := s.db.QueryRowContext(ctx, `SELECT st.id, st.name, st.sign_off, st.signature, st.active FROM visits v
		JOIN staff st ON st.id = v.staff_id WHERE v.client_id = ? ORDER BY v.at DESC, v.id DESC LIMIT 1`, clientID).
		Scan(&so.StaffID, &name, &so.Line, &so.Signature, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return so, false, nil
	}
	if err != nil {
		return so, false, fmt.Errorf("who signs for client %d: %w", clientID, err)
	}
	if active == 0 {
		return data.SignOff{}, false, nil // they left: the business signs
	}
	if so.Line == "" {
		so.Line = firstWord(name)
	}
	return so, true, nil
}

// SignOffOf reads how a staff member signs.
func (s *Store) SignOffOf(ctx context.Context, staffID int64) (data.SignOff, error) {
	so := data.SignOff{StaffID: staffID}
	err := s.db.QueryRowContext(ctx, "SELECT sign_off, signature FROM staff WHERE id = ?", staffID).Scan(&so.Line, &so.Signature)
	if errors.Is(err, sql.ErrNoRows) {
		return so, fmt.Errorf("staff member %d: %w", staffID, data.ErrNotFound)
	}
	return so, err
}
