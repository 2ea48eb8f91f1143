package data

import (
	"testing"
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
