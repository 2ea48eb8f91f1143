package data

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"regulars/internal/clock"
)

// ReadBirthday reads a birthday as people write it, with or without the
// year: what the date fields take — 1990-03-14 (or --03-14 without a
// year), and short dates in the book's order, 14/3, 14.03., 14/3/1990,
// 14.03.90 (3/14/1990 month first) — and dates with the month's name in
// either order, "14 March", "March 14", "Mar 14th, 1990". "" is no
// birthday. A two-digit year is the latest such year not in the future.
// Anything else is refused with what to write.
func ReadBirthday(s string, order DayOrder) (Birthday, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Birthday{}, nil
	}
	bad := fmt.Errorf("birthday %q is not a date: write it as %s or %s, with the year if you like (%s), or as %s",
		s, order.birthdayExample(false), birthdayNamed(order), order.birthdayExample(true), "1990-03-14")
	b, ok, err := parseISOBirthday(s)
	if err != nil {
		// 14-03 is no ISO month 14: it may be a day-first date.
		short, isShort, shortErr := readShortBirthday(s, order)
		if !isShort || shortErr != nil {
			return Birthday{}, err
		}
		b, ok = short, true
	}
	if !ok {
		if b, ok = readNamedBirthday(s); !ok {
			if b, ok, err = readShortBirthday(s, order); err != nil {
				return Birthday{}, err
			}
		}
	}
	if !ok {
		return Birthday{}, bad
	}
	if err := b.validate(); err != nil {
		return Birthday{}, err
	}
	return b, nil
}

// birthdayExample is 14 March written short in the order, with 1990 when
// year is set.
func (o DayOrder) birthdayExample(year bool) string {
	ex := "14/3"
	if o == MonthFirst {
		ex = "3/14"
	}
	if year {
		ex += "/1990"
	}
	return ex
}

// birthdayNamed is 14 March with the month's name, in the order.
func birthdayNamed(o DayOrder) string {
	if o == MonthFirst {
		return "March 14"
	}
	return "14 March"
}

// readShortBirthday reads 14/3, 14.03., 14-03-1990 or 3/14/90: numbers
// split by "/", "." or "-", day and month in the order, then the year if
// any.
func readShortBirthday(s string, order DayOrder) (b Birthday, ok bool, err error) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' || r == ' ' })
	if len(parts) < 2 || len(parts) > 3 {
		return Birthday{}, false, nil
	}
	var n [3]int
	for i, p := range parts {
		v, isNum := digitsValue(p)
		if !isNum || (i < 2 && len(p) > 2) || (i == 2 && len(p) != 2 && len(p) != 4) {
			return Birthday{}, false, nil
		}
		n[i] = v
	}
	d, m := n[0], n[1]
	if order == MonthFirst {
		d, m = m, d
	}
	if m < 1 || m > 12 {
		return Birthday{}, false, fmt.Errorf("birthday %q: there is no month %d (day and month are written %s here)", s, m, order.birthdayExample(false))
	}
	b = Birthday{Month: time.Month(m), Day: d}
	if len(parts) == 3 {
		b.Year = n[2]
		if len(parts[2]) == 2 {
			b.Year = fullYear(n[2])
		}
	}
	return b, true, nil
}

// fullYear is the latest year ending in yy that is not in the future.
func fullYear(yy int) int {
	now := clock.Now().Year()
	y := now - now%100 + yy
	if y > now {
		y -= 100
	}
	return y
}

// readNamedBirthday reads a date with the month's English name (or its
// first three letters; "Sept" too) before or after the day, and an
// optional year: "14 March", "March 14th", "Mar. 14, 1990", "14 mar 1990".
func readNamedBirthday(s string) (Birthday, bool) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == '/' || r == '-'
	})
	var b Birthday
	var nums []string
	for _, w := range words {
		if w == "of" {
			continue // the 14th of March
		}
		if m, ok := monthNamed(w); ok {
			if b.Month != 0 {
				return Birthday{}, false
			}
			b.Month = m
			continue
		}
		w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "st"), "nd"), "rd"), "th")
		if _, ok := digitsValue(w); !ok {
			return Birthday{}, false
		}
		nums = append(nums, w)
	}
	if b.Month == 0 || len(nums) < 1 || len(nums) > 2 || len(nums[0]) > 2 {
		return Birthday{}, false
	}
	b.Day, _ = digitsValue(nums[0])
	if len(nums) == 2 {
		y, _ := digitsValue(nums[1])
		switch len(nums[1]) {
		case 4:
			b.Year = y
		case 2:
			b.Year = fullYear(y)
		default:
			return Birthday{}, false
		}
	}
	return b, true
}

// monthNamed reads a month's English name or its first three letters.
func monthNamed(w string) (time.Month, bool) {
	if w == "sept" {
		return time.September, true
	}
	if len(w) < 3 {
		return 0, false
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if w == name || w == name[:3] {
			return m, true
		}
	}
	return 0, false
}
