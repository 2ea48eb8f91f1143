package cli

import (
	"fmt"
	"strings"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// parseDay reads a local calendar day as a person types it: YYYY-MM-DD,
// today, tomorrow, yesterday, a weekday (fri), +3d, +1w, +2m or 27/11 in
// the locale's order (data.ReadDate).
func parseDay(flagName, s string) (time.Time, error) {
	t, err := data.ReadDate(s, clock.Now(), data.LocaleDayOrder())
	if err != nil {
		return t, fmt.Errorf("%s %s: %w", flagName, s, err)
	}
	return t, nil
}

// parseAt reads the time of a visit or contact in local time: a day as
// parseDay reads it, alone (that day at midnight) or with a time of day
// after a T or a space: 2026-11-23T14:30, "yesterday 17:45".
func parseAt(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	date, hour, hasClock := strings.Cut(s, "T")
	if !hasClock {
		date, hour, hasClock = strings.Cut(s, " ")
	}
	if !hasClock {
		return parseDay("--at", s)
	}
	d, err := data.ReadDate(date, clock.Now(), data.LocaleDayOrder())
	if err != nil {
		return d, fmt.Errorf("--at %s: %w", s, err)
	}
	for _, layout := range []string{"15:04", "15:04:05"} {
		if c, err := time.Parse(layout, strings.TrimSpace(hour)); err == nil {
			return time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), c.Second(), 0, time.Local), nil
		}
	}
	return time.Time{}, fmt.Errorf("--at %s: the time %q is not a time of day (write HH:MM, like 14:30)", s, hour)
}
