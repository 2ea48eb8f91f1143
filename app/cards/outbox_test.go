package cards

import (
	"regulars/app/widgets"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
	"regulars/internal/mailtest"
	"regulars/letters"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestOutboxMessageInDoubt: a message left in doubt by a crash is shown
// as such, with no "Send again"; its button looks in the mailbox, where
// its proof copy is, and records it delivered without sending it twice.
func TestOutboxMessageInDoubt(t *testing.T) {
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	smtpSrv.Mailbox = imapSrv
	u, s := newTestUI(t)
	mailBook(t, s, smtpSrv, imapSrv)
	u.mailer.Passwords.IMAP = imapSrv.Password
	queueThanks(t, s, 2)
	m, _, err := s.NextQueued(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MailDot(ctx, &m, imapSrv.User); err != nil {
		t.Fatal(err)
	}
	imapSrv.Deliver(t, string(m.Raw)) // the server took it: its proof copy came

	u.tabs.Select(u.cardstab)
	u.cards.Tabs.SelectIndex(2)
	o := u.cards.Outbox
	o.Reload()
	if !hasText(o.Content, "1 queued, 0 sent, 0 failed, 1 in doubt") {
		t.Errorf("counts: %v", texts(o.Content))
	}
	for _, obj := range test.LaidOutObjects(o.Content) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Send again" && b.Visible() {
			t.Error("a message in doubt is offered to be sent again")
		}
	}
	test.Tap(findButton(t, o.Content, "Look in mailbox"))
	waitClosed(t, u.mailer.Done())
	c, _ := s.OutboxCounts(ctx)
	if c[data.MailSent] != 2 || len(c) != 1 {
		t.Errorf("after looking: %v", c)
	}
	if got := len(smtpSrv.Received()); got != 1 {
		t.Errorf("the server took %d messages, want 1 (the one in doubt was delivered before)", got)
	}
}

// TestOutboxSettleByHand: without an IMAP server the owner settles a
// message in doubt: "It arrived" records it sent and logs the contact,
// nothing is sent again.
func TestOutboxSettleByHand(t *testing.T) {
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	u, s := newTestUI(t)
	mailBook(t, s, smtpSrv, imapSrv)
	s.SetSetting(ctx, data.SettingIMAPHost, "")
	clients := queueThanks(t, s, 1)
	m, _, _ := s.NextQueued(ctx)
	if err := s.MailDot(ctx, &m, "shop@example.com"); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.cardstab)
	u.cards.Tabs.SelectIndex(2)
	o := u.cards.Outbox
	o.Reload()
	test.Tap(findButton(t, o.Content, "Settle…"))
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !hasText(top, "look in that mailbox") {
		t.Fatalf("no question asked: %v", top)
	}
	test.Tap(findButton(t, top, "It arrived"))
	got, _ := s.MailByID(ctx, m.ID)
	cs, _ := s.Contacts(ctx, m.ClientID)
	if got.Status != data.MailSent || len(cs) != 1 || len(smtpSrv.Received()) != 0 {
		t.Errorf("after “It arrived”: %s, %d contacts, %d sent", got.Status, len(cs), len(smtpSrv.Received()))
	}
	_ = clients
}

// waitClosed waits for a background job of the window to have shown its
// result (the channel is closed then).
func waitClosed(t *testing.T, done <-chan struct{}) {
	t.Helper()
	if done == nil {
		t.Fatal("nothing was started")
	}
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the background job did not finish")
	}
}

// mailBook points the book's email settings at the test servers; the
// IMAP password is left for each test to give.
func mailBook(t *testing.T, s *store.Store, smtpSrv *mailtest.SMTP, imapSrv *mailtest.IMAP) {
	t.Helper()
	for k, v := range map[string]string{
		data.SettingBusinessName: "Blue Door Salon", data.SettingBusinessAddress: "3 Mill Lane\nAustin, TX 78702",
		data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "shop@example.com",
		data.SettingSMTPHost: smtpSrv.Host, data.SettingSMTPPort: strconv.Itoa(smtpSrv.Port), data.SettingSMTPSecurity: "none",
		data.SettingIMAPHost: imapSrv.Host, data.SettingIMAPPort: strconv.Itoa(imapSrv.Port), data.SettingIMAPSecurity: "none",
		data.SettingIMAPUser: imapSrv.User,
	} {
		if err := s.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
}

// queueThanks queues a thank-you email for n new clients.
func queueThanks(t *testing.T, s *store.Store, n int) []data.Client {
	t.Helper()
	var clients []data.Client
	for i := 0; i < n; i++ {
		c := data.Client{FirstName: "Client", LastName: "Number " + strconv.Itoa(i), Email: "client" + strconv.Itoa(i) + "@example.com", PreferredChannel: data.ChannelEmail}
		if _, err := s.AddClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
	}
	tpl, err := s.TemplateByName(ctx, "Thanks for your visit")
	if err != nil {
		t.Fatal(err)
	}
	b := data.Batch{Channel: data.ChannelEmail, From: clock.Now().AddDate(0, -1, 0), To: clock.Now(), Template: tpl.Name}
	if err := s.CreateBatch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	mails, _, err := letters.PrepareEmails(ctx, s, b, tpl, clients, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, mails); err != nil {
		t.Fatal(err)
	}
	return clients
}

// hasText reports whether a label or text in o shows s.
func hasText(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// texts lists the texts shown in o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		switch v := obj.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widgets.CutLabel: // a row's, whole
			out = append(out, v.FullText())
		case *canvas.Text:
			out = append(out, v.Text)
		}
	}
	return out
}
