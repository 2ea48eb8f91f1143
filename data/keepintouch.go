package data

import (
	"strings"
	"time"
)

// Status says where a client stands in keeping in touch, as of a day.
type Status string

// The keep-in-touch statuses.
const (
	StatusOK           Status = "ok"             // contacted within the ideal number of days
	StatusDue          Status = "due"            // past the ideal: time to get in touch (yellow)
	StatusOverdue      Status = "overdue"        // past the maximum: drifting away (red)
	StatusSnoozed      Status = "snoozed"        // reminders are quiet until a date
	StatusDoNotContact Status = "do-not-contact" // never listed
	StatusNew          Status = "new"            // never contacted, added within the ideal
)

// DefaultCadence is the cadence of a book whose owner has not set one:
// ideally every 60 days, at most 90.
var DefaultCadence = Cadence{Ideal: 60, Max: 90}

// CadencePolicy is the book's rule for how often to be in touch: a
// default and cadences per tag. A client's own override comes first.
type CadencePolicy struct {
	Default Cadence
	Tags    map[string]Cadence // by lower-case tag
	// ThanksWithin is how many days after a visit a thank-you follows it
	// (0: DefaultThanksWithin); see ThanksDue.
	ThanksWithin int
}

// CadenceSource says which rule gave a client's cadence.
type CadenceSource string

// Where a cadence came from.
const (
	FromClient  CadenceSource = "client"
	FromTag     CadenceSource = "tag"
	FromDefault CadenceSource = "default"
)

// For returns the cadence of a client with the given override and tags:
// the client's override, else the strictest of its tags (fewest ideal
// days, then fewest maximum days), else the default. An override of only
// one of the two numbers takes the other from the rule below it; the
// maximum is never below the ideal. tag names the tag when one was used.
func (p CadencePolicy) For(override Cadence, tags []string) (c Cadence, src CadenceSource, tag string) {
	base := p.Default
	if base.Ideal <= 0 || base.Max <= 0 {
		base = DefaultCadence
	}
	src = FromDefault
	found := false
	for _, t := range tags {
		tc, ok := p.Tags[strings.ToLower(t)]
		if !ok {
			continue
		}
		if !found || tc.Ideal < base.Ideal || (tc.Ideal == base.Ideal && tc.Max < base.Max) {
			base, tag, found = tc, t, true
		}
	}
	if found {
		src = FromTag
	}
	c = base
	if override.Ideal > 0 || override.Max > 0 {
		src, tag = FromClient, ""
		if override.Ideal > 0 {
			c.Ideal = override.Ideal
		}
		if override.Max > 0 {
			c.Max = override.Max
		}
	}
	if c.Max < c.Ideal {
		c.Max = c.Ideal
	}
	return c, src, tag
}

// Standing is the keep-in-touch picture of one client on one day.
type Standing struct {
	Status        Status
	Cadence       Cadence
	CadenceSource CadenceSource
	CadenceTag    string    // the tag whose cadence was used, if any
	LastContactAt time.Time // zero when never contacted
	DaysSince     int       // days since the last contact (or since added, when never contacted)
	ThankYouDue   bool      // due a thank-you: see ThanksDue
}

// Touch is what the rules need to know of a client.
type Touch struct {
	Created      time.Time
	LastContact  time.Time
	LastVisit    time.Time
	LastThankYou time.Time
	SnoozedUntil time.Time // a date; reminders return on that day
	DoNotContact bool
	Deleted      bool
	Cadence      Cadence // the client's own override
	Tags         []string
	// Unreachable: the client cannot be written to, having neither a
	// postal address nor an email they get (see Reachable).
	Unreachable bool
}

// Days counts the calendar days from t to asOf in loc: a visit at 23:30
// local time belongs to that day, so the next morning is one day later.
func Days(t, asOf time.Time, loc *time.Location) int {
	a := t.In(loc)
	b := asOf.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// StandingOf applies the keep-in-touch rules to a client as of a day, in
// the local time zone loc. It never looks at the clock: asOf is the day.
func StandingOf(t Touch, p CadencePolicy, asOf time.Time, loc *time.Location) Standing {
	var s Standing
	s.Cadence, s.CadenceSource, s.CadenceTag = p.For(t.Cadence, t.Tags)
	s.LastContactAt = t.LastContact
	from := t.LastContact
	if t.LastVisit.After(from) {
		// A last visit with no contact of its own: the history before
		// Regulars (issue 26) counts as the client's last contact.
		from = t.LastVisit
	}
	if from.IsZero() {
		from = t.Created
	}
	s.DaysSince = Days(from, asOf, loc)
	if s.DaysSince < 0 {
		s.DaysSince = 0
	}
	s.ThankYouDue = ThanksDue(t, s.Cadence, p.ThanksWithin, asOf, loc)
	switch {
	case t.DoNotContact || t.Deleted:
		s.Status = StatusDoNotContact
		return s
	case !t.SnoozedUntil.IsZero() && Days(asOf, t.SnoozedUntil, loc) > 0:
		s.Status = StatusSnoozed
		return s
	}
	switch {
	case s.DaysSince > s.Cadence.Max:
		s.Status = StatusOverdue
	case s.DaysSince > s.Cadence.Ideal:
		s.Status = StatusDue
	case t.LastContact.IsZero():
		s.Status = StatusNew
	default:
		s.Status = StatusOK
	}
	return s
}

// NextBirthday returns how many days from asOf (a day in loc) to the
// client's next birthday, and that date. A 29 February birthday falls on
// 28 February in other years. ok is false when the birthday is unknown.
func NextBirthday(b Birthday, asOf time.Time, loc *time.Location) (days int, on time.Time, ok bool) {
	if b.IsZero() {
		return 0, time.Time{}, false
	}
	a := asOf.In(loc)
	today := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, loc)
	for year := a.Year(); year <= a.Year()+1; year++ {
		d := birthdayIn(b, year, loc)
		if !d.Before(today) {
			return Days(today, d, loc), d, true
		}
	}
	return 0, time.Time{}, false
}

// birthdayIn is the date of the birthday in a given year.
func birthdayIn(b Birthday, year int, loc *time.Location) time.Time {
	day := b.Day
	if b.Month == time.February && day == 29 && !IsLeap(year) {
		day = 28
	}
	return time.Date(year, b.Month, day, 0, 0, 0, 0, loc)
}

// IsLeap reports whether y is a leap year of the Gregorian calendar.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
