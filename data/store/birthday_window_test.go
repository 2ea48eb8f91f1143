package store

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"regulars/data"
)

// TestBirthdayDueEveryDayOfTwoYears lists the birthday batch of a book
// with a client born on every day of the year (29 February too), by post
// and by email, on every day of 2027 and 2028 (a leap year), and compares
// it with the birthdays that fall in each channel's window counted day by
// day on the calendar: no birthday is missed at a month's end, none listed
// early. Under -race and on PostgreSQL (some 30,000 queries would take
// minutes) it lists the 30th, 31st and last day of each month, where
// birthdays were missed; TestBirthdayWindowEveryDay checks every day
// without the book.
func TestBirthdayDueEveryDayOfTwoYears(t *testing.T) {
	s := openTest(t)
	r := data.DefaultOccasionRules
	type born struct {
		m time.Month
		d int
	}
	var days []born
	for d := time.Date(2028, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() == 2028; d = d.AddDate(0, 0, 1) {
		days = append(days, born{d.Month(), d.Day()})
	}
	key := func(ch data.Channel, b born) string { return fmt.Sprintf("%s %02d-%02d", ch, b.m, b.d) }
	// The clients go in as one import (one transaction: quick under -race).
	var rows []data.ImportRow
	for _, b := range days {
		for _, ch := range []data.Channel{data.ChannelPost, data.ChannelEmail} {
			c := data.Client{FirstName: "Born", LastName: key(ch, b), Birthday: data.Birthday{Month: b.m, Day: b.d},
				Address: data.Address{Street: "3 Mill Lane", City: "Austin"}}
			if ch == data.ChannelEmail {
				c.Email, c.PreferredChannel = fmt.Sprintf("born%d.%d@example.com", b.m, b.d), data.ChannelEmail
			}
			rows = append(rows, data.ImportRow{Line: len(rows) + 2, Client: c, Action: data.ImportNew})
		}
	}
	if added, _, _, err := s.ApplyImport(ctx, rows); err != nil || added != len(rows) {
		t.Fatalf("%d of %d clients added: %v", added, len(rows), err)
	}
	byID := map[int64]string{}
	res, err := s.DB().QueryContext(ctx, "SELECT id, last_name FROM clients")
	if err != nil {
		t.Fatal(err)
	}
	for res.Next() {
		var id int64
		var name string
		res.Scan(&id, &name)
		byID[id] = name
	}
	res.Close()
	// The birthdays within lo..hi days of asOf, on the calendar: a
	// 29 February birthday is kept on 28 February in other years.
	expect := func(ch data.Channel, asOf time.Time, lo, hi int) []string {
		var out []string
		for i := lo; i <= hi; i++ {
			d := asOf.AddDate(0, 0, i)
			out = append(out, key(ch, born{d.Month(), d.Day()}))
			if d.Month() == time.February && d.Day() == 28 && !data.IsLeap(d.Year()) {
				out = append(out, key(ch, born{time.February, 29}))
			}
		}
		sort.Strings(out)
		return out
	}
	sample := raceDetector || onPostgres()
	for asOf := time.Date(2027, 1, 1, 12, 0, 0, 0, time.Local); asOf.Year() < 2029; asOf = asOf.AddDate(0, 0, 1) {
		if sample && asOf.Day() < 30 && asOf.AddDate(0, 0, 1).Day() != 1 {
			continue // the 30th, 31st and last of each month
		}
		for _, k := range []struct {
			ch     data.Channel
			lo, hi int
		}{{data.ChannelPost, r.BirthdayPostFrom, r.BirthdayPostTo}, {data.ChannelEmail, r.BirthdayEmailFrom, r.BirthdayEmailTo}} {
			due, err := s.DueFor(ctx, data.OccasionBirthday, k.ch, asOf.AddDate(0, 0, -30), asOf, asOf)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range due {
				got = append(got, byID[d.ID])
			}
			sort.Strings(got)
			if want := expect(k.ch, asOf, k.lo, k.hi); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("as of %s by %s: listed %v, want %v", asOf.Format("Mon 2 Jan 2006"), k.ch, got, want)
			}
		}
	}
}

// TestBirthdayWindowEveryDay checks, for every day of 2027 and 2028 and a
// birthday on every day of the year, by post and by email, what the batch
// does without the book: the months its query reads (birthdayMonths) hold
// the birthday, and the rule (Occasion.Due) lists it, exactly when it
// falls within the channel's window on the calendar.
func TestBirthdayWindowEveryDay(t *testing.T) {
	r := data.DefaultOccasionRules
	pol := data.CadencePolicy{Default: data.Cadence{Ideal: 60, Max: 90}}
	var births []data.Birthday
	for d := time.Date(2028, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() == 2028; d = d.AddDate(0, 0, 1) {
		births = append(births, data.Birthday{Month: d.Month(), Day: d.Day()})
	}
	missed := 0
	for asOf := time.Date(2027, 1, 1, 12, 0, 0, 0, time.Local); asOf.Year() < 2029; asOf = asOf.AddDate(0, 0, 1) {
		months := map[time.Month]bool{}
		for _, m := range birthdayMonths(asOf, time.Local, r.BirthdayReach()) {
			months[m] = true
		}
		for _, k := range []struct {
			ch     data.Channel
			lo, hi int
		}{{data.ChannelPost, r.BirthdayPostFrom, r.BirthdayPostTo}, {data.ChannelEmail, r.BirthdayEmailFrom, r.BirthdayEmailTo}} {
			within := map[data.Birthday]bool{}
			for i := k.lo; i <= k.hi; i++ {
				d := asOf.AddDate(0, 0, i)
				within[data.Birthday{Month: d.Month(), Day: d.Day()}] = true
				if d.Month() == time.February && d.Day() == 28 && !data.IsLeap(d.Year()) {
					within[data.Birthday{Month: time.February, Day: 29}] = true
				}
			}
			for _, b := range births {
				_, due := data.OccasionBirthday.Due(data.OccasionFacts{Birthday: b}, k.ch, pol, r, time.Time{}, time.Time{}, asOf, time.Local)
				listed := due && months[b.Month]
				if listed != within[b] {
					missed++
					if missed <= 10 {
						t.Errorf("as of %s by %s, birthday %v: listed %v, want %v", asOf.Format("Mon 2 Jan 2006"), k.ch, b, listed, within[b])
					}
				}
			}
		}
	}
	if missed > 10 {
		t.Errorf("and %d more", missed-10)
	}
}

// TestBirthdayMonths: the months a window reaches, each once.
func TestBirthdayMonths(t *testing.T) {
	cases := []struct {
		asOf  string
		reach int
		want  string
	}{
		{"2027-01-30", 21, "[January February]"},
		{"2027-01-10", 21, "[January]"},
		{"2027-12-20", 21, "[December January]"},
		{"2027-01-31", 40, "[January February March]"},
		{"2027-05-31", 0, "[May]"},
	}
	for _, k := range cases {
		if got := fmt.Sprint(birthdayMonths(day(k.asOf), time.Local, k.reach)); got != k.want {
			t.Errorf("%s + %d days: %s, want %s", k.asOf, k.reach, got, k.want)
		}
	}
}
