package data

import (
	"fmt"
	"strings"
	"time"
)

// Conflict is a field where two records of one person disagree; the
// value already in the book is kept, never silently overwritten.
type Conflict struct {
	Field    string
	Kept     string
	Incoming string
}

// FillFrom fills the empty fields of existing from incoming and adds the
// incoming tags. It returns the result, the fields it filled, and the
// fields where both have different values (existing wins).
func FillFrom(existing, incoming Client) (Client, []string, []Conflict) {
	out := existing
	var filled []string
	var conflicts []Conflict
	str := func(name string, dst *string, in string) {
		in = strings.TrimSpace(in)
		switch {
		case in == "":
		case strings.TrimSpace(*dst) == "":
			*dst = in
			filled = append(filled, name)
		case !sameValue(name, *dst, in):
			conflicts = append(conflicts, Conflict{name, *dst, in})
		}
	}
	str("name prefix", &out.NamePrefix, incoming.NamePrefix)
	str("first name", &out.FirstName, incoming.FirstName)
	str("last name", &out.LastName, incoming.LastName)
	str("name suffix", &out.NameSuffix, incoming.NameSuffix)
	str("company", &out.Company, incoming.Company)
	str("email", &out.Email, incoming.Email)
	// Every email is kept: one the client does not have becomes one of
	// their other emails (a different main email is also a conflict, so
	// that a person can choose which is the main one).
	out.OtherEmails = append([]string(nil), out.OtherEmails...)
	emailAdded := false
	for _, e := range append([]string{incoming.Email}, incoming.OtherEmails...) {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case sameValue("email", out.Email, e):
		default:
			have := false
			for _, o := range out.OtherEmails {
				have = have || sameValue("email", o, e)
			}
			if !have {
				out.OtherEmails = append(out.OtherEmails, e)
				emailAdded = true
			}
		}
	}
	if emailAdded {
		filled = append(filled, "other email")
	}
	// Every phone is kept: a number the book does not have becomes one of
	// the client's other phones.
	out.OtherPhones = append([]string(nil), out.OtherPhones...)
	added := false
	for _, p := range incoming.Phones() {
		if out.AddPhone(p) {
			added = true
		}
	}
	if added {
		filled = append(filled, "phone")
	}
	if out.Address.IsZero() && !incoming.Address.IsZero() {
		out.Address = incoming.Address
		filled = append(filled, "address")
	} else if !incoming.Address.IsZero() && !sameValue("address", strings.Join(out.Address.Lines(), ", "), strings.Join(incoming.Address.Lines(), ", ")) {
		conflicts = append(conflicts, Conflict{"address", strings.Join(out.Address.Lines(), ", "), strings.Join(incoming.Address.Lines(), ", ")})
	}
	if out.Birthday.IsZero() && !incoming.Birthday.IsZero() {
		out.Birthday = incoming.Birthday
		filled = append(filled, "birthday")
	} else if !incoming.Birthday.IsZero() && out.Birthday != incoming.Birthday {
		if out.Birthday.Year == 0 && incoming.Birthday.Month == out.Birthday.Month && incoming.Birthday.Day == out.Birthday.Day {
			out.Birthday.Year = incoming.Birthday.Year
			filled = append(filled, "birth year")
		} else if incoming.Birthday.Year != 0 || incoming.Birthday.Month != out.Birthday.Month || incoming.Birthday.Day != out.Birthday.Day {
			conflicts = append(conflicts, Conflict{"birthday", out.Birthday.String(), incoming.Birthday.String()})
		}
	}
	switch n := strings.TrimSpace(incoming.Notes); {
	case n == "" || strings.Contains(out.Notes, n):
	case strings.TrimSpace(out.Notes) == "":
		out.Notes = n
		filled = append(filled, "notes")
	default:
		// Notes add up: nothing of either is lost.
		out.Notes = strings.TrimSpace(out.Notes) + "\n\n" + n
		filled = append(filled, "notes (added)")
	}
	before := len(NormalizeTags(out.Tags))
	out.Tags = NormalizeTags(append(append([]string(nil), out.Tags...), incoming.Tags...))
	if len(out.Tags) > before {
		filled = append(filled, "tags")
	}
	if out.EmailConsent == ConsentUnknown && incoming.EmailConsent != "" && incoming.EmailConsent != ConsentUnknown {
		out.EmailConsent = incoming.EmailConsent
		filled = append(filled, "email consent")
	} else if incoming.EmailConsent == ConsentUnsubscribed && out.EmailConsent != ConsentUnsubscribed {
		// An opt-out always wins: never email someone who said no.
		conflicts = append(conflicts, Conflict{"email consent", string(out.EmailConsent), string(incoming.EmailConsent)})
		out.EmailConsent = ConsentUnsubscribed
	}
	if out.PostConsent == ConsentUnknown && incoming.PostConsent != "" && incoming.PostConsent != ConsentUnknown {
		out.PostConsent = incoming.PostConsent
		filled = append(filled, "post consent")
	}
	if (out.SMSConsent == ConsentUnknown || out.SMSConsent == "") && incoming.SMSConsent != "" && incoming.SMSConsent != ConsentUnknown {
		out.SMSConsent = incoming.SMSConsent
		filled = append(filled, "text-message consent")
	} else if incoming.SMSConsent == ConsentUnsubscribed && out.SMSConsent != ConsentUnsubscribed {
		conflicts = append(conflicts, Conflict{"text-message consent", string(out.SMSConsent), string(incoming.SMSConsent)})
		out.SMSConsent = ConsentUnsubscribed
	}
	// A newer export of the same system replaces the history; the same
	// export again changes nothing; another system's history is a
	// conflict (the one the book has is kept: two systems' totals of the
	// same visits would count them twice).
	switch in := incoming.History; {
	case in.IsZero() || out.History.Same(in):
	case out.History.IsZero() || strings.EqualFold(out.History.Source, in.Source):
		out.History = in
		filled = append(filled, "history")
	default:
		conflicts = append(conflicts, Conflict{"history", out.History.Describe(""), in.Describe("")})
	}
	if out.Cadence == (Cadence{}) && incoming.Cadence != (Cadence{}) {
		out.Cadence = incoming.Cadence
		filled = append(filled, "cadence")
	}
	if incoming.DoNotContact && !out.DoNotContact {
		out.DoNotContact = true
		filled = append(filled, "do not contact")
	}
	return out, filled, conflicts
}

