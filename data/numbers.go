package data

import (
	"fmt"
	"time"
)

// ComeBackDays is how soon after a we-miss-you note a visit counts as the
// client coming back because of it.
const ComeBackDays = 60

// Returns are the owner's figures over the twelve months before a day:
// how many clients written a we-miss-you came back within ComeBackDays of
// it, and how many first-time clients came back for a second visit.
type Returns struct {
	MissSent, CameBack    int
	FirstTimers, Returned int
}

// Share writes a ratio as "12 of 40 (30 %)", or "none yet".
func Share(part, whole int) string {
	if whole == 0 {
		return "none yet"
	}
	return fmt.Sprintf("%d of %d (%d %%)", part, whole, (part*100+whole/2)/whole)
}

// CameBackAfter reports whether a visit at next (zero: none) is a return
// after a note sent at sent: within ComeBackDays.
func CameBackAfter(sent, next time.Time) bool {
	return !next.IsZero() && next.After(sent) && next.Sub(sent) <= ComeBackDays*24*time.Hour
}
