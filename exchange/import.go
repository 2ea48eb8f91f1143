package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"regulars/data"
)

// Format is the kind of file being imported.
type Format string

// The formats Regulars reads.
const (
	FormatAuto    Format = ""
	FormatGoogle  Format = "google"
	FormatOutlook Format = "outlook"
	FormatSquare  Format = "square"
	FormatCSV     Format = "csv" // any CSV, columns mapped by their names
	FormatVCard   Format = "vcard"
)

// Limits keep a wrong file from swamping the book.
const (
	MaxFileSize  = 200 << 20
	MaxFieldSize = 64 << 10 // a longer field (a 5 MB note) is cut, with a warning
)

// Field is a client field a column can fill.
type Field string

// The fields columns map to.
const (
	FFirst, FLast, FFull, FCompany        Field = "first", "last", "full name", "company"
	FEmail, FPhone                              = Field("email"), Field("phone")
	FStreet, FCity, FRegion                     = Field("street"), Field("city"), Field("region")
	FPostal, FCountry, FBirthday                = Field("postal code"), Field("country"), Field("birthday")
	FNotes, FTags, FEmailConsent                = Field("notes"), Field("tags"), Field("email consent")
	FVisitCount, FFirstVisit, FLastVisit        = Field("visit count"), Field("first visit"), Field("last visit")
	FChannel, FPostConsent, FDoNotContact       = Field("preferred channel"), Field("post consent"), Field("do not contact")
	FCadenceIdeal, FCadenceMax                  = Field("cadence ideal"), Field("cadence max")
	FIgnore                                     = Field("")
)

// Fields lists the fields a column can be mapped to, for the mapping screen.
var Fields = []Field{FFirst, FLast, FFull, FCompany, FEmail, FPhone, FStreet, FCity, FRegion, FPostal, FCountry,
	FBirthday, FNotes, FTags, FEmailConsent, FVisitCount, FFirstVisit, FLastVisit,
	FChannel, FPostConsent, FDoNotContact, FCadenceIdeal, FCadenceMax}

// Mapping says which field each column fills (FIgnore to skip it).
type Mapping []Field

// Table is a CSV file read into rows, after decoding and splitting.
type Table struct {
	Header   []string
	Rows     [][]string
	Lines    []int // the line of each row in the file
	Encoding string
	Comma    rune
	Warnings []string
}

// Decode turns the bytes of a text file into UTF-8: UTF-8 with or without
// a byte-order mark, UTF-16 (as Outlook writes), or Windows-1252.
func Decode(b []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", "", fmt.Errorf("the file says it is UTF-8 but is not")
		}
		return string(b), "UTF-8", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		d := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := d.Bytes(b)
		if err != nil {
			return "", "", fmt.Errorf("the file is not valid UTF-16: %w", err)
		}
		return string(out), "UTF-16", nil
	case len(b) >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0:
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", "", fmt.Errorf("the file is not valid UTF-16: %w", err)
		}
		return string(out), "UTF-16", nil
	case utf8.Valid(b):
		return string(b), "UTF-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("the file's text encoding cannot be read: %w", err)
	}
	return string(out), "Windows-1252", nil
}

// looksBinary reports whether text is not a text file at all.
func looksBinary(s string) bool {
	n := len(s)
	if n > 4096 {
		n = 4096
	}
	bad := 0
	for _, r := range s[:n] {
		if r == 0 || r == utf8.RuneError || (r < 32 && r != '\n' && r != '\r' && r != '\t') {
			bad++
		}
	}
	return bad > n/20+1
}

