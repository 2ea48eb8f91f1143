package data

import (
	"testing"
	"time"
)

func TestNoteChannels(t *testing.T) {
	addr := Address{Street: "1 Elm St", City: "Austin"}
	cases := []struct {
		name string
		c    Client
		want []Channel
	}{
		{"post only", Client{Address: addr}, []Channel{ChannelPost}},
		{"email only", Client{Email: "a@example.com"}, []Channel{ChannelEmail}},
		{"both, prefers post", Client{Address: addr, Email: "a@example.com"}, []Channel{ChannelPost, ChannelEmail}},
		{"both, prefers email", Client{Address: addr, Email: "a@example.com", PreferredChannel: ChannelEmail}, []Channel{ChannelEmail, ChannelPost}},
		{"a street without a city", Client{Address: Address{Street: "1 Elm St"}}, nil},
		{"unsubscribed from email", Client{Address: addr, Email: "a@example.com", EmailConsent: ConsentUnsubscribed}, []Channel{ChannelPost}},
		{"unsubscribed from post", Client{Address: addr, PostConsent: ConsentUnsubscribed}, nil},
		{"do not contact", Client{Address: addr, Email: "a@example.com", DoNotContact: true}, nil},
		{"nothing", Client{}, nil},
	}
	for _, tc := range cases {
		got := NoteChannels(tc.c)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	}
}

// TestNoteOccasion: a note to one client is for what they are due.
func TestNoteOccasion(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	addr := Address{Street: "1 Elm St", City: "Austin"}
	mk := func(first string, visits ...int) Client {
		t.Helper()
		id := addClient(t, s, Client{FirstName: first, LastName: "Test", Address: addr})
		for _, d := range visits {
			if _, err := s.LogVisit(ctx, &Visit{ClientID: id, At: asOf.AddDate(0, 0, -d), AmountCents: -1}); err != nil {
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
	if _, err := s.LogContact(ctx, &Contact{ClientID: thanked.ID, At: asOf.Add(-2 * time.Hour), Kind: ContactCard, ThankYou: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogVisit(ctx, &Visit{ClientID: thanked.ID, At: asOf.Add(-time.Hour), AmountCents: -1}); err != nil {
		t.Fatal(err)
	}
	thanked, _ = s.Client(ctx, thanked.ID)
	cases := []struct {
		c    Client
		want Occasion
	}{
		{recent, OccasionThanks},
		{newcomer, OccasionWelcome},
		{drifted, OccasionMiss},
		{gone, ""},
		{thanked, ""}, // thanked today, back today: not thanked twice
	}
	for _, tc := range cases {
		o, why, ok, err := s.NoteOccasion(ctx, tc.c, ChannelPost, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if o != tc.want || ok != (tc.want != "") || (ok && why == "") {
			t.Errorf("%s: %q %q %v, want %q", tc.c.FirstName, o, why, ok, tc.want)
		}
	}
}
