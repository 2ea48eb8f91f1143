package data

import (
	"os"
	"strings"
)

// LocaleDayOrder is the order of day and month in a short typed date
// (27/11 or 11/27) in the user's locale ($LC_ALL, $LC_TIME, $LANG): month
// first for the United States and its neighbours that write dates the
// same way, day first everywhere else.
func LocaleDayOrder() DayOrder {
	for _, v := range []string{"LC_ALL", "LC_TIME", "LANG"} {
		loc := os.Getenv(v)
		if loc == "" {
			continue
		}
		for _, us := range []string{"en_US", "en_PH", "es_US", "en_CA", "fr_CA"} {
			if strings.HasPrefix(loc, us) {
				return MonthFirst
			}
		}
		return DayFirst
	}
	return DayFirst
}
