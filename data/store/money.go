package store

import (
	"context"
	"fmt"
	"strings"

	"regulars/data"

	"golang.org/x/text/currency"
)

// Currency is the book's currency: the one chosen in Settings, else the
// locale's, else none ("").
func (s *Store) Currency(ctx context.Context) (string, error) {
	v, err := s.Setting(ctx, data.SettingCurrency)
	if err != nil || v != "" {
		return v, err
	}
	return data.LocaleCurrency(), nil
}

// SetCurrency sets the book's currency from its ISO code ("" for none).
func (s *Store) SetCurrency(ctx context.Context, code string) error {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code != "" {
		if _, err := currency.ParseISO(code); err != nil {
			return data.ValidationError{{Field: data.SettingCurrency, Message: fmt.Sprintf("%q is not a currency code (EUR, USD, GBP…)", code)}}
		}
	}
	return s.SetSetting(ctx, data.SettingCurrency, code)
}
