package exchange

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"regulars/data"
	"regulars/internal/clock"
)

// The fields of a client's history before Regulars and of the other
// systems' identities, read from a contacts export.
const (
	FSpent      = Field("amount spent")  // Square's Total Spend, Shopify's Total Spent, "Umsatz"
	FNamePrefix = Field("name prefix")   // "Dr.", "Mrs"
	FNameSuffix = Field("name suffix")   // "Jr", "III"
	FCustomerID = Field("customer id")   // the till's own ID of the customer (Square, Shopify)
	FOptedOut   = Field("unsubscribed?") // HubSpot's "Unsubscribed from all email": true is an unsubscribe
	FNamedNote  = Field("note, named")   // a column with no field of its own: "Allergie: PPD!" in the notes
	// fHistorySource is the history's source in Regulars' own export.
	fHistorySource = Field("history source")
)

// ownHistoryColumns map the history columns of Regulars' own export.
var ownHistoryColumns = map[string]Field{"history_source": fHistorySource, "history_first_visit": FFirstVisit,
	"history_last_visit": FLastVisit, "history_visits": FVisitCount, "history_spent": FSpent,
	"other_emails": FEmail, "sms_consent": FSMSConsent}

func init() {
	Fields = append(Fields, FSpent, FNamePrefix, FNameSuffix, FCustomerID, FOptedOut, FNamedNote)
	manyColumns[FNamedNote] = true
	for k, f := range map[string]Field{
		// The history: Square, Shopify, Vagaro, spreadsheets in English and German.
		"total spend": FSpent, "total spent": FSpent, "lifetime spend": FSpent, "amount spent": FSpent,
		"spend": FSpent, "spent": FSpent, "revenue": FSpent, "total revenue": FSpent, "total sales": FSpent,
		"umsatz": FSpent, "gesamtumsatz": FSpent, "chiffre d'affaires": FSpent, "total dépensé": FSpent, "gasto total": FSpent,
		"total orders": FVisitCount, "orders": FVisitCount, "orders count": FVisitCount, "besuche": FVisitCount,
		"anzahl besuche": FVisitCount, "visites": FVisitCount, "visitas": FVisitCount,
		"letzter besuch": FLastVisit, "dernière visite": FLastVisit, "última visita": FLastVisit, "last order date": FLastVisit,
		"client since": FFirstVisit, "customer since": FFirstVisit, "kunde seit": FFirstVisit, "erster besuch": FFirstVisit,
		"première visite": FFirstVisit, "primera visita": FFirstVisit, "member since": FFirstVisit,
		// Names.
		"prefix": FNamePrefix, "name prefix": FNamePrefix, "title": FNamePrefix, "salutation": FNamePrefix,
		"honorific prefix": FNamePrefix, "titel": FNamePrefix, "anrede": FNamePrefix,
		"suffix": FNameSuffix, "name suffix": FNameSuffix, "honorific suffix": FNameSuffix, "namenszusatz": FNameSuffix,
		// The till's customer IDs (kept so that its sales find the client).
		"square customer id": FCustomerID, "customer id": FCustomerID, "shopify customer id": FCustomerID,
		// HubSpot, German Excel.
		"unsubscribed from all email": FOptedOut, "opted out of all email": FOptedOut, "state/region": FRegion,
		"newsletter": FEmailConsent, "bemerkung": FNotes, "hinweis": FNotes, "hinweise": FNotes, "allergien": FNotes,
		"email 2": FEmail, "e-mail 2": FEmail, "secondary email": FEmail, "other email": FEmail, "work email": FEmail,
	} {
		synonyms[k] = f
		if c := compactKey(k); c != "" {
			compactSynonyms[c] = f
		}
	}
	manyColumns[FEmail] = true
}

// tillSources are the formats whose contacts exports carry the customer
// IDs their sales exports name.
var tillSources = map[Format]bool{FormatSquare: true, FormatShopify: true}

