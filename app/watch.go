package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// uiDo runs what a background goroutine (the watcher of other writes,
// the retry of an unreachable server) found on the window's goroutine.
// Tests replace it: Fyne's test driver runs fyne.Do on the calling
// goroutine, where it would race the test's own presses.
var uiDo = fyne.Do

// watchOtherWrites asks the book every two seconds whether another
// process (a command run while the window is open) changed it, and then
// shows the book afresh: the list, the open client and Today; the search
// index is brought up to date by Changed itself. A book on a server also
// wakes it at once when another seat writes (PostgreSQL's NOTIFY).
func (u *ui) watchOtherWrites() {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	u.store.Changed(u.ctx) // takes note of where the book stands
	wake := u.store.Wake()
	for {
		select {
		case <-u.ctx.Done():
			return
		case <-wake:
			if changed, err := u.store.Changed(u.ctx); err == nil && changed {
				uiDo(u.refreshAll)
			}
		case <-tick.C:
			if changed, err := u.store.Changed(u.ctx); err == nil && changed {
				uiDo(u.refreshAll) // the list, the open client and Today
			}
		}
	}
}
