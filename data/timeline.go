package data

import (
	"time"
)

// EventKind says what an entry of a client's timeline is.
type EventKind string

// The kinds of timeline entries.
const (
	EventVisit             EventKind = "visit"
	EventContact           EventKind = "contact" // a call, text, meeting, card, email, reply or other touch
	EventFollowUp          EventKind = "follow-up"
	EventFollowUpDone      EventKind = "follow-up done"
	EventComplaint         EventKind = "complaint"
	EventComplaintResolved EventKind = "complaint resolved"
	EventAdded             EventKind = "added"
	// EventHistory is the client's history before Regulars, one entry
	// (see History.Describe), at its last visit.
	EventHistory EventKind = "history"
)

// Event is one thing that happened with a client, for the client's
// timeline: a visit, a contact of any kind, a follow-up promised or done, a
// complaint raised or put right, the day they were added.
type Event struct {
	At   time.Time
	Kind EventKind
	// Visit is set for EventVisit, Contact for EventContact, FollowUp and
	// Complaint for their kinds.
	Visit     Visit
	Contact   Contact
	FollowUp  FollowUp
	Complaint Complaint
	// History is set for EventHistory; Currency is the book's, for the
	// front end to fill in before describing it.
	History  History
	Currency string
}

// Totals are a client's visits and spend, for the client pane.
type Totals struct {
	Visits      int
	SpentCents  int64 // over the visits with an amount
	WithAmount  int   // visits with an amount
	First, Last time.Time
}

// AverageCents is the average spend per visit with an amount, or -1.
func (t Totals) AverageCents() int64 {
	if t.WithAmount == 0 {
		return -1
	}
	return t.SpentCents / int64(t.WithAmount)
}

// AverageDays is the average number of days between visits, or 0 when
// there are fewer than two.
func (t Totals) AverageDays() int {
	if t.Visits < 2 {
		return 0
	}
	return int(t.Last.Sub(t.First).Hours()/24+0.5) / (t.Visits - 1)
}

// VisitTotals sums a list of visits.
func VisitTotals(visits []Visit) Totals {
	var t Totals
	for _, v := range visits {
		t.Visits++
		if v.HasAmount() {
			t.SpentCents += v.AmountCents
			t.WithAmount++
		}
		if t.First.IsZero() || v.At.Before(t.First) {
			t.First = v.At
		}
		if v.At.After(t.Last) {
			t.Last = v.At
		}
	}
	return t
}
