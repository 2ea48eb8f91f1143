// Package mailer is the window's side of email: the passwords typed for
// this session, the mail servers read from the book (asking for a password
// the keyring does not give), and the outbox sent in the background with
// progress and pause. The Cards and Clients screens send through it and
// Settings tests the servers with it.
package mailer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters"
	"regulars/letters/mail"
)

// Passwords are the passwords typed for this session when the OS has no
// keyring; they are never written to the book or a file.
type Passwords struct{ SMTP, IMAP string }

// Need says which servers an action needs.
type Need int

// The servers an action can need.
const (
	NeedSMTP Need = 1 << iota
	NeedIMAP
)

// Mailer reads the mail servers and runs the outbox for one window over
// one book.
type Mailer struct {
	ctx   context.Context
	store *store.Store
	win   fyne.Window
	// Passwords are those typed for this session, when there is no
	// keyring or before one keeps them.
	Passwords Passwords
	cancel    context.CancelFunc
	running   bool
	done      chan struct{} // closed when a run has finished and the screen is updated
}

// New makes the mailer of a window over store; its sending ends with ctx.
func New(ctx context.Context, store *store.Store, win fyne.Window) *Mailer {
	return &Mailer{ctx: ctx, store: store, win: win}
}

// Settings reads the mail servers and calls then with them. A
// password that is neither typed this session nor in the keyring is asked
// for first when ask is set (kept in the keyring when one answers, else
// for this session only); otherwise, and on any other problem, fail hears
// why.
func (m *Mailer) Settings(need Need, ask bool, then func(mail.Server, *mail.Server, string), fail func(error)) {
	ms, err := m.store.MailSettings(m.ctx)
	if err != nil {
		fail(err)
		return
	}
	m.SettingsFrom(ms, Passwords{}, need, ask, then, fail)
}

// SettingsFrom is Settings over the settings ms (those typed in
// Settings, to test them before they are saved); a password in typed wins
// over the session's.
func (m *Mailer) SettingsFrom(ms data.MailSettings, typed Passwords, need Need, ask bool, then func(mail.Server, *mail.Server, string), fail func(error)) {
	sp, ip := m.Passwords.SMTP, m.Passwords.IMAP
	if typed.SMTP != "" {
		sp = typed.SMTP
	}
	if typed.IMAP != "" {
		ip = typed.IMAP
	}
	smtpSrv, imapSrv, from, err := letters.MailServers(ms, sp, ip)
	var missing *mail.PasswordNeeded
	if errors.As(err, &missing) {
		err = nil
	}
	if need&NeedSMTP != 0 && err != nil {
		fail(err)
		return
	}
	for _, s := range []struct {
		kind   string
		srv    *mail.Server
		needed bool
	}{{"smtp", &smtpSrv, need&NeedSMTP != 0}, {"imap", imapSrv, need&NeedIMAP != 0}} {
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
		m.askPassword(missing, func() { m.SettingsFrom(ms, typed, need, ask, then, fail) }, func() { fail(missing) })
		return
	}
	then(smtpSrv, imapSrv, from)
}

// Sender sets up the outbox's sender as the command line does
// (letters.OutboxSender) and calls then with it. A password that is
// neither typed this session nor in the keyring is asked for first (kept
// in the keyring when one answers, else for this session only); on any
// other problem, or when the owner cancels, fail hears why.
func (m *Mailer) Sender(then func(*mail.Sender), fail func(error)) {
	sd, err := letters.OutboxSender(m.ctx, m.store, m.Passwords.SMTP, m.Passwords.IMAP)
	var missing *mail.PasswordNeeded
	if errors.As(err, &missing) {
		m.askPassword(missing, func() { m.Sender(then, fail) }, func() { fail(missing) })
		return
	}
	if err != nil {
		fail(err)
		return
	}
	then(sd)
}

// ForgetRefused drops a session password the server refused, so that the
// next try asks for it again instead of failing the same way.
func (m *Mailer) ForgetRefused(kind string, err error) {
	if err == nil || !strings.Contains(err.Error(), "refused the user name or password") {
		return
	}
	if kind == "smtp" {
		m.Passwords.SMTP = ""
	} else {
		m.Passwords.IMAP = ""
	}
}

// askPassword asks for a mail password the keyring does not give.
func (m *Mailer) askPassword(need *mail.PasswordNeeded, done, cancel func()) {
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
			m.Passwords.SMTP = entry.Text
		} else {
			m.Passwords.IMAP = entry.Text
		}
		if !need.NoKeyring {
			mail.SavePassword(need.Kind, need.User, entry.Text) // if it fails, the session keeps it
		}
		done()
	}, m.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	m.win.Canvas().Focus(entry)
}

// SendQueued sends the outbox with sd (Mailer.Sender) in the
// background; progress reports done of total, waiting the messages in
// doubt awaited in the mailbox (n < 0: another seat is sending, and this
// run waits for it), and finished the result.
func (m *Mailer) SendQueued(sd *mail.Sender, progress func(done, total int), waiting func(n int, until time.Time), finished func(mail.Result, error)) error {
	if m.running {
		return fmt.Errorf("sending is already under way")
	}
	ctx, cancel := context.WithCancel(m.ctx)
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

// Pause stops after the message under way; the rest stays queued.
func (m *Mailer) Pause() {
	if m.cancel != nil {
		m.cancel()
	}
}

// Running reports whether the outbox is being sent.
func (m *Mailer) Running() bool { return m.running }

// Done is closed when the last run has finished and the screen is
// updated (nil before the first run), for the tests.
func (m *Mailer) Done() <-chan struct{} { return m.done }
