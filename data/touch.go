package data

import (
	"time"
)

// FollowUp is a promised call-back: a client, what about, by when, who.
type FollowUp struct {
	ID         int64
	ClientID   int64
	ClientName string // filled in when read back
	What       string
	Due        time.Time // a local day
	StaffID    int64
	StaffName  string
	CreatedAt  time.Time
	DoneAt     time.Time // zero while open
}

// Done reports whether the follow-up was done.
func (f FollowUp) Done() bool { return !f.DoneAt.IsZero() }

// Complaint is an issue a client raised and how it was made right.
type Complaint struct {
	ID          int64
	ClientID    int64
	ClientName  string
	RaisedOn    time.Time // a local day
	Description string
	Resolution  string
	ResolvedOn  time.Time // zero while open
}

// Open reports whether the complaint is not resolved yet.
func (c Complaint) Open() bool { return c.ResolvedOn.IsZero() }
