package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
)

// mailPasswords are the passwords typed for this session when the OS has
// no keyring; they are never written to the book or a file.
type mailPasswords struct{ smtp, imap string }

// emailSettings is the Email card of Settings.
type emailSettings struct {
	u *ui
	// onSaved is told when the settings were saved, so that leaving
	// Settings does not ask about them.
	onSaved                      func()
	content                      fyne.CanvasObject
	fromName, from               *field
	smtpHost, smtpPort, smtpUser *field
	imapHost, imapPort, imapUser *field
	smtpSec, imapSec             *widget.Select
	// provider offers the well-known services, whose servers it fills in;
	// providerNote says what the chosen one needs (an app password…).
	provider     *widget.Select
	providerNote *widget.Label
	// smtpSecChosen and imapSecChosen are set once the owner picks a
	// security: until then, changing the port changes it to match.
	smtpSecChosen, imapSecChosen bool
	filling                      bool // the screen is being filled, not edited
	smtpPass, imapPass           *widget.Entry
	autoReplies                  *widget.Check
	rows                         []*formRow
	status                       *widget.Label
	buttons                      []*widget.Button // disabled while a test runs
	tested                       chan struct{}    // closed when the last test has shown its result
}

// securityOptions are the securities in plain words.
var securityOptions = []string{letters.SecurityWords(letters.StartTLS), letters.SecurityWords(letters.TLS), letters.SecurityWords(letters.Plain)}

func newEmailSettings(u *ui) *emailSettings {
	e := &emailSettings{u: u}
	e.fromName, e.from = newField(u, "Name clients see, e.g. Blue Door Salon"), newField(u, "e.g. hello@bluedoor.example")
	e.smtpHost, e.smtpPort, e.smtpUser = newField(u, "e.g. smtp.example.com"), newField(u, "usually 587"), newField(u, "user name (often the address)")
	e.imapHost, e.imapPort, e.imapUser = newField(u, "e.g. imap.example.com"), newField(u, "usually 993"), newField(u, "user name (often the address)")
	e.smtpSec, e.imapSec = widget.NewSelect(securityOptions, nil), widget.NewSelect(securityOptions, nil)
	e.smtpSec.OnChanged = func(string) { e.smtpSecChosen = e.smtpSecChosen || !e.filling }
	e.imapSec.OnChanged = func(string) { e.imapSecChosen = e.imapSecChosen || !e.filling }
	e.smtpPort.OnChanged = func(p string) { e.portChanged(p, e.smtpSec, e.smtpSecChosen) }
	e.imapPort.OnChanged = func(p string) { e.portChanged(p, e.imapSec, e.imapSecChosen) }
	prevFrom := ""
	e.from.OnChanged = func(now string) { e.fromChanged(prevFrom, now); prevFrom = now }
	e.provider = widget.NewSelect(providerOptions(), e.chooseProvider)
	e.provider.PlaceHolder = "Choose your email service…"
	e.providerNote = widget.NewLabel("")
	e.providerNote.Wrapping = fyne.TextWrapWord
	e.providerNote.Importance = widget.WarningImportance
	e.providerNote.Hide()
	e.smtpPass, e.imapPass = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	e.smtpPass.PlaceHolder, e.imapPass.PlaceHolder = "password (kept in the OS keyring)", "password (kept in the OS keyring)"
	e.autoReplies = widget.NewCheck("Check for replies every 10 minutes", nil)
	server := func(host, port *field, sec *widget.Select) fyne.CanvasObject {
		// The security says its port in words: wide enough to read them.
		sec.PlaceHolder = "How the connection is protected"
		return container.NewBorder(nil, nil, nil, container.NewGridWithColumns(2, port, sec), host)
	}
	e.rows = []*formRow{
		newRow("provider", "Email service", container.NewVBox(e.provider, e.providerNote)),
		newRow("from", "From", container.NewGridWithColumns(2, e.fromName, e.from)),
		newRow("smtp", "Outgoing (SMTP)", server(e.smtpHost, e.smtpPort, e.smtpSec)),
		newRow("smtpuser", "", container.NewGridWithColumns(2, e.smtpUser, e.smtpPass)),
		newRow("imap", "Incoming (IMAP)", server(e.imapHost, e.imapPort, e.imapSec)),
		newRow("imapuser", "", container.NewGridWithColumns(2, e.imapUser, e.imapPass)),
		newRow("auto", "", e.autoReplies),
	}
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		if e.save() && e.onSaved != nil {
			e.onSaved()
		}
	})
	testSMTP := widget.NewButtonWithIcon("Send test email", theme.MailSendIcon(), func() { e.test(true) })
	testIMAP := widget.NewButtonWithIcon("Test IMAP", theme.MailAttachmentIcon(), func() { e.test(false) })
	e.buttons = []*widget.Button{save, testSMTP, testIMAP}
	e.content = widget.NewCard("Email", "Sent from your own mailbox; a copy goes to Sent, and replies count as contact.",
		container.NewVBox(formGrid(e.rows...), container.NewHBox(save, testSMTP, testIMAP), e.status))
	return e
}

