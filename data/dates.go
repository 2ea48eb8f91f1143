package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// One plausibility rule for every date in the book, so that a typed,
// imported or computed date is judged the same everywhere, with a message
// that says what is wrong:
//
//   - visits and contacts happened between 1900 and tomorrow (a visit
//     logged just after midnight in another time zone is still today
//     somewhere);
//   - birthdays fall between 1900 and this year;
//   - reminders are snoozed and follow-ups promised at most ten years
//     ahead, and not before 1900.
const (
	// EarliestYear is the first year a date in the book may have.
	EarliestYear = 1900
	// MaxAheadYears is how far ahead a snooze or a follow-up may go.
	MaxAheadYears = 10
)

// DateError is a date that breaks the plausibility rule; Error says why in
// plain words.
type DateError struct {
	What   string // "visit", "birthday", "snooze", ...
	Reason string
}

// Error gives "the visit date 9999-12-31 is after tomorrow" and the like.
func (e *DateError) Error() string { return e.Reason }

func dateErr(what, format string, args ...any) error {
	return &DateError{What: what, Reason: fmt.Sprintf(format, args...)}
}

// calendarDay is the calendar day of t in its own location, at midnight UTC, for
// comparing days without time-zone surprises.
func calendarDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// CheckPastDate says whether at is a plausible day for something that
// happened (a visit, a contact): not before 1900 and not after tomorrow,
// counted from now. what names the thing in the message ("visit").
func CheckPastDate(what string, at, now time.Time) error {
	if at.IsZero() {
		return dateErr(what, "the %s date is missing", what)
	}
	at = at.In(now.Location())
	if at.Year() < EarliestYear {
		return dateErr(what, "the %s date %s is before %d", what, at.Format(DateLayout), EarliestYear)
	}
	if calendarDay(at).After(calendarDay(now).AddDate(0, 0, 1)) {
		return dateErr(what, "the %s date %s is in the future (after tomorrow)", what, at.Format(DateLayout))
	}
	return nil
}

// CheckFutureDate says whether until is a plausible day to wait for (the
// end of a snooze, a follow-up's due day): not before 1900 and at most ten
// years after now.
func CheckFutureDate(what string, until, now time.Time) error {
	if until.IsZero() {
		return dateErr(what, "the %s date is missing", what)
	}
	until = until.In(now.Location())
	if until.Year() < EarliestYear {
		return dateErr(what, "the %s date %s is before %d", what, until.Format(DateLayout), EarliestYear)
	}
	if limit := calendarDay(now).AddDate(MaxAheadYears, 0, 0); calendarDay(until).After(limit) {
		return dateErr(what, "the %s date %s is more than %d years ahead (at most %s)", what, until.Format(DateLayout), MaxAheadYears, limit.Format(DateLayout))
	}
	return nil
}

// CheckBirthYear says whether a birthday's year is plausible on the day
// now: between 1900 and this year. A birthday without a year (0) passes.
func CheckBirthYear(year int, now time.Time) error {
	if year == 0 {
		return nil
	}
	if year < EarliestYear || year > now.Year() {
		return dateErr("birthday", "the year %d is not plausible for a birthday (between %d and %d)", year, EarliestYear, now.Year())
	}
	return nil
}

// DayInLocation builds the day year-month-day at midnight in loc, or says
// in words why there is no such day ("there is no 30 February 2026").
func DayInLocation(year, month, dayOfMonth int, loc *time.Location) (time.Time, error) {
	if month < 1 || month > 12 {
		return time.Time{}, fmt.Errorf("there is no month %d (months go from 1 to 12)", month)
	}
	if year < 1 || year > 9999 {
		return time.Time{}, fmt.Errorf("the year %d is not a year (write four digits)", year)
	}
	t := time.Date(year, time.Month(month), dayOfMonth, 0, 0, 0, 0, loc)
	if dayOfMonth < 1 || t.Month() != time.Month(month) {
		return time.Time{}, fmt.Errorf("there is no %d %s %d", dayOfMonth, time.Month(month), year)
	}
	return t, nil
}

