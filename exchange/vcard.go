package exchange

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"regulars/data"
	"regulars/internal/clock"
)

// vcProp is one property of a vCard: "item1.TEL;TYPE=CELL;type=pref:+1…".
type vcProp struct {
	name   string            // upper case, without the group
	params map[string]string // upper-case names; TYPE values joined with ","
	types  string            // the TYPE values and vCard 2.1's bare ones, lower case, ","-joined
	value  string            // decoded, escapes kept (see unescape)
	line   int
	// warning says how a value that could not be read as it stood was
	// read instead.
	warning string
}

func (p vcProp) hasType(t string) bool {
	for _, x := range strings.Split(p.types, ",") {
		if x == t {
			return true
		}
	}
	return false
}

// pref orders properties: TYPE=pref (3.0, Apple), PREF=1 (4.0).
func (p vcProp) pref() bool {
	return p.hasType("pref") || p.params["PREF"] == "1"
}

// vcLines splits a vCard file into logical lines in one pass: folded
// lines (a line starting with a space or a tab continues the one before)
// and vCard 2.1's quoted-printable soft line breaks (a line ending in "="
// continues) are joined. It is linear in the size of the file: the old
// reader joined folded lines by copying what it had each time, which took
// 40 s for a 1.2 MB file.
func vcLines(b []byte, emit func(line []byte, n int) error) error {
	var cur []byte
	start, n := 0, 0
	qp := false  // the current line is quoted-printable
	b64 := false // the current line is base64 (vCard 2.1 continues it on unindented lines)
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		err := emit(cur, start)
		cur = cur[:0]
		return err
	}
	for len(b) > 0 {
		n++
		i := bytes.IndexByte(b, '\n')
		var line []byte
		if i < 0 {
			line, b = b, nil
		} else {
			line, b = b[:i], b[i+1:]
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		switch {
		case len(cur) > 0 && qp && bytes.HasSuffix(cur, []byte{'='}):
			// A soft line break: the "=" goes, the next line follows on.
			cur = append(cur[:len(cur)-1], bytes.TrimLeft(line, " \t")...)
			continue
		case len(line) > 0 && (line[0] == ' ' || line[0] == '\t') && len(cur) > 0:
			cur = append(cur, line[1:]...)
			continue
		case b64 && len(cur) > 0 && len(line) > 0 && bytes.IndexByte(line, ':') < 0:
			cur = append(cur, bytes.TrimSpace(line)...)
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		cur = append(cur, line...)
		start = n
		colon := bytes.IndexByte(cur, ':')
		head := bytes.ToUpper(cur[:max(colon, 0)])
		qp = colon > 0 && bytes.Contains(head, []byte("QUOTED-PRINTABLE"))
		b64 = colon > 0 && (bytes.Contains(head, []byte("BASE64")) || bytes.Contains(head, []byte("ENCODING=B")))
	}
	return flush()
}

// parseProp reads one logical line. fileCharset is how the file's own
// bytes are written when a property does not say (UTF-8 unless the file
// is Windows-1252).
func parseProp(line []byte, n int, fileCharset string) (vcProp, error) {
	p := vcProp{line: n, params: map[string]string{}}
	colon := -1
	quoted := false
	for i, c := range line {
		if c == '"' {
			quoted = !quoted
		}
		if c == ':' && !quoted {
			colon = i
			break
		}
	}
	if colon <= 0 {
		return p, fmt.Errorf("line %d: %q is not a vCard property (no colon)", n, cut(string(line), 40))
	}
	head := string(line[:colon])
	raw := line[colon+1:]
	parts := strings.Split(head, ";")
	name := strings.ToUpper(strings.TrimSpace(parts[0]))
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:] // "item1.TEL"
	}
	p.name = name
	var types []string
	for _, param := range parts[1:] {
		k, v, ok := strings.Cut(param, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		v = strings.Trim(strings.TrimSpace(v), `"`)
		if !ok { // vCard 2.1: TEL;CELL;PREF:… and ENCODING words alone
			switch k {
			case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
				p.params["ENCODING"] = k
			default:
				types = append(types, strings.ToLower(k))
			}
			continue
		}
		if k == "TYPE" {
			types = append(types, strings.Split(strings.ToLower(v), ",")...)
			continue
		}
		p.params[k] = v
	}
	p.types = strings.Join(types, ",")
	switch strings.ToUpper(p.params["ENCODING"]) {
	case "QUOTED-PRINTABLE":
		b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return p, fmt.Errorf("line %d: the %s value is not valid quoted-printable: %v", n, name, err)
		}
		raw = b
	case "BASE64", "B":
		if name == "PHOTO" || name == "LOGO" || name == "SOUND" || name == "KEY" {
			return p, nil // not kept; no need to decode
		}
		b, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(raw)))
		if err != nil {
			return p, fmt.Errorf("line %d: the %s value is not valid base64: %v", n, name, err)
		}
		raw = b
	}
	cs := p.params["CHARSET"]
	if cs == "" {
		cs = fileCharset
	}
	v, err := decodeCharset(raw, cs)
	if err != nil {
		return p, fmt.Errorf("line %d: the %s value cannot be read: %v", n, name, err)
	}
	p.value = v
	return p, nil
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// splitEscaped splits a structured value (N, ADR) at the unescaped sep.
func splitEscaped(v string, sep byte) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '\\' && i+1 < len(v):
			cur.WriteByte(v[i])
			cur.WriteByte(v[i+1])
			i++
		case v[i] == sep:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(v[i])
		}
	}
	return append(out, cur.String())
}

