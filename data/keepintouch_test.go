package data

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, testLoc)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02", s, testLoc)
	}
	if err != nil {
		panic(err)
	}
	return t
}

// testLoc is a fixed zone east of UTC, so that local and UTC days differ.
var testLoc = time.FixedZone("UTC+2", 2*3600)

func TestCadencePrecedence(t *testing.T) {
	p := CadencePolicy{Default: Cadence{60, 90}, Tags: map[string]Cadence{"vip": {30, 45}, "wedding": {30, 40}, "seasonal": {120, 200}}}
	cases := []struct {
		name     string
		override Cadence
		tags     []string
		want     Cadence
		src      CadenceSource
		tag      string
	}{
		{"default", Cadence{}, nil, Cadence{60, 90}, FromDefault, ""},
		{"unknown tag", Cadence{}, []string{"student"}, Cadence{60, 90}, FromDefault, ""},
		{"one tag", Cadence{}, []string{"VIP"}, Cadence{30, 45}, FromTag, "VIP"},
		{"a laxer tag still wins over the default", Cadence{}, []string{"seasonal"}, Cadence{120, 200}, FromTag, "seasonal"},
		{"strictest tag", Cadence{}, []string{"seasonal", "VIP", "wedding"}, Cadence{30, 40}, FromTag, "wedding"},
		{"client over tags", Cadence{14, 21}, []string{"VIP"}, Cadence{14, 21}, FromClient, ""},
		{"client ideal only", Cadence{Ideal: 20}, []string{"VIP"}, Cadence{20, 45}, FromClient, ""},
		{"client ideal above inherited max", Cadence{Ideal: 100}, nil, Cadence{100, 100}, FromClient, ""},
	}
	for _, tc := range cases {
		got, src, tag := p.For(tc.override, tc.tags)
		if got != tc.want || src != tc.src || tag != tc.tag {
			t.Errorf("%s: %v %s %q, want %v %s %q", tc.name, got, src, tag, tc.want, tc.src, tc.tag)
		}
	}
	if got, _, _ := (CadencePolicy{}).For(Cadence{}, nil); got != DefaultCadence {
		t.Errorf("empty policy: %v", got)
	}
}

