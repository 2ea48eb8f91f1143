package data

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial maps letters that do not decompose into a base letter and a
// mark to their plain spelling, so that "Søren" is found by "soren".
var foldSpecial = map[rune]string{
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ß': "ss", 'þ': "th", 'ı': "i",
}

// Fold lowers s and strips its accents: "José Núñez" → "jose nunez". Search
// and duplicate checks compare folded text.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := foldSpecial[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// NameKey is the normalized full name used to spot duplicates: folded,
// punctuation dropped, words in order.
func NameKey(first, last string) string {
	var ws []string
	for _, field := range strings.Fields(Fold(first + " " + last)) {
		var b strings.Builder
		for _, r := range field {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			ws = append(ws, b.String())
		}
	}
	return strings.Join(ws, " ")
}

// ClientSummary is a row of the client list: enough to recognise the
// person at the counter.
type ClientSummary struct {
	ID           int64
	FirstName    string
	LastName     string
	Company      string
	Email        string
	Phone        string
	LastVisitAt  time.Time
	VisitCount   int
	SpentCents   int64 // over the visits with an amount
	FirstVisitAt time.Time
	// Status and ThankYouDue are the keep-in-touch standing today, filled
	// in once the index is built (Status is "" before that).
	Status      Status
	ThankYouDue bool
}

// Summary is the list row of a client read whole; its standing is left
// for the list to fill in.
func (c Client) Summary() ClientSummary {
	return ClientSummary{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Company: c.Company,
		Email: c.Email, Phone: c.Phone, LastVisitAt: c.LastVisitAt, VisitCount: c.VisitCount}
}

// Totals are the client's visit figures from the list row: how many,
// spend, the average spend and the average days between visits.
func (c ClientSummary) Totals() Totals {
	return Totals{Visits: c.VisitCount, SpentCents: c.SpentCents, WithAmount: c.VisitCount, First: c.FirstVisitAt, Last: c.LastVisitAt}
}

// Name is the client's full name, or the company when there is no name.
func (c ClientSummary) Name() string {
	return Client{FirstName: c.FirstName, LastName: c.LastName, Company: c.Company}.Name()
}

// SearchResult is one page of search results and how many matched in all.
type SearchResult struct {
	Clients []ClientSummary
	Total   int // matches in all; more than len(Clients) when cut at the limit
}

// Filter narrows the client list to a keep-in-touch status or a tag.
type Filter struct {
	Status      Status // StatusDue or StatusOverdue; "" for any
	ThankYouDue bool   // only clients due a thank-you (see ThanksDue)
	Tag         string // only clients with this tag (any case); "" for any
	AsOf        time.Time
}

// IsZero reports whether the filter lets everyone through.
func (f Filter) IsZero() bool { return f.Status == "" && !f.ThankYouDue && f.Tag == "" }
