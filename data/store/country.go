package store

import (
	"context"
	"fmt"
	"strings"

	"regulars/data"
)

// Country is the book's country as a two-letter code: the one set in
// Settings, else the locale's, else the one country of the book's
// currency, else none ("").
func (s *Store) Country(ctx context.Context) (string, error) {
	v, err := s.Setting(ctx, data.SettingCountry)
	if err != nil {
		return "", fmt.Errorf("the book's country: %w", err)
	}
	if v = strings.TrimSpace(v); v != "" {
		return v, nil
	}
	if c := data.LocaleCountry(); c != "" {
		return c, nil
	}
	cur, err := s.Currency(ctx)
	return currencyCountry[cur], err
}

// SetCountry sets the book's country from its code or name ("US", "United
// Kingdom"; "" for none, so that the locale's is used).
func (s *Store) SetCountry(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return s.SetSetting(ctx, data.SettingCountry, "")
	}
	code, ok := data.CountryCode(name)
	if !ok {
		return data.ValidationError{{Field: data.SettingCountry, Message: fmt.Sprintf("%q is not a country Regulars knows: write its two-letter code (US, GB, DE…)", name)}}
	}
	return s.SetSetting(ctx, data.SettingCountry, code)
}

// DayOrder is the order of day and month in the dates typed in this
// book: its country's (Settings), else the computer's locale's.
func (s *Store) DayOrder(ctx context.Context) data.DayOrder {
	if c, err := s.Country(ctx); err == nil {
		if o, ok := data.DayOrderOf(c); ok {
			return o
		}
	}
	return data.LocaleDayOrder()
}
