package data

import (
	"testing"
	"time"
)

// TestOccasionRules: each occasion's rule for who is due, with fixed
// dates, and its never-twice rule.
func TestOccasionRules(t *testing.T) {
	pol := CadencePolicy{Default: Cadence{Ideal: 60, Max: 90}, Tags: map[string]Cadence{"vip": {30, 45}}}
	r := DefaultOccasionRules
	from, to := day("2026-11-01"), day("2026-12-01")
	asOf := day("2026-11-23")
	base := OccasionFacts{Touch: Touch{Created: day("2024-01-10")}}
	with := func(fn func(f *OccasionFacts)) OccasionFacts {
		f := base
		fn(&f)
		return f
	}
	complaint := Complaint{ID: 7, Description: "too dark", Resolution: "redone for free", RaisedOn: day("2026-11-02"), ResolvedOn: day("2026-11-05")}
	cases := []struct {
		name string
		o    Occasion
		ch   Channel
		f    OccasionFacts
		due  bool
		why  string
	}{
		{"thanks: a visit in the period", OccasionThanks, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2026-11-20") }), true, "visited 20 November 2026, never thanked"},
		{"thanks: thanked since", OccasionThanks, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2026-11-20"); f.LastThankYou = day("2026-11-21") }), false, ""},
		{"thanks: visit before the period", OccasionThanks, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2026-10-20") }), false, ""},
		{"welcome: first visit in the period", OccasionWelcome, ChannelPost, with(func(f *OccasionFacts) { f.FirstVisit = day("2026-11-03"); f.LastVisit = f.FirstVisit }), true, "first visit 3 November 2026"},
		{"welcome: once ever", OccasionWelcome, ChannelPost, with(func(f *OccasionFacts) { f.FirstVisit = day("2026-11-03"); f.LastWelcome = day("2026-11-04") }), false, ""},
		{"welcome: a regular is not new", OccasionWelcome, ChannelPost, with(func(f *OccasionFacts) { f.FirstVisit = day("2025-03-03"); f.LastVisit = day("2026-11-03") }), false, ""},
		{"miss: overdue by 40 days", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2026-07-16"); f.LastTwoWay = f.LastVisit }), true, "overdue by 40 days; last visit 16 July 2026"},
		{"miss: not yet past the maximum", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2026-09-01"); f.LastTwoWay = f.LastVisit }), false, ""},
		{"miss: the VIP maximum is 45", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) {
			f.LastVisit = day("2026-10-01")
			f.LastTwoWay = f.LastVisit
			f.Tags = []string{"VIP"}
		}), true, "overdue by 8 days; last visit 1 October 2026"},
		{"miss: lapsed 366 days is long gone", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2025-11-22"); f.LastTwoWay = f.LastVisit }), false, ""},
		{"miss: lapsed 365 days is still written to", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2025-11-23"); f.LastTwoWay = f.LastVisit }), true, "overdue by 275 days; last visit 23 November 2025"},
		{"miss: written to since", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) {
			f.LastVisit = day("2026-07-16")
			f.LastTwoWay = f.LastVisit
			f.LastMiss = day("2026-11-01")
		}), false, ""},
		{"miss: a call after the last note starts again", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) {
			f.LastVisit = day("2026-05-01")
			f.LastMiss = day("2026-06-01")
			f.LastTwoWay = day("2026-07-16")
		}), true, "overdue by 40 days; last contact 16 July 2026"},
		{"miss: snoozed", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) {
			f.LastVisit = day("2026-07-16")
			f.LastTwoWay = f.LastVisit
			f.SnoozedUntil = day("2026-12-10")
		}), false, ""},
		{"miss: never came", OccasionMiss, ChannelPost, base, false, ""},
		{"miss: do not contact", OccasionMiss, ChannelPost, with(func(f *OccasionFacts) {
			f.LastVisit = day("2026-07-16")
			f.LastTwoWay = f.LastVisit
			f.DoNotContact = true
		}), false, ""},
		{"birthday: 14 days ahead by post", OccasionBirthday, ChannelPost, with(func(f *OccasionFacts) { f.Birthday = Birthday{Year: 1986, Month: 12, Day: 7} }), true, "birthday Mon 7 Dec (turns 40)"},
		{"birthday: 3 days ahead is too late for the post", OccasionBirthday, ChannelPost, with(func(f *OccasionFacts) { f.Birthday = Birthday{Month: 11, Day: 26} }), false, ""},
		{"birthday: 3 days ahead is too early for email", OccasionBirthday, ChannelEmail, with(func(f *OccasionFacts) { f.Birthday = Birthday{Month: 11, Day: 26} }), false, ""},
		{"birthday: email on the day", OccasionBirthday, ChannelEmail, with(func(f *OccasionFacts) { f.Birthday = Birthday{Month: 11, Day: 23} }), true, "birthday Mon 23 Nov"},
		{"birthday: once a year", OccasionBirthday, ChannelPost, with(func(f *OccasionFacts) {
			f.Birthday = Birthday{Month: 12, Day: 7}
			f.LastBirthday = day("2026-11-20")
		}), false, ""},
		{"birthday: last year's card does not count", OccasionBirthday, ChannelPost, with(func(f *OccasionFacts) {
			f.Birthday = Birthday{Month: 12, Day: 7}
			f.LastBirthday = day("2025-11-20")
		}), true, "birthday Mon 7 Dec"},
		{"sorry: resolved in the period", OccasionSorry, ChannelPost, with(func(f *OccasionFacts) { f.Complaints = []Complaint{complaint} }), true, "complaint put right 5 November 2026: redone for free"},
		{"sorry: still open", OccasionSorry, ChannelPost, with(func(f *OccasionFacts) {
			k := complaint
			k.ResolvedOn = time.Time{}
			f.Complaints = []Complaint{k}
		}), false, ""},
		{"sorry: already followed by a note", OccasionSorry, ChannelPost, with(func(f *OccasionFacts) {
			f.Complaints = []Complaint{complaint}
			f.Apologised = map[int64]bool{7: true}
		}), false, ""},
		{"in the trash", OccasionThanks, ChannelPost, with(func(f *OccasionFacts) { f.LastVisit = day("2026-11-20"); f.Deleted = true }), false, ""},
	}
	for _, k := range cases {
		why, due := k.o.Due(k.f, k.ch, pol, r, from, to, asOf, testLoc)
		if due != k.due || why != k.why {
			t.Errorf("%s: due %v %q, want %v %q", k.name, due, why, k.due, k.why)
		}
	}
}

