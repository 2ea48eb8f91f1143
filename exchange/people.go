package exchange

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// Person is one row (or card) read into a client, with what else the file
// said.
type Person struct {
	Line      int
	Client    data.Client
	Visits    []time.Time
	VisitNote string
	TillID    data.TillID // the client's customer ID in the system the file came from
	Warnings  []string    // fields left empty or read another way, and why
	Problem   string      // why the person cannot be imported (no name)
	vc        vcGroup     // a vCard's UID and group membership
}

// warn notes a field that was not taken as it stood.
func (p *Person) warn(format string, args ...any) {
	p.Warnings = append(p.Warnings, fmt.Sprintf(format, args...))
}

// splitValues splits Google's " ::: "-joined values and lines.
func splitValues(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(strings.ReplaceAll(s, " ::: ", "\n"), func(r rune) bool { return r == '\n' || r == ';' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// consentWord reads what exporters write for a consent: Square's
// Subscribed/Unsubscribed/Unknown, Vagaro's Opted In/Opted Out, Yes/No,
// true/false. ok is false for a word it does not know.
func consentWord(v string) (data.Consent, bool) {
	switch strings.ToLower(strings.Join(strings.Fields(v), " ")) {
	case "":
		return "", true
	case "subscribed", "yes", "y", "true", "opted in", "opt in", "opted-in", "1", "confirmed", "accepted", "granted",
		"sí", "si", "oui", "ja", "x", "✓":
		return data.ConsentSubscribed, true
	case "unsubscribed", "no", "n", "false", "opted out", "opt out", "opted-out", "0", "not subscribed", "declined",
		"cleaned", "non", "nein", "denied", "revoked":
		return data.ConsentUnsubscribed, true
	case "unknown", "pending", "not set", "never subscribed", "-":
		return data.ConsentUnknown, true
	}
	return "", false
}

// column is a mapped cell of one row.
type column struct {
	index int
	value string
}

// rowReader reads the rows of one table with one mapping.
type rowReader struct {
	header []string
	m      Mapping
	f      Format
	order  DateOrder
	pivot  int // two-digit years count back from this year
	lastOK bool
}

// values returns the filled cells of a field, in column order.
func (r *rowReader) values(rec []string, field Field) []column {
	var out []column
	for j, mf := range r.m {
		if mf == field && j < len(rec) {
			if v := strings.TrimSpace(rec[j]); v != "" {
				out = append(out, column{j, v})
			}
		}
	}
	return out
}

func (r *rowReader) get(rec []string, field Field) (string, int) {
	if v := r.values(rec, field); len(v) > 0 {
		return strings.TrimSpace(splitFirst(v[0].value)), v[0].index
	}
	return "", -1
}

func splitFirst(s string) string {
	if i := strings.Index(s, " ::: "); i >= 0 {
		return s[:i]
	}
	return s
}

func (r *rowReader) col(i int) string { return colName(r.header, i) }

// date reads a date cell; a cell it cannot read is reported and left out.
func (r *rowReader) date(p *Person, what string, v string, col int) (Date, bool) {
	d, ok := ReadDate(v, r.order, r.pivot)
	if !ok {
		p.warn("%s %q (%s) is not a date; left empty", what, v, r.col(col))
		return Date{}, false
	}
	return d, d.Month != 0
}

// read makes a person of one row.
func (r *rowReader) read(rec []string, line int) Person {
	p := Person{Line: line}
	c := &p.Client
	first, _ := r.get(rec, FFirst)
	last, _ := r.get(rec, FLast)
	full, _ := r.get(rec, FFull)
	c.Company, _ = r.get(rec, FCompany)
	switch {
	case first == "" && last == "" && full != "":
		first, last = SplitName(full)
	case last == "" && !r.lastOK && (strings.Contains(first, ",") || strings.Contains(first, " ")):
		// A single name column in a spreadsheet ("Nombre": "María García").
		first, last = SplitName(first)
	case strings.HasSuffix(last, ",") && first == "":
		first, last = SplitName(last)
	}
	if mid, _ := r.get(rec, FMiddle); mid != "" && first != "" {
		first += " " + mid
	}
	c.FirstName, c.LastName = first, last
	r.nameParts(&p, rec)

	// Emails: the first good one is the email, the others are kept as
	// the client's other emails.
	var notes []string
	for _, cell := range r.values(rec, FEmail) {
		for _, e := range splitValues(cell.value) {
			e = strings.TrimSpace(data.StripInvisible(e))
			switch {
			case data.CheckEmail(e) != "":
				p.warn("email %q (%s) is not an email address; left out", e, r.col(cell.index))
			case c.Email == "":
				c.Email = e
			case !strings.EqualFold(c.Email, e):
				c.OtherEmails = append(c.OtherEmails, e)
			}
		}
	}
	// Phones: every one is kept.
	for _, cell := range r.values(rec, FPhone) {
		for _, ph := range splitValues(cell.value) {
			ph = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(data.StripInvisible(ph), "'"), "tel:"))
			if msg := data.CheckPhone(ph); msg != "" {
				p.warn("phone %q (%s) is not a phone number; left out", ph, r.col(cell.index))
				continue
			}
			c.AddPhone(ph)
		}
	}
	var others []string
	c.Address, others = r.address(rec)
	if r.f == FormatMailchimp {
		c.Address = mailchimpAddress(c.Address)
	}
	for _, o := range others {
		notes = append(notes, o)
	}
	if v, col := r.get(rec, FBirthday); v != "" {
		if d, ok := r.date(&p, "birthday", v, col); ok {
			c.Birthday = r.birthday(&p, d, v, col)
		}
	}
	for _, cell := range r.values(rec, FNotes) {
		notes = append([]string{cell.value}, notes...)
	}
	// A column with no home of its own goes into the notes, named.
	for _, cell := range r.values(rec, FNamedNote) {
		if yes, ok := consentWord(cell.value); ok && yes == data.ConsentUnsubscribed {
			continue // an unticked box ("no", "false") says nothing
		}
		notes = append(notes, strings.TrimSpace(r.header[cell.index])+": "+cell.value)
	}
	if v, col := r.get(rec, FSMSConsent); v != "" {
		if consent, ok := consentWord(v); ok && consent != "" {
			c.SMSConsent = consent
		} else if !ok {
			p.warn("%s %q is neither yes nor no; left out", r.col(col), v)
		}
	}
	c.Notes = strings.Join(notes, "\n")
	for _, cell := range r.values(rec, FTags) {
		for _, tag := range strings.FieldsFunc(strings.ReplaceAll(cell.value, ":::", ";"), func(r rune) bool { return r == ';' || r == ',' }) {
			tag = strings.Trim(strings.TrimPrefix(strings.TrimSpace(tag), "* "), `" `)
			if tag != "" && tag != "myContacts" && !strings.EqualFold(tag, "starred") {
				c.Tags = append(c.Tags, tag)
			}
		}
	}
	consent := func(field Field) data.Consent {
		v, col := r.get(rec, field)
		out, ok := consentWord(v)
		if !ok {
			p.warn("%s %q is not subscribed, unsubscribed, yes or no; left unknown", r.col(col), v)
		}
		return out
	}
	c.EmailConsent, c.PostConsent = consent(FEmailConsent), consent(FPostConsent)
	if v, _ := r.get(rec, FSubscribed); v != "" && c.EmailConsent == "" {
		c.EmailConsent = data.ConsentSubscribed // Mailchimp's subscribed list: when they confirmed
	}
	if v, _ := r.get(rec, FUnsubscribed); v != "" {
		if no, ok := consentWord(v); !ok || no != data.ConsentUnsubscribed && no != data.ConsentUnknown {
			c.EmailConsent = data.ConsentUnsubscribed // Mailchimp's unsubscribed list: the time they left
		}
	}
	if v, col := r.get(rec, FOptedOut); v != "" {
		switch yes, ok := consentWord(v); {
		case !ok:
			p.warn("%s %q is neither true nor false; left out", r.col(col), v)
		case yes == data.ConsentSubscribed:
			c.EmailConsent = data.ConsentUnsubscribed // "Unsubscribed from all email: true"
		}
	}
	if v, _ := r.get(rec, FCustomerID); v != "" && tillSources[r.f] {
		p.TillID = data.TillID{Source: string(r.f), ID: strings.TrimPrefix(v, "'")}
	}
	if v, col := r.get(rec, FChannel); v != "" {
		switch strings.ToLower(v) {
		case "email", "e-mail":
			c.PreferredChannel = data.ChannelEmail
		case "post", "mail":
			c.PreferredChannel = data.ChannelPost
		default:
			p.warn("%s %q is neither email nor post; left as post", r.col(col), v)
		}
	}
	c.DoNotContact = consent(FDoNotContact) == data.ConsentSubscribed // "true", "yes"
	number := func(field Field) int {
		v, col := r.get(rec, field)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			p.warn("%s %q is not a number of days; left empty", r.col(col), v)
			return 0
		}
		return n
	}
	c.Cadence.Ideal, c.Cadence.Max = number(FCadenceIdeal), number(FCadenceMax)
	r.history(&p, rec)
	salvage(&p)
	return p
}

