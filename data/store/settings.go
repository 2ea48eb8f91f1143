package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"regulars/data"
)

// BusinessSettings reads the business's name and address from the book.
func (s *Store) BusinessSettings(ctx context.Context) (data.BusinessSettings, error) {
	var b data.BusinessSettings
	err := s.settings(ctx, map[string]*string{data.SettingBusinessName: &b.Name, data.SettingBusinessAddress: &b.Address})
	return b, err
}

// settings reads the values of several keys into the strings they point
// to ("" for a key not set).
func (s *Store) settings(ctx context.Context, dst map[string]*string) error {
	for key, v := range dst {
		var err error
		if *v, err = s.Setting(ctx, key); err != nil {
			return err
		}
	}
	return nil
}

// settingLabels name the settings in messages.
var settingLabels = map[string]string{
	data.SettingBusinessName:    "The business name",
	data.SettingBusinessAddress: "The business address",
	data.SettingHandFont:        "The hand-writing font",
	data.SettingSignature:       "The signature file",
	data.SettingCountry:         "The country",
	data.SettingThanksWithin:    "The thank-you window",
}

// Setting returns a value stored in the book, or "" if it is not set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a value in the book. Every setting is one line (a
// business name with a line break would break every email it is written
// into) except the business address; none may hold a control character.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	label := settingLabels[key]
	if label == "" {
		label = "The setting " + key
	}
	check := data.CheckLine
	if key == data.SettingBusinessAddress {
		check = data.CheckLines
	}
	if msg := check(label, value); msg != "" {
		return data.ValidationError{{Field: key, Message: msg}}
	}
	return s.write(ctx, func(tx *sql.Tx) error { return setSetting(ctx, tx, key, value) })
}

// setSetting stores a value within a write transaction.
func setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return fmt.Errorf("setting %s: %w", key, err)
	}
	return nil
}
