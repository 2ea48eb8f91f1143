package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"regulars/app/cards"
	"regulars/data"
	"regulars/internal/booktest"
	"regulars/internal/clock"
)

// TestWriteANoteDefaults: Write a note opens on the occasion the client
// is due for, and offers only the channels they can get.
func TestWriteANoteDefaults(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Ada", LastName: "Recent", Address: addr},
		data.Client{FirstName: "Bo", LastName: "Drifted", Email: "bo@example.com", PreferredChannel: data.ChannelEmail},
		data.Client{FirstName: "Cy", LastName: "Both", Email: "cy@example.com", PreferredChannel: data.ChannelEmail, Address: addr},
		data.Client{FirstName: "Di", LastName: "Nowhere"},
	)
	now := clock.Now()
	for q, days := range map[string]int{"ada": 3, "drifted": 120, "both": 2, "nowhere": 2} {
		c := booktest.ClientNamed(t, s, q)
		// An older first visit: nobody here is new, to be welcomed.
		for _, d := range []int{days, 400} {
			if _, err := s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: now.AddDate(0, 0, -d), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
	}
	open := func(q string) *cards.NoteForm {
		t.Helper()
		u.openClient(booktest.ClientNamed(t, s, q).ID)
		u.book.Search.TypedShortcut(ctrl(fyne.KeyM))
		f, ok := u.forms.Open.Form.(*cards.NoteForm)
		if !ok {
			t.Fatalf("Ctrl+M opened %T", u.forms.Open)
		}
		return f
	}
	cases := []struct {
		q        string
		occasion data.Occasion
		channels []string
	}{
		{"ada", data.OccasionThanks, []string{cards.NoteByCard}},
		{"drifted", data.OccasionMiss, []string{cards.NoteByEmail}},
		{"both", data.OccasionThanks, []string{cards.NoteByEmail, cards.NoteByCard}},
	}
	for _, tc := range cases {
		f := open(tc.q)
		if f.ChosenOccasion() != tc.occasion {
			t.Errorf("%s: the note opens on %q, want %s", tc.q, f.Occasion.Selected, tc.occasion)
		}
		if strings.Join(f.Channel.Options, ",") != strings.Join(tc.channels, ",") || f.Channel.Selected != tc.channels[0] {
			t.Errorf("%s: offers %v (chosen %q), want %v", tc.q, f.Channel.Options, f.Channel.Selected, tc.channels)
		}
		u.forms.Open.Close()
	}
	f := open("nowhere")
	if len(f.Channel.Options) != 0 || !f.Dialog.Save.Disabled() || !strings.Contains(f.Info.Text, "neither a postal address nor an email") {
		t.Errorf("no address: offers %v, save disabled %v, says %q", f.Channel.Options, f.Dialog.Save.Disabled(), f.Info.Text)
	}
	u.forms.Open.Close()
	cs, _ := s.Contacts(ctx, booktest.ClientNamed(t, s, "nowhere").ID)
	for _, k := range cs {
		if k.Kind != data.ContactVisit {
			t.Errorf("a note was logged: %+v", k)
		}
	}
}
