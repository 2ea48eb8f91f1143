package app

import (
	"fmt"
	"time"
)

// Plain words for numbers and times, the way a person says them: "1 day",
// "added today", "last visit 2 years ago".

// count writes a number with its noun: "1 visit", "3 visits".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// daysAgo says how many days back: "today", "yesterday", "40 days ago".
func daysAgo(days int) string {
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	}
	return count(days, "day", "days") + " ago"
}

// ago says how long before now t was, roughly, for the front desk:
// "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago",
// "2 years ago".
func ago(t, now time.Time) string {
	d := dayNumber(now) - dayNumber(t)
	switch {
	case d <= 0:
		return "today"
	case d == 1:
		return "yesterday"
	case d < 14:
		return fmt.Sprintf("%d days ago", d)
	case d < 60:
		return fmt.Sprintf("%d weeks ago", d/7)
	case d < 365:
		return fmt.Sprintf("%d months ago", d/30)
	case d < 730:
		return "a year ago"
	default:
		return fmt.Sprintf("%d years ago", d/365)
	}
}

// dayNumber counts local calendar days, so "today" follows the wall clock.
func dayNumber(t time.Time) int {
	l := t.In(time.Local)
	return int(time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
