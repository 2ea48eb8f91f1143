package store

import (
	"testing"
	"time"

	"regulars/data"
)

// TestMissCountsAgree: on a book of every kind of client who drifted
// away, Today's overdue count, its list and the we-miss-you batches'
// found lists are the same people.
func TestMissCountsAgree(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	ago := func(days int) time.Time { return asOf.AddDate(0, 0, -days) }
	addr := data.Address{Street: "1 Elm St", City: "Austin"}
	mk := func(c data.Client, visitDaysAgo int) int64 {
		t.Helper()
		c.LastName = "Test"
		id := addClient(t, s, c)
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: ago(visitDaysAgo), AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	want := map[int64]bool{}
	want[mk(data.Client{FirstName: "Post", Address: addr}, 120)] = true
	want[mk(data.Client{FirstName: "Email", Email: "e@example.com", PreferredChannel: data.ChannelEmail}, 130)] = true
	want[mk(data.Client{FirstName: "Prefers email, unsubscribed", Address: addr, Email: "u@example.com", EmailConsent: data.ConsentUnsubscribed, PreferredChannel: data.ChannelEmail}, 140)] = true
	a := mk(data.Client{FirstName: "Household A", Address: addr}, 150)
	b := mk(data.Client{FirstName: "Household B", Address: addr}, 150)
	want[a], want[b] = true, true
	if _, err := s.SetHousehold(ctx, "The Tests", []int64{a, b}); err != nil {
		t.Fatal(err)
	}
	mk(data.Client{FirstName: "Do not contact", Address: addr, DoNotContact: true}, 120)
	mk(data.Client{FirstName: "No address", Phone: "555 0100"}, 120)
	mk(data.Client{FirstName: "Post unsubscribed", Address: addr, PostConsent: data.ConsentUnsubscribed}, 120)
	snoozed := mk(data.Client{FirstName: "Snoozed", Address: addr}, 120)
	if err := s.Snooze(ctx, snoozed, asOf.AddDate(0, 0, 10)); err != nil {
		t.Fatal(err)
	}
	mk(data.Client{FirstName: "Long gone", Address: addr}, 500)
	mk(data.Client{FirstName: "Recent", Address: addr}, 10)
	written := mk(data.Client{FirstName: "Written to", Address: addr}, 120)
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: written, At: ago(20), Kind: data.ContactCard, Occasion: data.OccasionMiss}); err != nil {
		t.Fatal(err)
	}

	d, err := s.Dashboard(ctx, asOf)
	if err != nil {
		t.Fatal(err)
	}
	found, byChannel := map[int64]bool{}, 0
	for _, ch := range []data.Channel{data.ChannelPost, data.ChannelEmail} {
		from, to, err := s.OccasionPeriod(ctx, data.OccasionMiss, ch, asOf)
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFor(ctx, data.OccasionMiss, ch, from, to, asOf)
		if err != nil {
			t.Fatal(err)
		}
		byChannel += len(due)
		for _, c := range due {
			found[c.ID] = true
		}
	}
	if d.OverdueCount != len(want) || len(d.Overdue) != len(want) || byChannel != len(want) || len(found) != len(want) {
		t.Errorf("tile %d, list %d, batches %d (%d people); want %d", d.OverdueCount, len(d.Overdue), byChannel, len(found), len(want))
	}
	for _, c := range d.Overdue {
		if !want[c.ID] || !found[c.ID] {
			t.Errorf("%s: listed by Today; wanted %v, found by a batch %v", c.FirstName, want[c.ID], found[c.ID])
		}
	}
}

// TestBirthdayCountsAgree: Today's birthdays are whoever the birthday
// batches write to now — cards in time for the post, emails on the day.
func TestBirthdayCountsAgree(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	in := func(days int) data.Birthday {
		d := asOf.AddDate(0, 0, days)
		return data.Birthday{Year: 1990, Month: d.Month(), Day: d.Day()}
	}
	addr := data.Address{Street: "1 Elm St", City: "Austin"}
	want := map[int64]bool{}
	mk := func(c data.Client) int64 {
		t.Helper()
		c.LastName = "Test"
		return addClient(t, s, c)
	}
	want[mk(data.Client{FirstName: "Card in time", Address: addr, Birthday: in(10)})] = true
	want[mk(data.Client{FirstName: "Email tomorrow", Email: "e@example.com", PreferredChannel: data.ChannelEmail, Birthday: in(1)})] = true
	snoozed := mk(data.Client{FirstName: "Snoozed", Address: addr, Birthday: in(12)})
	want[snoozed] = true
	if err := s.Snooze(ctx, snoozed, asOf.AddDate(0, 0, 30)); err != nil {
		t.Fatal(err)
	}
	mk(data.Client{FirstName: "Too soon for the post", Address: addr, Birthday: in(3)})
	mk(data.Client{FirstName: "Too early for email", Email: "f@example.com", PreferredChannel: data.ChannelEmail, Birthday: in(10)})
	mk(data.Client{FirstName: "No address", Birthday: in(10)})
	mk(data.Client{FirstName: "Do not contact", Address: addr, Birthday: in(10), DoNotContact: true})
	had := mk(data.Client{FirstName: "Had a card", Address: addr, Birthday: in(9)})
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: had, At: asOf.AddDate(0, 0, -1), Kind: data.ContactCard, Occasion: data.OccasionBirthday}); err != nil {
		t.Fatal(err)
	}

	d, err := s.Dashboard(ctx, asOf)
	if err != nil {
		t.Fatal(err)
	}
	found, byChannel := map[int64]bool{}, 0
	for _, ch := range []data.Channel{data.ChannelPost, data.ChannelEmail} {
		from, to, err := s.OccasionPeriod(ctx, data.OccasionBirthday, ch, asOf)
		if err != nil {
			t.Fatal(err)
		}
		due, err := s.DueFor(ctx, data.OccasionBirthday, ch, from, to, asOf)
		if err != nil {
			t.Fatal(err)
		}
		byChannel += len(due)
		for _, c := range due {
			found[c.ID] = true
		}
	}
	if len(d.Birthdays) != len(want) || byChannel != len(want) || len(found) != len(want) {
		t.Errorf("Today %d, batches %d (%d people); want %d", len(d.Birthdays), byChannel, len(found), len(want))
	}
	for _, c := range d.Birthdays {
		if !want[c.ID] || !found[c.ID] {
			t.Errorf("%s: listed by Today; wanted %v, found by a batch %v", c.FirstName, want[c.ID], found[c.ID])
		}
	}
}