// show fills the card from the book.
func (e *emailSettings) show() {
	get := func(k string) string { v, _ := e.u.store.Setting(e.u.ctx, k); return v }
	e.filling = true
	defer func() { e.filling = false }()
	e.fromName.SetText(get(data.SettingFromName))
	e.from.SetText(get(data.SettingFromAddress))
	e.smtpHost.SetText(get(data.SettingSMTPHost))
	e.smtpPort.SetText(get(data.SettingSMTPPort))
	e.smtpUser.SetText(get(data.SettingSMTPUser))
	e.imapHost.SetText(get(data.SettingIMAPHost))
	e.imapPort.SetText(get(data.SettingIMAPPort))
	e.imapUser.SetText(get(data.SettingIMAPUser))
	// A security saved is the owner's choice; none saved (or STARTTLS
	// saved beside 993, which cannot work) follows the port.
	smtpSec := shownSecurity(get(data.SettingSMTPSecurity), e.smtpPort.Text, 587)
	imapSec := shownSecurity(get(data.SettingIMAPSecurity), e.imapPort.Text, 993)
	e.smtpSecChosen = get(data.SettingSMTPSecurity) == string(smtpSec)
	e.imapSecChosen = get(data.SettingIMAPSecurity) == string(imapSec)
	e.smtpSec.SetSelected(letters.SecurityWords(smtpSec))
	e.imapSec.SetSelected(letters.SecurityWords(imapSec))
	e.showProvider()
	e.autoReplies.SetChecked(get("replies_auto") == "1")
}

// typed checks the settings on screen and returns them by settings key;
// ok is false when a value is wrong (the errors are then on screen).
func (e *emailSettings) typed() (settings map[string]string, ok bool) {
	var errs data.ValidationError
	if msg := data.CheckEmail(strings.TrimSpace(e.from.Text)); msg != "" || strings.TrimSpace(e.from.Text) == "" {
		if msg == "" {
			msg = "The From address is required"
		}
		errs = append(errs, data.FieldError{Field: "from", Message: msg})
	}
	port := func(f *field, field string) string {
		p := strings.TrimSpace(f.Text)
		if p == "" {
			return ""
		}
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			errs = append(errs, data.FieldError{Field: field, Message: fmt.Sprintf("%q is not a port number", p)})
		}
		return p
	}
	smtpPort, imapPort := port(e.smtpPort, "smtp"), port(e.imapPort, "imap")
	showFieldErrors(errs, e.rows...)
	if len(errs) > 0 {
		return nil, false
	}
	settings = map[string]string{
		data.SettingFromName: e.fromName.Text, data.SettingFromAddress: e.from.Text,
		data.SettingSMTPHost: e.smtpHost.Text, data.SettingSMTPPort: smtpPort, data.SettingSMTPSecurity: securityValue(e.smtpSec.Selected), data.SettingSMTPUser: e.smtpUser.Text,
		data.SettingIMAPHost: e.imapHost.Text, data.SettingIMAPPort: imapPort, data.SettingIMAPSecurity: securityValue(e.imapSec.Selected), data.SettingIMAPUser: e.imapUser.Text,
		"replies_auto": map[bool]string{true: "1", false: ""}[e.autoReplies.Checked],
	}
	for k, v := range settings {
		settings[k] = strings.TrimSpace(v)
	}
	return settings, true
}

