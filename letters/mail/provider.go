package mail

import "strings"

// Provider is a well-known email service whose servers a shop owner
// should not have to look up: its outgoing and incoming servers, and what
// the owner must know to sign in from Regulars.
type Provider struct {
	Key  string // short name for the command line, e.g. "gmail"
	Name string // the name people know, e.g. "Gmail"
	SMTP ServerPlace
	IMAP ServerPlace
	// AppPassword is set when the service refuses the normal password
	// from a program like Regulars and wants an app password instead.
	AppPassword bool
	// Note says in plain words what to do before the first email: where
	// to make an app password, or which password to use.
	Note string
}

// ServerPlace is where a server answers and how the connection is
// protected.
type ServerPlace struct {
	Host     string
	Port     int
	Security Security
}

// Providers are the services offered in Settings and by `regulars mail
// --provider`, in the order they are offered.
var Providers = []Provider{
	{
		Key: "gmail", Name: "Gmail",
		SMTP: ServerPlace{"smtp.gmail.com", 587, StartTLS}, IMAP: ServerPlace{"imap.gmail.com", 993, TLS},
		AppPassword: true,
		Note: "Gmail needs an app password, not your usual password: turn on 2-Step Verification, " +
			"then make one at https://myaccount.google.com/apppasswords and type it here.",
	},
	{
		Key: "outlook", Name: "Outlook.com (Hotmail, Live)",
		SMTP: ServerPlace{"smtp-mail.outlook.com", 587, StartTLS}, IMAP: ServerPlace{"outlook.office365.com", 993, TLS},
		Note: "Use your Outlook.com password. If you use two-step verification, make an app password " +
			"at https://account.microsoft.com/security (Advanced security options → App passwords).",
	},
	{
		Key: "microsoft365", Name: "Microsoft 365 (work or school)",
		SMTP: ServerPlace{"smtp.office365.com", 587, StartTLS}, IMAP: ServerPlace{"outlook.office365.com", 993, TLS},
		Note: "Use your Microsoft 365 password. If sending is refused, ask whoever runs your Microsoft 365 " +
			"to allow \"Authenticated SMTP\" for this mailbox.",
	},
	{
		Key: "icloud", Name: "iCloud Mail",
		SMTP: ServerPlace{"smtp.mail.me.com", 587, StartTLS}, IMAP: ServerPlace{"imap.mail.me.com", 993, TLS},
		AppPassword: true,
		Note: "iCloud needs an app-specific password, not your Apple ID password: make one at " +
			"https://appleid.apple.com (Sign-In and Security → App-Specific Passwords) and type it here. " +
			"The user name is your full iCloud address.",
	},
	{
		Key: "yahoo", Name: "Yahoo Mail",
		SMTP: ServerPlace{"smtp.mail.yahoo.com", 465, TLS}, IMAP: ServerPlace{"imap.mail.yahoo.com", 993, TLS},
		AppPassword: true,
		Note: "Yahoo needs an app password, not your usual password: in Yahoo, open Account Info → " +
			"Account Security → Generate app password (https://login.yahoo.com/account/security), and type it here.",
	},
	{
		Key: "fastmail", Name: "Fastmail",
		SMTP: ServerPlace{"smtp.fastmail.com", 465, TLS}, IMAP: ServerPlace{"imap.fastmail.com", 993, TLS},
		AppPassword: true,
		Note: "Fastmail needs an app password: make one in Fastmail under Settings → Privacy & Security → " +
			"App passwords (access: IMAP and SMTP), and type it here.",
	},
}

// ProviderByKey finds a provider by its short name or its name, any
// case; ok is false when there is none.
func ProviderByKey(key string) (Provider, bool) {
	key = strings.TrimSpace(key)
	for _, p := range Providers {
		if strings.EqualFold(p.Key, key) || strings.EqualFold(p.Name, key) {
			return p, true
		}
	}
	return Provider{}, false
}

// ProviderKeys lists the short names, for a usage line.
func ProviderKeys() string {
	var keys []string
	for _, p := range Providers {
		keys = append(keys, p.Key)
	}
	return strings.Join(keys, ", ")
}

// SecurityForPort is the protection a port stands for when the owner has
// not chosen one: 465 and 993 speak TLS from the first byte; 587, 25 and
// 143 start plain and switch with STARTTLS. ok is false for any other
// port, whose protection cannot be guessed.
func SecurityForPort(port int) (sec Security, ok bool) {
	switch port {
	case 465, 993, 995:
		return TLS, true
	case 25, 587, 143, 110, 2525:
		return StartTLS, true
	}
	return "", false
}

// SecurityFor is the protection to use with a port: the one saved, but
// SSL/TLS on 465 and 993 even when STARTTLS was saved (which cannot work
// there: older versions saved it beside 993 by default); with none saved,
// the one the port stands for, else STARTTLS.
func SecurityFor(saved Security, port int) Security {
	byPort, known := SecurityForPort(port)
	switch {
	case saved == "" && known:
		return byPort
	case saved == "":
		return StartTLS
	case saved == StartTLS && known && byPort == TLS:
		return TLS
	}
	return saved
}

// SecurityWords says a protection in plain words, as Settings offers it.
func SecurityWords(s Security) string {
	switch s {
	case StartTLS:
		return "STARTTLS (usually 587 or 143)"
	case TLS:
		return "SSL/TLS (usually 465 or 993)"
	case Plain:
		return "None (this computer only)"
	}
	return string(s)
}

// SecurityFromWords is the protection SecurityWords wrote (or its short
// name: "starttls", "tls", "none"); ok is false for anything else.
func SecurityFromWords(w string) (Security, bool) {
	w = strings.TrimSpace(w)
	for _, s := range []Security{StartTLS, TLS, Plain} {
		if w == SecurityWords(s) || strings.EqualFold(w, string(s)) {
			return s, true
		}
	}
	return "", false
}