// birthday turns a date into a birthday: a year of 1604 (Apple's "no
// year") or one that cannot be a birth year is dropped, the day kept.
func (r *rowReader) birthday(p *Person, d Date, v string, col int) data.Birthday {
	b := data.Birthday{Year: d.Year, Month: d.Month, Day: d.Day}
	switch {
	case b.Year == 1604 || b.Year == 1900 && r.f == FormatOutlook && b.Month == 1 && b.Day == 1:
		b.Year = 0
	case b.Year != 0 && (b.Year < 1850 || b.Year > clock.Now().Year()):
		p.warn("birthday %q (%s): the year %d cannot be a birth year; kept the day and month", v, r.col(col), b.Year)
		b.Year = 0
	}
	return b
}

// mailchimpAddress splits Mailchimp's one address cell, its parts
// separated by two spaces: street, (second line,) city, state, zip and
// country.
func mailchimpAddress(a data.Address) data.Address {
	parts := strings.Split(a.Street, "  ")
	var p []string
	for _, x := range parts {
		if x = strings.TrimSpace(x); x != "" {
			p = append(p, x)
		}
	}
	if len(p) < 5 || len(p) > 6 || a.City != "" || a.PostalCode != "" {
		return a
	}
	n := len(p)
	return data.Address{Street: strings.Join(p[:n-4], "\n"), City: p[n-4], Region: p[n-3], PostalCode: p[n-2], Country: p[n-1]}
}