// sameValue compares two values of a field the way a person would.
func sameValue(field, a, b string) bool {
	switch field {
	case "email":
		return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	case "phone":
		da, db := PhoneDigits(a), PhoneDigits(b)
		if len(da) > 9 {
			da = da[len(da)-9:]
		}
		if len(db) > 9 {
			db = db[len(db)-9:]
		}
		return da == db
	}
	return Fold(strings.Join(strings.Fields(a), " ")) == Fold(strings.Join(strings.Fields(b), " "))
}

// ImportAction is what an import does with one incoming person.
type ImportAction string

// The import actions.
const (
	ImportNew    ImportAction = "new"
	ImportUpdate ImportAction = "update"
	ImportSkip   ImportAction = "skip"
	ImportError  ImportAction = "error"
)

// ImportRow is one incoming person and what the import will do with them.
type ImportRow struct {
	Line      int    // where in the file (1-based), for the report
	Client    Client // the person as read (for an update: the merged result)
	MatchID   int64  // the existing client it is (update, skip), or 0
	MatchedBy string // why: "same email", "same phone and name", "possible duplicate: same phone, different names"
	// PossibleID is a client this person may be (a weak match, see
	// Compare): the row adds them as new unless the user chooses to merge.
	PossibleID int64
	// PossibleLine is the earlier row of the same file this person may be.
	PossibleLine int
	Warnings     []string // fields left empty and why ("birthday \"0/0/00\" is not a date")
	Action       ImportAction
	Reason       string     // for skip and error
	Filled       []string   // for an update: the fields filled in
	Conflicts    []Conflict // for an update: values kept
	Visits       []time.Time
	VisitNote    string
	// TillID is the client's customer ID in the system the file came
	// from, kept so that the system's sales find the client.
	TillID TillID
}

// DuplicatePair is two clients who are likely one person, and why.
type DuplicatePair struct {
	A, B     Client
	Reason   string // "same email", "same phone and name", "same name only", "similar names"
	Sure     bool   // enough agrees for a shop to accept (see Compare)
	NameOnly bool   // found on the name alone: nothing else agrees
}

// OneEditApart reports whether a and b differ by one inserted, deleted or
// changed letter.
func OneEditApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// TakeableFields are the fields whose value a merge can take from the other
// client when the two disagree (see MergeClientsTaking).
var TakeableFields = []string{"first name", "last name", "company", "email", "phone", "address", "birthday"}

// TakeField sets field of keep to other's value. A phone given up stays one of
// the client's other phones; an email given up is noted, so that nothing
// of either record is lost.
func TakeField(keep *Client, other Client, field string) error {
	switch field {
	case "first name":
		keep.FirstName = other.FirstName
	case "last name":
		keep.LastName = other.LastName
	case "company":
		keep.Company = other.Company
	case "email":
		if old := strings.TrimSpace(keep.Email); old != "" && !strings.EqualFold(old, other.Email) {
			// The old one stays one of the client's emails.
			keep.OtherEmails = otherEmails(other.Email, append(append([]string(nil), keep.OtherEmails...), old))
		}
		keep.Email = other.Email
	case "phone":
		old := keep.Phone
		keep.Phone = ""
		keep.AddPhone(other.Phone)
		keep.AddPhone(old)
	case "address":
		keep.Address = other.Address
	case "birthday":
		keep.Birthday = other.Birthday
	default:
		return fmt.Errorf("merge: cannot take %q from the other client (fields: %s)", field, strings.Join(TakeableFields, ", "))
	}
	return nil
}
