package app

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/cards"
	"regulars/app/today"
	"regulars/app/words"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
)

// newThanksUI is a book of every kind of client who visited lately, and
// a few who did not: 5 of them can be thanked (3 by post, 2 by email).
func newThanksUI(t *testing.T) (*ui, *store.Store) {
	t.Helper()
	addr := data.Address{Street: "1 Elm St", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Post", LastName: "One", Address: addr},
		data.Client{FirstName: "Email", LastName: "Two", Email: "two@example.com", PreferredChannel: data.ChannelEmail},
		data.Client{FirstName: "Email", LastName: "Three", Email: "three@example.com", PreferredChannel: data.ChannelEmail, Address: addr},
		data.Client{FirstName: "House", LastName: "Four", Address: addr},
		data.Client{FirstName: "House", LastName: "Five", Address: addr},
		data.Client{FirstName: "Quiet", LastName: "Dnc", Address: addr, DoNotContact: true},
		data.Client{FirstName: "No", LastName: "Address"},
		data.Client{FirstName: "Gone", LastName: "Unsubscribed", Address: addr, PostConsent: data.ConsentUnsubscribed},
		data.Client{FirstName: "Sleepy", LastName: "Snoozed", Address: addr},
		data.Client{FirstName: "Long", LastName: "Lapsed", Address: addr},
	)
	now := clock.Now()
	days := map[string]int{"One": 2, "Two": 3, "Three": 10, "Four": 4, "Five": 4, "Dnc": 1, "Address": 1, "Unsubscribed": 1, "Snoozed": 1, "Lapsed": 400}
	ids := map[string]int64{}
	for last, ago := range days {
		c := booktest.ClientNamed(t, s, last)
		ids[last] = c.ID
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: now.AddDate(0, 0, -ago), AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetHousehold(ctx, "The Houses", []int64{ids["Four"], ids["Five"]}); err != nil {
		t.Fatal(err)
	}
	if err := s.Snooze(ctx, ids["Snoozed"], now.AddDate(0, 0, 14)); err != nil {
		t.Fatal(err)
	}
	return u, s
}

// TestThanksCountsAgreeInTheWindow: Today's thank-you tile, its list and
// the batch it starts count the same people, and the line saying so is
// never cut off.
func TestThanksCountsAgreeInTheWindow(t *testing.T) {
	u, _ := newThanksUI(t)
	u.tabs.Select(u.todaytab)
	u.today.Reload()
	test.Tap(u.today.Tiles[today.SecThanks])
	tile, _ := strconv.Atoi(u.today.Tiles[today.SecThanks].Count.Text)
	listed := u.today.List.Length()
	d := u.today.BatchCounts
	if tile != 5 || listed != 5 || d.Total() != 5 || d.Post != 3 || d.Email != 2 || d.Neither != 0 {
		t.Fatalf("tile %d, list %d, batch %+v; want 5, 5, 3 by post and 2 by email", tile, listed, d)
	}
	if u.today.BatchLine.Truncation != fyne.TextTruncateOff || u.today.BatchLine.Wrapping != fyne.TextWrapWord {
		t.Errorf("the batch line is cut rather than wrapped")
	}
	test.Tap(u.today.Batch)
	c := u.cards
	if c.ChosenOccasion() != data.OccasionThanks || len(c.Clients) != d.Post {
		t.Fatalf("by post the batch finds %d, Today counted %d", len(c.Clients), d.Post)
	}
	c.Channel.SetSelected(cards.ByEmail)
	c.Find()
	if len(c.Clients) != d.Email {
		t.Fatalf("by email the batch finds %d, Today counted %d", len(c.Clients), d.Email)
	}
}

// TestThanksWindowInSettings: the owner narrows the thank-you window in
// Settings; Today counts by it; a bad number is refused under the field.
func TestThanksWindowInSettings(t *testing.T) {
	u, s := newThanksUI(t)
	u.tabs.Select(u.settingstab)
	f := u.settings.ThanksWithin
	if f.Text != "30" {
		t.Errorf("the window shows %q, want the default 30", f.Text)
	}
	f.SetText("")
	test.Type(f, "a week")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.settings.ThanksRow.Err.Hidden || !strings.Contains(u.settings.ThanksRow.Err.Text, "number from 1 to 365") {
		t.Errorf("a bad window: %q", u.settings.ThanksRow.Err.Text)
	}
	if n, _ := s.ThanksWithin(ctx); n != 30 {
		t.Errorf("a refused window was saved: %d", n)
	}
	f.SetText("")
	test.Type(f, "7")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n, _ := s.ThanksWithin(ctx); n != 7 || !u.settings.ThanksRow.Err.Hidden {
		t.Fatalf("window %d, message %q", n, u.settings.ThanksRow.Err.Text)
	}
	u.tabs.Select(u.todaytab)
	u.today.Reload()
	// Three's visit, 10 days ago, is past a 7-day window.
	if got := u.today.Tiles[today.SecThanks].Count.Text; got != "4" {
		t.Errorf("after a 7-day window Today counts %s, want 4", got)
	}
}

// TestOverdueShowAllIsTheBatch: past the rows Today shows, "list them
// all" opens the we-miss-you batch, which lists as many as Today counted.
func TestOverdueShowAllIsTheBatch(t *testing.T) {
	u, s := newTestUI(t)
	now := clock.Now()
	n := data.DashboardRows + 5
	for i := 0; i < n; i++ {
		c := data.Client{FirstName: "Lapsed", LastName: "Client" + strconv.Itoa(i), Address: data.Address{Street: "1 Elm St", City: "Austin"}}
		id, err := s.AddClient(ctx, &c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: now.AddDate(0, 0, -120), AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
	u.tabs.Select(u.todaytab)
	u.today.Reload()
	test.Tap(u.today.Tiles[today.SecOverdue])
	if u.today.Tiles[today.SecOverdue].Count.Text != words.Thousands(n) || u.today.More.Hidden || !strings.Contains(u.today.More.Text, "we-miss-you batch") {
		t.Fatalf("tile %q, more %q (hidden %v)", u.today.Tiles[today.SecOverdue].Count.Text, u.today.More.Text, u.today.More.Hidden)
	}
	test.Tap(u.today.More)
	if u.tabs.Selected() != u.cardstab || u.cards.ChosenOccasion() != data.OccasionMiss || len(u.cards.Clients) != n {
		t.Fatalf("the batch lists %d, Today counted %d", len(u.cards.Clients), n)
	}
}
