package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"regulars/data"
)

// ApplyImport carries out a planned import in one transaction: new
// clients are added and matched ones updated; if anything fails, the book
// is as before. A backup is taken first.
func (s *Store) ApplyImport(ctx context.Context, rows []data.ImportRow) (added, updated int, backup string, err error) {
	backup, err = s.BackupNow(ctx, "before-import")
	if err != nil {
		return 0, 0, "", fmt.Errorf("import: back up first: %w", err)
	}
	now := s.now()
	var touched []int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		insVisit, err := tx.PrepareContext(ctx, "INSERT INTO visits (client_id, at, what, note, created_at) VALUES (?, ?, '', ?, ?) RETURNING id")
		if err != nil {
			return err
		}
		insContact, err := tx.PrepareContext(ctx, "INSERT INTO contacts (client_id, at, kind, visit_id, created_at) VALUES (?, ?, 'visit', ?, ?)")
		if err != nil {
			return err
		}
		// Prepared once: parsing the statement for every row took a third
		// of a 100,000-row import.
		n := len(strings.Split(editableColumns, ",")) + 2
		insClient, err := tx.PrepareContext(ctx, "INSERT INTO clients ("+editableColumns+", created_at, updated_at) VALUES ("+
			strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+") RETURNING id")
		if err != nil {
			return err
		}
		insTag, err := tx.PrepareContext(ctx, "INSERT INTO client_tags (client_id, tag) VALUES (?, ?)")
		if err != nil {
			return err
		}
		for i := range rows {
			r := &rows[i]
			switch r.Action {
			case data.ImportNew:
				c := r.Client
				if err := c.Validate(); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if err := insClient.QueryRowContext(ctx, append(clientArgs(&c), formatTime(now), formatTime(now))...).Scan(&c.ID); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				for _, t := range c.Tags {
					if _, err := insTag.ExecContext(ctx, c.ID, t); err != nil {
						return fmt.Errorf("line %d: tag %q: %w", r.Line, t, err)
					}
				}
				r.Client.ID, r.MatchID = c.ID, c.ID
				if !c.History.IsZero() {
					if err := setHistory(ctx, tx, c.ID, c.History); err != nil {
						return fmt.Errorf("line %d: %w", r.Line, err)
					}
				}
				added++
			case data.ImportUpdate:
				c := r.Client
				c.ID = r.MatchID
				if err := c.Validate(); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				sets := strings.Split(editableColumns, ",")
				for j := range sets {
					sets[j] = strings.TrimSpace(sets[j]) + " = ?"
				}
				args := append(clientArgs(&c), formatTime(now), c.ID)
				if _, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ?, version = version + 1 WHERE id = ?", args...); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if err := writeTags(ctx, tx, c.ID, c.Tags); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if !c.History.IsZero() {
					if err := setHistory(ctx, tx, c.ID, c.History); err != nil {
						return fmt.Errorf("line %d: %w", r.Line, err)
					}
				}
				updated++
			case data.ImportSkip:
				// Nothing new, but the till's customer ID may be.
				if r.MatchID > 0 {
					if err := addTillID(ctx, tx, r.MatchID, r.TillID); err != nil {
						return fmt.Errorf("line %d: %w", r.Line, err)
					}
				}
				continue
			default:
				continue
			}
			if err := addTillID(ctx, tx, r.MatchID, r.TillID); err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
			for _, at := range r.Visits {
				var vid int64
				if err := insVisit.QueryRowContext(ctx, r.MatchID, formatTime(at), r.VisitNote, formatTime(now)).Scan(&vid); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
				if _, err := insContact.ExecContext(ctx, r.MatchID, formatTime(at), vid, formatTime(now)); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
			}
			touched = append(touched, r.MatchID)
		}
		return nil
	})
	if err != nil {
		return 0, 0, backup, fmt.Errorf("import: nothing was changed: %w", err)
	}
	if len(touched) > 200 {
		s.index.Reset()
	} else {
		s.touched(ctx, touched...)
	}
	return added, updated, backup, nil
}

