package store

import (
	"errors"
	"sort"
	"testing"
	"time"

	"regulars/data"
)

// TestThanksWithinSetting: the window is a setting of the book, checked.
func TestThanksWithinSetting(t *testing.T) {
	s := openTest(t)
	if n, err := s.ThanksWithin(ctx); err != nil || n != data.DefaultThanksWithin {
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
		var ve data.ValidationError
		if err := s.SetThanksWithin(ctx, bad); !errors.As(err, &ve) {
			t.Errorf("%d: %v", bad, err)
		}
	}
	for in, want := range map[string]int{"30": 30, " 7 ": 7, "365": 365, "0": 0, "abc": 0, "": 0, "1000": 0} {
		n, err := data.ParseThanksWithin(in)
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
	addr := data.Address{Street: "1 Elm St", City: "Austin"}
	mk := func(c data.Client, visitDaysAgo int) int64 {
		t.Helper()
		c.LastName = "Test"
		id := addClient(t, s, c)
		if visitDaysAgo >= 0 {
			if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: ago(visitDaysAgo), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	want := map[int64]bool{}
	want[mk(data.Client{FirstName: "Post", Address: addr}, 3)] = true
	want[mk(data.Client{FirstName: "Email", Email: "e@example.com", PreferredChannel: data.ChannelEmail}, 5)] = true
	want[mk(data.Client{FirstName: "Prefers email, unsubscribed", Address: addr, Email: "u@example.com", EmailConsent: data.ConsentUnsubscribed, PreferredChannel: data.ChannelEmail}, 6)] = true
	a := mk(data.Client{FirstName: "Household A", Address: addr}, 4)
	b := mk(data.Client{FirstName: "Household B", Address: addr}, 4)
	want[a], want[b] = true, true
	if _, err := s.SetHousehold(ctx, "The Tests", []int64{a, b}); err != nil {
		t.Fatal(err)
	}
	mk(data.Client{FirstName: "Do not contact", Address: addr, DoNotContact: true}, 2)
	mk(data.Client{FirstName: "No address", Phone: "555 0100"}, 2)
	mk(data.Client{FirstName: "Post unsubscribed", Address: addr, PostConsent: data.ConsentUnsubscribed}, 2)
	mk(data.Client{FirstName: "Email only, prefers post", Email: "p@example.com"}, 2)
	snoozed := mk(data.Client{FirstName: "Snoozed", Address: addr}, 2)
	if err := s.Snooze(ctx, snoozed, asOf.AddDate(0, 0, 10)); err != nil {
		t.Fatal(err)
	}
	mk(data.Client{FirstName: "Lapsed", Address: addr}, 400)
	mk(data.Client{FirstName: "Last month", Address: addr}, 45)
	mk(data.Client{FirstName: "Never came", Address: addr}, -1)
	thanked := mk(data.Client{FirstName: "Thanked then back", Address: addr}, 10)
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: thanked, At: ago(8), Kind: data.ContactCard, ThankYou: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogVisit(ctx, &data.Visit{ClientID: thanked, At: ago(1), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	gone := mk(data.Client{FirstName: "Deleted", Address: addr}, 2)
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
	for _, ch := range []data.Channel{data.ChannelPost, data.ChannelEmail} {
		from, to, err := s.OccasionPeriod(ctx, data.OccasionThanks, ch, asOf)
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFor(ctx, data.OccasionThanks, ch, from, to, asOf)
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
	hits, err := s.FilteredSearch(ctx, "", data.Filter{ThankYouDue: true, AsOf: asOf}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits.Clients) != len(want) {
		t.Errorf("client list filter: %d, want %d", len(hits.Clients), len(want))
	}
}
