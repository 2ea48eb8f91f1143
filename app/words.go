package app

import (
	"fmt"
	"time"

	"regulars/data"
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

// money writes an amount in the book's currency: "€85.00". The currency
// is read once and again when Settings change it.
func (u *ui) money(cents int64) string {
	u.readCurrency()
	return data.FormatMoney(cents, u.currency)
}

// readCurrency reads the book's currency and country once, and again
// when Settings change them.
func (u *ui) readCurrency() {
	if !u.currencyRead {
		u.currency, _ = u.store.Currency(u.ctx)
		u.country, _ = u.store.Country(u.ctx)
		u.currencyRead = true
	}
}

// currencyCode is the book's currency, read once.
func (u *ui) currencyCode() string {
	u.readCurrency()
	return u.currency
}

// phone writes a phone in one readable form for the book's country:
// "(512) 555-0190" in the US, "+44 20 7946 0958" for a number abroad.
func (u *ui) phone(p string) string {
	u.readCurrency()
	return data.ShowPhone(p, u.country)
}