// ReadTable reads a CSV file: any encoding above, comma, semicolon or tab.
func ReadTable(b []byte) (*Table, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("the file is empty")
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("the file is %d MB; Regulars reads files up to %d MB", len(b)>>20, MaxFileSize>>20)
	}
	text, enc, err := Decode(b)
	if err != nil {
		return nil, err
	}
	if looksBinary(text) {
		return nil, fmt.Errorf("this is not a text file (it may be a spreadsheet or an image); save it as CSV first")
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the file has only blank lines: there is nothing to import")
	}
	t := &Table{Encoding: enc}
	firstLine := text
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		firstLine = text[:i]
	}
	t.Comma = ','
	best := strings.Count(firstLine, ",")
	for _, c := range []rune{';', '\t'} {
		if n := strings.Count(firstLine, string(c)); n > best {
			t.Comma, best = c, n
		}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = t.Comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("the first line cannot be read: %w", err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	t.Header = header
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if len(rec) > len(header) {
			extra := strings.TrimSpace(strings.Join(rec[len(header):], ""))
			if extra != "" {
				t.Warnings = append(t.Warnings, fmt.Sprintf("line %d has %d fields where the header has %d; the extra ones were ignored", line, len(rec), len(header)))
			}
		}
		for i, f := range rec {
			if len(f) > MaxFieldSize {
				rec[i] = f[:MaxFieldSize]
				t.Warnings = append(t.Warnings, fmt.Sprintf("line %d: the %s field is %d KB long and was cut to %d KB", line, colName(header, i), len(f)>>10, MaxFieldSize>>10))
			}
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("the file has a header line but no rows")
	}
	return t, nil
}

func colName(header []string, i int) string {
	if i < len(header) && header[i] != "" {
		return fmt.Sprintf("%q", header[i])
	}
	return fmt.Sprintf("column %d", i+1)
}

// synonyms guesses a column's field from its name (lower case, with the
// numbers of Google's and Outlook's repeated columns taken out).
var synonyms = map[string]Field{
	"first name": FFirst, "given name": FFirst, "firstname": FFirst, "first": FFirst, "forename": FFirst, "prénom": FFirst, "vorname": FFirst,
	"last name": FLast, "family name": FLast, "surname": FLast, "lastname": FLast, "last": FLast, "nom": FLast, "nachname": FLast,
	"name": FFull, "full name": FFull, "display name": FFull, "customer name": FFull, "client": FFull, "client name": FFull,
	"company": FCompany, "organization": FCompany, "organization name": FCompany, "organization 1 - name": FCompany, "company name": FCompany, "business": FCompany,
	"email": FEmail, "e-mail": FEmail, "email address": FEmail, "e-mail address": FEmail, "e-mail 1 - value": FEmail, "email 1 - value": FEmail, "mail": FEmail,
	"phone": FPhone, "phone number": FPhone, "mobile": FPhone, "mobile phone": FPhone, "phone 1 - value": FPhone, "telephone": FPhone, "cell": FPhone,
	"primary phone": FPhone, "home phone": FPhone, "business phone": FPhone, "tel": FPhone,
	"street": FStreet, "address": FStreet, "street address": FStreet, "address line 1": FStreet, "home street": FStreet, "address 1 - street": FStreet,
	"business street": FStreet,
	"city":            FCity, "town": FCity, "locality": FCity, "home city": FCity, "address 1 - city": FCity, "business city": FCity,
	"region": FRegion, "state": FRegion, "county": FRegion, "province": FRegion, "home state": FRegion, "address 1 - region": FRegion, "business state": FRegion,
	"postal code": FPostal, "zip": FPostal, "zip code": FPostal, "postcode": FPostal, "home postal code": FPostal, "address 1 - postal code": FPostal,
	"business postal code": FPostal,
	"country":              FCountry, "country/region": FCountry, "home country/region": FCountry, "address 1 - country": FCountry, "business country/region": FCountry,
	"birthday": FBirthday, "date of birth": FBirthday, "dob": FBirthday, "birth date": FBirthday,
	"notes": FNotes, "note": FNotes, "comments": FNotes, "memo": FNotes,
	"tags": FTags, "labels": FTags, "group membership": FTags, "categories": FTags, "groups": FTags,
	"email subscription status": FEmailConsent, "email consent": FEmailConsent, "subscribed": FEmailConsent,
	"transaction count": FVisitCount, "visits": FVisitCount, "visit count": FVisitCount, "number of visits": FVisitCount,
	"first visit": FFirstVisit, "last visit": FLastVisit, "last visit date": FLastVisit,
	"téléphone": FPhone, "telephone number": FPhone, "telefon": FPhone, "ville": FCity, "stadt": FCity, "adresse": FStreet,
	"code postal": FPostal, "pays": FCountry, "land": FCountry, "firma": FCompany, "société": FCompany, "remarques": FNotes,
	"street address 1": FStreet,
	// Regulars' own export.
	"preferred channel": FChannel, "post consent": FPostConsent, "do not contact": FDoNotContact,
	"cadence ideal": FCadenceIdeal, "cadence max": FCadenceMax,
}

// Guess maps each column by its name, and says which known format the
// header looks like.
func Guess(header []string) (Format, Mapping) {
	m := make(Mapping, len(header))
	used := map[Field]bool{}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		key = strings.ReplaceAll(key, "_", " ")
		f, ok := synonyms[key]
		if !ok {
			// "E-mail 2 - Value", "Phone 3 - Value": the first of each wins.
			k2 := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '1'
				}
				return r
			}, key)
			f, ok = synonyms[k2]
		}
		if ok && !used[f] {
			m[i] = f
			used[f] = true
		}
	}
	lower := strings.ToLower(strings.Join(header, "|"))
	switch {
	case strings.Contains(lower, "email subscription status") || strings.Contains(lower, "reference id") && strings.Contains(lower, "surname"):
		return FormatSquare, m
	case strings.Contains(lower, "e-mail 1 - value") || strings.Contains(lower, "given name") || strings.Contains(lower, "group membership"):
		return FormatGoogle, m
	case strings.Contains(lower, "e-mail address") || strings.Contains(lower, "business street") || strings.Contains(lower, "home street"):
		return FormatOutlook, m
	}
	return FormatCSV, m
}

