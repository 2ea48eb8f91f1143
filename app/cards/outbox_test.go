package cards

import (
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/internal/booktest"
	"regulars/internal/mailtest"
	"testing"

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
	booktest.MailBook(t, s, smtpSrv, imapSrv)
	u.mailer.Passwords.IMAP = imapSrv.Password
	booktest.QueueThanks(t, s, 2)
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
	if !widgettest.HasText(o.Content, "1 queued, 0 sent, 0 failed, 1 in doubt") {
		t.Errorf("counts: %v", widgettest.Texts(o.Content))
	}
	for _, obj := range test.LaidOutObjects(o.Content) {
		if b, ok := obj.(*widget.Button); ok && b.Text == "Send again" && b.Visible() {
			t.Error("a message in doubt is offered to be sent again")
		}
	}
	test.Tap(widgettest.FindButton(t, o.Content, "Look in mailbox"))
	widgettest.WaitClosed(t, u.mailer.Done())
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
	booktest.MailBook(t, s, smtpSrv, imapSrv)
	s.SetSetting(ctx, data.SettingIMAPHost, "")
	clients := booktest.QueueThanks(t, s, 1)
	m, _, _ := s.NextQueued(ctx)
	if err := s.MailDot(ctx, &m, "shop@example.com"); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.cardstab)
	u.cards.Tabs.SelectIndex(2)
	o := u.cards.Outbox
	o.Reload()
	test.Tap(widgettest.FindButton(t, o.Content, "Settle…"))
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !widgettest.HasText(top, "look in that mailbox") {
		t.Fatalf("no question asked: %v", top)
	}
	test.Tap(widgettest.FindButton(t, top, "It arrived"))
	got, _ := s.MailByID(ctx, m.ID)
	cs, _ := s.Contacts(ctx, m.ClientID)
	if got.Status != data.MailSent || len(cs) != 1 || len(smtpSrv.Received()) != 0 {
		t.Errorf("after “It arrived”: %s, %d contacts, %d sent", got.Status, len(cs), len(smtpSrv.Received()))
	}
	_ = clients
}