// FindDuplicates lists likely pairs among the clients not in the trash:
// those who share an email, a phone or a name (or whose first names are
// one letter apart with the same last name) and whom Compare does not
// find to be strangers. People whose names disagree (beyond one letter)
// are left out even when they share a phone or an email: that is a
// household, two clients.
// Surer pairs come first.
func (s *Store) FindDuplicates(ctx context.Context) ([]data.DuplicatePair, error) {
	var all []data.Client
	if err := s.EachClient(ctx, func(c data.Client) error { all = append(all, c); return nil }); err != nil {
		return nil, err
	}
	var out []data.DuplicatePair
	seen := map[[2]int64]bool{}
	add := func(a, b data.Client) {
		if a.ID > b.ID {
			a, b = b, a
		}
		k := [2]int64{a.ID, b.ID}
		if a.ID == b.ID || seen[k] {
			return
		}
		seen[k] = true
		l := data.Compare(a, b)
		if l.Agreement == data.Strangers || data.NamesOf(a, b) == data.NamesDiffer {
			return
		}
		out = append(out, data.DuplicatePair{A: a, B: b, Reason: l.Why, Sure: l.Agreement == data.Same, NameOnly: l.NameOnly})
	}
	group := func(keys func(data.Client) []string) {
		groups := map[string][]data.Client{}
		for _, c := range all {
			for _, k := range keys(c) {
				groups[k] = append(groups[k], c)
			}
		}
		for _, g := range groups {
			if len(g) > 20 {
				continue // a shared address like info@… is no sign of one person
			}
			for i := range g {
				for j := i + 1; j < len(g); j++ {
					add(g[i], g[j])
				}
			}
		}
	}
	one := func(k string) []string {
		if k == "" {
			return nil
		}
		return []string{k}
	}
	group(func(c data.Client) []string { return one(strings.ToLower(strings.TrimSpace(c.Email))) })
	group(data.PhoneKeys)
	group(func(c data.Client) []string {
		if k := data.SortedKey(c); strings.Contains(k, " ") {
			return []string{k}
		}
		return nil
	})
	// Names one letter apart (Jon / John, Ana / Anna) with the same last name.
	byLast := map[string][]data.Client{}
	for _, c := range all {
		if l := data.NameKey("", c.LastName); l != "" && c.FirstName != "" {
			byLast[l] = append(byLast[l], c)
		}
	}
	for _, g := range byLast {
		if len(g) > 200 {
			continue
		}
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				a, b := data.NameKey(g[i].FirstName, ""), data.NameKey(g[j].FirstName, "")
				if a != b && data.OneEditApart(a, b) && len(a) > 2 && len(b) > 2 {
					add(g[i], g[j])
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Sure != out[j].Sure {
			return out[i].Sure
		}
		if out[i].NameOnly != out[j].NameOnly {
			return !out[i].NameOnly
		}
		if out[i].A.ID != out[j].A.ID {
			return out[i].A.ID < out[j].A.ID
		}
		return out[i].B.ID < out[j].B.ID
	})
	return out, nil
}

// MergeClients makes one client of two: keep gets the empty fields filled
// from other, and every visit, contact, follow-up, complaint, tag and note
// of other; other is removed. A backup is taken first. It returns the
// values of keep that other disagreed with (kept as they were).
func (s *Store) MergeClients(ctx context.Context, keepID, otherID int64) ([]data.Conflict, error) {
	return s.MergeClientsTaking(ctx, keepID, otherID, nil)
}

// MergeClientsTaking is MergeClients where, for each field named in
// takeOther (one of TakeableFields), the other client's value wins.
func (s *Store) MergeClientsTaking(ctx context.Context, keepID, otherID int64, takeOther []string) ([]data.Conflict, error) {
	if keepID == otherID {
		return nil, fmt.Errorf("merge: a client cannot be merged with itself")
	}
	keep, err := s.Client(ctx, keepID)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	other, err := s.Client(ctx, otherID)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	base := keep
	for _, f := range takeOther {
		if err := data.TakeField(&base, other, f); err != nil {
			return nil, err
		}
	}
	if _, err := s.BackupNow(ctx, "before-merge"); err != nil {
		return nil, fmt.Errorf("merge: back up first: %w", err)
	}
	merged, _, conflicts := data.FillFrom(base, other)
	if err := merged.Validate(); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"visits", "contacts", "follow_ups", "complaints", "client_till_ids"} {
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET client_id = ? WHERE client_id = ?", keepID, otherID); err != nil {
				return fmt.Errorf("move %s: %w", table, err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM clients WHERE id = ?", otherID); err != nil {
			return err
		}
		sets := strings.Split(editableColumns, ",")
		for j := range sets {
			sets[j] = strings.TrimSpace(sets[j]) + " = ?"
		}
		args := append(clientArgs(&merged), formatTime(s.now()), keepID)
		if _, err := tx.ExecContext(ctx, "UPDATE clients SET "+strings.Join(sets, ", ")+", updated_at = ?, version = version + 1 WHERE id = ?", args...); err != nil {
			return err
		}
		// The history before Regulars: the one FillFrom kept.
		if !merged.History.IsZero() {
			if err := setHistory(ctx, tx, keepID, merged.History); err != nil {
				return err
			}
		}
		// The older of the two "client since" dates.
		if !other.CreatedAt.IsZero() && other.CreatedAt.Before(keep.CreatedAt) {
			if _, err := tx.ExecContext(ctx, "UPDATE clients SET created_at = ? WHERE id = ?", formatTime(other.CreatedAt), keepID); err != nil {
				return err
			}
		}
		return writeTags(ctx, tx, keepID, merged.Tags)
	})
	if err != nil {
		return nil, fmt.Errorf("merge %s into %s: nothing was changed: %w", other.Name(), keep.Name(), err)
	}
	s.touched(ctx, keepID, otherID)
	return conflicts, nil
}