// Person is one row read into a client, with what else the file said.
type Person struct {
	Line      int
	Client    data.Client
	Visits    []time.Time
	VisitNote string
	Problem   string // why the row cannot be imported
}

// firstValue takes the first of Google's " ::: "-joined values.
func firstValue(s string) string {
	if i := strings.Index(s, " ::: "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// parseDate reads the dates exports use.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range []string{"2006-01-02", "2006-01-02 15:04:05", time.RFC3339, "1/2/2006", "01/02/2006", "1/2/06", "2/1/2006", "02.01.2006", "2 Jan 2006", "Jan 2, 2006", "January 2, 2006", "2006/01/02"} {
		if t, err := time.ParseInLocation(l, s, time.Local); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseBirthday reads a birthday with or without a year.
func parseBirthday(s string) (data.Birthday, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return data.Birthday{}, nil
	}
	if b, err := data.ParseBirthday(s); err == nil {
		return b, nil
	}
	if t, ok := parseDate(s); ok {
		return data.Birthday{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
	}
	if len(s) == 6 && strings.HasPrefix(s, "--") { // vCard --MMDD
		return data.ParseBirthday("--" + s[2:4] + "-" + s[4:6])
	}
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" { // vCard YYYYMMDD
		return data.ParseBirthday(s[:4] + "-" + s[4:6] + "-" + s[6:])
	}
	return data.Birthday{}, fmt.Errorf("birthday %q is not a date", s)
}

// People turns the table's rows into people with a mapping.
func People(t *Table, m Mapping, f Format) []Person {
	out := make([]Person, 0, len(t.Rows))
	for i, rec := range t.Rows {
		p := Person{Line: t.Lines[i]}
		c := &p.Client
		raw := func(field Field) string {
			for j, mf := range m {
				if mf == field && j < len(rec) {
					return rec[j]
				}
			}
			return ""
		}
		get := func(field Field) string { return firstValue(raw(field)) }
		c.FirstName, c.LastName, c.Company = get(FFirst), get(FLast), get(FCompany)
		if full := get(FFull); full != "" && c.FirstName == "" && c.LastName == "" {
			first, last, _ := strings.Cut(full, " ")
			c.FirstName, c.LastName = first, last
		}
		c.Email, c.Phone = get(FEmail), get(FPhone)
		c.Address = data.Address{Street: get(FStreet), City: get(FCity), Region: get(FRegion), PostalCode: get(FPostal), Country: get(FCountry)}
		c.Notes = get(FNotes)
		if tags := strings.ReplaceAll(raw(FTags), ":::", ";"); tags != "" {
			for _, tag := range strings.FieldsFunc(tags, func(r rune) bool { return r == ';' || r == ',' }) {
				tag = strings.TrimPrefix(strings.TrimSpace(tag), "* ")
				if tag != "" && tag != "myContacts" && !strings.EqualFold(tag, "starred") {
					c.Tags = append(c.Tags, tag)
				}
			}
		}
		if b, err := parseBirthday(get(FBirthday)); err != nil {
			p.Problem = err.Error()
		} else {
			c.Birthday = b
		}
		consent := func(v string) data.Consent {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "subscribed", "yes", "true", "opted in", "1":
				return data.ConsentSubscribed
			case "unsubscribed", "no", "false", "opted out", "0":
				return data.ConsentUnsubscribed
			}
			return ""
		}
		c.EmailConsent, c.PostConsent = consent(get(FEmailConsent)), consent(get(FPostConsent))
		switch strings.ToLower(get(FChannel)) {
		case "email", "e-mail":
			c.PreferredChannel = data.ChannelEmail
		case "post", "mail":
			c.PreferredChannel = data.ChannelPost
		}
		c.DoNotContact = consent(get(FDoNotContact)) == data.ConsentSubscribed // "true", "yes"
		c.Cadence.Ideal, _ = strconv.Atoi(get(FCadenceIdeal))
		c.Cadence.Max, _ = strconv.Atoi(get(FCadenceMax))
		first, okFirst := parseDate(get(FFirstVisit))
		last, okLast := parseDate(get(FLastVisit))
		for _, d := range []struct {
			what string
			at   time.Time
			ok   bool
		}{{"first visit", first, okFirst}, {"last visit", last, okLast}} {
			if err := data.CheckPastDate(d.what, d.at, time.Now()); d.ok && err != nil && p.Problem == "" {
				p.Problem = err.Error() // a visit in 9999 would keep them from ever being due
			}
		}
		if okFirst {
			p.Visits = append(p.Visits, first.Add(12*time.Hour))
		}
		if okLast && (!okFirst || !last.Equal(first)) {
			p.Visits = append(p.Visits, last.Add(12*time.Hour))
		}
		if len(p.Visits) > 0 {
			p.VisitNote = "Imported from " + strings.ToUpper(string(f[:1])) + string(f[1:])
			if n, err := strconv.Atoi(get(FVisitCount)); err == nil && n > 0 {
				p.VisitNote += fmt.Sprintf(" (%d visits in all)", n)
			}
		}
		if p.Problem == "" {
			cc := *c
			if err := cc.Validate(); err != nil {
				p.Problem = err.Error()
			}
		}
		out = append(out, p)
	}
	return out
}

