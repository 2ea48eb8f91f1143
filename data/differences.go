package data

import (
	"strconv"
	"strings"
)

// Difference is one detail of a client that two versions disagree on, in
// words for the person who must choose between them.
type Difference struct {
	Field       string // "Phone", "Address"…
	Theirs, Own string // as the book has it now, and as being saved
}

// ClientDifferences lists the details in which own (what someone is about
// to save) differs from theirs (what another seat saved meanwhile), in the
// order of the client form; the window shows them side by side when a
// save is refused as stale (ChangedError).
func ClientDifferences(theirs, own Client) []Difference {
	var out []Difference
	add := func(field, a, b string) {
		if a != b {
			out = append(out, Difference{Field: field, Theirs: a, Own: b})
		}
	}
	add("First name", theirs.FirstName, own.FirstName)
	add("Last name", theirs.LastName, own.LastName)
	add("Company", theirs.Company, own.Company)
	add("Email", theirs.Email, own.Email)
	add("Phone", theirs.Phone, own.Phone)
	add("Other phones", strings.Join(theirs.OtherPhones, ", "), strings.Join(own.OtherPhones, ", "))
	add("Address", strings.Join(theirs.Address.Lines(), ", "), strings.Join(own.Address.Lines(), ", "))
	add("Birthday", theirs.Birthday.String(), own.Birthday.String())
	add("Notes", theirs.Notes, own.Notes)
	add("Tags", strings.Join(theirs.Tags, ", "), strings.Join(own.Tags, ", "))
	add("Prefers", string(theirs.PreferredChannel), string(own.PreferredChannel))
	add("Cards by post", string(theirs.PostConsent), string(own.PostConsent))
	add("Email consent", string(theirs.EmailConsent), string(own.EmailConsent))
	add("Do not contact", yesNo(theirs.DoNotContact), yesNo(own.DoNotContact))
	add("Keep in touch", cadenceWords(theirs.Cadence), cadenceWords(own.Cadence))
	add("Quiet until", dateWords(theirs.SnoozedUntil.Format(dateLayout), theirs.SnoozedUntil.IsZero()), dateWords(own.SnoozedUntil.Format(dateLayout), own.SnoozedUntil.IsZero()))
	add("In the trash", yesNo(!theirs.DeletedAt.IsZero()), yesNo(!own.DeletedAt.IsZero()))
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func cadenceWords(c Cadence) string {
	if c.Ideal == 0 && c.Max == 0 {
		return "as the book's rules say"
	}
	return "every " + strconv.Itoa(c.Ideal) + " days, at most " + strconv.Itoa(c.Max)
}

func dateWords(s string, zero bool) string {
	if zero {
		return ""
	}
	return s
}
