package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The settings a job needs are read together, as one of the groups below,
// once at its start, and handed down as plain values: a job never sees a
// setting change halfway through (a card run writing half its envelopes
// with one return address and half with another). Each group is made from
// the values the book stores, by key (see settings.go for the keys); a key
// not set is simply not there. Values that cannot be read (a port that is
// not a number) count as not set.

// CardSettings are the settings of how cards are written and printed: the
// pen's hand and signature, the printer, and the printer's offsets.
type CardSettings struct {
	// HandFont is the pen's hand (SettingHandFont): a built-in hand's
	// name, the path of the owner's own .ttf, or "" for the first
	// built-in hand.
	HandFont string
	// Signature is the path of the owner's signature image
	// (SettingSignature), or "" for none.
	Signature string
	// Printer is the printer last printed on (SettingPrinter), or "".
	Printer string
	// Offsets are the printer offsets kept for papers, as stored, by
	// their key (SettingPrintOffset). They are read by letters/paper,
	// which knows their form; see PrintOffset.
	Offsets map[string]string
}

// CardSettingsFrom reads the card settings out of the values stored by key.
func CardSettingsFrom(values map[string]string) CardSettings {
	c := CardSettings{
		HandFont:  strings.TrimSpace(values[SettingHandFont]),
		Signature: strings.TrimSpace(values[SettingSignature]),
		Printer:   strings.TrimSpace(values[SettingPrinter]),
		Offsets:   map[string]string{},
	}
	for k, v := range values {
		if strings.HasPrefix(k, settingPrintOffset) {
			c.Offsets[k] = v
		}
	}
	return c
}

// PrintOffset is the printer offset kept for a paper, as stored ("" when
// none is): kind and name are those of SettingPrintOffset.
func (c CardSettings) PrintOffset(kind, name string) string {
	return c.Offsets[SettingPrintOffset(kind, name)]
}

// MailServerSettings are the settings of one mail server (SMTP or IMAP).
// Its password is never among them: it is kept in the OS keyring.
type MailServerSettings struct {
	Host string
	// Port is the server's port, or 0 when none is set (the usual port
	// of the protocol is used then).
	Port int
	// Security is how the connection is secured: "starttls", "tls",
	// "none", or "" to follow the port.
	Security string
	User     string
}

// The securities a mail server's connection may be set to ("" follows
// the port).
var mailSecurities = []string{"", "starttls", "tls", "none"}

// MailSettings are the settings of sending and reading email: the sender,
// the two servers, and reading replies.
type MailSettings struct {
	FromName    string // SettingFromName: "" for the business's name
	FromAddress string // SettingFromAddress
	// SMTP sends the emails (SettingSMTPHost, SettingSMTPPort,
	// SettingSMTPSecurity, SettingSMTPUser).
	SMTP MailServerSettings
	// IMAP keeps the copies in Sent and the replies (SettingIMAPHost…);
	// its Host is "" when there is none.
	IMAP MailServerSettings
	// RepliesAuto is whether the window reads replies by itself while it
	// is open (SettingRepliesAuto).
	RepliesAuto bool
	// RepliesChecked is when replies were last read (SettingRepliesChecked),
	// zero if never. It is kept by the run that reads replies, not
	// written with the rest of the group (see Store.SetMailSettings).
	RepliesChecked time.Time
}

// MailSettingsFrom reads the mail settings out of the values get gives by
// key: those stored in the book, or those typed in a form not saved yet.
func MailSettingsFrom(get func(key string) string) MailSettings {
	value := func(k string) string { return strings.TrimSpace(get(k)) }
	port := func(k string) int {
		if n, err := strconv.Atoi(value(k)); err == nil && n >= 1 && n <= 65535 {
			return n
		}
		return 0
	}
	m := MailSettings{
		FromName:    value(SettingFromName),
		FromAddress: value(SettingFromAddress),
		SMTP:        MailServerSettings{Host: value(SettingSMTPHost), Port: port(SettingSMTPPort), Security: value(SettingSMTPSecurity), User: value(SettingSMTPUser)},
		IMAP:        MailServerSettings{Host: value(SettingIMAPHost), Port: port(SettingIMAPPort), Security: value(SettingIMAPSecurity), User: value(SettingIMAPUser)},
		RepliesAuto: value(SettingRepliesAuto) == "1",
	}
	if t, err := time.Parse(time.RFC3339, value(SettingRepliesChecked)); err == nil {
		m.RepliesChecked = t
	}
	return m
}

