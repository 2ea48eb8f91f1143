package store

import (
	"testing"
	"time"

	"regulars/data"
)

// TestNoteOccasion: a note to one client is for what they are due.
func TestNoteOccasion(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	addr := data.Address{Street: "1 Elm St", City: "Austin"}
	mk := func(first string, visits ...int) data.Client {
		t.Helper()
		id := addClient(t, s, data.Client{FirstName: first, LastName: "Test", Address: addr})
		for _, d := range visits {
			if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: asOf.AddDate(0, 0, -d), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
		c, _ := s.Client(ctx, id)
		return c
	}
	recent := mk("Recent", 3, 300)
	newcomer := mk("Newcomer", 2)
	drifted := mk("Drifted", 120, 300)
	gone := mk("Gone", 500)
	thanked := mk("Thanked", 300)
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: thanked.ID, At: asOf.Add(-2 * time.Hour), Kind: data.ContactCard, ThankYou: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogVisit(ctx, &data.Visit{ClientID: thanked.ID, At: asOf.Add(-time.Hour), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	thanked, _ = s.Client(ctx, thanked.ID)
	cases := []struct {
		c    data.Client
		want data.Occasion
	}{
		{recent, data.OccasionThanks},
		{newcomer, data.OccasionWelcome},
		{drifted, data.OccasionMiss},
		{gone, ""},
		{thanked, ""}, // thanked today, back today: not thanked twice
	}
	for _, tc := range cases {
		o, why, ok, err := s.NoteOccasion(ctx, tc.c, data.ChannelPost, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if o != tc.want || ok != (tc.want != "") || (ok && why == "") {
			t.Errorf("%s: %q %q %v, want %q", tc.c.FirstName, o, why, ok, tc.want)
		}
	}
}
