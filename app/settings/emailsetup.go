package settings

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/mailer"
	"regulars/app/words"
	"regulars/data"
	"regulars/letters/mail"
)

// The Email card of Settings: the owner's mailbox, its servers (filled in
// for the well-known services) and tests of them.

// EmailSettings is the Email card of Settings.
type EmailSettings struct {
	u *needs
	// onSaved is told when the settings were saved, so that leaving
	// Settings does not ask about them.
	onSaved func()
	// Content is the card; the fields and choices below are on it.
	Content                      fyne.CanvasObject
	FromName, From               *form.Field
	SMTPHost, SMTPPort, SMTPUser *form.Field
	IMAPHost, IMAPPort, IMAPUser *form.Field
	SMTPSec, IMAPSec             *widget.Select
	// Provider offers the well-known services, whose servers it fills in;
	// ProviderNote says what the chosen one needs (an app password…).
	Provider     *widget.Select
	ProviderNote *widget.Label
	// smtpSecChosen and imapSecChosen are set once the owner picks a
	// security: until then, changing the port changes it to match.
	smtpSecChosen, imapSecChosen bool
	filling                      bool // the screen is being filled, not edited
	SMTPPass, IMAPPass           *widget.Entry
	autoReplies                  *widget.Check
	// Rows are the card's rows; Status says how a test went.
	Rows    []*form.Row
	Status  *widget.Label
	buttons []*widget.Button // disabled while a test runs
	// Tested is closed when the last test has shown its result.
	Tested chan struct{}
}

// securityOptions are the securities in plain words.
var securityOptions = []string{mail.SecurityWords(mail.StartTLS), mail.SecurityWords(mail.TLS), mail.SecurityWords(mail.Plain)}

func newEmailSettings(u *needs) *EmailSettings {
	e := &EmailSettings{u: u}
	e.FromName, e.From = form.NewField(u.forms, "Name clients see, e.g. Blue Door Salon"), form.NewField(u.forms, "e.g. hello@bluedoor.example")
	e.SMTPHost, e.SMTPPort, e.SMTPUser = form.NewField(u.forms, "e.g. smtp.example.com"), form.NewField(u.forms, "usually 587"), form.NewField(u.forms, "user name (often the address)")
	e.IMAPHost, e.IMAPPort, e.IMAPUser = form.NewField(u.forms, "e.g. imap.example.com"), form.NewField(u.forms, "usually 993"), form.NewField(u.forms, "user name (often the address)")
	e.SMTPSec, e.IMAPSec = widget.NewSelect(securityOptions, nil), widget.NewSelect(securityOptions, nil)
	e.SMTPSec.OnChanged = func(string) { e.smtpSecChosen = e.smtpSecChosen || !e.filling }
	e.IMAPSec.OnChanged = func(string) { e.imapSecChosen = e.imapSecChosen || !e.filling }
	e.SMTPPort.OnChanged = func(p string) { e.portChanged(p, e.SMTPSec, e.smtpSecChosen) }
	e.IMAPPort.OnChanged = func(p string) { e.portChanged(p, e.IMAPSec, e.imapSecChosen) }
	prevFrom := ""
	e.From.OnChanged = func(now string) { e.fromChanged(prevFrom, now); prevFrom = now }
	e.Provider = widget.NewSelect(providerOptions(), e.chooseProvider)
	e.Provider.PlaceHolder = "Choose your email service…"
	e.ProviderNote = widget.NewLabel("")
	e.ProviderNote.Wrapping = fyne.TextWrapWord
	e.ProviderNote.Importance = widget.WarningImportance
	e.ProviderNote.Hide()
	e.SMTPPass, e.IMAPPass = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	e.SMTPPass.PlaceHolder, e.IMAPPass.PlaceHolder = "password (kept in the OS keyring)", "password (kept in the OS keyring)"
	e.autoReplies = widget.NewCheck("Check for replies every 10 minutes", nil)
	server := func(host, port *form.Field, sec *widget.Select) fyne.CanvasObject {
		// The security says its port in words: wide enough to read them.
		sec.PlaceHolder = "How the connection is protected"
		return container.NewBorder(nil, nil, nil, container.NewGridWithColumns(2, port, sec), host)
	}
	e.Rows = []*form.Row{
		form.NewRow("provider", "Email service", container.NewVBox(e.Provider, e.ProviderNote)),
		form.NewRow("from", "From", container.NewGridWithColumns(2, e.FromName, e.From)),
		form.NewRow("smtp", "Outgoing (SMTP)", server(e.SMTPHost, e.SMTPPort, e.SMTPSec)),
		form.NewRow("smtpuser", "", container.NewGridWithColumns(2, e.SMTPUser, e.SMTPPass)),
		form.NewRow("imap", "Incoming (IMAP)", server(e.IMAPHost, e.IMAPPort, e.IMAPSec)),
		form.NewRow("imapuser", "", container.NewGridWithColumns(2, e.IMAPUser, e.IMAPPass)),
		form.NewRow("auto", "", e.autoReplies),
	}
	e.Status = widget.NewLabel("")
	e.Status.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		if e.save() && e.onSaved != nil {
			e.onSaved()
		}
	})
	testSMTP := widget.NewButtonWithIcon("Send test email", theme.MailSendIcon(), func() { e.test(true) })
	testIMAP := widget.NewButtonWithIcon("Test IMAP", theme.MailAttachmentIcon(), func() { e.test(false) })
	e.buttons = []*widget.Button{save, testSMTP, testIMAP}
	e.Content = widget.NewCard("Email", "Sent from your own mailbox; a copy goes to Sent, and replies count as contact.",
		container.NewVBox(form.Grid(e.Rows...), container.NewHBox(save, testSMTP, testIMAP), e.Status))
	return e
}

