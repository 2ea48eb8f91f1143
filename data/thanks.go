package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultThanksWithin is how many days after a visit a thank-you follows
// it in a book whose owner has not said: a month.
const DefaultThanksWithin = 30

// ThanksDue is the one rule of the thank-you, which the Today tile, its
// list, the client list's filter, the client pane and the batch all
// apply: a client is due a thank-you as of a day when
//
//   - they visited within the last within days (a thank-you follows a
//     recent visit; after that they belong to we-miss-you),
//   - that visit came after their last thank-you,
//   - they were not thanked within their ideal days (a client thanked
//     today who comes back tomorrow is not thanked twice running),
//   - they can be written to (a postal address or an email they get), and
//   - they are not in the trash, marked "do not contact" or snoozed.
//
// within ≤ 0 is DefaultThanksWithin.
func ThanksDue(t Touch, cad Cadence, within int, asOf time.Time, loc *time.Location) bool {
	if within <= 0 {
		within = DefaultThanksWithin
	}
	switch {
	case t.LastVisit.IsZero() || t.Deleted || t.DoNotContact || t.Unreachable:
		return false
	case !t.SnoozedUntil.IsZero() && Days(asOf, t.SnoozedUntil, loc) > 0:
		return false
	case !t.LastVisit.After(t.LastThankYou):
		return false
	case Days(t.LastVisit, asOf, loc) > within:
		return false
	case !t.LastThankYou.IsZero() && Days(t.LastThankYou, asOf, loc) < cad.Ideal:
		return false
	}
	return true
}

// ThanksFrom is the first moment a visit can be thanked for as of a day:
// the start of the day within days before it, in loc.
func ThanksFrom(within int, asOf time.Time, loc *time.Location) time.Time {
	if within <= 0 {
		within = DefaultThanksWithin
	}
	a := asOf.In(loc)
	return time.Date(a.Year(), a.Month(), a.Day()-within, 0, 0, 0, 0, loc)
}

// ThanksWithin reads how many days after a visit a thank-you follows it
// (Settings; DefaultThanksWithin until the owner changes it).
func (s *Store) ThanksWithin(ctx context.Context) (int, error) {
	c, err := s.CadenceSettings(ctx)
	if err != nil {
		return 0, fmt.Errorf("thank-you window: %w", err)
	}
	return c.ThanksWithin, nil
}

// ParseThanksWithin reads the number of days typed in Settings, or says
// what to write.
func ParseThanksWithin(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 365 {
		return 0, ValidationError{{SettingThanksWithin, fmt.Sprintf("Write the days after a visit that a thank-you follows it as a number from 1 to 365 (%q is not)", strings.TrimSpace(s))}}
	}
	return n, nil
}

// SetThanksWithin stores how many days after a visit a thank-you still
// follows it: from 1 to 365.
func (s *Store) SetThanksWithin(ctx context.Context, days int) error {
	if days < 1 || days > 365 {
		return ValidationError{{SettingThanksWithin, fmt.Sprintf("The days after a visit that a thank-you follows it must be from 1 to 365, not %d", days)}}
	}
	return s.SetSetting(ctx, SettingThanksWithin, strconv.Itoa(days))
}
