package words

import (
	"testing"
	"time"
)

func TestPlainWords(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	cases := []struct {
		got, want string
	}{
		{DaysAgo(0), "today"},
		{DaysAgo(1), "yesterday"},
		{DaysAgo(40), "40 days ago"},
		{Count(1, "day", "days"), "1 day"},
		{Count(2400, "client", "clients"), "2,400 clients"},
		{Ago(now.AddDate(0, 0, -20), now), "2 weeks ago"},
		{Ago(now.AddDate(0, -5, 0), now), "5 months ago"},
		{Ago(now.AddDate(-2, 0, 0), now), "2 years ago"},
		{Ago(now.AddDate(0, 0, -725), now), "a year ago"},
	}
	for _, k := range cases {
		if k.got != k.want {
			t.Errorf("got %q, want %q", k.got, k.want)
		}
	}
}