// save checks and stores the settings; passwords go to the OS keyring, or
// are kept for this session when there is none.
func (e *emailSettings) save() bool {
	settings, ok := e.typed()
	if !ok {
		return false
	}
	for k, v := range settings {
		if err := e.u.store.SetSetting(e.u.ctx, k, v); err != nil {
			e.u.showError(err)
			return false
		}
	}
	e.status.SetText("Saved.")
	for _, p := range []struct {
		kind, user, pass string
		keep             *string
	}{{"smtp", e.smtpUser.Text, e.smtpPass.Text, &e.u.passwords.smtp}, {"imap", e.imapUser.Text, e.imapPass.Text, &e.u.passwords.imap}} {
		if p.pass == "" {
			continue
		}
		*p.keep = p.pass // used this session in any case
		if err := letters.SavePassword(p.kind, strings.TrimSpace(p.user), p.pass); err != nil {
			e.status.SetText("Saved. " + capitalizeWords(err.Error()[:1]) + err.Error()[1:] + ".")
		}
	}
	return true
}

// test checks a server with the settings on screen, in the background:
// a slow or silent server must not freeze the window. The settings are
// tried as typed and not saved: Save (or Discard) stays the owner's call.
func (e *emailSettings) test(smtp bool) {
	settings, ok := e.typed()
	if !ok {
		return
	}
	need := needIMAP
	if smtp {
		need = needSMTP
	}
	get := func(k string) string { return settings[k] }
	pw := mailPasswords{smtp: e.smtpPass.Text, imap: e.imapPass.Text}
	e.u.mailSettingsFrom(get, pw, need, true, func(smtpSrv letters.Server, imapSrv *letters.Server, from string) {
		if !smtp && imapSrv == nil {
			e.status.SetText("Set the IMAP server first.")
			return
		}
		e.status.SetText("Testing…")
		for _, b := range e.buttons {
			b.Disable()
		}
		done := make(chan struct{})
		e.tested = done
		go func() {
			var msg string
			var err error
			if smtp {
				if err = letters.TestSMTP(smtpSrv, from, true); err != nil {
					msg = "Sending failed: " + err.Error()
				} else {
					msg = "A test email went to " + from + "."
				}
			} else if mb, err2 := letters.OpenMailbox(*imapSrv); err2 != nil {
				err, msg = err2, "IMAP failed: "+err2.Error()
			} else {
				msg = fmt.Sprintf("IMAP works: sent messages go to the %q folder.", mb.SentFolder())
				mb.Close()
			}
			fyne.Do(func() {
				e.u.forgetRefused(map[bool]string{true: "smtp", false: "imap"}[smtp], err)
				if err == nil && e.unsaved(settings) {
					msg += " These settings are not saved yet: press Save to keep them."
				}
				e.status.SetText(msg)
				for _, b := range e.buttons {
					b.Enable()
				}
				close(done)
			})
		}()
	}, func(err error) {
		if smtp {
			e.status.SetText("Sending failed: " + err.Error())
		} else {
			e.status.SetText("IMAP failed: " + err.Error())
		}
	})
}

// Which servers an action needs.
type mailNeed int

const (
	needSMTP mailNeed = 1 << iota
	needIMAP
)

// mailSettings reads the mail servers and calls then with them. A
// password that is neither typed this session nor in the keyring is asked
// for first when ask is set (kept in the keyring when one answers, else
// for this session only); otherwise, and on any other problem, fail hears
// why.
func (u *ui) mailSettings(need mailNeed, ask bool, then func(letters.Server, *letters.Server, string), fail func(error)) {
	u.mailSettingsFrom(func(k string) string { v, _ := u.store.Setting(u.ctx, k); return v }, mailPasswords{}, need, ask, then, fail)
}