// address takes the first address of the row with something in it, whole:
// Outlook's business address, else its home one, never the street of one
// with the city of the other. The other addresses with something in them
// are returned as lines for the notes ("Home address: 7 Park Road, Bath"),
// so that nothing is lost.
func (r *rowReader) address(rec []string) (data.Address, []string) {
	type part struct {
		field Field
		value string
	}
	var order []string
	groups := map[string][]part{}
	for j, f := range r.m {
		switch f {
		case FStreet, FStreet2, FCity, FRegion, FPostal, FCountry:
		default:
			continue
		}
		g := addressGroup(r.header[j])
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		v := ""
		if j < len(rec) {
			v = strings.TrimSpace(splitFirst(rec[j]))
		}
		groups[g] = append(groups[g], part{f, v})
	}
	var chosen data.Address
	var others []string
	for _, g := range order {
		var a data.Address
		var street []string
		for _, p := range groups[g] {
			if p.value == "" {
				continue
			}
			switch p.field {
			case FStreet, FStreet2:
				street = append(street, p.value)
			case FCity:
				a.City = first(a.City, p.value)
			case FRegion:
				a.Region = first(a.Region, p.value)
			case FPostal:
				// Shopify writes '02134 so that a spreadsheet keeps the 0.
				a.PostalCode = first(a.PostalCode, strings.TrimPrefix(p.value, "'"))
			case FCountry:
				a.Country = first(a.Country, p.value)
			}
		}
		a.Street = strings.Join(street, "\n")
		switch {
		case a.IsZero():
		case chosen.IsZero():
			chosen = a
		default:
			label := "Other address"
			if g != "" {
				label = strings.ToUpper(g[:1]) + g[1:] + " address"
			}
			others = append(others, label+": "+strings.Join(a.Lines(), ", "))
		}
	}
	return chosen, others
}