// TestBirthdayWindowAcrossTheYearAndLeapDay: the window ahead reaches into
// January, and a 29 February birthday falls on 28 February in other years.
func TestBirthdayWindowAcrossTheYearAndLeapDay(t *testing.T) {
	pol := CadencePolicy{Default: Cadence{Ideal: 60, Max: 90}}
	r := DefaultOccasionRules
	cases := []struct {
		asOf string
		b    Birthday
		due  bool
	}{
		{"2026-12-20", Birthday{Month: 1, Day: 5}, true},   // 16 days ahead, next year
		{"2026-12-20", Birthday{Month: 1, Day: 12}, false}, // 23 days
		{"2027-02-14", Birthday{Month: 2, Day: 29}, true},  // 28 Feb 2027: 14 days
		{"2028-02-14", Birthday{Month: 2, Day: 29}, true},  // 29 Feb 2028: 15 days
		{"2027-02-22", Birthday{Month: 2, Day: 29}, false}, // 6 days: too late for the post
	}
	for _, k := range cases {
		_, due := OccasionBirthday.Due(OccasionFacts{Birthday: k.b}, ChannelPost, pol, r, time.Time{}, time.Time{}, day(k.asOf), testLoc)
		if due != k.due {
			t.Errorf("%s, birthday %v: due %v", k.asOf, k.b, due)
		}
	}
}