// history reads a row's totals from the old system (first and last visit,
// visits, amount spent) into the client's history: no visit rows are made
// for it.
func (r *rowReader) history(p *Person, rec []string) {
	at := func(field Field, what string) time.Time {
		v, col := r.get(rec, field)
		if v == "" {
			return time.Time{}
		}
		d, ok := r.date(p, what, v, col)
		if !ok {
			return time.Time{}
		}
		if d.Year == 0 {
			p.warn("%s %q (%s) has no year; left out", what, v, r.col(col))
			return time.Time{}
		}
		t := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.Local)
		if err := data.CheckPastDate(what, t, clock.Now()); err != nil {
			// A visit in 9999 would keep them from ever being due.
			p.warn("%s (%s): %v; left out", what, r.col(col), err)
			return time.Time{}
		}
		return t
	}
	h := data.History{Source: sourceName(r.f)}
	if src, _ := r.get(rec, fHistorySource); src != "" {
		h.Source = src // Regulars' own export says where it came from
	}
	h.First, h.Last = at(FFirstVisit, "first visit"), at(FLastVisit, "last visit")
	if !h.First.IsZero() && !h.Last.IsZero() && h.Last.Before(h.First) {
		p.warn("the last visit (%s) is before the first (%s); kept the first as the last too",
			h.Last.Format("2006-01-02"), h.First.Format("2006-01-02"))
		h.Last = h.First
	}
	if v, col := r.get(rec, FVisitCount); v != "" {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), ".", ""))
		if err != nil || n < 0 || n > 100000 {
			p.warn("%s %q is not a number of visits; left out", r.col(col), v)
		} else {
			h.Visits = n
		}
	}
	if v, col := r.get(rec, FSpent); v != "" {
		c, err := ParseMoney(v)
		switch {
		case err != nil:
			p.warn("%s %q: %v; left out", r.col(col), v, err)
		case c < 0:
			p.warn("%s %q is less than nothing; left out", r.col(col), v)
		default:
			h.SpentCents = c
		}
	}
	// A visit count without dates still counts; dates without a count are
	// at least one visit each.
	if h.Visits == 0 && (!h.First.IsZero() || !h.Last.IsZero()) {
		h.Visits = 1
		if !h.First.IsZero() && !h.Last.IsZero() && !h.First.Equal(h.Last) {
			h.Visits = 2
		}
	}
	if h.Visits == 0 && h.SpentCents == 0 {
		return
	}
	if h.First.IsZero() {
		h.First = h.Last
	}
	if h.Last.IsZero() {
		h.Last = h.First
	}
	p.Client.History = h
}

// sourceName is the name a history is kept under: the program's, or "a
// spreadsheet" for any other CSV.
func sourceName(f Format) string {
	switch f {
	case FormatCSV, FormatAuto:
		return "a spreadsheet"
	}
	return f.Title()
}

// nameParts reads the prefix and suffix columns, and takes a prefix or a
// suffix written into the name columns ("Dr. Ann Lee", "Ann Lee Jr") out
// of them.
func (r *rowReader) nameParts(p *Person, rec []string) {
	c := &p.Client
	c.NamePrefix, _ = r.get(rec, FNamePrefix)
	c.NameSuffix, _ = r.get(rec, FNameSuffix)
	if c.NamePrefix == "" {
		if w, rest, ok := strings.Cut(c.FirstName, " "); ok && isPrefix(w) {
			c.NamePrefix, c.FirstName = w, strings.TrimSpace(rest)
		}
	}
	if c.NameSuffix == "" {
		words := strings.Fields(c.LastName)
		if len(words) > 1 && isSuffix(words[len(words)-1]) {
			c.NameSuffix = strings.TrimSuffix(words[len(words)-1], ",")
			c.LastName = strings.TrimSuffix(strings.Join(words[:len(words)-1], " "), ",")
		}
	}
}

var namePrefixes = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "prof": true,
	"rev": true, "sir": true, "dame": true, "herr": true, "frau": true, "mme": true, "mlle": true, "m": false, "sr": false,
	"sra": true, "srta": true, "don": false, "doña": true, "fr": true}

func isPrefix(w string) bool { return namePrefixes[strings.ToLower(strings.TrimSuffix(w, "."))] }

var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "phd": true, "md": true,
	"esq": true, "dds": true, "cpa": true}

func isSuffix(w string) bool {
	return nameSuffixes[strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, ","), "."))]
}

