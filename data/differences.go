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

// clientDetail is one detail of a client as the person sees it: its name,
// its value in words, and how to copy it from one client to another.
type clientDetail struct {
	field string
	get   func(Client) string
	take  func(dst *Client, src Client)
}

// clientDetails are the details a person edits, in the order of the form.
var clientDetails = []clientDetail{
	{"First name", func(c Client) string { return c.FirstName }, func(d *Client, s Client) { d.FirstName = s.FirstName }},
	{"Last name", func(c Client) string { return c.LastName }, func(d *Client, s Client) { d.LastName = s.LastName }},
	{"Company", func(c Client) string { return c.Company }, func(d *Client, s Client) { d.Company = s.Company }},
	{"Email", func(c Client) string { return c.Email }, func(d *Client, s Client) { d.Email = s.Email }},
	{"Phone", func(c Client) string { return c.Phone }, func(d *Client, s Client) { d.Phone = s.Phone }},
	{"Other phones", func(c Client) string { return strings.Join(c.OtherPhones, ", ") }, func(d *Client, s Client) { d.OtherPhones = s.OtherPhones }},
	{"Address", func(c Client) string { return strings.Join(c.Address.Lines(), ", ") }, func(d *Client, s Client) { d.Address = s.Address }},
	{"Birthday", func(c Client) string { return c.Birthday.String() }, func(d *Client, s Client) { d.Birthday = s.Birthday }},
	{"Notes", func(c Client) string { return c.Notes }, func(d *Client, s Client) { d.Notes = s.Notes }},
	{"Tags", func(c Client) string { return strings.Join(c.Tags, ", ") }, func(d *Client, s Client) { d.Tags = s.Tags }},
	{"Thank by", func(c Client) string { return string(c.PreferredChannel) }, func(d *Client, s Client) { d.PreferredChannel = s.PreferredChannel }},
	{"Cards by post", func(c Client) string { return string(c.PostConsent) }, func(d *Client, s Client) { d.PostConsent = s.PostConsent }},
	{"Email consent", func(c Client) string { return string(c.EmailConsent) }, func(d *Client, s Client) { d.EmailConsent = s.EmailConsent }},
	{"Do not contact", func(c Client) string { return yesNo(c.DoNotContact) }, func(d *Client, s Client) { d.DoNotContact = s.DoNotContact }},
	{"Keep in touch", func(c Client) string { return cadenceWords(c.Cadence) }, func(d *Client, s Client) { d.Cadence = s.Cadence }},
	{"Quiet until", func(c Client) string { return dateWords(c.SnoozedUntil.Format(DateLayout), c.SnoozedUntil.IsZero()) }, func(d *Client, s Client) { d.SnoozedUntil = s.SnoozedUntil }},
}

// ClientMerge is what becomes of a save made from an older copy of a
// client (base) after another seat saved theirs: the other seat's changes
// and one's own, detail by detail.
type ClientMerge struct {
	// Merged has both: their changes, and one's own on top (one's own
	// wins a detail both changed). Its Version is theirs, so saving it
	// is a save on top of theirs.
	Merged Client
	// TheirChanges are the details the other seat changed and this one
	// did not: kept as they saved them (Own is the value before).
	TheirChanges []Difference
	// BothChanged are the details both changed, differently: the person
	// chooses (Merged holds their own).
	BothChanged []Difference
}

// MergeClient compares, detail by detail, the client as it was opened
// (base), as another seat saved it (theirs) and as being saved (own), so
// that the window can show what the other seat changed and keep both
// people's changes where they do not touch the same detail.
func MergeClient(base, theirs, own Client) ClientMerge {
	m := ClientMerge{Merged: own}
	m.Merged.Version = theirs.Version
	for _, d := range clientDetails {
		b, t, o := d.get(base), d.get(theirs), d.get(own)
		switch {
		case t == b || t == o: // they changed nothing here, or the same
		case o == b: // only they changed it: theirs is kept
			d.take(&m.Merged, theirs)
			m.TheirChanges = append(m.TheirChanges, Difference{Field: d.field, Theirs: t, Own: o})
		default:
			m.BothChanged = append(m.BothChanged, Difference{Field: d.field, Theirs: t, Own: o})
		}
	}
	return m
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