// mailSettingsFrom is mailSettings over the settings get gives (those
// typed in Settings, to test them before they are saved); a password in
// typed wins over the session's.
func (u *ui) mailSettingsFrom(get func(string) string, typed mailPasswords, need mailNeed, ask bool, then func(letters.Server, *letters.Server, string), fail func(error)) {
	sp, ip := u.passwords.smtp, u.passwords.imap
	if typed.smtp != "" {
		sp = typed.smtp
	}
	if typed.imap != "" {
		ip = typed.imap
	}
	smtpSrv, imapSrv, from, err := letters.MailSettingsFrom(get, sp, ip)
	var missing *letters.PasswordNeeded
	if errors.As(err, &missing) {
		err = nil
	}
	if need&needSMTP != 0 && err != nil {
		fail(err)
		return
	}
	for _, s := range []struct {
		kind   string
		srv    *letters.Server
		needed bool
	}{{"smtp", &smtpSrv, need&needSMTP != 0}, {"imap", imapSrv, need&needIMAP != 0}} {
		if !s.needed || s.srv == nil || s.srv.User == "" || s.srv.Password != "" {
			continue
		}
		p, err := letters.LoadPassword(s.kind, s.srv.User)
		if err == nil {
			s.srv.Password = p
			continue
		}
		if !errors.As(err, &missing) {
			fail(err)
			return
		}
		if !ask {
			fail(missing)
			return
		}
		u.askPassword(missing, func() { u.mailSettingsFrom(get, typed, need, ask, then, fail) }, func() { fail(missing) })
		return
	}
	then(smtpSrv, imapSrv, from)
}

// forgetRefused drops a session password the server refused, so that the
// next try asks for it again instead of failing the same way.
func (u *ui) forgetRefused(kind string, err error) {
	if err == nil || !strings.Contains(err.Error(), "refused the user name or password") {
		return
	}
	if kind == "smtp" {
		u.passwords.smtp = ""
	} else {
		u.passwords.imap = ""
	}
}

