package exchange

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// DateOrder is how a file writes numeric dates such as 04/07/1985.
type DateOrder int

// The orders.
const (
	MonthFirst DateOrder = iota // 07/04/1985 is 4 July (the United States)
	DayFirst                    // 04/07/1985 is 4 July (most of the world)
)

// String names the order for the review.
func (o DateOrder) String() string {
	if o == DayFirst {
		return "day/month"
	}
	return "month/day"
}

// dayFirstExporters write numeric dates day first; monthFirstExporters
// month first. The others follow the computer they ran on.
var (
	dayFirstExporters   = map[Format]bool{FormatFresha: true, FormatPhorest: true, FormatTimely: true}
	monthFirstExporters = map[Format]bool{FormatSquare: true, FormatVagaro: true, FormatMindbody: true,
		FormatShopify: true, FormatMailchimp: true, FormatGoogle: true}
)

// monthFirstCountries write dates month first.
var monthFirstCountries = map[string]bool{"US": true, "PH": true, "FM": true, "MH": true, "PW": true, "BZ": true}

// Locale is the computer's locale ("en_GB.UTF-8"), the last guide to the
// date order; a variable so that tests can set it.
var Locale = func() string {
	for _, k := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// localeOrder reads the order from a locale name; ok is false when the
// locale says nothing (none, C, POSIX).
func localeOrder(locale string) (DateOrder, bool) {
	l, _, _ := strings.Cut(locale, ".")
	_, country, ok := strings.Cut(l, "_")
	if !ok || len(country) != 2 {
		return MonthFirst, false
	}
	if monthFirstCountries[strings.ToUpper(country)] {
		return MonthFirst, true
	}
	return DayFirst, true
}

// numericDate splits "a/b/y", "a-b-y", "a.b.y" or "a/b" (a time after a
// space is ignored). year is -1 when there is none; yearDigits says how it
// was written.
func numericDate(s string) (a, b, year, yearDigits int, sep byte, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	var parts []string
	for _, c := range []byte{'/', '.', '-'} {
		if strings.IndexByte(s, c) > 0 {
			parts, sep = strings.Split(strings.TrimSuffix(s, string(c)), string(c)), c
			break
		}
	}
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, 0, 0, false
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return 0, 0, 0, 0, 0, false
		}
		n[i], _ = strconv.Atoi(p)
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, 0, 0, 0, false // 1985-07-04 and the like are read elsewhere
	}
	year = -1
	if len(parts) == 3 {
		year, yearDigits = n[2], len(parts[2])
		if yearDigits != 2 && yearDigits != 4 {
			return 0, 0, 0, 0, 0, false
		}
	}
	return n[0], n[1], year, yearDigits, sep, true
}

// decideOrder chooses the order for a file's dates: from the values
// themselves (a first number over 12 means day first, a second one month
// first), then from the exporter, then from the locale. It returns the
// order and the reason, for the review.
func decideOrder(values []dateCell, f Format, locale string) (DateOrder, string) {
	var dayFirst, monthFirst *dateCell
	for i := range values {
		v := &values[i]
		a, b, _, _, sep, ok := numericDate(v.text)
		if !ok || sep == '.' {
			continue
		}
		switch {
		case a > 12 && a <= 31 && b >= 1 && b <= 12 && dayFirst == nil:
			dayFirst = v
		case b > 12 && b <= 31 && a >= 1 && a <= 12 && monthFirst == nil:
			monthFirst = v
		}
	}
	switch {
	case dayFirst != nil && monthFirst == nil:
		return DayFirst, fmt.Sprintf("day/month: the file has %q (line %d)", dayFirst.text, dayFirst.line)
	case monthFirst != nil && dayFirst == nil:
		return MonthFirst, fmt.Sprintf("month/day: the file has %q (line %d)", monthFirst.text, monthFirst.line)
	}
	mixed := ""
	if dayFirst != nil {
		mixed = fmt.Sprintf(" (the file mixes both: %q on line %d, %q on line %d; each of those read the only way it can be)",
			dayFirst.text, dayFirst.line, monthFirst.text, monthFirst.line)
	}
	switch {
	case dayFirstExporters[f]:
		return DayFirst, fmt.Sprintf("day/month, as %s writes dates%s", f.Title(), mixed)
	case monthFirstExporters[f]:
		return MonthFirst, fmt.Sprintf("month/day, as %s writes dates%s", f.Title(), mixed)
	}
	if o, ok := localeOrder(locale); ok {
		return o, fmt.Sprintf("%s, as this computer's locale (%s) writes dates%s", o, locale, mixed)
	}
	return MonthFirst, "month/day (nothing in the file tells; set the order with --dates day-first if it is wrong)" + mixed
}