func TestStanding(t *testing.T) {
	p := CadencePolicy{Default: Cadence{60, 90}, Tags: map[string]Cadence{"vip": {30, 45}}}
	asOf := day("2026-11-23 09:00")
	cases := []struct {
		name     string
		touch    Touch
		status   Status
		days     int
		thankYou bool
	}{
		{"recent visit", Touch{Created: day("2025-01-01"), LastContact: day("2026-11-01"), LastVisit: day("2026-11-01")}, StatusOK, 22, true},
		{"past ideal", Touch{Created: day("2025-01-01"), LastContact: day("2026-09-20")}, StatusDue, 64, false},
		{"exactly ideal is still ok", Touch{Created: day("2025-01-01"), LastContact: day("2026-09-24")}, StatusOK, 60, false},
		{"past maximum", Touch{Created: day("2025-01-01"), LastContact: day("2026-08-01")}, StatusOverdue, 114, false},
		{"vip is due sooner", Touch{Created: day("2025-01-01"), LastContact: day("2026-10-15"), Tags: []string{"VIP"}}, StatusDue, 39, false},
		{"never contacted, new", Touch{Created: day("2026-11-01")}, StatusNew, 22, false},
		{"never contacted, long ago", Touch{Created: day("2026-06-01")}, StatusOverdue, 175, false},
		{"snoozed", Touch{Created: day("2025-01-01"), LastContact: day("2026-01-01"), SnoozedUntil: day("2026-12-01")}, StatusSnoozed, 326, false},
		{"snooze ends on its day", Touch{Created: day("2025-01-01"), LastContact: day("2026-01-01"), SnoozedUntil: day("2026-11-23")}, StatusOverdue, 326, false},
		{"snooze expired", Touch{Created: day("2025-01-01"), LastContact: day("2026-01-01"), SnoozedUntil: day("2026-11-01")}, StatusOverdue, 326, false},
		{"do not contact", Touch{Created: day("2025-01-01"), LastContact: day("2026-01-01"), LastVisit: day("2026-01-01"), DoNotContact: true}, StatusDoNotContact, 326, false},
		{"deleted", Touch{Created: day("2025-01-01"), LastContact: day("2026-01-01"), Deleted: true}, StatusDoNotContact, 326, false},
		{"a call resets the clock", Touch{Created: day("2025-01-01"), LastVisit: day("2026-05-01"), LastThankYou: day("2026-05-03"), LastContact: day("2026-11-20")}, StatusOK, 3, false},
		{"thanked after the visit", Touch{Created: day("2025-01-01"), LastVisit: day("2026-11-10"), LastThankYou: day("2026-11-12"), LastContact: day("2026-11-12")}, StatusOK, 11, false},
		{"visit after a thank-you within the ideal days: not thanked twice running", Touch{Created: day("2025-01-01"), LastVisit: day("2026-11-15"), LastThankYou: day("2026-11-12"), LastContact: day("2026-11-15")}, StatusOK, 8, false},
		{"visit after a thank-you past the ideal days", Touch{Created: day("2025-01-01"), LastVisit: day("2026-11-15"), LastThankYou: day("2026-08-12"), LastContact: day("2026-11-15")}, StatusOK, 8, true},
		{"a visit 13 months ago is not thanked", Touch{Created: day("2025-01-01"), LastVisit: day("2025-10-20"), LastContact: day("2025-10-20")}, StatusOverdue, 399, false},
		{"a visit past the thank-you window", Touch{Created: day("2025-01-01"), LastVisit: day("2026-10-23"), LastContact: day("2026-10-23")}, StatusOK, 31, false},
		{"a visit on the window's last day", Touch{Created: day("2025-01-01"), LastVisit: day("2026-10-24"), LastContact: day("2026-10-24")}, StatusOK, 30, true},
		{"cannot be written to", Touch{Created: day("2025-01-01"), LastVisit: day("2026-11-15"), LastContact: day("2026-11-15"), Unreachable: true}, StatusOK, 8, false},
		{"23:30 local counts for that day", Touch{Created: day("2025-01-01"), LastContact: day("2026-11-22 23:30")}, StatusOK, 1, false},
		{"00:10 local is today", Touch{Created: day("2025-01-01"), LastContact: day("2026-11-23 00:10")}, StatusOK, 0, false},
	}
	for _, tc := range cases {
		s := StandingOf(tc.touch, p, asOf, testLoc)
		if s.Status != tc.status || s.DaysSince != tc.days || s.ThankYouDue != tc.thankYou {
			t.Errorf("%s: %s after %d days, thank-you due %v; want %s, %d, %v", tc.name, s.Status, s.DaysSince, s.ThankYouDue, tc.status, tc.days, tc.thankYou)
		}
	}
}

func TestDaysLocalBoundary(t *testing.T) {
	// 23:30 on the 22nd in UTC+2 is 21:30 UTC; the 23rd at 00:30 local is
	// 22:30 UTC on the 22nd: one local day apart, the same UTC day.
	a := day("2026-11-22 23:30")
	b := day("2026-11-23 00:30")
	if d := Days(a, b, testLoc); d != 1 {
		t.Errorf("local days = %d, want 1", d)
	}
	if d := Days(a, b, time.UTC); d != 0 {
		t.Errorf("UTC days = %d, want 0", d)
	}
}

func TestNextBirthday(t *testing.T) {
	cases := []struct {
		b    Birthday
		asOf string
		days int
		on   string
	}{
		{Birthday{1985, 11, 23}, "2026-11-23", 0, "2026-11-23"},
		{Birthday{0, 11, 29}, "2026-11-23", 6, "2026-11-29"},
		{Birthday{0, 1, 2}, "2026-12-29", 4, "2027-01-02"}, // across the year end
		{Birthday{0, 12, 31}, "2026-12-31", 0, "2026-12-31"},
		{Birthday{0, 11, 22}, "2026-11-23", 364, "2027-11-22"}, // just passed
		{Birthday{2000, 2, 29}, "2027-02-25", 3, "2027-02-28"}, // not a leap year
		{Birthday{2000, 2, 29}, "2028-02-25", 4, "2028-02-29"}, // a leap year
		{Birthday{0, 2, 29}, "2027-03-01", 365, "2028-02-29"},
	}
	for _, tc := range cases {
		days, on, ok := NextBirthday(tc.b, day(tc.asOf), testLoc)
		if !ok || days != tc.days || on.Format("2006-01-02") != tc.on {
			t.Errorf("%v as of %s: %d days, %s, %v; want %d, %s", tc.b, tc.asOf, days, on.Format("2006-01-02"), ok, tc.days, tc.on)
		}
	}
	if _, _, ok := NextBirthday(Birthday{}, day("2026-01-01"), testLoc); ok {
		t.Error("unknown birthday has a next one")
	}
}
