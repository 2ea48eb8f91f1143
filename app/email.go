package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/widgets"
	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/mail"
)

// mailPasswords are the passwords typed for this session when the OS has
// no keyring; they are never written to the book or a file.
type mailPasswords struct{ smtp, imap string }

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
func (u *ui) mailSettings(need mailNeed, ask bool, then func(mail.Server, *mail.Server, string), fail func(error)) {
	m, err := u.store.MailSettings(u.ctx)
	if err != nil {
		fail(err)
		return
	}
	u.mailSettingsFrom(m, mailPasswords{}, need, ask, then, fail)
}

// mailSettingsFrom is mailSettings over the settings m (those typed in
// Settings, to test them before they are saved); a password in typed wins
// over the session's.
func (u *ui) mailSettingsFrom(m data.MailSettings, typed mailPasswords, need mailNeed, ask bool, then func(mail.Server, *mail.Server, string), fail func(error)) {
	sp, ip := u.passwords.smtp, u.passwords.imap
	if typed.smtp != "" {
		sp = typed.smtp
	}
	if typed.imap != "" {
		ip = typed.imap
	}
	smtpSrv, imapSrv, from, err := letters.MailServers(m, sp, ip)
	var missing *mail.PasswordNeeded
	if errors.As(err, &missing) {
		err = nil
	}
	if need&needSMTP != 0 && err != nil {
		fail(err)
		return
	}
	for _, s := range []struct {
		kind   string
		srv    *mail.Server
		needed bool
	}{{"smtp", &smtpSrv, need&needSMTP != 0}, {"imap", imapSrv, need&needIMAP != 0}} {
		if !s.needed || s.srv == nil || s.srv.User == "" || s.srv.Password != "" {
			continue
		}
		p, err := mail.LoadPassword(s.kind, s.srv.User)
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
		u.askPassword(missing, func() { u.mailSettingsFrom(m, typed, need, ask, then, fail) }, func() { fail(missing) })
		return
	}
	then(smtpSrv, imapSrv, from)
}

// outboxSender sets up the outbox's sender as the command line does
// (letters.OutboxSender) and calls then with it. A password that is
// neither typed this session nor in the keyring is asked for first (kept
// in the keyring when one answers, else for this session only); on any
// other problem, or when the owner cancels, fail hears why.
func (u *ui) outboxSender(then func(*mail.Sender), fail func(error)) {
	sd, err := letters.OutboxSender(u.ctx, u.store, u.passwords.smtp, u.passwords.imap)
	var missing *mail.PasswordNeeded
	if errors.As(err, &missing) {
		u.askPassword(missing, func() { u.outboxSender(then, fail) }, func() { fail(missing) })
		return
	}
	if err != nil {
		fail(err)
		return
	}
	then(sd)
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
func (u *ui) askPassword(need *mail.PasswordNeeded, done, cancel func()) {
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
			mail.SavePassword(need.Kind, need.User, entry.Text) // if it fails, the session keeps it
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

// sendQueued sends the outbox with sd (ui.outboxSender) in the
// background; progress reports done of total, waiting the messages in
// doubt awaited in the mailbox (n < 0: another seat is sending, and this
// run waits for it), and finished the result.
func (m *mailer) sendQueued(sd *mail.Sender, progress func(done, total int), waiting func(n int, until time.Time), finished func(mail.Result, error)) error {
	if m.running {
		return fmt.Errorf("sending is already under way")
	}
	ctx, cancel := context.WithCancel(m.u.ctx)
	m.cancel, m.running = cancel, true
	done := make(chan struct{})
	m.done = done
	sd.Progress = func(d, t int) {
		fyne.Do(func() { progress(d, t) })
	}
	sd.Waiting = func(n int, until time.Time) {
		fyne.Do(func() { waiting(n, until) })
	}
	sd.OtherSeat = func() {
		fyne.Do(func() { waiting(-1, time.Time{}) })
	}
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
	// then, when set, runs once after the next send ends with nothing
	// left unfinished (an email batch waiting for an interrupted send).
	then func()
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
			lines[0].(*widgets.CutLabel).SetText(m.Recipient + " — " + m.Subject)
			status := map[data.MailStatus]string{data.MailQueued: "queued", data.MailSending: "in doubt", data.MailSent: "sent",
				data.MailFailed: "failed", data.MailUnknown: "in doubt"}[m.Status]
			if m.Status == data.MailSent && m.Copied {
				status += ", copy in Sent"
			}
			if m.LastError != "" {
				status += ": " + m.LastError
			}
			l := lines[1].(*widgets.CutLabel)
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
			m.Recipient, m.ProofTo, m.Subject, m.Recipient, m.DotAt.Add(mail.DefaultProofWait).Local().Format("15:04 on 2 Jan"))
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
			_, err := letters.Settle(o.u.ctx, o.u.store, m, false, nil)
			after(err)
		}),
		widget.NewButtonWithIcon("It arrived", theme.ConfirmIcon(), func() {
			_, err := letters.Settle(o.u.ctx, o.u.store, m, true, nil)
			after(err)
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
	o.u.outboxSender(o.start, func(err error) {
		o.then = nil
		o.counts.SetText(o.counts.Text + " — not sent: " + err.Error())
	})
}

// start sends the queue with sd, the progress shown in the pane.
func (o *outboxPane) start(sd *mail.Sender) {
	o.progress.SetValue(0)
	o.progress.Show()
	o.sendBtn.Disable()
	o.pauseBtn.Enable()
	err := o.u.mailer.sendQueued(sd, func(done, total int) {
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
	}, func(res mail.Result, err error) {
		o.idle()
		o.reload()
		then := o.then
		o.then = nil
		if then != nil && err == nil && res.Unknown == 0 {
			then()
		}
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
		o.then = nil
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
	o.u.mailSettings(needIMAP, ask, func(_ mail.Server, imapSrv *mail.Server, _ string) {
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
