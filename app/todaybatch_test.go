package app

import (
	"testing"
)

// TestTodayCountsInBackground: in the window, Today counts a section's
// batch away from the screen (a second or two on a large book) and then
// shows the same counts it shows when counting at once.
func TestTodayCountsInBackground(t *testing.T) {
	u, _ := newLapsedUI(t)
	u.today.countInBackground = true
	u.today.reload()
	u.today.counting.Wait()
	u.today.tiles[secOverdue].Tapped(nil)
	u.today.counting.Wait()
	want := "2 we-miss-you notes: 1 by post, 1 by email" // Nora, reachable neither way, is not due
	if u.today.batchRow.Hidden || len(u.today.batchLine.Text) < len(want) || u.today.batchLine.Text[:len(want)] != want {
		t.Fatalf("Today offers %q, want %q", u.today.batchLine.Text, want)
	}
	if d := u.today.batchCounts; d.post != 1 || d.email != 1 || d.neither != 0 || u.today.batch.Disabled() {
		t.Fatalf("counted %+v, button disabled %v", d, u.today.batch.Disabled())
	}
}
