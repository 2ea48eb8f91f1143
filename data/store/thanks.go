package store

import (
	"context"
	"fmt"
	"strconv"

	"regulars/data"
)

// ThanksWithin reads how many days after a visit a thank-you follows it
// (Settings; DefaultThanksWithin until the owner changes it).
func (s *Store) ThanksWithin(ctx context.Context) (int, error) {
	c, err := s.CadenceSettings(ctx)
	if err != nil {
		return 0, fmt.Errorf("thank-you window: %w", err)
	}
	return c.ThanksWithin, nil
}

// SetThanksWithin stores how many days after a visit a thank-you still
// follows it: from 1 to 365.
func (s *Store) SetThanksWithin(ctx context.Context, days int) error {
	if days < 1 || days > 365 {
		return data.ValidationError{{Field: data.SettingThanksWithin, Message: fmt.Sprintf("The days after a visit that a thank-you follows it must be from 1 to 365, not %d", days)}}
	}
	return s.SetSetting(ctx, data.SettingThanksWithin, strconv.Itoa(days))
}
