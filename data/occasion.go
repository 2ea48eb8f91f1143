package data

import (
	"fmt"
	"time"
)

// OccasionSorry is the occasion of a note after a complaint was put right
// ("make it right").
const OccasionSorry Occasion = "sorry"

// Occasions are the reasons to write, in the order the owner meets them.
var Occasions = []Occasion{OccasionThanks, OccasionWelcome, OccasionMiss, OccasionBirthday, OccasionSorry}

// Words names an occasion in a sentence, before "card", "email" or
// "note": "thank-you", "welcome", "we-miss-you", "birthday",
// "make-it-right".
func (o Occasion) Words() string {
	switch o {
	case OccasionThanks:
		return "thank-you"
	case OccasionMiss:
		return "we-miss-you"
	case OccasionSorry:
		return "make-it-right"
	}
	return string(o)
}

// OccasionFacts is what the occasion rules need to know of one client:
// the keep-in-touch facts and the notes already written.
type OccasionFacts struct {
	Touch
	Birthday   Birthday
	FirstVisit time.Time
	// LastTwoWay is the latest visit, reply, call, text or meeting: a
	// sign of life from the client, which a note from the shop is not.
	LastTwoWay time.Time
	// The latest note of each occasion sent to the client.
	LastWelcome, LastMiss, LastBirthday time.Time
	// ByEmail: the client is written to by email (see Reachable), so a
	// birthday note for them, on any channel, keeps the email's days.
	ByEmail bool
	// Complaints of the client, and those already followed by a note.
	Complaints []Complaint
	Apologised map[int64]bool
}

// OccasionRules are the owner's settings of the occasions.
type OccasionRules struct {
	// MissLapsedMax: a client silent for longer is not written to any more
	// (long gone, not drifting).
	MissLapsedMax int
	// A birthday card goes out when the birthday is BirthdayPostFrom to
	// BirthdayPostTo days ahead, so the post brings it in time; an email
	// BirthdayEmailFrom to BirthdayEmailTo days ahead (on the day or the
	// day before).
	BirthdayPostFrom, BirthdayPostTo   int
	BirthdayEmailFrom, BirthdayEmailTo int
}

// DefaultOccasionRules are the rules of a new book.
var DefaultOccasionRules = OccasionRules{MissLapsedMax: 365, BirthdayPostFrom: 7, BirthdayPostTo: 21, BirthdayEmailFrom: 0, BirthdayEmailTo: 1}

// Due says whether a client is due a note of an occasion, and why in
// words for the review ("overdue by 40 days; last visit 12 March"). The
// period [from, to) is the batch's; asOf is the day it is made, in loc.
// Consent, channel and address are the batch's business: Due is only the
// occasion's own rule and its never-twice rule (the thank-you's and the
// we-miss-you's rules also leave out who cannot be written to at all, as
// Today does, so that Today, its lists and the batches count the same). A client in the trash or
// marked "do not contact" is never due; a snoozed one is not due a
// we-miss-you.
func (o Occasion) Due(f OccasionFacts, ch Channel, p CadencePolicy, r OccasionRules, from, to, asOf time.Time, loc *time.Location) (why string, due bool) {
	if f.Deleted || f.DoNotContact {
		return "", false
	}
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(to) }
	switch o {
	case OccasionThanks:
		cad, _, _ := p.For(f.Cadence, f.Tags)
		if in(f.LastVisit) && ThanksDue(f.Touch, cad, p.ThanksWithin, asOf, loc) {
			return "visited " + dayText(f.LastVisit, loc) + thankedText(f.LastThankYou, loc), true
		}
	case OccasionWelcome:
		if in(f.FirstVisit) && f.LastWelcome.IsZero() {
			return "first visit " + dayText(f.FirstVisit, loc), true
		}
	case OccasionMiss:
		if f.Unreachable || !f.SnoozedUntil.IsZero() && Days(asOf, f.SnoozedUntil, loc) > 0 {
			return "", false
		}
		since := f.LastTwoWay
		if since.IsZero() {
			return "", false // never came: a welcome, not a we-miss-you
		}
		cad, _, _ := p.For(f.Cadence, f.Tags)
		lapsed := Days(since, asOf, loc)
		if lapsed <= cad.Max || lapsed > r.MissLapsedMax {
			return "", false
		}
		if !f.LastMiss.IsZero() && !f.LastMiss.Before(since) {
			return "", false // written to already since they were last heard from
		}
		return fmt.Sprintf("overdue by %s; last %s %s", dayCount(lapsed-cad.Max), lastWord(f), dayText(since, loc)), true
	case OccasionBirthday:
		days, on, ok := NextBirthday(f.Birthday, asOf, loc)
		if !ok || f.Unreachable {
			return "", false
		}
		lo, hi := r.BirthdayPostFrom, r.BirthdayPostTo
		if ch == ChannelEmail || ch == ChannelAny && f.ByEmail {
			lo, hi = r.BirthdayEmailFrom, r.BirthdayEmailTo
		}
		if days < lo || days > hi {
			return "", false
		}
		if !f.LastBirthday.IsZero() && Days(f.LastBirthday, on, loc) < 300 {
			return "", false // once a year
		}
		why := "birthday " + on.Format("Mon 2 Jan")
		if f.Birthday.Year != 0 {
			why += fmt.Sprintf(" (turns %d)", on.Year()-f.Birthday.Year)
		}
		return why, true
	case OccasionSorry:
		for _, k := range f.Complaints {
			if !k.Open() && in(k.ResolvedOn) && !f.Apologised[k.ID] {
				return fmt.Sprintf("complaint put right %s: %s", dayText(k.ResolvedOn, loc), k.Resolution), true
			}
		}
	}
	return "", false
}

// Complaint returns the complaint a make-it-right note answers: the first
// resolved in the period and not yet followed by a note.
func (f OccasionFacts) Complaint(from, to time.Time) (Complaint, bool) {
	for _, k := range f.Complaints {
		if !k.Open() && !k.ResolvedOn.Before(from) && k.ResolvedOn.Before(to) && !f.Apologised[k.ID] {
			return k, true
		}
	}
	return Complaint{}, false
}

// lastWord names the latest sign of life for the we-miss-you reason.
func lastWord(f OccasionFacts) string {
	if !f.LastVisit.IsZero() && !f.LastVisit.Before(f.LastTwoWay) {
		return "visit"
	}
	return "contact"
}

// dayText writes a day for a reason: "12 March 2026".
func dayText(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2 January 2006")
}

// dayCount writes "1 day", "40 days".
func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// thankedText adds when the client was last thanked.
func thankedText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ", never thanked"
	}
	return ", last thanked " + dayText(t, loc)
}