// ParseMoney reads an amount as exporters write it: "$1,520.00",
// "1.234,50" (German Excel), "€ 12", "250.00", "-12.00" and "(12.00)"
// (a refund), "12,5". It returns cents, negative for a refund.
func ParseMoney(s string) (int64, error) {
	t := strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg, t = true, t[1:len(t)-1]
	}
	// Drop currency symbols and codes, spaces (also the narrow no-break
	// space French Excel writes) and the apostrophe of Swiss thousands.
	t = strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r == '.', r == ',', r == '-', r == '+':
			return r
		case unicode.IsLetter(r), unicode.IsSpace(r), unicode.Is(unicode.Sc, r), r == '\'', r == '\u2019', r == '\u202F', r == '\u00A0':
			return -1
		}
		return r
	}, t)
	if strings.HasPrefix(t, "-") {
		neg, t = !neg, t[1:]
	} else if strings.HasSuffix(t, "-") {
		neg, t = !neg, t[:len(t)-1]
	}
	t = strings.TrimPrefix(t, "+")
	if t == "" {
		return 0, fmt.Errorf("no amount in %q", s)
	}
	if strings.Trim(t, "0123456789.,") != "" {
		return 0, fmt.Errorf("%q is not an amount (like 12.50)", s)
	}
	dot, comma := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
	decimal := -1
	switch {
	case dot >= 0 && comma >= 0:
		decimal = max(dot, comma)
	case dot >= 0 || comma >= 0:
		i := max(dot, comma)
		sep := t[i]
		// One separator followed by three digits is a thousands
		// separator ("1.234", "1,234"); otherwise it is the decimal one.
		if !(strings.Count(t, string(sep)) > 1 || len(t)-i-1 == 3) {
			decimal = i
		}
	}
	whole, frac := t, ""
	if decimal >= 0 {
		whole, frac = t[:decimal], t[decimal+1:]
	}
	// Thousands separators: one kind, other than the decimal one, with
	// groups of three digits after the first.
	if seps := strings.Count(whole, ".") + strings.Count(whole, ","); seps > 0 {
		sep := "."
		if strings.Contains(whole, ",") {
			sep = ","
		}
		if strings.Contains(whole, ".") && strings.Contains(whole, ",") || decimal >= 0 && t[decimal:decimal+1] == sep {
			return 0, fmt.Errorf("%q is not an amount (like 12.50)", s)
		}
		groups := strings.Split(whole, sep)
		for i, g := range groups {
			if g == "" || len(g) > 3 || i > 0 && len(g) != 3 {
				return 0, fmt.Errorf("%q is not an amount (like 12.50)", s)
			}
		}
		whole = strings.Join(groups, "")
	}
	if strings.ContainsAny(frac, ".,") || len(frac) > 2 {
		return 0, fmt.Errorf("%q is not an amount (like 12.50)", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/1000 || w > 100_000_000 {
		return 0, fmt.Errorf("%q is not an amount a shop takes", s)
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := w*100 + f
	if neg {
		c = -c
	}
	return c, nil
}

// Examples returns up to n values of a column for the mapping screen:
// the first with something in them, each once, cut to width characters.
// A column empty in its first rows still shows what it holds.
func Examples(t *Table, col, n, width int) []string {
	var out []string
	seen := map[string]bool{}
	for _, rec := range t.Rows {
		if len(out) == n {
			break
		}
		if col >= len(rec) {
			continue
		}
		v := strings.Join(strings.Fields(rec[col]), " ")
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		if r := []rune(v); len(r) > width {
			v = string(r[:width]) + "…"
		}
		out = append(out, v)
	}
	return out
}

// systemWords mark a spreadsheet's columns that describe the record, not
// the person (an ID, when it was created, a status): left out, and listed
// as not imported, rather than written into the notes.
var systemWords = []string{"id", "created", "creation", "added", "modified", "changed", "updated", "status", "source",
	"rating", "timezone", "time zone", "latitude", "longitude", "ip", "owner", "erstellt", "geändert", "nr", "nummer", "no"}

// homeless maps the columns of a plain spreadsheet that no field takes
// (German Excel's "Allergie", "Haarfarbe") to FNamedNote, so that nothing
// the shop wrote about a person is dropped; record columns are left out.
func homeless(header []string, m Mapping) Mapping {
	for i, h := range header {
		if m[i] != FIgnore || describesAnother(h) || strings.TrimSpace(h) == "" {
			continue
		}
		system := false
		for _, w := range strings.Fields(strings.ToLower(strings.NewReplacer("_", " ", "-", " ", ".", " ", "#", " id ").Replace(h))) {
			for _, sw := range systemWords {
				system = system || w == sw
			}
		}
		if !system {
			m[i] = FNamedNote
		}
	}
	return m
}
