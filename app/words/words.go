// Package words writes numbers, times and backups the way a person says
// them at the front desk: "1 visit", "3 weeks ago", "the daily backup of
// today at 09:00".
package words

import (
	"fmt"
	"regulars/data"
	"strings"
	"time"
)

// Plain words for numbers and times, the way a person says them: "1 day",
// "added today", "last visit 2 years ago".

// Count writes a number with its noun: "1 visit", "3 visits".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(n) + " " + many
}

// Plural is "s" for a number other than one.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// DaysAgo says how many days back: "today", "yesterday", "40 days ago".
func DaysAgo(days int) string {
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	}
	return Count(days, "day", "days") + " ago"
}

// Ago says how long before now t was, roughly, for the front desk:
// "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago",
// "2 years ago".
func Ago(t, now time.Time) string {
	d := DayNumber(now) - DayNumber(t)
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

// DayNumber counts local calendar days, so "today" follows the wall clock.
func DayNumber(t time.Time) int {
	l := t.In(time.Local)
	return int(time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Thousands writes 100000 as "100,000".
func Thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// CapitalizeWords makes "ana maria" into "Ana Maria" for a new client typed
// in lower case, keeping the particles of surnames ("de la Cruz", "van
// der Berg") in lower case.
func CapitalizeWords(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		r := []rune(w)
		if len(r) == 0 || strings.ToLower(w) != w || (i > 0 && nameParticles[w]) {
			continue
		}
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

// nameParticles are the small words of surnames written in lower case.
var nameParticles = map[string]bool{"de": true, "del": true, "della": true, "la": true, "le": true, "van": true, "von": true,
	"der": true, "den": true, "da": true, "di": true, "do": true, "dos": true, "du": true, "e": true, "y": true, "bin": true, "ibn": true}

// ContactNoun names a kind of contact in a sentence: "last call 40 days
// ago".
func ContactNoun(k data.ContactKind) string {
	switch k {
	case data.ContactVisit:
		return "visit"
	case data.ContactCard:
		return "card"
	case data.ContactEmail:
		return "email"
	case data.ContactReply:
		return "reply"
	case data.ContactCall:
		return "call"
	case data.ContactText:
		return "text"
	case data.ContactMeeting:
		return "meeting"
	}
	return "contact"
}

// Occasion names an occasion before "card" or "email", capitalised
// ("Birthday card", "We-miss-you email"); the other occasion has no name.
func Occasion(o data.Occasion) string {
	if o == "" || o == data.OccasionOther {
		return ""
	}
	r := []rune(o.Words())
	if len(r) == 0 {
		return ""
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
