package data

// The keys of the settings kept in the book, grouped by what they are
// about. Their values are what the book stores: they never change, or
// existing books would lose their settings.

// The business: who writes the cards and emails, and where it is.
const (
	// SettingBusinessName is the business's name, written on cards and
	// in emails (and their sender's name when none is set for email).
	SettingBusinessName = "business_name"
	// SettingBusinessAddress is the business's postal address, its lines
	// separated by newlines; emails carry it at their foot.
	SettingBusinessAddress = "business_address"
	// SettingCountry is the book's country, kept as its two-letter ISO
	// 3166 code (US, GB, DE): the shop's own, left off the envelopes of
	// clients who live there; the country of phones written without a
	// country code (shown in its national form); and the order of day
	// and month in the dates people type.
	SettingCountry = "country"
	// SettingCurrency is the book's currency (an ISO 4217 code such as
	// EUR); amounts are shown with its symbol.
	SettingCurrency = "currency"
	// SettingLastStaff is the id of the staff member who recorded the
	// last visit, offered again for the next one.
	SettingLastStaff = "last_staff_id"
)

// Cards: how the pen writes them and how the printer places them.
const (
	// SettingHandFont is the pen's hand: "Caveat", "Kalam" or the path
	// of the owner's own .ttf.
	SettingHandFont = "hand_font"
	// SettingSignature is the path of the owner's signature image (PNG),
	// put at the foot of cards.
	SettingSignature = "signature_png"
	// SettingPrinter remembers the printer the owner last printed a
	// batch on.
	SettingPrinter = "printer"
	// settingPrintOffset begins the keys of the offsets of papers; see
	// SettingPrintOffset.
	settingPrintOffset = "print_offset_"
)

// SettingPrintOffset is the key of the printer offset kept for a paper:
// kind is "card" (name a card layout, e.g. "a6") or "envelope" (name an
// envelope size, e.g. "dl").
func SettingPrintOffset(kind, name string) string {
	return settingPrintOffset + kind + "_" + name
}

// Email: the sender, the servers, and reading replies.
const (
	// SettingFromName is the name emails are sent from.
	SettingFromName = "mail_from_name"
	// SettingFromAddress is the address emails are sent from.
	SettingFromAddress = "mail_from_address"
	// SettingSMTPHost is the host of the SMTP server that sends emails.
	SettingSMTPHost = "smtp_host"
	// SettingSMTPPort is the SMTP server's port.
	SettingSMTPPort = "smtp_port"
	// SettingSMTPSecurity is how the SMTP connection is secured:
	// starttls, tls or none.
	SettingSMTPSecurity = "smtp_security"
	// SettingSMTPUser is the user name on the SMTP server (its password
	// is kept in the OS keyring, never in the book).
	SettingSMTPUser = "smtp_user"
	// SettingIMAPHost is the host of the IMAP server where copies go to
	// Sent and replies are read; empty: none.
	SettingIMAPHost = "imap_host"
	// SettingIMAPPort is the IMAP server's port.
	SettingIMAPPort = "imap_port"
	// SettingIMAPSecurity is how the IMAP connection is secured:
	// starttls, tls or none.
	SettingIMAPSecurity = "imap_security"
	// SettingIMAPUser is the user name on the IMAP server.
	SettingIMAPUser = "imap_user"
	// SettingRepliesChecked is when replies were last read from the
	// mailbox, so that the next check starts there.
	SettingRepliesChecked = "replies_checked_at"
	// SettingRepliesAuto is "1" when the window reads replies by itself
	// while it is open.
	SettingRepliesAuto = "replies_auto"
)

// Cadence: how often clients are due a contact, and thank-yous.
const (
	// SettingCadenceIdeal is the default number of days between contacts.
	SettingCadenceIdeal = "cadence_ideal"
	// SettingCadenceMax is the default number of days after which a
	// client is overdue.
	SettingCadenceMax = "cadence_max"
	// SettingThanksWithin is how many days after a visit a thank-you
	// still follows it (see ThanksDue).
	SettingThanksWithin = "thanks_within_days"
)

// The window.
const (
	// SettingWindowTheme is the window's theme choice: "system", "light"
	// or "dark".
	SettingWindowTheme = "window_theme"
)

// BusinessSettings are the settings of who the business is and where,
// read together for the envelopes, cards and emails that carry them.
type BusinessSettings struct {
	Name    string // SettingBusinessName
	Address string // SettingBusinessAddress: lines separated by newlines
}
