package search

import (
	"time"

	"regulars/data"
)

// Entry is one client in the index, kept small: the index holds every
// client of the book for as long as the window is open, so its size is
// most of the window's memory on a large book (see the Store's
// BenchmarkIndexMemory). Moments are stamps rather than time.Time, the
// list row's texts one string (see SetText), and the search words one
// string, whose words the word lists share.
//
// The Store fills an Entry from the book's row of the client and gives it
// to the index; the exported fields are the facts the keep-in-touch rules
// and the list need.
type Entry struct {
	// ID is the client's id in the book.
	ID int64
	// text is the first name, last name, company, email and phone one after
	// the other; cut holds where each but the first starts.
	text string
	cut  [4]uint32
	// terms are the folded search words separated by spaces: those of the
	// name up to nameEnd, then those of the email, company and tags. They are
	// listed the first time a search needs them (see ensureWords).
	terms   string
	nameEnd uint32
	// Digits are the phone's digits (without an extension), then a space
	// and the digits of each other phone.
	Digits string
	// Tags are the client's tags.
	Tags []string
	// OtherEmails are the client's emails besides the main one, one a
	// line ("" for nearly all): searchable as the main one is.
	OtherEmails string
	// sortFolded is Fold("last first company") when that is not plain
	// ASCII, for ordering (see sortName); "" otherwise, as for nearly all.
	sortFolded string

	// The moments of the client: the latest and first visit, when the
	// client was added, the latest contact and thank-you.
	LastVisit, FirstVisit, Created, LastContact, LastThanks Stamp
	// The latest sign of life, we-miss-you and birthday note.
	LastTwoWay, LastMiss, LastBirthday Stamp
	// Snoozed is the local date the client is snoozed until.
	Snoozed Stamp
	// SpentCents is what the client spent in all.
	SpentCents int64
	// Visits is how many visits the client made.
	Visits int32
	// Cadence is the client's own ideal and maximum days.
	Cadence [2]int32
	// The client's birthday (zero parts unknown).
	BirthYear             int16
	BirthMonth, BirthDay  uint8
	Deleted, DoNotContact bool // in the trash; asked not to be contacted
	// Unreachable is set when the client has neither a postal address nor
	// an email they get.
	Unreachable bool
	// ByEmail is set when the client is written to by email (see
	// data.Reachable).
	ByEmail bool
	// LastKind is the kind of the latest contact.
	LastKind data.ContactKind
}

// SetText sets the texts the list shows of the entry, kept as one string.
func (e *Entry) SetText(first, last, company, email, phone string) {
	e.text = first + last + company + email + phone
	e.cut[0] = uint32(len(first))
	e.cut[1] = e.cut[0] + uint32(len(last))
	e.cut[2] = e.cut[1] + uint32(len(company))
	e.cut[3] = e.cut[2] + uint32(len(email))
}

// field returns the i-th text of the entry (see text).
func (e *Entry) field(i int) string {
	from, to := uint32(0), uint32(len(e.text))
	if i > 0 {
		from = e.cut[i-1]
	}
	if i < len(e.cut) {
		to = e.cut[i]
	}
	return e.text[from:to]
}

// The texts of an entry, in order.
const (
	fieldFirst = iota
	fieldLast
	fieldCompany
	fieldEmail
	fieldPhone
)

// Summary is the list row of the entry, its standing left blank.
func (e *Entry) Summary() data.ClientSummary {
	return data.ClientSummary{ID: e.ID, FirstName: e.field(fieldFirst), LastName: e.field(fieldLast), Company: e.field(fieldCompany),
		Email: e.field(fieldEmail), Phone: e.field(fieldPhone), LastVisitAt: e.LastVisit.UTC(), VisitCount: int(e.Visits),
		SpentCents: e.SpentCents, FirstVisitAt: e.FirstVisit.UTC()}
}

// Touch is what the keep-in-touch rules need of the entry.
func (e *Entry) Touch() data.Touch {
	return data.Touch{Created: e.Created.UTC(), LastContact: e.LastContact.UTC(), LastVisit: e.LastVisit.UTC(),
		LastThankYou: e.LastThanks.UTC(), SnoozedUntil: e.Snoozed.Local(), DoNotContact: e.DoNotContact, Deleted: e.Deleted,
		Cadence: data.Cadence{Ideal: int(e.Cadence[0]), Max: int(e.Cadence[1])}, Tags: e.Tags, Unreachable: e.Unreachable}
}

// OccasionFacts is what the occasion rules need of the entry (for the
// we-miss-you: its sign of life and its last we-miss-you).
func (e *Entry) OccasionFacts() data.OccasionFacts {
	return data.OccasionFacts{Touch: e.Touch(), Birthday: e.Birthday(), FirstVisit: e.FirstVisit.UTC(),
		LastTwoWay: latest(e.LastTwoWay.UTC(), e.LastVisit.UTC()), LastMiss: e.LastMiss.UTC(), LastBirthday: e.LastBirthday.UTC(), ByEmail: e.ByEmail}
}

// Birthday is the entry's birthday.
func (e *Entry) Birthday() data.Birthday {
	return data.Birthday{Year: int(e.BirthYear), Month: time.Month(e.BirthMonth), Day: int(e.BirthDay)}
}

// latest is the later of two times; the last visit is a sign of life even
// when it was in another system before Regulars.
func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