// ParseISODate reads YYYY-MM-DD as a day in loc; a date that does not
// exist (2026-02-30) is refused with "there is no 30 February 2026", not
// with a lesson in the format.
func ParseISODate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) < 1 || len(parts[2]) > 2 {
		return time.Time{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || strings.Trim(p, "0123456789") != "" {
			return time.Time{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD", s)
		}
		n[i] = v
	}
	return DayInLocation(n[0], n[1], n[2], loc)
}

// DayOrder is the order of day and month in a short typed date such as
// 27/11 or 11/27, as the shop's locale writes it.
type DayOrder int

// The two orders of a short date.
const (
	DayFirst   DayOrder = iota // 27/11: day, then month (most of the world)
	MonthFirst                 // 11/27: month, then day (the United States)
)

// ReadDate reads a day typed by a person, counted from asOf (whose
// location is used): an ISO date (2026-11-27), today, tomorrow,
// yesterday, a weekday name or its first three letters (fri, friday: the
// next one, never today), an offset (+3d, +1w, +2m, +1y, or -3d for the
// past), and a short date 27/11 or 11/27 (with an optional year,
// 27/11/2026 or 27/11/26) in the given order. A short date without a year
// is the next such day from asOf, today included.
func ReadDate(s string, asOf time.Time, order DayOrder) (time.Time, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	loc := asOf.Location()
	today := time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, loc)
	switch t {
	case "":
		return time.Time{}, fmt.Errorf("no date given")
	case "today", "now":
		return today, nil
	case "tomorrow":
		return today.AddDate(0, 0, 1), nil
	case "yesterday":
		return today.AddDate(0, 0, -1), nil
	}
	if wd, ok := weekday(t); ok {
		n := (int(wd) - int(today.Weekday()) + 7) % 7
		if n == 0 {
			n = 7
		}
		return today.AddDate(0, 0, n), nil
	}
	if t[0] == '+' || t[0] == '-' {
		return readOffset(s, t, today)
	}
	if strings.Count(t, "-") == 2 {
		return ParseISODate(t, loc)
	}
	if strings.ContainsAny(t, "/.") {
		return readShortDate(s, t, today, order)
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, today, tomorrow, a weekday (fri), +3d, +1w, +2m or %s", s, order.example())
}

// example is a short date written in the order, for messages.
func (o DayOrder) example() string {
	if o == MonthFirst {
		return "11/27"
	}
	return "27/11"
}

// weekday reads a weekday's English name or its first three letters.
func weekday(t string) (time.Weekday, bool) {
	if len(t) < 3 {
		return 0, false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if t == name || t == name[:3] {
			return d, true
		}
	}
	return 0, false
}

// readOffset reads +3d, +1w, +2m, +1y (and the same with -).
func readOffset(orig, t string, today time.Time) (time.Time, error) {
	sign := 1
	if t[0] == '-' {
		sign = -1
	}
	body := t[1:]
	if len(body) < 2 {
		return time.Time{}, fmt.Errorf("%q is not a date: write an offset like +3d, +1w, +2m or +1y", orig)
	}
	unit := body[len(body)-1]
	n, err := strconv.Atoi(body[:len(body)-1])
	if err != nil || n < 0 || strings.Trim(body[:len(body)-1], "0123456789") != "" {
		return time.Time{}, fmt.Errorf("%q is not a date: write an offset like +3d, +1w, +2m or +1y", orig)
	}
	// Bounded so that the arithmetic stays in range; the date rules then
	// say whether the day is plausible for what it is for.
	if n > 100_000 {
		return time.Time{}, fmt.Errorf("%q is too far away", orig)
	}
	n *= sign
	switch unit {
	case 'd':
		return today.AddDate(0, 0, n), nil
	case 'w':
		return today.AddDate(0, 0, 7*n), nil
	case 'm':
		return today.AddDate(0, n, 0), nil
	case 'y':
		return today.AddDate(n, 0, 0), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: the unit is d (days), w (weeks), m (months) or y (years)", orig)
}

// readShortDate reads 27/11, 27/11/2026 or 27.11.26 in the given order.
func readShortDate(orig, t string, today time.Time, order DayOrder) (time.Time, error) {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '.' })
	bad := fmt.Errorf("%q is not a date: write it as %s, with the year if you like (%s/%d)", orig, order.example(), order.example(), today.Year())
	if len(parts) < 2 || len(parts) > 3 {
		return time.Time{}, bad
	}
	var n []int
	for _, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return time.Time{}, bad
		}
		n = append(n, v)
	}
	d, m := n[0], n[1]
	if order == MonthFirst {
		d, m = m, d
	}
	if len(n) == 3 {
		y := n[2]
		if len(parts[2]) == 2 {
			y += 2000
		} else if len(parts[2]) != 4 {
			return time.Time{}, bad
		}
		return DayInLocation(y, m, d, today.Location())
	}
	y := today.Year()
	if m == 2 && d == 29 {
		for !IsLeap(y) || time.Date(y, 2, 29, 0, 0, 0, 0, today.Location()).Before(today) {
			y++
		}
	}
	got, err := DayInLocation(y, m, d, today.Location())
	if err != nil {
		if m >= 1 && m <= 12 {
			return time.Time{}, fmt.Errorf("there is no %d %s", d, time.Month(m))
		}
		return time.Time{}, err
	}
	if got.Before(today) {
		got = got.AddDate(1, 0, 0)
	}
	return got, nil
}
