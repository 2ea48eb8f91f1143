package store

import (
	"context"
	"database/sql"
	"fmt"

	"regulars/data"
)

// data.CardSettings reads the settings of how cards are written and printed,
// at once.
func (s *Store) CardSettings(ctx context.Context) (data.CardSettings, error) {
	values, err := s.settingValues(ctx)
	if err != nil {
		return data.CardSettings{}, fmt.Errorf("card settings: %w", err)
	}
	return data.CardSettingsFrom(values), nil
}

// data.MailSettings reads the settings of sending and reading email, at once.
func (s *Store) MailSettings(ctx context.Context) (data.MailSettings, error) {
	values, err := s.settingValues(ctx)
	if err != nil {
		return data.MailSettings{}, fmt.Errorf("mail settings: %w", err)
	}
	return data.MailSettingsFrom(func(k string) string { return values[k] }), nil
}

// data.CadenceSettings reads the book's own rules of keeping in touch, at once.
func (s *Store) CadenceSettings(ctx context.Context) (data.CadenceSettings, error) {
	values, err := s.settingValues(ctx)
	if err != nil {
		return data.CadenceSettings{}, fmt.Errorf("cadence settings: %w", err)
	}
	return data.CadenceSettingsFrom(func(k string) string { return values[k] }), nil
}

// SetMailSettings stores the mail settings together, in one transaction,
// once they pass m.Check: another seat reads the old ones or the new
// ones, never half of each. RepliesChecked is left as it is: the run that
// reads replies keeps it (SettingRepliesChecked), and a form opened before
// that run must not set it back.
func (s *Store) SetMailSettings(ctx context.Context, m data.MailSettings) error {
	if err := m.Check(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for k, v := range m.Values() {
			if err := setSetting(ctx, tx, k, v); err != nil {
				return fmt.Errorf("mail settings: %w", err)
			}
		}
		return nil
	})
}

// settingValues reads every setting kept in the book, by key, in one
// query: there are a few dozen at most, and a group is made of what it
// needs of them (see data.CardSettingsFrom, data.MailSettingsFrom,
// data.CadenceSettingsFrom).
func (s *Store) settingValues(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	values := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		values[k] = v
	}
	return values, rows.Err()
}
