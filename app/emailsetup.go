package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/letters"
)

// otherProvider is the choice of a service not listed: the owner types
// the servers their provider gives.
const otherProvider = "Another service (type its servers)"

// providerOptions are the services offered, then the other.
func providerOptions() []string {
	var out []string
	for _, p := range letters.MailProviders {
		out = append(out, p.Name)
	}
	return append(out, otherProvider)
}

// chooseProvider fills the servers of a well-known service, the From name
// from the business name, and the user names from the From address, and
// says what the service needs before the first email.
func (e *emailSettings) chooseProvider(name string) {
	p, known := letters.MailProviderByKey(name)
	e.showProviderNote(p, known)
	if e.filling || !known {
		return
	}
	e.filling = true
	defer func() { e.filling = false }()
	e.smtpHost.SetText(p.SMTP.Host)
	e.smtpPort.SetText(strconv.Itoa(p.SMTP.Port))
	e.smtpSec.SetSelected(letters.SecurityWords(p.SMTP.Security))
	e.imapHost.SetText(p.IMAP.Host)
	e.imapPort.SetText(strconv.Itoa(p.IMAP.Port))
	e.imapSec.SetSelected(letters.SecurityWords(p.IMAP.Security))
	e.smtpSecChosen, e.imapSecChosen = false, false
	if strings.TrimSpace(e.fromName.Text) == "" {
		business, _ := e.u.store.Setting(e.u.ctx, data.SettingBusinessName)
		e.fromName.SetText(strings.TrimSpace(business))
	}
	if from := strings.TrimSpace(e.from.Text); from != "" {
		e.smtpUser.SetText(from)
		e.imapUser.SetText(from)
	}
}

// showProviderNote shows what a service needs (an app password and where
// to make it), or nothing for another service.
func (e *emailSettings) showProviderNote(p letters.MailProvider, known bool) {
	if !known {
		e.providerNote.SetText("")
		e.providerNote.Hide()
		return
	}
	e.providerNote.SetText(p.Note)
	e.providerNote.Show()
	if e.content != nil {
		e.content.Refresh() // lay the rows out again around the note's lines
	}
}

// showProvider chooses, as the book is shown, the service whose server
// is saved, or none.
func (e *emailSettings) showProvider() {
	host := strings.TrimSpace(e.smtpHost.Text)
	for _, p := range letters.MailProviders {
		if strings.EqualFold(host, p.SMTP.Host) {
			e.provider.SetSelected(p.Name)
			return
		}
	}
	if host != "" {
		e.provider.SetSelected(otherProvider)
		return
	}
	e.provider.ClearSelected()
	e.showProviderNote(letters.MailProvider{}, false)
}

// fromChanged keeps the user names following the From address while they
// are empty or were the address before.
func (e *emailSettings) fromChanged(before, now string) {
	if e.filling {
		return
	}
	for _, f := range []*field{e.smtpUser, e.imapUser} {
		if t := strings.TrimSpace(f.Text); t == "" && e.provider.Selected != "" && e.provider.Selected != otherProvider || t != "" && t == strings.TrimSpace(before) {
			f.SetText(strings.TrimSpace(now))
		}
	}
}

// portChanged sets the security a port stands for (993 → SSL/TLS, 587 →
// STARTTLS) unless the owner chose one.
func (e *emailSettings) portChanged(port string, sec *widget.Select, chosen bool) {
	if e.filling || chosen {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(port))
	if err != nil {
		return
	}
	if s, ok := letters.SecurityForPort(n); ok {
		e.filling = true
		sec.SetSelected(letters.SecurityWords(s))
		e.filling = false
	}
}

// shownSecurity is the security sending uses (letters.SecurityFor): the
// one saved, else the one the port stands for (def when no port is
// saved), else STARTTLS.
func shownSecurity(saved, port string, def int) letters.Security {
	n, err := strconv.Atoi(strings.TrimSpace(port))
	if err != nil {
		n = def
	}
	s, _ := letters.SecurityFromWords(saved)
	return letters.SecurityFor(s, n)
}

// securityValue is the saved value ("starttls", "tls", "none") of a
// security shown in words.
func securityValue(words string) string {
	if s, ok := letters.SecurityFromWords(words); ok {
		return string(s)
	}
	return strings.TrimSpace(words)
}

// unsaved reports whether settings (as typed) differ from the book's.
func (e *emailSettings) unsaved(settings map[string]string) bool {
	for k, v := range settings {
		if saved, _ := e.u.store.Setting(e.u.ctx, k); strings.TrimSpace(saved) != v {
			return true
		}
	}
	return false
}