// show fills the card from the book.
func (e *EmailSettings) show() {
	m, _ := e.u.store.MailSettings(e.u.ctx)
	saved := m.Values()
	get := func(k string) string { return saved[k] }
	e.filling = true
	defer func() { e.filling = false }()
	e.FromName.SetText(get(data.SettingFromName))
	e.From.SetText(get(data.SettingFromAddress))
	e.SMTPHost.SetText(get(data.SettingSMTPHost))
	e.SMTPPort.SetText(get(data.SettingSMTPPort))
	e.SMTPUser.SetText(get(data.SettingSMTPUser))
	e.IMAPHost.SetText(get(data.SettingIMAPHost))
	e.IMAPPort.SetText(get(data.SettingIMAPPort))
	e.IMAPUser.SetText(get(data.SettingIMAPUser))
	// A security saved is the owner's choice; none saved (or STARTTLS
	// saved beside 993, which cannot work) follows the port.
	smtpSec := shownSecurity(get(data.SettingSMTPSecurity), e.SMTPPort.Text, 587)
	imapSec := shownSecurity(get(data.SettingIMAPSecurity), e.IMAPPort.Text, 993)
	e.smtpSecChosen = get(data.SettingSMTPSecurity) == string(smtpSec)
	e.imapSecChosen = get(data.SettingIMAPSecurity) == string(imapSec)
	e.SMTPSec.SetSelected(mail.SecurityWords(smtpSec))
	e.IMAPSec.SetSelected(mail.SecurityWords(imapSec))
	e.showProvider()
	e.autoReplies.SetChecked(get(data.SettingRepliesAuto) == "1")
}

// typed checks the settings on screen and returns them by settings key;
// ok is false when a value is wrong (the errors are then on screen).
func (e *EmailSettings) typed() (settings map[string]string, ok bool) {
	var errs data.ValidationError
	if msg := data.CheckEmail(strings.TrimSpace(e.From.Text)); msg != "" || strings.TrimSpace(e.From.Text) == "" {
		if msg == "" {
			msg = "The From address is required"
		}
		errs = append(errs, data.FieldError{Field: "from", Message: msg})
	}
	port := func(f *form.Field, field string) string {
		p := strings.TrimSpace(f.Text)
		if p == "" {
			return ""
		}
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			errs = append(errs, data.FieldError{Field: field, Message: fmt.Sprintf("%q is not a port number", p)})
		}
		return p
	}
	smtpPort, imapPort := port(e.SMTPPort, "smtp"), port(e.IMAPPort, "imap")
	form.ShowErrors(errs, e.Rows...)
	if len(errs) > 0 {
		return nil, false
	}
	settings = map[string]string{
		data.SettingFromName: e.FromName.Text, data.SettingFromAddress: e.From.Text,
		data.SettingSMTPHost: e.SMTPHost.Text, data.SettingSMTPPort: smtpPort, data.SettingSMTPSecurity: securityValue(e.SMTPSec.Selected), data.SettingSMTPUser: e.SMTPUser.Text,
		data.SettingIMAPHost: e.IMAPHost.Text, data.SettingIMAPPort: imapPort, data.SettingIMAPSecurity: securityValue(e.IMAPSec.Selected), data.SettingIMAPUser: e.IMAPUser.Text,
		data.SettingRepliesAuto: map[bool]string{true: "1", false: ""}[e.autoReplies.Checked],
	}
	for k, v := range settings {
		settings[k] = strings.TrimSpace(v)
	}
	return settings, true
}