// askPassword asks for a mail password the keyring does not give.
func (u *ui) askPassword(need *letters.PasswordNeeded, done, cancel func()) {
	entry := widget.NewPasswordEntry()
	why := "No password is saved for this account yet. It will be kept in your computer's keyring."
	if need.NoKeyring {
		why = "No keyring service answers on this computer, so the password cannot be kept safely: Regulars uses it until it closes and does not save it anywhere."
	}
	note := widget.NewLabel(why)
	note.Wrapping = fyne.TextWrapWord
	title := fmt.Sprintf("%s password for %s", strings.ToUpper(need.Kind), need.User)
	d := dialog.NewForm(title, "Use", "Cancel", []*widget.FormItem{widget.NewFormItem("", note), widget.NewFormItem("Password", entry)}, func(ok bool) {
		if !ok || entry.Text == "" {
			cancel()
			return
		}
		if need.Kind == "smtp" {
			u.passwords.smtp = entry.Text
		} else {
			u.passwords.imap = entry.Text
		}
		if !need.NoKeyring {
			letters.SavePassword(need.Kind, need.User, entry.Text) // if it fails, the session keeps it
		}
		done()
	}, u.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	u.win.Canvas().Focus(entry)
}

// mailer runs the outbox in the background, with progress and pause.
type mailer struct {
	u       *ui
	cancel  context.CancelFunc
	running bool
	done    chan struct{} // closed when a run has finished and the screen is updated
}

// sendQueued sends the outbox in the background; progress reports done
// of total, waiting the messages in doubt awaited in the mailbox (n < 0:
// another seat is sending, and this run waits for it), and
// finished the result.
func (m *mailer) sendQueued(smtpSrv letters.Server, imapSrv *letters.Server, from string, progress func(done, total int), waiting func(n int, until time.Time), finished func(letters.Result, error)) error {
	if m.running {
		return fmt.Errorf("sending is already under way")
	}
	ctx, cancel := context.WithCancel(m.u.ctx)
	m.cancel, m.running = cancel, true
	done := make(chan struct{})
	m.done = done
	sd := &letters.Sender{Store: m.u.store, SMTP: smtpSrv, IMAP: imapSrv, From: from, Progress: func(d, t int) {
		fyne.Do(func() { progress(d, t) })
	}, Waiting: func(n int, until time.Time) {
		fyne.Do(func() { waiting(n, until) })
	}, OtherSeat: func() {
		fyne.Do(func() { waiting(-1, time.Time{}) })
	}}
	go func() {
		res, err := sd.Run(ctx)
		fyne.Do(func() {
			m.running = false
			finished(res, err)
			close(done)
		})
	}()
	return nil
}

// pause stops after the message under way; the rest stays queued.
func (m *mailer) pause() {
	if m.cancel != nil {
		m.cancel()
	}
}

// outboxPane lists the outbox with its statuses and actions.
type outboxPane struct {
	u        *ui
	content  fyne.CanvasObject
	mails    []data.Mail
	list     *widget.List
	counts   *widget.Label
	progress *widget.ProgressBar
	sendBtn  *widget.Button
	pauseBtn *widget.Button
	replies  *widget.Label
	checking bool          // a check for replies is under way
	checked  chan struct{} // closed when the last check has shown its result
}

func newOutboxPane(u *ui) *outboxPane {
	o := &outboxPane{u: u}
	o.list = widget.NewList(
		func() int { return len(o.mails) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Send again", nil), twoLines("to someone@example.com", "queued"))
		},
		func(i widget.ListItemID, obj fyne.CanvasObject) {
			m := o.mails[i]
			c := obj.(*fyne.Container)
			lines := c.Objects[0].(*fyne.Container).Objects
			lines[0].(*widget.Label).SetText(m.Recipient + " — " + m.Subject)
			status := map[data.MailStatus]string{data.MailQueued: "queued", data.MailSending: "in doubt", data.MailSent: "sent",
				data.MailFailed: "failed", data.MailUnknown: "in doubt"}[m.Status]
			if m.Status == data.MailSent && m.Copied {
				status += ", copy in Sent"
			}
			if m.LastError != "" {
				status += ": " + m.LastError
			}
			l := lines[1].(*widget.Label)
			l.Importance = map[data.MailStatus]widget.Importance{data.MailFailed: widget.DangerImportance, data.MailUnknown: widget.WarningImportance, data.MailSending: widget.WarningImportance}[m.Status]
			l.SetText(status)
			btn := c.Objects[1].(*widget.Button)
			switch m.Status {
			case data.MailFailed:
				// Refused by the server: sending again is the owner's call.
				btn.SetText("Send again")
				btn.OnTapped = func() {
					if err := u.store.RequeueMail(u.ctx, m.ID); err != nil {
						u.showError(err)
					}
					o.reload()
				}
				btn.Show()
			case data.MailSending, data.MailUnknown:
				// In doubt: never sent again blindly. With an IMAP server,
				// sending looks for its copy in the mailbox first and sends
				// it again only when the copy did not come; without, the
				// owner looks and says.
				if v, _ := u.store.Setting(u.ctx, data.SettingIMAPHost); strings.TrimSpace(v) != "" {
					btn.SetText("Look in mailbox")
					btn.OnTapped = o.send
				} else {
					btn.SetText("Settle…")
					btn.OnTapped = func() { o.settle(m) }
				}
				btn.Show()
			default:
				btn.Hide()
			}
		})
	o.counts = widget.NewLabel("")
	o.progress = widget.NewProgressBar()
	o.progress.Hide()
	o.sendBtn = widget.NewButtonWithIcon("Send queued", theme.MailSendIcon(), o.send)
	o.sendBtn.Importance = widget.HighImportance
	o.pauseBtn = widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), func() { u.mailer.pause() })
	o.pauseBtn.Disable()
	o.replies = widget.NewLabel("")
	check := widget.NewButtonWithIcon("Check replies", theme.MailReplyIcon(), func() { o.checkReplies(true) })
	bottom := container.NewVBox(o.progress, o.counts, container.NewHBox(o.sendBtn, o.pauseBtn, check, o.replies))
	o.content = container.NewBorder(nil, container.NewPadded(bottom), nil, nil, o.list)
	return o
}