func first(have, v string) string {
	if have != "" {
		return have
	}
	return v
}

// salvage checks the client as the book would and, instead of refusing
// the person for one bad field, leaves that field empty and says why.
// Only a person without any name is refused.
func salvage(p *Person) {
	for range 4 {
		cc := p.Client
		err := cc.Validate()
		if err == nil {
			return
		}
		verr, ok := err.(data.ValidationError)
		if !ok {
			p.Problem = err.Error()
			return
		}
		c := &p.Client
		for _, fe := range verr {
			switch fe.Field {
			case data.FieldEmail:
				p.warn("email %q left out: %s", c.Email, fe.Message)
				c.Email = ""
			case data.FieldPhone:
				var keep []string
				for _, ph := range c.Phones() {
					if msg := data.CheckPhone(ph); msg != "" {
						p.warn("phone %q left out: %s", ph, msg)
					} else {
						keep = append(keep, ph)
					}
				}
				if len(keep) == len(c.Phones()) {
					p.warn("phones left out: %s", fe.Message)
					keep = keep[:min(1, len(keep))]
				}
				c.Phone, c.OtherPhones = "", nil
				for _, ph := range keep {
					c.AddPhone(ph)
				}
			case data.FieldBirthday:
				p.warn("birthday %s left out: %s", c.Birthday, fe.Message)
				c.Birthday = data.Birthday{}
			case data.FieldTags:
				p.warn("%s; the tag was left out", fe.Message)
				var keep []string
				for _, t := range c.Tags {
					if !strings.Contains(fe.Message, strconv.Quote(t)) {
						keep = append(keep, t)
					}
				}
				if len(keep) == len(c.Tags) {
					keep = nil
				}
				c.Tags = keep
			case data.FieldCadence:
				p.warn("cadence left out: %s", fe.Message)
				c.Cadence = data.Cadence{}
			case data.FieldChannel:
				p.warn("preferred channel left out: %s", fe.Message)
				c.PreferredChannel = data.ChannelPost
			case data.FieldConsent:
				p.warn("consent left unknown: %s", fe.Message)
				c.EmailConsent, c.PostConsent = data.ConsentUnknown, data.ConsentUnknown
			case data.FieldFirst, data.FieldLast:
				if c.FirstName == "" && c.LastName == "" && c.Company == "" {
					p.Problem = fe.Message
					return
				}
				if fe.Field == data.FieldFirst && c.FirstName != "" {
					p.warn("first name %q left out: %s", c.FirstName, fe.Message)
					c.FirstName = ""
				} else if fe.Field == data.FieldLast && c.LastName != "" {
					p.warn("last name %q left out: %s", c.LastName, fe.Message)
					c.LastName = ""
				} else {
					p.Problem = fe.Message
					return
				}
			default:
				p.Problem = fe.Message
				return
			}
		}
	}
	cc := p.Client
	if err := cc.Validate(); err != nil {
		p.Problem = err.Error()
	}
}
