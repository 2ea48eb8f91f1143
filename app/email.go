package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/letters"
)

// mailPasswords are the passwords typed for this session when the OS has
// no keyring; they are never written to the book or a file.
type mailPasswords struct{ smtp, imap string }

// emailSettings is the Email card of Settings.
type emailSettings struct {
	u                            *ui
	content                      fyne.CanvasObject
	fromName, from               *field
	smtpHost, smtpPort, smtpUser *field
	imapHost, imapPort, imapUser *field
	smtpSec, imapSec             *widget.Select
	smtpPass, imapPass           *widget.Entry
	autoReplies                  *widget.Check
	rows                         []*formRow
	status                       *widget.Label
}

var securityOptions = []string{string(letters.StartTLS), string(letters.TLS), string(letters.Plain)}

func newEmailSettings(u *ui) *emailSettings {
	e := &emailSettings{u: u}
	e.fromName, e.from = newField(u, "Blue Door Salon"), newField(u, "hello@bluedoor.example")
	e.smtpHost, e.smtpPort, e.smtpUser = newField(u, "smtp.example.com"), newField(u, "587"), newField(u, "user name")
	e.imapHost, e.imapPort, e.imapUser = newField(u, "imap.example.com"), newField(u, "993"), newField(u, "user name")
	e.smtpSec, e.imapSec = widget.NewSelect(securityOptions, nil), widget.NewSelect(securityOptions, nil)
	e.smtpPass, e.imapPass = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	e.smtpPass.PlaceHolder, e.imapPass.PlaceHolder = "password (kept in the OS keyring)", "password (kept in the OS keyring)"
	e.autoReplies = widget.NewCheck("Check for replies every 10 minutes", nil)
	server := func(host, port *field, sec *widget.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, container.NewGridWithColumns(2, port, sec), host)
	}
	e.rows = []*formRow{
		newRow("from", "From", container.NewGridWithColumns(2, e.fromName, e.from)),
		newRow("smtp", "Outgoing (SMTP)", server(e.smtpHost, e.smtpPort, e.smtpSec)),
		newRow("smtpuser", "", container.NewGridWithColumns(2, e.smtpUser, e.smtpPass)),
		newRow("imap", "Incoming (IMAP)", server(e.imapHost, e.imapPort, e.imapSec)),
		newRow("imapuser", "", container.NewGridWithColumns(2, e.imapUser, e.imapPass)),
		newRow("auto", "", e.autoReplies),
	}
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { e.save() })
	testSMTP := widget.NewButtonWithIcon("Send test email", theme.MailSendIcon(), func() { e.test(true) })
	testIMAP := widget.NewButtonWithIcon("Test IMAP", theme.MailAttachmentIcon(), func() { e.test(false) })
	e.content = widget.NewCard("Email", "Thank-yous to clients who prefer email go out from your own mailbox; a copy goes to its Sent folder and replies count as contact.",
		container.NewVBox(formGrid(e.rows...), container.NewHBox(save, testSMTP, testIMAP), e.status))
	return e
}

// show fills the card from the book.
func (e *emailSettings) show() {
	get := func(k string) string { v, _ := e.u.store.Setting(e.u.ctx, k); return v }
	e.fromName.SetText(get(data.SettingFromName))
	e.from.SetText(get(data.SettingFromAddress))
	e.smtpHost.SetText(get(data.SettingSMTPHost))
	e.smtpPort.SetText(get(data.SettingSMTPPort))
	e.smtpUser.SetText(get(data.SettingSMTPUser))
	e.imapHost.SetText(get(data.SettingIMAPHost))
	e.imapPort.SetText(get(data.SettingIMAPPort))
	e.imapUser.SetText(get(data.SettingIMAPUser))
	sel := func(s *widget.Select, v string) {
		if v == "" {
			v = string(letters.StartTLS)
		}
		s.SetSelected(v)
	}
	sel(e.smtpSec, get(data.SettingSMTPSecurity))
	sel(e.imapSec, get(data.SettingIMAPSecurity))
	e.autoReplies.SetChecked(get("replies_auto") == "1")
}