// settle asks the owner about a message in doubt when Regulars cannot
// look in the mailbox itself (no IMAP server): did its copy to the
// business arrive? Only a "no" sends it again, and the words say when
// "no" is sure.
func (o *outboxPane) settle(m data.Mail) {
	var msg string
	if m.ProofTo != "" && !m.DotAt.IsZero() {
		msg = fmt.Sprintf("Sending this message to %s was interrupted. A copy went to %s in the same sending: look in that mailbox for “%s”.\n\n"+
			"If the copy is there, %s got theirs. If it has not come by %s, the server never took the message and it can be sent again.",
			m.Recipient, m.ProofTo, m.Subject, m.Recipient, m.DotAt.Add(letters.DefaultProofWait).Local().Format("15:04 on 2 Jan"))
	} else {
		msg = fmt.Sprintf("Sending this message to %s was interrupted, and no copy to your own address went with it. Ask %s whether “%s” arrived.",
			m.Recipient, m.Recipient, m.Subject)
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Did it arrive?", text, o.u.win)
	after := func(err error) {
		d.Hide()
		if err != nil {
			o.u.showError(err)
		}
		o.reload()
	}
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton("Not sure yet", d.Hide),
		widget.NewButton("It did not arrive: send again", func() {
			after(o.u.store.MailNotDelivered(o.u.ctx, m, "not delivered, on the owner's word: queued again"))
		}),
		widget.NewButtonWithIcon("It arrived", theme.ConfirmIcon(), func() {
			after(o.u.store.MailSent(o.u.ctx, m, "accepted, on the owner's word"))
		}),
	})
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// reload reads the outbox again.
func (o *outboxPane) reload() {
	var err error
	if o.mails, err = o.u.store.Outbox(o.u.ctx); err != nil {
		o.u.showError(err)
		return
	}
	// Newest first.
	for i, j := 0, len(o.mails)-1; i < j; i, j = i+1, j-1 {
		o.mails[i], o.mails[j] = o.mails[j], o.mails[i]
	}
	o.list.Refresh()
	c, _ := o.u.store.OutboxCounts(o.u.ctx)
	o.counts.SetText(fmt.Sprintf("%d queued, %d sent, %d failed, %d in doubt", c[data.MailQueued], c[data.MailSent], c[data.MailFailed], c[data.MailUnknown]+c[data.MailSending]))
}

// send sends the queue with a progress bar, once the servers and their
// passwords are known. The screen is set up before the sending starts, so
// that nothing else touches it while it runs.
func (o *outboxPane) send() {
	o.u.mailSettings(needSMTP|needIMAP, true, o.start, func(err error) {
		o.counts.SetText(o.counts.Text + " — not sent: " + err.Error())
	})
}

func (o *outboxPane) start(smtpSrv letters.Server, imapSrv *letters.Server, from string) {
	o.progress.SetValue(0)
	o.progress.Show()
	o.sendBtn.Disable()
	o.pauseBtn.Enable()
	err := o.u.mailer.sendQueued(smtpSrv, imapSrv, from, func(done, total int) {
		if total > 0 {
			o.progress.SetValue(float64(done) / float64(total))
		}
		o.reload()
	}, func(n int, until time.Time) {
		o.reload()
		if n < 0 {
			o.counts.SetText(o.counts.Text + " — another computer (or a command) is sending the outbox; waiting for it to finish, then the rest goes out")
			return
		}
		o.counts.SetText(o.counts.Text + fmt.Sprintf(" — looking in your mailbox for %d interrupted message%s (any not there by %s is sent again)",
			n, map[bool]string{true: "", false: "s"}[n == 1], until.Local().Format("15:04")))
	}, func(res letters.Result, err error) {
		o.idle()
		o.reload()
		if err != nil {
			o.counts.SetText(o.counts.Text + " — " + err.Error())
			if strings.HasPrefix(err.Error(), "IMAP") {
				o.u.forgetRefused("imap", err)
			} else {
				o.u.forgetRefused("smtp", err)
			}
		}
	})
	if err != nil {
		o.idle()
		o.u.showError(err)
	}
}

// idle sets the pane back for sending: no progress bar, Send offered.
func (o *outboxPane) idle() {
	o.progress.Hide()
	o.sendBtn.Enable()
	o.pauseBtn.Disable()
}

// checkReplies looks for clients' replies in the background; ask is false
// for the automatic check, which never opens a dialog.
func (o *outboxPane) checkReplies(ask bool) {
	if o.checking {
		return
	}
	o.u.mailSettings(needIMAP, ask, func(_ letters.Server, imapSrv *letters.Server, _ string) {
		if imapSrv == nil {
			o.replies.SetText("Set the IMAP server in Settings first.")
			return
		}
		o.checking = true
		o.replies.SetText("Checking replies…")
		done := make(chan struct{})
		o.checked = done
		go func() {
			n, err := letters.CheckReplies(o.u.ctx, o.u.store, *imapSrv)
			fyne.Do(func() {
				defer close(done)
				o.checking = false
				if err != nil {
					o.u.forgetRefused("imap", err)
					o.replies.SetText("Replies not checked: " + err.Error())
					return
				}
				o.replies.SetText(fmt.Sprintf("%s at %s", n, clock.Now().Format("15:04")))
			})
		}()
	}, func(err error) { o.replies.SetText("Replies not checked: " + err.Error()) })
}