// unescape undoes vCard's \n, \, \; and \\.
func unescape(v string) string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	if !strings.Contains(v, `\`) {
		return strings.TrimSpace(v)
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			switch v[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(v[i])
			}
			continue
		}
		b.WriteByte(v[i])
	}
	return strings.TrimSpace(b.String())
}

// ReadVCards reads vCard 2.1, 3.0 and 4.0 files: folded lines,
// quoted-printable values and CHARSET parameters (vCard 2.1), Apple's
// grouped properties (item1.TEL) and birthdays without a year
// (X-APPLE-OMIT-YEAR), every phone (the preferred one first), the
// preferred email (others noted), ADR, BDAY with or without a year, NOTE,
// ORG and CATEGORIES as tags. Photos and unknown properties are ignored. A
// field that cannot be read is left empty with a warning; text that
// cannot be decoded stops the import with its line.
func ReadVCards(b []byte) ([]Person, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("the file is empty")
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("the file is %d MB; Regulars reads files up to %d MB", len(b)>>20, MaxFileSize>>20)
	}
	fileCharset := "utf-8"
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}),
		len(b) >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0:
		text, _, err := Decode(b)
		if err != nil {
			return nil, err
		}
		b = []byte(text)
	case !utf8.Valid(b) && !hasUTF8Sequences(b) && westernSingleByte(b) < 0 && !bytes.Contains(bytes.ToUpper(b), []byte("CHARSET=")):
		fileCharset = "windows-1252" // an old Outlook export
	}
	if !bytes.Contains(bytes.ToUpper(b[:min(len(b), 4096)]), []byte("BEGIN:VCARD")) {
		return nil, fmt.Errorf("this is not a vCard file (no BEGIN:VCARD)")
	}
	var out []Person
	var card []vcProp
	in, cardLine, cardNo := false, 0, 0
	err := vcLines(b, func(line []byte, n int) error {
		upper := strings.ToUpper(strings.TrimSpace(string(line)))
		switch {
		case upper == "BEGIN:VCARD":
			if in {
				return fmt.Errorf("card %d (line %d) has no END:VCARD before the next card", cardNo, cardLine)
			}
			in, cardLine, card = true, n, card[:0]
			cardNo++
			return nil
		case upper == "END:VCARD":
			if !in {
				return fmt.Errorf("line %d: END:VCARD without BEGIN:VCARD", n)
			}
			in = false
			out = append(out, cardPerson(card, cardLine))
			return nil
		case !in:
			return nil // text between cards
		}
		p, err := parseProp(line, n, fileCharset)
		if err != nil && strings.Contains(err.Error(), "cannot be read") {
			// One unreadable value (a raw Windows-1252 ORG in a UTF-8 file)
			// does not lose the file: read as Windows-1252 when it can be,
			// else left out; the card and line are reported either way.
			p, err = readAnyway(line, n, cardNo, err)
		}
		if err != nil {
			// One broken property does not lose the person.
			card = append(card, vcProp{name: "X-REGULARS-BROKEN", value: err.Error(), line: n})
			return nil
		}
		card = append(card, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if in {
		return nil, fmt.Errorf("card %d (line %d) has no END:VCARD: the file is cut short", cardNo, cardLine)
	}
	out = groupsAsTags(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("no cards in the file")
	}
	return out, nil
}

// cardPerson makes a person of one card's properties.
func cardPerson(props []vcProp, line int) Person {
	p := Person{Line: line}
	c := &p.Client
	var fn string
	var emails, prefEmails, phones, prefPhones []string
	var adr *vcProp
	var notes, cardNotes []string
	// Every list grows by appending, each number and address is looked up
	// in a map: a card of a million lines reads in time linear in its size.
	for i := range props {
		pr := props[i]
		if pr.warning != "" {
			p.warn("%s", pr.warning)
		}
		switch pr.name {
		case "X-REGULARS-BROKEN":
			p.warn("%s; left out", pr.value)
		case "N":
			parts := splitEscaped(pr.value, ';')
			for len(parts) < 5 {
				parts = append(parts, "")
			}
			c.LastName, c.FirstName = unescape(parts[0]), unescape(parts[1])
			if mid := unescape(parts[2]); mid != "" && c.FirstName != "" {
				c.FirstName += " " + mid
			}
			c.NamePrefix, c.NameSuffix = unescape(parts[3]), unescape(parts[4]) // "Dr.", "Jr"
		case "FN":
			fn = unescape(pr.value)
		case "UID", "KIND", "X-ADDRESSBOOKSERVER-KIND", "MEMBER", "X-ADDRESSBOOKSERVER-MEMBER":
			p.groupProp(pr.name, unescape(pr.value))
		case "ORG":
			if c.Company == "" {
				c.Company = unescape(splitEscaped(pr.value, ';')[0])
			}
		case "EMAIL":
			e := unescape(strings.TrimPrefix(pr.value, "mailto:"))
			if e == "" {
				continue
			}
			if pr.pref() {
				prefEmails = append(prefEmails, e)
			} else {
				emails = append(emails, e)
			}
		case "TEL":
			ph := unescape(strings.TrimPrefix(pr.value, "tel:"))
			if ph == "" {
				continue
			}
			if pr.hasType("fax") || pr.hasType("pager") {
				notes = append(notes, "Fax/pager: "+ph)
				continue
			}
			if pr.pref() {
				prefPhones = append(prefPhones, ph)
			} else {
				phones = append(phones, ph)
			}
		case "ADR":
			if adr == nil || pr.pref() && !adr.pref() {
				adr = &props[i]
			}
		case "BDAY":
			c.Birthday = vcBirthday(&p, pr)
		case "NOTE":
			if n := unescape(pr.value); n != "" {
				cardNotes = append(cardNotes, n)
			}
		case "CATEGORIES":
			// A tag cannot hold a comma, so an escaped one (as go-vcard
			// writes) parts tags too.
			for _, t := range strings.Split(unescape(pr.value), ",") {
				if t = strings.TrimSpace(t); t != "" {
					c.Tags = append(c.Tags, t)
				}
			}
		}
	}
	if c.FirstName == "" && c.LastName == "" && fn != "" && fn != c.Company {
		c.FirstName, c.LastName = SplitName(fn)
	}
	// The card's notes come first, the last NOTE line first of all (as
	// each was put before the others).
	for i, j := 0, len(cardNotes)-1; i < j; i, j = i+1, j-1 {
		cardNotes[i], cardNotes[j] = cardNotes[j], cardNotes[i]
	}
	notes = append(cardNotes, notes...)
	// Preferred addresses first, the last one marked preferred first.
	for i, j := 0, len(prefEmails)-1; i < j; i, j = i+1, j-1 {
		prefEmails[i], prefEmails[j] = prefEmails[j], prefEmails[i]
	}
	noted := map[string]bool{}
	for _, e := range append(prefEmails, emails...) {
		switch {
		case data.CheckEmail(e) != "":
			p.warn("email %q is not an email address; left out", e)
		case c.Email == "":
			c.Email = e
		case !strings.EqualFold(e, c.Email) && !noted[strings.ToLower(e)]:
			noted[strings.ToLower(e)] = true
			c.OtherEmails = append(c.OtherEmails, e) // kept as an email, not glued into the notes
		}
	}
	// A client keeps one phone and at most data.MaxOtherPhones others:
	// the numbers past those are counted, not compared with every one
	// before them.
	kept, over := 0, 0
	for _, ph := range append(prefPhones, phones...) {
		if msg := data.CheckPhone(ph); msg != "" {
			p.warn("phone %q is not a phone number; left out", ph)
			continue
		}
		if kept > data.MaxOtherPhones {
			over++ // a number the client already has is counted too
			continue
		}
		if c.AddPhone(ph) {
			kept++
		}
	}
	if over > 0 {
		p.warn("%d more phone lines left out: a client keeps at most %d other phones", over, data.MaxOtherPhones)
	}
	if adr != nil {
		parts := splitEscaped(adr.value, ';')
		for len(parts) < 7 {
			parts = append(parts, "")
		}
		street := unescape(parts[2])
		if ext := unescape(parts[1]); ext != "" {
			street = strings.TrimSpace(street + "\n" + ext)
		}
		c.Address = data.Address{Street: street, City: unescape(parts[3]), Region: unescape(parts[4]),
			PostalCode: unescape(parts[5]), Country: unescape(parts[6])}
	}
	c.Notes = strings.Join(notes, "\n")
	salvage(&p)
	return p
}

// vcBirthday reads BDAY: 1985-07-14, 19850714, --0714, --07-14, a time
// after the date, and Apple's year 1604 that means "no year"
// (BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12).
func vcBirthday(p *Person, pr vcProp) data.Birthday {
	v := unescape(pr.value)
	if v == "" {
		return data.Birthday{}
	}
	d, ok := ReadDate(v, MonthFirst, clock.Now().Year())
	if !ok || d.Month == 0 {
		p.warn("birthday %q (line %d) is not a date; left empty", v, pr.line)
		return data.Birthday{}
	}
	b := data.Birthday{Year: d.Year, Month: d.Month, Day: d.Day}
	if omit := pr.params["X-APPLE-OMIT-YEAR"]; omit != "" && fmt.Sprint(b.Year) == omit || b.Year == 1604 {
		b.Year = 0
	}
	if b.Year != 0 && (b.Year < 1850 || b.Year > clock.Now().Year()) {
		p.warn("birthday %q (line %d): the year %d cannot be a birth year; kept the day and month", v, pr.line, b.Year)
		b.Year = 0
	}
	return b
}