// save checks and stores the settings; passwords go to the OS keyring, or
// are kept for this session when there is none.
func (e *EmailSettings) save() bool {
	settings, ok := e.typed()
	if !ok {
		return false
	}
	if err := e.u.store.SetMailSettings(e.u.ctx, data.MailSettingsFrom(func(k string) string { return settings[k] })); err != nil {
		e.u.showError(err)
		return false
	}
	e.Status.SetText("Saved.")
	for _, p := range []struct {
		kind, user, pass string
		keep             *string
	}{{"smtp", e.SMTPUser.Text, e.SMTPPass.Text, &e.u.mailer.Passwords.SMTP}, {"imap", e.IMAPUser.Text, e.IMAPPass.Text, &e.u.mailer.Passwords.IMAP}} {
		if p.pass == "" {
			continue
		}
		*p.keep = p.pass // used this session in any case
		if err := mail.SavePassword(p.kind, strings.TrimSpace(p.user), p.pass); err != nil {
			e.Status.SetText("Saved. " + words.CapitalizeWords(err.Error()[:1]) + err.Error()[1:] + ".")
		}
	}
	return true
}

// test checks a server with the settings on screen, in the background:
// a slow or silent server must not freeze the window. The settings are
// tried as typed and not saved: Save (or Discard) stays the owner's call.
func (e *EmailSettings) test(smtp bool) {
	settings, ok := e.typed()
	if !ok {
		return
	}
	need := mailer.NeedIMAP
	if smtp {
		need = mailer.NeedSMTP
	}
	m := data.MailSettingsFrom(func(k string) string { return settings[k] })
	pw := mailer.Passwords{SMTP: e.SMTPPass.Text, IMAP: e.IMAPPass.Text}
	e.u.mailer.SettingsFrom(m, pw, need, true, func(smtpSrv mail.Server, imapSrv *mail.Server, from string) {
		if !smtp && imapSrv == nil {
			e.Status.SetText("Set the IMAP server first.")
			return
		}
		e.Status.SetText("Testing…")
		for _, b := range e.buttons {
			b.Disable()
		}
		done := make(chan struct{})
		e.Tested = done
		go func() {
			var msg string
			var err error
			if smtp {
				if err = mail.TestSMTP(smtpSrv, from, true); err != nil {
					msg = "Sending failed: " + err.Error()
				} else {
					msg = "A test email went to " + from + "."
				}
			} else if mb, err2 := mail.OpenMailbox(*imapSrv); err2 != nil {
				err, msg = err2, "IMAP failed: "+err2.Error()
			} else {
				msg = fmt.Sprintf("IMAP works: sent messages go to the %q folder.", mb.SentFolder())
				mb.Close()
			}
			fyne.Do(func() {
				e.u.mailer.ForgetRefused(map[bool]string{true: "smtp", false: "imap"}[smtp], err)
				if err == nil && e.unsaved(settings) {
					msg += " These settings are not saved yet: press Save to keep them."
				}
				e.Status.SetText(msg)
				for _, b := range e.buttons {
					b.Enable()
				}
				close(done)
			})
		}()
	}, func(err error) {
		if smtp {
			e.Status.SetText("Sending failed: " + err.Error())
		} else {
			e.Status.SetText("IMAP failed: " + err.Error())
		}
	})
}

// otherProvider is the choice of a service not listed: the owner types
// the servers their provider gives.
const otherProvider = "Another service (type its servers)"

// providerOptions are the services offered, then the other.
func providerOptions() []string {
	var out []string
	for _, p := range mail.Providers {
		out = append(out, p.Name)
	}
	return append(out, otherProvider)
}

