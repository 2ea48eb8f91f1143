package app

import (
	"testing"
	"time"

	"regulars/data"
)

// TestTodayCountsInBackground: in the window, Today counts a section's
// batch away from the screen (a second or two on a large book) and then
// shows the same counts it shows when counting at once.
func TestTodayCountsInBackground(t *testing.T) {
	addr := data.Address{Street: "12 Oak Avenue", City: "Austin"}
	u, s := newTestUI(t,
		data.Client{FirstName: "Dana", LastName: "Post", Address: addr},
		data.Client{FirstName: "Eve", LastName: "Mail", Email: "eve@example.com", PreferredChannel: data.ChannelEmail},
		data.Client{FirstName: "Nora", LastName: "Neither"},
		data.Client{FirstName: "Rita", LastName: "Recent", Address: addr},
	)
	for _, k := range []struct {
		q    string
		days int
	}{{"dana", 130}, {"eve", 120}, {"nora", 100}, {"rita", 6}} {
		c := clientNamed(t, s, k.q)
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: time.Now().AddDate(0, 0, -k.days), AmountCents: -1})
	}
	u.tabs.Select(u.todaytab)
	u.today.countInBackground = true
	u.today.reload()
	u.today.counting.Wait()
	u.today.tiles[secOverdue].Tapped(nil)
	u.today.counting.Wait()
	want := "3 we-miss-you notes: 1 by post, 1 by email, 1 with neither address"
	if u.today.batchRow.Hidden || len(u.today.batchLine.Text) < len(want) || u.today.batchLine.Text[:len(want)] != want {
		t.Fatalf("Today offers %q, want %q", u.today.batchLine.Text, want)
	}
	if d := u.today.batchCounts; d.post != 1 || d.email != 1 || d.neither != 1 || u.today.batch.Disabled() {
		t.Fatalf("counted %+v, button disabled %v", d, u.today.batch.Disabled())
	}
}
