package app

import (
	"regulars/app/today"
	"testing"
)

// TestTodayCountsInBackground: in the window, Today counts a section's
// batch away from the screen (a second or two on a large book) and then
// shows the same counts it shows when counting at once.
func TestTodayCountsInBackground(t *testing.T) {
	u, _ := newLapsedUI(t)
	u.today.CountInBackground = true
	u.today.Reload()
	u.today.Counting.Wait()
	u.today.Tiles[today.SecOverdue].Tapped(nil)
	u.today.Counting.Wait()
	want := "2 we-miss-you notes: 1 by post, 1 by email" // Nora, reachable neither way, is not due
	if u.today.BatchRow.Hidden || len(u.today.BatchLine.Text) < len(want) || u.today.BatchLine.Text[:len(want)] != want {
		t.Fatalf("Today offers %q, want %q", u.today.BatchLine.Text, want)
	}
	if d := u.today.BatchCounts; d.Post != 1 || d.Email != 1 || d.Neither != 0 || u.today.Batch.Disabled() {
		t.Fatalf("counted %+v, button disabled %v", d, u.today.Batch.Disabled())
	}
}