// chooseProvider fills the servers of a well-known service, the From name
// from the business name, and the user names from the From address, and
// says what the service needs before the first email.
func (e *EmailSettings) chooseProvider(name string) {
	p, known := mail.ProviderByKey(name)
	e.showProviderNote(p, known)
	if e.filling || !known {
		return
	}
	e.filling = true
	defer func() { e.filling = false }()
	e.SMTPHost.SetText(p.SMTP.Host)
	e.SMTPPort.SetText(strconv.Itoa(p.SMTP.Port))
	e.SMTPSec.SetSelected(mail.SecurityWords(p.SMTP.Security))
	e.IMAPHost.SetText(p.IMAP.Host)
	e.IMAPPort.SetText(strconv.Itoa(p.IMAP.Port))
	e.IMAPSec.SetSelected(mail.SecurityWords(p.IMAP.Security))
	e.smtpSecChosen, e.imapSecChosen = false, false
	if strings.TrimSpace(e.FromName.Text) == "" {
		business, _ := e.u.store.Setting(e.u.ctx, data.SettingBusinessName)
		e.FromName.SetText(strings.TrimSpace(business))
	}
	if from := strings.TrimSpace(e.From.Text); from != "" {
		e.SMTPUser.SetText(from)
		e.IMAPUser.SetText(from)
	}
}

// showProviderNote shows what a service needs (an app password and where
// to make it), or nothing for another service.
func (e *EmailSettings) showProviderNote(p mail.Provider, known bool) {
	if !known {
		e.ProviderNote.SetText("")
		e.ProviderNote.Hide()
		return
	}
	e.ProviderNote.SetText(p.Note)
	e.ProviderNote.Show()
	if e.Content != nil {
		e.Content.Refresh() // lay the rows out again around the note's lines
	}
}

// showProvider chooses, as the book is shown, the service whose server
// is saved, or none.
func (e *EmailSettings) showProvider() {
	host := strings.TrimSpace(e.SMTPHost.Text)
	for _, p := range mail.Providers {
		if strings.EqualFold(host, p.SMTP.Host) {
			e.Provider.SetSelected(p.Name)
			return
		}
	}
	if host != "" {
		e.Provider.SetSelected(otherProvider)
		return
	}
	e.Provider.ClearSelected()
	e.showProviderNote(mail.Provider{}, false)
}

// fromChanged keeps the user names following the From address while they
// are empty or were the address before.
func (e *EmailSettings) fromChanged(before, now string) {
	if e.filling {
		return
	}
	for _, f := range []*form.Field{e.SMTPUser, e.IMAPUser} {
		if t := strings.TrimSpace(f.Text); t == "" && e.Provider.Selected != "" && e.Provider.Selected != otherProvider || t != "" && t == strings.TrimSpace(before) {
			f.SetText(strings.TrimSpace(now))
		}
	}
}

// portChanged sets the security a port stands for (993 → SSL/TLS, 587 →
// STARTTLS) unless the owner chose one.
func (e *EmailSettings) portChanged(port string, sec *widget.Select, chosen bool) {
	if e.filling || chosen {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(port))
	if err != nil {
		return
	}
	if s, ok := mail.SecurityForPort(n); ok {
		e.filling = true
		sec.SetSelected(mail.SecurityWords(s))
		e.filling = false
	}
}

// shownSecurity is the security sending uses (mail.SecurityFor): the
// one saved, else the one the port stands for (def when no port is
// saved), else STARTTLS.
func shownSecurity(saved, port string, def int) mail.Security {
	n, err := strconv.Atoi(strings.TrimSpace(port))
	if err != nil {
		n = def
	}
	s, _ := mail.SecurityFromWords(saved)
	return mail.SecurityFor(s, n)
}

// securityValue is the saved value ("starttls", "tls", "none") of a
// security shown in words.
func securityValue(words string) string {
	if s, ok := mail.SecurityFromWords(words); ok {
		return string(s)
	}
	return strings.TrimSpace(words)
}

// unsaved reports whether settings (as typed) differ from the book's.
func (e *EmailSettings) unsaved(settings map[string]string) bool {
	m, _ := e.u.store.MailSettings(e.u.ctx)
	saved := m.Values()
	for k, v := range settings {
		if strings.TrimSpace(saved[k]) != v {
			return true
		}
	}
	return false
}
