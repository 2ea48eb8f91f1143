package data

import (
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"regulars/internal/clock"
)

// Channel is how a client prefers to be thanked.
type Channel string

// The channels a client can prefer.
const (
	ChannelPost  Channel = "post"
	ChannelEmail Channel = "email"
)

// Consent is what a client said about being contacted on one channel.
type Consent string

// The consent states; only Unsubscribed forbids contact.
const (
	ConsentUnknown      Consent = "unknown"
	ConsentSubscribed   Consent = "subscribed"
	ConsentUnsubscribed Consent = "unsubscribed"
)

// Address is a postal address, as written on an envelope.
type Address struct {
	Street     string
	City       string
	Region     string // state, county or province
	PostalCode string
	Country    string
}

// IsZero reports whether no part of the address is filled in.
func (a Address) IsZero() bool { return a == Address{} }

// Lines returns the address as envelope lines, skipping empty parts.
func (a Address) Lines() []string {
	var out []string
	for _, l := range strings.Split(a.Street, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	city := strings.TrimSpace(strings.Join(nonEmpty(a.City, strings.TrimSpace(a.Region+" "+a.PostalCode)), ", "))
	if city != "" {
		out = append(out, city)
	}
	if a.Country != "" {
		out = append(out, a.Country)
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// Birthday is a day of the year with an optional year. The zero value means
// the birthday is not known.
type Birthday struct {
	Year  int // 0 when the year is not known
	Month time.Month
	Day   int
}

// IsZero reports whether the birthday is unknown.
func (b Birthday) IsZero() bool { return b.Month == 0 }

// String gives YYYY-MM-DD, or --MM-DD without a year, or "" when unknown.
func (b Birthday) String() string {
	switch {
	case b.IsZero():
		return ""
	case b.Year == 0:
		return fmt.Sprintf("--%02d-%02d", int(b.Month), b.Day)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", b.Year, int(b.Month), b.Day)
	}
}

// ParseBirthday reads a birthday as ReadBirthday does, short dates in
// the order of the computer's locale (see LocaleDayOrder); the window and
// the command line use ReadBirthday with the book's order.
func ParseBirthday(s string) (Birthday, error) {
	return ReadBirthday(s, LocaleDayOrder())
}

// parseISOBirthday reads YYYY-MM-DD, --MM-DD or MM-DD; ok is false when s
// is none of these shapes (bad is then to be said by the caller).
func parseISOBirthday(s string) (b Birthday, ok bool, err error) {
	parts := strings.Split(strings.TrimPrefix(s, "--"), "-")
	switch {
	case strings.HasPrefix(s, "--") && len(parts) == 2, len(parts) == 2:
	case !strings.HasPrefix(s, "--") && len(parts) == 3 && len(parts[0]) == 4:
		y, isNum := digitsValue(parts[0])
		if !isNum {
			return Birthday{}, false, nil
		}
		b.Year, parts = y, parts[1:]
	default:
		return Birthday{}, false, nil
	}
	m, okM := digitsValue(parts[0])
	d, okD := digitsValue(parts[1])
	if !okM || !okD || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return Birthday{}, false, nil
	}
	if m < 1 || m > 12 {
		return Birthday{}, true, fmt.Errorf("birthday %q: there is no month %d", s, m)
	}
	b.Month, b.Day = time.Month(m), d
	return b, true, nil
}

// digitsValue reads a string of one or more ASCII digits (at most 4).
func digitsValue(s string) (int, bool) {
	if s == "" || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n, true
}

func (b Birthday) validate() error {
	if b.IsZero() {
		return nil
	}
	if b.Month < 1 || b.Month > 12 {
		return fmt.Errorf("birthday %s: there is no month %d", b, int(b.Month))
	}
	year := b.Year
	if year == 0 {
		year = 2000 // a leap year, so 29 February is allowed without a year
	}
	if err := CheckBirthYear(b.Year, clock.Now()); err != nil {
		return fmt.Errorf("birthday %s: %w", b, err)
	}
	d := time.Date(year, b.Month, b.Day, 0, 0, 0, 0, time.UTC)
	if b.Day < 1 || d.Month() != b.Month {
		return fmt.Errorf("birthday %s: %s has no day %d", b, b.Month, b.Day)
	}
	return nil
}

// Cadence is how often a client should hear from the business: Ideal days
// between contacts, at most Max. Zero fields mean "inherit" (from the
// client's tags, else the book's default).
type Cadence struct {
	Ideal int
	Max   int
}

// Client is a person (or a company) in the book.
type Client struct {
	ID               int64
	NamePrefix       string // "Dr.", "Mrs": written before the name on an envelope
	FirstName        string
	LastName         string
	NameSuffix       string // "Jr", "III", "PhD"
	Company          string
	Email            string
	OtherEmails      []string // a work address, an old one: besides the main Email, searchable and matched
	Phone            string
	OtherPhones      []string // home, work, a second mobile: besides the main Phone
	Address          Address
	Birthday         Birthday
	Notes            string
	Tags             []string
	PreferredChannel Channel
	PostConsent      Consent
	EmailConsent     Consent
	SMSConsent       Consent // consent to text messages
	DoNotContact     bool
	Cadence          Cadence
	SnoozedUntil     time.Time // keep-in-touch reminders are quiet until this date
	LastVisitAt      time.Time
	LastContactAt    time.Time
	VisitCount       int
	// History is what the client's visits were before Regulars, as
	// another system exported them; read only (set by an import).
	History   History
	CreatedAt time.Time
	UpdatedAt time.Time
	// Version counts the saves of the client's details; UpdateClient
	// refuses a save made from an older version (see ChangedError).
	Version   int64
	DeletedAt time.Time // non-zero when the client is in the trash
}

// Name is the client's full name, or the company when there is no name.
func (c Client) Name() string {
	n := strings.TrimSpace(c.FirstName + " " + c.LastName)
	if n == "" {
		return c.Company
	}
	return n
}

// Deleted reports whether the client is in the trash.
func (c Client) Deleted() bool { return !c.DeletedAt.IsZero() }

// FieldError is one form field with a bad value and the reason, so the
// window can show the message next to the field.
type FieldError struct {
	Field   string // "first", "email", "phone", ...
	Message string
}

// ValidationError lists every bad field of a client or visit. Nothing is
// saved when it is returned.
type ValidationError []FieldError

// Error joins the messages.
func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, f := range v {
		msgs[i] = f.Message
	}
	return strings.Join(msgs, "; ")
}

// For returns the message for one field, or "".
func (v ValidationError) For(field string) string {
	for _, f := range v {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// Field names used in ValidationError.
const (
	FieldFirst    = "first"
	FieldLast     = "last"
	FieldEmail    = "email"
	FieldPhone    = "phone"
	FieldBirthday = "birthday"
	FieldTags     = "tags"
	FieldCadence  = "cadence"
	FieldChannel  = "channel"
	FieldConsent  = "consent"
	FieldAt       = "at"
	FieldAmount   = "amount"
	FieldClient   = "client"
	FieldCompany  = "company"
	FieldAddress  = "address"
	FieldNotes    = "notes"
)

// Normalize trims the fields and fills in defaults, in place.
func (c *Client) Normalize() {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, p := range []*string{&c.NamePrefix, &c.FirstName, &c.LastName, &c.NameSuffix, &c.Email, &c.Phone} {
		*p = StripInvisible(*p)
	}
	for i := range c.OtherPhones {
		c.OtherPhones[i] = StripInvisible(c.OtherPhones[i])
	}
	c.OtherEmails = otherEmails(c.Email, c.OtherEmails)
	for _, p := range []*string{&c.NamePrefix, &c.FirstName, &c.LastName, &c.NameSuffix, &c.Company, &c.Email, &c.Phone,
		&c.Address.Street, &c.Address.City, &c.Address.Region, &c.Address.PostalCode, &c.Address.Country, &c.Notes} {
		trim(p)
	}
	c.Tags = NormalizeTags(c.Tags)
	if c.PreferredChannel == "" {
		c.PreferredChannel = ChannelPost
	}
	if c.PostConsent == "" {
		c.PostConsent = ConsentUnknown
	}
	if c.EmailConsent == "" {
		c.EmailConsent = ConsentUnknown
	}
	if c.SMSConsent == "" {
		c.SMSConsent = ConsentUnknown
	}
}

// NormalizeTags trims tags, drops empty ones and duplicates (ignoring case),
// keeping the first spelling and the order.
func NormalizeTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

// Validate normalizes the client and checks every field, returning a
// ValidationError that names each bad one.
func (c *Client) Validate() error {
	c.Normalize()
	var errs ValidationError
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
	}
	if c.FirstName == "" && c.LastName == "" && c.Company == "" {
		add(FieldFirst, "A name is required (first name, last name or company)")
	}
	for _, f := range []struct{ field, label, v string }{{FieldFirst, "First name", c.FirstName}, {FieldLast, "Last name", c.LastName}} {
		if msg := CheckLine(f.label, f.v); msg != "" {
			add(f.field, "%s", msg)
		} else if len([]rune(f.v)) > 100 {
			add(f.field, "%s is too long (at most 100 characters)", f.label)
		}
	}
	for _, f := range []struct{ field, label, v string }{
		{FieldCompany, "Company", c.Company}, {FieldEmail, "Email", c.Email}, {FieldPhone, "Phone", c.Phone},
		{FieldAddress, "City", c.Address.City}, {FieldAddress, "Region", c.Address.Region},
		{FieldAddress, "Postal code", c.Address.PostalCode}, {FieldAddress, "Country", c.Address.Country},
	} {
		if msg := CheckLine(f.label, f.v); msg != "" {
			add(f.field, "%s", msg)
		}
	}
	if msg := CheckLines("Street", c.Address.Street); msg != "" {
		add(FieldAddress, "%s", msg)
	}
	if msg := CheckLines("Notes", c.Notes); msg != "" {
		add(FieldNotes, "%s", msg)
	}
	if errs.For(FieldEmail) == "" {
		if msg := CheckEmail(c.Email); msg != "" {
			add(FieldEmail, "%s", msg)
		}
	}
	if errs.For(FieldPhone) == "" {
		if msg := CheckPhone(c.Phone); msg != "" {
			add(FieldPhone, "%s", msg)
		}
	}
	for _, msg := range c.checkOtherPhones() {
		add(FieldPhone, "%s", msg)
	}
	if err := c.Birthday.validate(); err != nil {
		add(FieldBirthday, "%s", Capitalize(err.Error()))
	}
	for _, t := range c.Tags {
		if msg := CheckLine(fmt.Sprintf("Tag %q", t), t); msg != "" {
			add(FieldTags, "%s", msg)
		} else if strings.ContainsAny(t, ",;") {
			add(FieldTags, "Tag %q cannot contain a comma or semicolon", t)
		} else if len([]rune(t)) > 40 {
			add(FieldTags, "Tag %q is too long (at most 40 characters)", t)
		}
	}
	switch {
	case c.Cadence.Ideal < 0 || c.Cadence.Max < 0:
		add(FieldCadence, "Days between contacts cannot be negative")
	case c.Cadence.Ideal > 3650 || c.Cadence.Max > 3650:
		add(FieldCadence, "Days between contacts must be at most 3650 (ten years)")
	case c.Cadence.Ideal > 0 && c.Cadence.Max > 0 && c.Cadence.Max < c.Cadence.Ideal:
		add(FieldCadence, "The maximum days (%d) cannot be fewer than the ideal (%d)", c.Cadence.Max, c.Cadence.Ideal)
	}
	if c.PreferredChannel != ChannelPost && c.PreferredChannel != ChannelEmail {
		add(FieldChannel, "Preferred channel must be post or email, not %q", c.PreferredChannel)
	}
	for _, v := range []Consent{c.PostConsent, c.EmailConsent} {
		if v != ConsentUnknown && v != ConsentSubscribed && v != ConsentUnsubscribed {
			add(FieldConsent, "Consent must be subscribed, unsubscribed or unknown, not %q", v)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Capitalize returns s with its first letter in capitals, for a message
// to the user that begins with another's words (an error's text).
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// CheckEmail returns why an email address is not usable, or "" if it is
// (or is empty).
func CheckEmail(email string) string {
	if email == "" {
		return ""
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return fmt.Sprintf("%q is not an email address (like name@example.com)", email)
	}
	at := strings.LastIndexByte(email, '@')
	domain := email[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return fmt.Sprintf("%q is not an email address: %q is not a full domain name", email, domain)
	}
	return ""
}

// CheckPhone returns why a phone number is not usable, or "" if it is (or
// is empty). Digits, spaces, + ( ) - . / and an extension ("x 12", "ext.
// 12") are allowed; 5 to 15 digits before the extension.
func CheckPhone(phone string) string {
	if phone == "" {
		return ""
	}
	main := phone
	if i, sep := extensionAt(phone); i > 0 {
		ext := strings.TrimSpace(phone[i+len(sep):])
		if ext == "" || strings.Trim(ext, "0123456789") != "" {
			return fmt.Sprintf("%q is not a phone number: the extension must be digits", phone)
		}
		main = phone[:i]
	}
	n := 0
	for i, r := range main {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == '+' && strings.TrimSpace(main[:i]) == "":
		case strings.ContainsRune(" ()-./", r):
		default:
			return fmt.Sprintf("%q is not a phone number: %q is not allowed (use digits, spaces, + ( ) - .)", phone, r)
		}
	}
	if n < 5 {
		return fmt.Sprintf("%q is not a phone number: it has too few digits", phone)
	}
	if n > 15 {
		return fmt.Sprintf("%q is not a phone number: it has more than 15 digits", phone)
	}
	return ""
}

// Digits returns the digits of s, in order; for phone numbers.
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PhoneDigits is the digits of a phone number without its extension.
func PhoneDigits(phone string) string {
	if i, _ := extensionAt(phone); i > 0 {
		phone = phone[:i]
	}
	return Digits(phone)
}

// extensionAt finds where the extension of a phone number starts ("ext.",
// "ext" or "x", in any case) and returns its byte offset in phone and the
// separator as written, or -1. It compares ASCII letters only, so that the
// offset is one in phone itself: lower-casing the whole string first would
// change the length of some letters (Ⱥ is 2 bytes, ⱥ is 3) and the offset
// would fall outside the number.
func extensionAt(phone string) (int, string) {
	for _, sep := range []string{"ext.", "ext", "x"} {
		for i := 1; i+len(sep) <= len(phone); i++ {
			if strings.EqualFold(phone[i:i+len(sep)], sep) {
				return i, phone[i : i+len(sep)]
			}
		}
	}
	return -1, ""
}
