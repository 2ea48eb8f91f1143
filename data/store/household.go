package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"regulars/data"
)

// SetHousehold links clients into a household of that name: an existing
// household of any of them is reused (and renamed), so linking more
// people later adds them. It returns the household's id.
func (s *Store) SetHousehold(ctx context.Context, name string, clientIDs []int64) (int64, error) {
	if msg := data.CheckLine("A household name", name); msg != "" {
		return 0, data.ValidationError{{Field: "name", Message: msg}}
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return 0, data.ValidationError{{Field: "name", Message: "A household needs a name, like The Okafors"}}
	}
	if len(clientIDs) < 2 {
		return 0, data.ValidationError{{Field: "clients", Message: "A household links at least two clients"}}
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, c := range clientIDs {
			var h sql.NullInt64
			if err := tx.QueryRowContext(ctx, "SELECT household_id FROM clients WHERE id = ? AND deleted_at IS NULL", c).Scan(&h); err != nil {
				return fmt.Errorf("client %d: %w", c, notFoundErr(err))
			}
			if h.Valid && id == 0 {
				id = h.Int64
			}
		}
		if id == 0 {
			err := tx.QueryRowContext(ctx, "INSERT INTO households (name, created_at) VALUES (?, ?) RETURNING id", name, formatTime(s.now())).Scan(&id)
			if err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, "UPDATE households SET name = ? WHERE id = ?", name, id); err != nil {
			return err
		}
		for _, c := range clientIDs {
			if _, err := tx.ExecContext(ctx, "UPDATE clients SET household_id = ?, updated_at = ? WHERE id = ?", id, formatTime(s.now()), c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("household %s: %w", name, err)
	}
	return id, nil
}

// LeaveHousehold takes a client out of their household; a household left
// with fewer than two members is removed.
func (s *Store) LeaveHousehold(ctx context.Context, clientID int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var h sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT household_id FROM clients WHERE id = ?", clientID).Scan(&h); err != nil {
			return fmt.Errorf("client %d: %w", clientID, notFoundErr(err))
		}
		if !h.Valid {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE clients SET household_id = NULL WHERE id = ?", clientID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM households WHERE id = ? AND
			(SELECT count(*) FROM clients WHERE household_id = ?) < 2`, h.Int64, h.Int64)
		if err == nil {
			_, err = tx.ExecContext(ctx, "UPDATE clients SET household_id = NULL WHERE household_id = ? AND NOT EXISTS (SELECT 1 FROM households WHERE id = ?)", h.Int64, h.Int64)
		}
		return err
	})
}

// HouseholdOf returns the household of a client, if any.
func (s *Store) HouseholdOf(ctx context.Context, clientID int64) (data.Household, bool, error) {
	var h data.Household
	err := s.db.QueryRowContext(ctx, `SELECT h.id, h.name FROM households h JOIN clients c ON c.household_id = h.id WHERE c.id = ?`, clientID).Scan(&h.ID, &h.Name)
	if err == sql.ErrNoRows {
		return h, false, nil
	}
	if err != nil {
		return h, false, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM clients WHERE household_id = ? AND deleted_at IS NULL ORDER BY id", h.ID)
	if err != nil {
		return h, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return h, false, err
		}
		h.Members = append(h.Members, id)
	}
	return h, true, rows.Err()
}

// ByHousehold groups those due into one card per household (in the order
// of its first member due), leaving everyone else on a card of their own.
func (s *Store) ByHousehold(ctx context.Context, due []data.DueClient) ([]data.HouseholdCard, error) {
	var out []data.HouseholdCard
	at := map[int64]int{} // household id → index in out
	for _, d := range due {
		h, ok, err := s.HouseholdOf(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			out = append(out, data.HouseholdCard{Due: []data.DueClient{d}})
			continue
		}
		if i, seen := at[h.ID]; seen {
			out[i].Due = append(out[i].Due, d)
			continue
		}
		at[h.ID] = len(out)
		out = append(out, data.HouseholdCard{Household: h, Due: []data.DueClient{d}})
	}
	// Within a household, people are named in the order they joined the
	// book: "Ada and Chidi" every time, whoever visited last.
	for _, g := range out {
		sort.Slice(g.Due, func(i, j int) bool { return g.Due[i].ID < g.Due[j].ID })
	}
	return out, nil
}

// notFoundErr turns a missing row into ErrNotFound.
func notFoundErr(err error) error {
	if err == sql.ErrNoRows {
		return data.ErrNotFound
	}
	return err
}
