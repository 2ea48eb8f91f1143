package data

import (
	"errors"
	"sort"
	"testing"
	"time"
)

// TestThanksDue is the thank-you rule: a recent visit, after the last
// thanks, not thanked within the ideal days, reachable, not quiet.
func TestThanksDue(t *testing.T) {
	asOf := day("2026-11-23 09:00")
	cad := Cadence{60, 90}
	cases := []struct {
		name   string
		touch  Touch
		within int
		want   bool
	}{
		{"visited yesterday, never thanked", Touch{LastVisit: day("2026-11-22")}, 30, true},
		{"visited today", Touch{LastVisit: day("2026-11-23 08:00")}, 30, true},
		{"never visited", Touch{}, 30, false},
		{"visit 13 months ago (imported)", Touch{LastVisit: day("2025-10-20")}, 30, false},
		{"visit 31 days ago", Touch{LastVisit: day("2026-10-23")}, 30, false},
		{"visit 30 days ago: the window's last day", Touch{LastVisit: day("2026-10-24")}, 30, true},
		{"a wider window set by the owner", Touch{LastVisit: day("2026-10-23")}, 45, true},
		{"a narrower window", Touch{LastVisit: day("2026-11-13")}, 7, false},
		{"no window set: 30 days", Touch{LastVisit: day("2026-10-24")}, 0, true},
		{"thanked after the visit", Touch{LastVisit: day("2026-11-10"), LastThankYou: day("2026-11-12")}, 30, false},
		{"thanked today, visits again: not twice within the ideal", Touch{LastVisit: day("2026-11-23 08:00"), LastThankYou: day("2026-11-22")}, 30, false},
		{"thanked 59 days ago, visits again", Touch{LastVisit: day("2026-11-20"), LastThankYou: day("2026-09-25")}, 30, false},
		{"thanked 61 days ago, visits again", Touch{LastVisit: day("2026-11-20"), LastThankYou: day("2026-09-23")}, 30, true},
		{"do not contact", Touch{LastVisit: day("2026-11-20"), DoNotContact: true}, 30, false},
		{"in the trash", Touch{LastVisit: day("2026-11-20"), Deleted: true}, 30, false},
		{"snoozed", Touch{LastVisit: day("2026-11-20"), SnoozedUntil: day("2026-12-01")}, 30, false},
		{"snooze ended", Touch{LastVisit: day("2026-11-20"), SnoozedUntil: day("2026-11-23")}, 30, true},
		{"no address, no email", Touch{LastVisit: day("2026-11-20"), Unreachable: true}, 30, false},
	}
	for _, tc := range cases {
		if got := ThanksDue(tc.touch, cad, tc.within, asOf, testLoc); got != tc.want {
			t.Errorf("%s: due %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := ThanksFrom(30, asOf, testLoc); !got.Equal(day("2026-10-24")) {
		t.Errorf("window starts %s, want 2026-10-24", got)
	}
}

// TestThanksWithinSetting: the window is a setting of the book, checked.
func TestThanksWithinSetting(t *testing.T) {
	s := openTest(t)
	if n, err := s.ThanksWithin(ctx); err != nil || n != DefaultThanksWithin {
		t.Fatalf("default: %d %v", n, err)
	}
	if err := s.SetThanksWithin(ctx, 14); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.ThanksWithin(ctx); n != 14 {
		t.Errorf("after setting 14: %d", n)
	}
	if p, _ := s.CadencePolicy(ctx); p.ThanksWithin != 14 {
		t.Errorf("policy: %d", p.ThanksWithin)
	}
	for _, bad := range []int{0, -3, 400} {
		var ve ValidationError
		if err := s.SetThanksWithin(ctx, bad); !errors.As(err, &ve) {
			t.Errorf("%d: %v", bad, err)
		}
	}
	for in, want := range map[string]int{"30": 30, " 7 ": 7, "365": 365, "0": 0, "abc": 0, "": 0, "1000": 0} {
		n, err := ParseThanksWithin(in)
		if (err == nil) != (want > 0) || n != want {
			t.Errorf("%q: %d %v", in, n, err)
		}
		if err != nil && err.Error() == "" {
			t.Errorf("%q: no message", in)
		}
	}
}

// TestThanksCountsAgree: on a book of every kind of client, Today's
// count, Today's list and the batches' found lists are the same people.
func TestThanksCountsAgree(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	ago := func(days int) time.Time { return asOf.AddDate(0, 0, -days) }
	addr := Address{Street: "1 Elm St", City: "Austin"}
	mk := func(c Client, visitDaysAgo int) int64 {
		t.Helper()
		c.LastName = "Test"
		id := addClient(t, s, c)
		if visitDaysAgo >= 0 {
			if _, err := s.LogVisit(ctx, &Visit{ClientID: id, At: ago(visitDaysAgo), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	want := map[int64]bool{}
	want[mk(Client{FirstName: "Post", Address: addr}, 3)] = true
	want[mk(Client{FirstName: "Email", Email: "e@example.com", PreferredChannel: ChannelEmail}, 5)] = true
	want[mk(Client{FirstName: "Prefers email, unsubscribed", Address: addr, Email: "u@example.com", EmailConsent: ConsentUnsubscribed, PreferredChannel: ChannelEmail}, 6)] = true
	a := mk(Client{FirstName: "Household A", Address: addr}, 4)
	b := mk(Client{FirstName: "Household B", Address: addr}, 4)
	want[a], want[b] = true, true
	if _, err := s.SetHousehold(ctx, "The Tests", []int64{a, b}); err != nil {
		t.Fatal(err)
	}
	mk(Client{FirstName: "Do not contact", Address: addr, DoNotContact: true}, 2)
	mk(Client{FirstName: "No address", Phone: "555 0100"}, 2)
	mk(Client{FirstName: "Post unsubscribed", Address: addr, PostConsent: ConsentUnsubscribed}, 2)
	mk(Client{FirstName: "Email only, prefers post", Email: "p@example.com"}, 2)
	snoozed := mk(Client{FirstName: "Snoozed", Address: addr}, 2)
	if err := s.Snooze(ctx, snoozed, asOf.AddDate(0, 0, 10)); err != nil {
		t.Fatal(err)
	}
	mk(Client{FirstName: "Lapsed", Address: addr}, 400)
	mk(Client{FirstName: "Last month", Address: addr}, 45)
	mk(Client{FirstName: "Never came", Address: addr}, -1)
	thanked := mk(Client{FirstName: "Thanked then back", Address: addr}, 10)
	if _, err := s.LogContact(ctx, &Contact{ClientID: thanked, At: ago(8), Kind: ContactCard, ThankYou: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogVisit(ctx, &Visit{ClientID: thanked, At: ago(1), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	gone := mk(Client{FirstName: "Deleted", Address: addr}, 2)
	if err := s.DeleteClient(ctx, gone); err != nil {
		t.Fatal(err)
	}

	d, err := s.Dashboard(ctx, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var listed []int64
	for _, c := range d.ThankYouDue {
		listed = append(listed, c.ID)
	}
	found := map[int64]bool{}
	byChannel := 0
	for _, ch := range []Channel{ChannelPost, ChannelEmail} {
		from, to, err := s.OccasionPeriod(ctx, OccasionThanks, ch, asOf)
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFor(ctx, OccasionThanks, ch, from, to, asOf)
		if err != nil {
			t.Fatal(err)
		}
		byChannel += len(due)
		for _, c := range due {
			found[c.ID] = true
		}
	}
	if d.ThankYouDueCount != len(want) || len(listed) != len(want) || byChannel != len(want) || len(found) != len(want) {
		t.Errorf("tile %d, list %d, batches %d (%d people); want %d", d.ThankYouDueCount, len(listed), byChannel, len(found), len(want))
	}
	sort.Slice(listed, func(i, j int) bool { return listed[i] < listed[j] })
	for _, id := range listed {
		if !want[id] || !found[id] {
			c, _ := s.Client(ctx, id)
			t.Errorf("%s: listed by Today; wanted %v, found by a batch %v", c.FirstName, want[id], found[id])
		}
	}
	for id := range found {
		if !want[id] {
			c, _ := s.Client(ctx, id)
			t.Errorf("%s: found by a batch, not wanted", c.FirstName)
		}
	}
	// The client list's filter says the same.
	hits, err := s.FilteredSearch(ctx, "", Filter{ThankYouDue: true, AsOf: asOf}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits.Clients) != len(want) {
		t.Errorf("client list filter: %d, want %d", len(hits.Clients), len(want))
	}
}