// save checks and stores the settings; passwords go to the OS keyring, or
// are kept for this session when there is none.
func (e *emailSettings) save() bool {
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
		return false
	}
	for k, v := range map[string]string{
		data.SettingFromName: e.fromName.Text, data.SettingFromAddress: e.from.Text,
		data.SettingSMTPHost: e.smtpHost.Text, data.SettingSMTPPort: smtpPort, data.SettingSMTPSecurity: e.smtpSec.Selected, data.SettingSMTPUser: e.smtpUser.Text,
		data.SettingIMAPHost: e.imapHost.Text, data.SettingIMAPPort: imapPort, data.SettingIMAPSecurity: e.imapSec.Selected, data.SettingIMAPUser: e.imapUser.Text,
		"replies_auto": map[bool]string{true: "1", false: ""}[e.autoReplies.Checked],
	} {
		if err := e.u.store.SetSetting(e.u.ctx, k, strings.TrimSpace(v)); err != nil {
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

// test checks a server with the settings on screen.
func (e *emailSettings) test(smtp bool) {
	if !e.save() {
		return
	}
	smtpSrv, imapSrv, from, err := letters.MailSettings(e.u.ctx, e.u.store, e.u.passwords.smtp, e.u.passwords.imap)
	if smtp {
		if err == nil {
			err = letters.TestSMTP(smtpSrv, from, true)
		}
		if err != nil {
			e.status.SetText("Sending failed: " + err.Error())
			return
		}
		e.status.SetText("A test email went to " + from + ".")
		return
	}
	if imapSrv == nil {
		e.status.SetText("Set the IMAP server first.")
		return
	}
	mb, err := letters.OpenMailbox(*imapSrv)
	if err != nil {
		e.status.SetText("IMAP failed: " + err.Error())
		return
	}
	e.status.SetText(fmt.Sprintf("IMAP works: sent messages go to the %q folder.", mb.SentFolder()))
	mb.Close()
}

// mailer runs the outbox in the background, with progress and pause.
type mailer struct {
	u       *ui
	cancel  context.CancelFunc
	running bool
	done    chan struct{} // closed when a run has finished and the screen is updated
}

// sendQueued sends the outbox in the background; progress reports done
// of total, and finished the result.
func (m *mailer) sendQueued(progress func(done, total int), finished func(letters.Result, error)) error {
	if m.running {
		return fmt.Errorf("sending is already under way")
	}
	smtpSrv, imapSrv, from, err := letters.MailSettings(m.u.ctx, m.u.store, m.u.passwords.smtp, m.u.passwords.imap)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(m.u.ctx)
	m.cancel, m.running = cancel, true
	done := make(chan struct{})
	m.done = done
	sd := &letters.Sender{Store: m.u.store, SMTP: smtpSrv, IMAP: imapSrv, From: from, Progress: func(d, t int) {
		fyne.Do(func() { progress(d, t) })
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
			status := map[data.MailStatus]string{data.MailQueued: "queued", data.MailSending: "sending…", data.MailSent: "sent",
				data.MailFailed: "failed", data.MailUnknown: "unknown — check"}[m.Status]
			if m.Status == data.MailSent && m.Copied {
				status += ", copy in Sent"
			}
			if m.LastError != "" {
				status += ": " + m.LastError
			}
			l := lines[1].(*widget.Label)
			l.Importance = map[data.MailStatus]widget.Importance{data.MailFailed: widget.DangerImportance, data.MailUnknown: widget.WarningImportance}[m.Status]
			l.SetText(status)
			btn := c.Objects[1].(*widget.Button)
			btn.Hidden = m.Status != data.MailFailed && m.Status != data.MailUnknown
			btn.OnTapped = func() {
				if err := u.store.RequeueMail(u.ctx, m.ID); err != nil {
					u.showError(err)
				}
				o.reload()
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
	check := widget.NewButtonWithIcon("Check replies", theme.MailReplyIcon(), o.checkReplies)
	bottom := container.NewVBox(o.progress, o.counts, container.NewHBox(o.sendBtn, o.pauseBtn, check, o.replies))
	o.content = container.NewBorder(nil, container.NewPadded(bottom), nil, nil, o.list)
	return o
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
	o.counts.SetText(fmt.Sprintf("%d queued, %d sent, %d failed, %d to check", c[data.MailQueued], c[data.MailSent], c[data.MailFailed], c[data.MailUnknown]))
}

// send sends the queue with a progress bar. The screen is set up before
// the sending starts, so that nothing else touches it while it runs.
func (o *outboxPane) send() {
	o.progress.SetValue(0)
	o.progress.Show()
	o.sendBtn.Disable()
	o.pauseBtn.Enable()
	err := o.u.mailer.sendQueued(func(done, total int) {
		if total > 0 {
			o.progress.SetValue(float64(done) / float64(total))
		}
		o.reload()
	}, func(res letters.Result, err error) {
		o.progress.Hide()
		o.sendBtn.Enable()
		o.pauseBtn.Disable()
		o.reload()
		if err != nil {
			o.counts.SetText(o.counts.Text + " — " + err.Error())
		}
	})
	if err != nil {
		o.progress.Hide()
		o.sendBtn.Enable()
		o.pauseBtn.Disable()
		o.u.showError(err)
	}
}

// checkReplies looks for clients' replies now.
func (o *outboxPane) checkReplies() {
	_, imapSrv, _, _ := letters.MailSettings(o.u.ctx, o.u.store, o.u.passwords.smtp, o.u.passwords.imap)
	if imapSrv == nil {
		o.replies.SetText("Set the IMAP server in Settings first.")
		return
	}
	n, err := letters.CheckReplies(o.u.ctx, o.u.store, *imapSrv)
	if err != nil {
		o.replies.SetText(err.Error())
		return
	}
	o.replies.SetText(fmt.Sprintf("%d new repl%s logged at %s", n, map[bool]string{true: "y", false: "ies"}[n == 1], time.Now().Format("15:04")))
}