// ReadVCards reads vCard 3.0 and 4.0 files: folded lines, several emails
// and phones (the first is kept), ADR, BDAY with or without a year, NOTE,
// ORG and CATEGORIES as tags. Photos and unknown properties are ignored.
func ReadVCards(b []byte) ([]Person, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("the file is empty")
	}
	text, _, err := Decode(b)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(strings.ToUpper(text[:min(len(text), 4096)]), "BEGIN:VCARD") {
		return nil, fmt.Errorf("this is not a vCard file (no BEGIN:VCARD)")
	}
	dec := vcard.NewDecoder(strings.NewReader(text))
	var out []Person
	for n := 1; ; n++ {
		card, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("card %d: %v", n, err)
		}
		if len(card) == 0 || n > 1_000_000 {
			break // nothing more the decoder can read
		}
		p := Person{Line: n}
		c := &p.Client
		if name := card.Name(); name != nil {
			c.FirstName, c.LastName = strings.TrimSpace(name.GivenName), strings.TrimSpace(name.FamilyName)
		}
		if c.FirstName == "" && c.LastName == "" {
			first, last, _ := strings.Cut(strings.TrimSpace(card.PreferredValue(vcard.FieldFormattedName)), " ")
			c.FirstName, c.LastName = first, last
		}
		c.Company = strings.TrimSpace(strings.Split(card.PreferredValue(vcard.FieldOrganization), ";")[0])
		c.Email = strings.TrimSpace(card.PreferredValue(vcard.FieldEmail))
		c.Phone = strings.TrimPrefix(strings.TrimSpace(card.PreferredValue(vcard.FieldTelephone)), "tel:")
		if a := card.Address(); a != nil {
			c.Address = data.Address{Street: a.StreetAddress, City: a.Locality, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country}
			if a.ExtendedAddress != "" {
				c.Address.Street = strings.TrimSpace(c.Address.Street + "\n" + a.ExtendedAddress)
			}
		}
		c.Notes = card.Value(vcard.FieldNote)
		c.Tags = card.Categories()
		if b, err := parseBirthday(card.Value(vcard.FieldBirthday)); err != nil {
			p.Problem = err.Error()
		} else {
			c.Birthday = b
		}
		if p.Problem == "" {
			cc := *c
			if err := cc.Validate(); err != nil {
				p.Problem = err.Error()
			}
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no cards in the file")
	}
	return out, nil
}

