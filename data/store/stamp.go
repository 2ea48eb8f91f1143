package store

import (
	"database/sql"
	"time"

	"regulars/data/search"
)

// stampOfText reads a moment as the book stores it (timeLayout) straight
// into a stamp: building the index reads six per client, and time.Parse
// is most of the cost. Anything but a plain well-formed moment goes
// through parseTime, so that the two always agree.
func stampOfText(v sql.NullString) search.Stamp {
	t := v.String
	if !v.Valid || t == "" {
		return 0
	}
	if len(t) == len(timeLayout) && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' && t[19] == 'Z' {
		year, ok1 := smallNumber(t[0:4])
		month, ok2 := smallNumber(t[5:7])
		day, ok3 := smallNumber(t[8:10])
		hour, ok4 := smallNumber(t[11:13])
		minute, ok5 := smallNumber(t[14:16])
		second, ok6 := smallNumber(t[17:19])
		// Every month has 28 days; later days are checked by parseTime.
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && month >= 1 && month <= 12 && day >= 1 && day <= 28 &&
			hour < 24 && minute < 60 && second < 60 {
			return search.StampOf(time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC))
		}
	}
	return search.StampOf(parseTime(v))
}

// smallNumber reads a few decimal digits.
func smallNumber(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
