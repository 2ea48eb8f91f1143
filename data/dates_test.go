package data

import (
	"strings"
	"testing"
	"time"
)

func TestReadDate(t *testing.T) {
	// Monday 23 November 2026, in the afternoon, in New York.
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		loc = time.FixedZone("EST", -5*3600)
	}
	asOf := time.Date(2026, 11, 23, 15, 4, 0, 0, loc)
	cases := []struct {
		in    string
		order DayOrder
		want  string // YYYY-MM-DD, or the start of the error
	}{
		{"2026-11-27", DayFirst, "2026-11-27"},
		{" today ", DayFirst, "2026-11-23"},
		{"Tomorrow", DayFirst, "2026-11-24"},
		{"yesterday", DayFirst, "2026-11-22"},
		{"fri", DayFirst, "2026-11-27"},
		{"friday", DayFirst, "2026-11-27"},
		{"mon", DayFirst, "2026-11-30"}, // the next Monday, not today
		{"sun", DayFirst, "2026-11-29"},
		{"+3d", DayFirst, "2026-11-26"},
		{"+1w", DayFirst, "2026-11-30"},
		{"+2m", DayFirst, "2027-01-23"},
		{"+1y", DayFirst, "2027-11-23"},
		{"-3d", DayFirst, "2026-11-20"},
		{"27/11", DayFirst, "2026-11-27"},
		{"11/27", MonthFirst, "2026-11-27"},
		{"1/12", DayFirst, "2026-12-01"},
		{"1/12", MonthFirst, "2027-01-12"}, // 12 January has passed this year
		{"20/11", DayFirst, "2027-11-20"},  // so has 20 November
		{"23/11", DayFirst, "2026-11-23"},  // today counts
		{"27.11.26", DayFirst, "2026-11-27"},
		{"27/11/2025", DayFirst, "2025-11-27"},
		{"29/2", DayFirst, "2028-02-29"},
		{"2026-02-30", DayFirst, "there is no 30 February 2026"},
		{"30/2", DayFirst, "there is no 30 February"},
		{"2026-13-01", DayFirst, "there is no month 13"},
		{"11/27", DayFirst, "there is no month 27"},
		{"someday", DayFirst, `"someday" is not a date`},
		{"+3x", DayFirst, "the unit is d"},
		{"+d", DayFirst, "is not a date"},
		{"", DayFirst, "no date given"},
	}
	for _, tc := range cases {
		got, err := ReadDate(tc.in, asOf, tc.order)
		if err != nil {
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadDate(%q): %v; want %q", tc.in, err, tc.want)
			}
			continue
		}
		if s := got.Format("2006-01-02"); s != tc.want || got.Location() != loc || got.Hour() != 0 {
			t.Errorf("ReadDate(%q) = %v; want %s at midnight in %v", tc.in, got, tc.want, loc)
		}
	}
}

func TestDateRules(t *testing.T) {
	now := time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	cases := []struct {
		name string
		err  error
		want string // "" when plausible
	}{
		{"visit today", CheckPastDate("visit", now, now), ""},
		{"visit tomorrow", CheckPastDate("visit", day("2026-11-24"), now), ""},
		{"visit after tomorrow", CheckPastDate("visit", day("2026-11-25"), now), "the visit date 2026-11-25 is in the future"},
		{"visit in 9999", CheckPastDate("visit", day("9999-12-31"), now), "in the future"},
		{"visit in 1900", CheckPastDate("visit", day("1900-01-01"), now), ""},
		{"visit in 1899", CheckPastDate("visit", day("1899-12-31"), now), "before 1900"},
		{"snooze in ten years", CheckFutureDate("snooze", day("2036-11-23"), now), ""},
		{"snooze beyond", CheckFutureDate("snooze", day("2036-11-24"), now), "more than 10 years ahead"},
		{"birth year 1900", CheckBirthYear(1900, now), ""},
		{"birth year 1899", CheckBirthYear(1899, now), "between 1900 and 2026"},
		{"birth year 2027", CheckBirthYear(2027, now), "between 1900 and 2026"},
	}
	for _, tc := range cases {
		switch {
		case tc.want == "" && tc.err != nil:
			t.Errorf("%s: %v", tc.name, tc.err)
		case tc.want != "" && (tc.err == nil || !strings.Contains(tc.err.Error(), tc.want)):
			t.Errorf("%s: %v; want %q", tc.name, tc.err, tc.want)
		}
	}
}