// Plan decides, for every person, whether they are new, an update of a
// client in the book (empty fields filled, conflicts kept), the same as
// someone already in the file, or an error. Nothing is written.
func Plan(ctx context.Context, s *data.Store, people []Person) ([]data.ImportRow, error) {
	m, err := s.NewMatcher(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]data.ImportRow, 0, len(people))
	planned := map[int64]int{} // temporary id of a new client → its row
	next := int64(-1)
	for _, p := range people {
		r := data.ImportRow{Line: p.Line, Client: p.Client, Visits: p.Visits, VisitNote: p.VisitNote}
		if p.Problem != "" {
			r.Action, r.Reason = data.ImportError, p.Problem
			rows = append(rows, r)
			continue
		}
		p.Client.Normalize()
		existing, why, ok := m.Find(p.Client)
		switch {
		case ok && existing.ID < 0:
			// Someone earlier in this file: merge into that row.
			first := &rows[planned[existing.ID]]
			merged, _, _ := data.FillFrom(first.Client, p.Client)
			first.Client = merged
			first.Visits = append(first.Visits, p.Visits...)
			m.Add(merged)
			r.Action, r.Reason = data.ImportSkip, fmt.Sprintf("the same person as line %d (%s); merged into it", first.Line, why)
		case ok:
			merged, filled, conflicts := data.FillFrom(existing, p.Client)
			r.MatchID, r.MatchedBy, r.Conflicts = existing.ID, why, conflicts
			if len(filled) == 0 && len(p.Visits) == 0 {
				r.Action, r.Reason = data.ImportSkip, "already in the book ("+why+"), nothing new"
				r.Client = existing
			} else {
				merged.ID = existing.ID
				r.Action, r.Client, r.Filled = data.ImportUpdate, merged, filled
				m.Add(merged)
			}
		default:
			r.Action = data.ImportNew
			c := p.Client
			c.ID = next
			planned[next] = len(rows)
			next--
			m.Add(c)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Summary counts a plan's rows by action.
func Summary(rows []data.ImportRow) map[data.ImportAction]int {
	out := map[data.ImportAction]int{}
	for _, r := range rows {
		out[r.Action]++
	}
	return out
}

// ParseMapping reads a mapping written as "Column=field,Column=field" over
// the guessed one; a field of "-" ignores the column.
func ParseMapping(header []string, m Mapping, spec string) (Mapping, error) {
	out := append(Mapping(nil), m...)
	for _, part := range strings.Split(spec, ",") {
		col, field, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("mapping %q: write Column=field", part)
		}
		col, field = strings.TrimSpace(col), strings.TrimSpace(field)
		idx := -1
		for i, h := range header {
			if strings.EqualFold(h, col) {
				idx = i
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("mapping: there is no column %q (the columns are: %s)", col, strings.Join(header, ", "))
		}
		if field == "-" {
			out[idx] = FIgnore
			continue
		}
		found := false
		for _, f := range Fields {
			if string(f) == field {
				out[idx], found = f, true
			}
		}
		if !found {
			var names []string
			for _, f := range Fields {
				names = append(names, string(f))
			}
			return nil, fmt.Errorf("mapping: unknown field %q (the fields are: %s)", field, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// ReadFile reads people from a file's bytes in a format (FormatAuto looks
// at the content), guessing the column mapping for CSV.
func ReadFile(b []byte, f Format) ([]Person, Format, []string, error) {
	return ReadFileMapped(b, f, "")
}

// ReadFileMapped is ReadFile with a column mapping over the guessed one
// (see ParseMapping).
func ReadFileMapped(b []byte, f Format, mapping string) ([]Person, Format, []string, error) {
	if f == FormatVCard || (f == FormatAuto && bytes.Contains(bytes.ToUpper(b[:min(len(b), 4096)]), []byte("BEGIN:VCARD"))) {
		p, err := ReadVCards(b)
		return p, FormatVCard, nil, err
	}
	t, err := ReadTable(b)
	if err != nil {
		return nil, f, nil, err
	}
	guessed, m := Guess(t.Header)
	if f == FormatAuto {
		f = guessed
	}
	if mapping != "" {
		if m, err = ParseMapping(t.Header, m, mapping); err != nil {
			return nil, f, t.Warnings, err
		}
	}
	hasName := false
	for _, field := range m {
		hasName = hasName || field == FFirst || field == FLast || field == FFull || field == FCompany
	}
	if !hasName {
		return nil, f, t.Warnings, fmt.Errorf("no column looks like a name (the columns are: %s); map them, e.g. --map \"%s=first\"", strings.Join(t.Header, ", "), t.Header[0])
	}
	return People(t, m, f), f, t.Warnings, nil
}
