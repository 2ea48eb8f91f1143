package data

import (
	"strings"
	"testing"
	"time"

	"regulars/internal/clock"
)

// TestReadBirthday: a birthday is read as people write it, in the book's
// order, with or without the year; bad input says what to write.
func TestReadBirthday(t *testing.T) {
	defer clock.Set(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))()
	bd := func(y, m, d int) Birthday { return Birthday{Year: y, Month: time.Month(m), Day: d} }
	cases := []struct {
		in    string
		order DayOrder
		want  Birthday
		err   string // a part of the message; "" when read
	}{
		{"", DayFirst, Birthday{}, ""},
		{"   ", MonthFirst, Birthday{}, ""},
		{"1990-03-14", DayFirst, bd(1990, 3, 14), ""},
		{"1990-03-14", MonthFirst, bd(1990, 3, 14), ""},
		{"--03-14", DayFirst, bd(0, 3, 14), ""},
		{"03-14", DayFirst, bd(0, 3, 14), ""},
		{"March 14", DayFirst, bd(0, 3, 14), ""},
		{"March 14", MonthFirst, bd(0, 3, 14), ""},
		{"14 March", MonthFirst, bd(0, 3, 14), ""},
		{"14 march", DayFirst, bd(0, 3, 14), ""},
		{"Mar 14th, 1990", MonthFirst, bd(1990, 3, 14), ""},
		{"14th of March 1990", DayFirst, bd(1990, 3, 14), ""},
		{"14 Mar. 1990", DayFirst, bd(1990, 3, 14), ""},
		{"Sept 3", DayFirst, bd(0, 9, 3), ""},
		{"1 December 85", DayFirst, bd(1985, 12, 1), ""},
		{"3/14/1990", MonthFirst, bd(1990, 3, 14), ""},
		{"3/14", MonthFirst, bd(0, 3, 14), ""},
		{"14/3", DayFirst, bd(0, 3, 14), ""},
		{"14/3/1990", DayFirst, bd(1990, 3, 14), ""},
		{"14.03.", DayFirst, bd(0, 3, 14), ""},
		{"14.03.1990", DayFirst, bd(1990, 3, 14), ""},
		{"14.03.90", DayFirst, bd(1990, 3, 14), ""},
		{"1.2.05", DayFirst, bd(2005, 2, 1), ""},
		{"14-03-1990", DayFirst, bd(1990, 3, 14), ""},
		{"14-03", DayFirst, bd(0, 3, 14), ""},
		{"29/2", DayFirst, bd(0, 2, 29), ""},
		{"29.02.1991", DayFirst, Birthday{}, "no day 29"},
		{"3/14/1990", DayFirst, Birthday{}, "no month 14"},
		{"14/3", MonthFirst, Birthday{}, "no month 14"},
		{"31 April", DayFirst, Birthday{}, "no day 31"},
		{"2030-01-01", DayFirst, Birthday{}, "not plausible"},
		{"14/3/2030", DayFirst, Birthday{}, "not plausible"},
		{"1899-01-01", DayFirst, Birthday{}, "not plausible"},
		{"next tuesday", DayFirst, Birthday{}, "write it as 14/3 or 14 March"},
		{"March", DayFirst, Birthday{}, "not a date"},
		{"14", DayFirst, Birthday{}, "not a date"},
		{"March 14 123", DayFirst, Birthday{}, "not a date"},
		{"14/3/199", DayFirst, Birthday{}, "not a date"},
		{"1/2/3/4", DayFirst, Birthday{}, "not a date"},
		{"jan feb 3", DayFirst, Birthday{}, "not a date"},
		{"x", MonthFirst, Birthday{}, "write it as 3/14 or March 14"},
	}
	for _, tc := range cases {
		got, err := ReadBirthday(tc.in, tc.order)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%q (%v): %v", tc.in, tc.order, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q (%v): %v, %v; want an error with %q", tc.in, tc.order, got, err, tc.err)
		case tc.err == "" && got != tc.want:
			t.Errorf("%q (%v): %v, want %v", tc.in, tc.order, got, tc.want)
		}
	}
}