// dateCell is one date value and its line, for deciding the order.
type dateCell struct {
	text string
	line int
}

// Date is a day read from a file; Year is 0 when the file gave none.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		monthNames[strings.ToLower(m.String())] = m
		monthNames[strings.ToLower(m.String()[:3])] = m
	}
	monthNames["sept"] = time.September
}

// emptyDates are what exporters write for "no date": Outlook's 0/0/00.
func emptyDate(s string) bool {
	return strings.Trim(s, "0/.- :") == ""
}

// ReadDate reads a date as exporters write it: ISO (1985-07-14, with or
// without a time), vCard (19850714, --0714, --07-14), numeric with / - or
// . in the order given (a day over 12 reads the only way it can), with
// two- or four-digit years or none (07/14), or with the month's name
// (14 Jul 1985, July 14, 1985, 14-Jul-85). Outlook's 0/0/00 and other
// zero dates are empty (ok, zero Date). pivot is the year two-digit years
// count back from (a birthday in "85" is 1985, not 2085).
func ReadDate(s string, order DateOrder, pivot int) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" || emptyDate(s) {
		return Date{}, true
	}
	if d, ok := isoDate(s); ok {
		return d, true
	}
	if a, b, y, digits, sep, ok := numericDate(s); ok {
		m, d := a, b
		if sep == '.' || order == DayFirst {
			m, d = b, a
		}
		if m > 12 && d <= 12 {
			m, d = d, m
		}
		if y >= 0 && digits == 2 {
			y = twoDigitYear(y, pivot)
		}
		if y < 0 {
			y = 0
		}
		return checkDate(Date{y, time.Month(m), d})
	}
	return namedDate(s, pivot)
}

func twoDigitYear(y, pivot int) int {
	century := pivot / 100 * 100
	if century+y > pivot {
		return century - 100 + y
	}
	return century + y
}

func checkDate(d Date) (Date, bool) {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 || d.Year < 0 || d.Year > 9999 {
		return Date{}, false
	}
	y := d.Year
	if y == 0 {
		y = 2000
	}
	if t := time.Date(y, d.Month, d.Day, 0, 0, 0, 0, time.UTC); t.Day() != d.Day {
		return Date{}, false
	}
	return d, true
}

// isoDate reads 1985-07-14 (a time after it ignored), 1985/07/14, 19850714,
// --0714, --07-14 and 07-14 (a month and day, as Square writes birthdays).
func isoDate(s string) (Date, bool) {
	num := func(t string) (int, bool) {
		if t == "" || strings.Trim(t, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.Atoi(t)
		return n, err == nil
	}
	if strings.HasPrefix(s, "--") {
		t := strings.ReplaceAll(s[2:], "-", "")
		if len(t) != 4 {
			return Date{}, false
		}
		m, ok1 := num(t[:2])
		d, ok2 := num(t[2:])
		if !ok1 || !ok2 {
			return Date{}, false
		}
		return checkDate(Date{0, time.Month(m), d})
	}
	if len(s) == 8 {
		if _, ok := num(s); ok {
			y, _ := num(s[:4])
			m, _ := num(s[4:6])
			d, _ := num(s[6:])
			return checkDate(Date{y, time.Month(m), d})
		}
	}
	if len(s) >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4] {
		if len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
			return Date{}, false
		}
		y, ok1 := num(s[:4])
		m, ok2 := num(s[5:7])
		d, ok3 := num(s[8:10])
		if ok1 && ok2 && ok3 {
			return checkDate(Date{y, time.Month(m), d})
		}
	}
	return Date{}, false
}

// namedDate reads dates with the month's name: "14 Jul 1985", "Jul 14,
// 1985", "July 14", "14-Jul-85".
func namedDate(s string, pivot int) (Date, bool) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '-' || r == '/' || r == '.' })
	if len(words) < 2 || len(words) > 3 {
		return Date{}, false
	}
	var d Date
	var nums []string
	for _, w := range words {
		if m, ok := monthNames[w]; ok && d.Month == 0 {
			d.Month = m
			continue
		}
		w = strings.TrimRight(w, "stndrh") // 1st, 2nd, 3rd, 4th
		if w == "" || strings.Trim(w, "0123456789") != "" {
			return Date{}, false
		}
		nums = append(nums, w)
	}
	if d.Month == 0 || len(nums) == 0 || len(nums) > 2 {
		return Date{}, false
	}
	for _, n := range nums {
		v, _ := strconv.Atoi(n)
		switch {
		case len(n) <= 2 && d.Day == 0:
			d.Day = v
		case len(n) == 4 && d.Year == 0:
			d.Year = v
		case len(n) == 2 && d.Year == 0:
			d.Year = twoDigitYear(v, pivot)
		default:
			return Date{}, false
		}
	}
	return checkDate(d)
}
