package cards

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/mailer"
	"regulars/app/widgets"
	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/mail"
)

// OutboxPane lists the outbox with its statuses and actions.
type OutboxPane struct {
	u *needs
	// Content is the pane, the tab; List lists the mails, Counts counts
	// them by status; SendBtn sends the waiting ones, PauseBtn pauses a
	// send; Replies says what the last check for replies found.
	Content  fyne.CanvasObject
	mails    []data.Mail
	List     *widget.List
	Counts   *widget.Label
	progress *widget.ProgressBar
	SendBtn  *widget.Button
	PauseBtn *widget.Button
	Replies  *widget.Label
	checking bool // a check for replies is under way
	// Checked is closed when the last check has shown its result.
	Checked chan struct{}
	// then, when set, runs once after the next send ends with nothing
	// left unfinished (an email batch waiting for an interrupted send).
	then func()
}

func newOutboxPane(u *needs) *OutboxPane {
	o := &OutboxPane{u: u}
	o.List = widget.NewList(
		func() int { return len(o.mails) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Send again", nil), widgets.TwoLines("to someone@example.com", "queued"))
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
					o.Reload()
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
	o.Counts = widget.NewLabel("")
	o.progress = widget.NewProgressBar()
	o.progress.Hide()
	o.SendBtn = widget.NewButtonWithIcon("Send queued", theme.MailSendIcon(), o.send)
	o.SendBtn.Importance = widget.HighImportance
	o.PauseBtn = widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), func() { u.mailer.Pause() })
	o.PauseBtn.Disable()
	o.Replies = widget.NewLabel("")
	check := widget.NewButtonWithIcon("Check replies", theme.MailReplyIcon(), func() { o.CheckReplies(true) })
	bottom := container.NewVBox(o.progress, o.Counts, container.NewHBox(o.SendBtn, o.PauseBtn, check, o.Replies))
	o.Content = container.NewBorder(nil, container.NewPadded(bottom), nil, nil, o.List)
	return o
}

// settle asks the owner about a message in doubt when Regulars cannot
// look in the mailbox itself (no IMAP server): did its copy to the
// business arrive? Only a "no" sends it again, and the words say when
// "no" is sure.
func (o *OutboxPane) settle(m data.Mail) {
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
		o.Reload()
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

// Reload reads the outbox again.
func (o *OutboxPane) Reload() {
	var err error
	if o.mails, err = o.u.store.Outbox(o.u.ctx); err != nil {
		o.u.showError(err)
		return
	}
	// Newest first.
	for i, j := 0, len(o.mails)-1; i < j; i, j = i+1, j-1 {
		o.mails[i], o.mails[j] = o.mails[j], o.mails[i]
	}
	o.List.Refresh()
	c, _ := o.u.store.OutboxCounts(o.u.ctx)
	o.Counts.SetText(fmt.Sprintf("%d queued, %d sent, %d failed, %d in doubt", c[data.MailQueued], c[data.MailSent], c[data.MailFailed], c[data.MailUnknown]+c[data.MailSending]))
}

// send sends the queue with a progress bar, once the servers and their
// passwords are known. The screen is set up before the sending starts, so
// that nothing else touches it while it runs.
func (o *OutboxPane) send() {
	o.u.mailer.Sender(o.start, func(err error) {
		o.then = nil
		o.Counts.SetText(o.Counts.Text + " — not sent: " + err.Error())
	})
}

// start sends the queue with sd, the progress shown in the pane.
func (o *OutboxPane) start(sd *mail.Sender) {
	o.progress.SetValue(0)
	o.progress.Show()
	o.SendBtn.Disable()
	o.PauseBtn.Enable()
	err := o.u.mailer.SendQueued(sd, func(done, total int) {
		if total > 0 {
			o.progress.SetValue(float64(done) / float64(total))
		}
		o.Reload()
	}, func(n int, until time.Time) {
		o.Reload()
		if n < 0 {
			o.Counts.SetText(o.Counts.Text + " — another computer (or a command) is sending the outbox; waiting for it to finish, then the rest goes out")
			return
		}
		o.Counts.SetText(o.Counts.Text + fmt.Sprintf(" — looking in your mailbox for %d interrupted message%s (any not there by %s is sent again)",
			n, map[bool]string{true: "", false: "s"}[n == 1], until.Local().Format("15:04")))
	}, func(res mail.Result, err error) {
		o.idle()
		o.Reload()
		then := o.then
		o.then = nil
		if then != nil && err == nil && res.Unknown == 0 {
			then()
		}
		if err != nil {
			o.Counts.SetText(o.Counts.Text + " — " + err.Error())
			if strings.HasPrefix(err.Error(), "IMAP") {
				o.u.mailer.ForgetRefused("imap", err)
			} else {
				o.u.mailer.ForgetRefused("smtp", err)
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
func (o *OutboxPane) idle() {
	o.progress.Hide()
	o.SendBtn.Enable()
	o.PauseBtn.Disable()
}

// CheckReplies looks for clients' replies in the background; ask is false
// for the automatic check, which never opens a dialog.
func (o *OutboxPane) CheckReplies(ask bool) {
	if o.checking {
		return
	}
	o.u.mailer.Settings(mailer.NeedIMAP, ask, func(_ mail.Server, imapSrv *mail.Server, _ string) {
		if imapSrv == nil {
			o.Replies.SetText("Set the IMAP server in Settings first.")
			return
		}
		o.checking = true
		o.Replies.SetText("Checking replies…")
		done := make(chan struct{})
		o.Checked = done
		go func() {
			n, err := letters.CheckReplies(o.u.ctx, o.u.store, *imapSrv)
			fyne.Do(func() {
				defer close(done)
				o.checking = false
				if err != nil {
					o.u.mailer.ForgetRefused("imap", err)
					o.Replies.SetText("Replies not checked: " + err.Error())
					return
				}
				o.Replies.SetText(fmt.Sprintf("%s at %s", n, clock.Now().Format("15:04")))
			})
		}()
	}, func(err error) { o.Replies.SetText("Replies not checked: " + err.Error()) })
}