// Values are the group's settings as the book stores them, by key: all
// but RepliesChecked (see Store.SetMailSettings). A port not set is "".
func (m MailSettings) Values() map[string]string {
	port := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	auto := ""
	if m.RepliesAuto {
		auto = "1"
	}
	return map[string]string{
		SettingFromName: m.FromName, SettingFromAddress: m.FromAddress,
		SettingSMTPHost: m.SMTP.Host, SettingSMTPPort: port(m.SMTP.Port), SettingSMTPSecurity: m.SMTP.Security, SettingSMTPUser: m.SMTP.User,
		SettingIMAPHost: m.IMAP.Host, SettingIMAPPort: port(m.IMAP.Port), SettingIMAPSecurity: m.IMAP.Security, SettingIMAPUser: m.IMAP.User,
		SettingRepliesAuto: auto,
	}
}

// Check says what is wrong with the mail settings before they are stored:
// every value is one line, the From address is an email address (or not
// set yet), ports are port numbers and securities are known.
func (m MailSettings) Check() error {
	var errs ValidationError
	for _, f := range []struct{ key, label, value string }{
		{SettingFromName, "The From name", m.FromName}, {SettingFromAddress, "The From address", m.FromAddress},
		{SettingSMTPHost, "The SMTP server", m.SMTP.Host}, {SettingSMTPUser, "The SMTP user name", m.SMTP.User},
		{SettingIMAPHost, "The IMAP server", m.IMAP.Host}, {SettingIMAPUser, "The IMAP user name", m.IMAP.User},
	} {
		if msg := CheckLine(f.label, f.value); msg != "" {
			errs = append(errs, FieldError{Field: f.key, Message: msg})
		}
	}
	if msg := CheckEmail(strings.TrimSpace(m.FromAddress)); msg != "" {
		errs = append(errs, FieldError{Field: SettingFromAddress, Message: msg})
	}
	for _, s := range []struct {
		name            string
		srv             MailServerSettings
		portKey, secKey string
	}{{"SMTP", m.SMTP, SettingSMTPPort, SettingSMTPSecurity}, {"IMAP", m.IMAP, SettingIMAPPort, SettingIMAPSecurity}} {
		if s.srv.Port < 0 || s.srv.Port > 65535 {
			errs = append(errs, FieldError{Field: s.portKey, Message: fmt.Sprintf("The %s port %d is not a port number", s.name, s.srv.Port)})
		}
		known := false
		for _, k := range mailSecurities {
			known = known || s.srv.Security == k
		}
		if !known {
			errs = append(errs, FieldError{Field: s.secKey, Message: fmt.Sprintf("The %s security %q is not known (starttls, tls or none)", s.name, s.srv.Security)})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// CadenceSettings are the book's own rules of keeping in touch: how often
// a client is due a contact, and how long a thank-you still follows a
// visit. (The cadences of tags are kept apart; see CadencePolicy.)
type CadenceSettings struct {
	// Default is the cadence of clients with no cadence of their own or
	// of a tag (SettingCadenceIdeal, SettingCadenceMax); each of its
	// days not set is DefaultCadence's.
	Default Cadence
	// ThanksWithin is how many days after a visit a thank-you still
	// follows it (SettingThanksWithin; DefaultThanksWithin if not set).
	ThanksWithin int
}

// CadenceSettingsFrom reads the cadence settings out of the values get
// gives by key.
func CadenceSettingsFrom(get func(key string) string) CadenceSettings {
	days := func(k string, def int) int {
		if n, err := strconv.Atoi(strings.TrimSpace(get(k))); err == nil && n > 0 {
			return n
		}
		return def
	}
	return CadenceSettings{
		Default:      Cadence{Ideal: days(SettingCadenceIdeal, DefaultCadence.Ideal), Max: days(SettingCadenceMax, DefaultCadence.Max)},
		ThanksWithin: days(SettingThanksWithin, DefaultThanksWithin),
	}
}

// Check says what is wrong with a cadence set in Settings (as the book's
// or a tag's): at least a day, at most ten years, and the maximum no
// fewer days than the ideal.
func (c Cadence) Check() error {
	switch {
	case c.Ideal < 1 || c.Max < 1:
		return ValidationError{{FieldCadence, "Days between contacts must be at least 1"}}
	case c.Ideal > 3650 || c.Max > 3650:
		return ValidationError{{FieldCadence, "Days between contacts must be at most 3650 (ten years)"}}
	case c.Max < c.Ideal:
		return ValidationError{{FieldCadence, fmt.Sprintf("The maximum days (%d) cannot be fewer than the ideal (%d)", c.Max, c.Ideal)}}
	}
	return nil
}

// Check says what is wrong with the cadence settings, by the rules their
// writers keep (SetDefaultCadence, SetThanksWithin).
func (c CadenceSettings) Check() error {
	if err := c.Default.Check(); err != nil {
		return err
	}
	if _, err := ParseThanksWithin(strconv.Itoa(c.ThanksWithin)); err != nil {
		return err
	}
	return nil
}
