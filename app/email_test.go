package app

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"regulars/data"
	"regulars/internal/mailtest"
)

func TestEmailSettingsAndBatch(t *testing.T) {
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	u, s := newTestUI(t,
		data.Client{FirstName: "Zoë", LastName: "Núñez", Email: "zoe@example.com", PreferredChannel: data.ChannelEmail},
		data.Client{FirstName: "Bo", LastName: "Unsub", Email: "bo@example.com", PreferredChannel: data.ChannelEmail, EmailConsent: data.ConsentUnsubscribed},
	)
	s.SetSetting(ctx, data.SettingBusinessName, "Blue Door Salon")
	s.SetSetting(ctx, data.SettingBusinessAddress, "3 Mill Lane\nAustin, TX 78702")
	res, _ := s.Search(ctx, "", 10)
	for _, c := range res.Clients {
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: time.Now().Add(-24 * time.Hour), What: "Cut", AmountCents: -1})
	}

	u.tabs.SelectIndex(3)
	e := u.settings.email
	e.from.SetText("not an address")
	e.smtpPort.SetText("99999")
	test.Tap(findButton(t, e.content, "Save"))
	if e.rows[0].err.Hidden || e.rows[1].err.Hidden || !strings.Contains(e.rows[1].err.Text, "not a port number") {
		t.Errorf("bad values accepted: %q %q", e.rows[0].err.Text, e.rows[1].err.Text)
	}
	e.from.SetText("shop@example.com")
	e.fromName.SetText("Blue Door Salon")
	e.smtpHost.SetText(smtpSrv.Host)
	e.smtpPort.SetText(strconv.Itoa(smtpSrv.Port))
	e.smtpSec.SetSelected("none")
	e.imapHost.SetText(imapSrv.Host)
	e.imapPort.SetText(strconv.Itoa(imapSrv.Port))
	e.imapSec.SetSelected("none")
	e.imapUser.SetText(imapSrv.User)
	e.imapPass.SetText(imapSrv.Password)
	test.Tap(findButton(t, e.content, "Test IMAP"))
	if !strings.Contains(e.status.Text, `IMAP works: sent messages go to the "Sent" folder`) {
		t.Fatalf("Test IMAP: %q", e.status.Text)
	}
	test.Tap(findButton(t, e.content, "Send test email"))
	if !strings.Contains(e.status.Text, "A test email went to shop@example.com") || len(smtpSrv.Received()) != 1 {
		t.Fatalf("Send test email: %q", e.status.Text)
	}

	u.tabs.Select(u.cardstab)
	c := u.cards
	c.channel.SetSelected(byEmail)
	c.find()
	// The unsubscribed client is not even listed.
	if len(c.clients) != 1 || !strings.Contains(c.previewText.Text, "Subject: Thank you, Zoë!") {
		t.Fatalf("email batch: %d clients, preview %q", len(c.clients), c.previewText.Text)
	}
	c.sendEmails()
	select {
	case <-u.mailer.done:
	case <-time.After(10 * time.Second):
		t.Fatal("sending did not finish")
	}
	sent, _ := s.Outbox(ctx, data.MailSent)
	if len(sent) != 1 || sent[0].Recipient != "zoe@example.com" || !sent[0].Copied {
		t.Fatalf("outbox: %+v", sent)
	}
	if got := smtpSrv.Received(); len(got) != 2 || strings.Contains(string(got[1]), "bo@example.com") {
		t.Errorf("server got %d messages", len(got))
	}
	if !strings.Contains(c.status.Text, "1 emails are in the outbox") {
		t.Errorf("status %q", c.status.Text)
	}
	// Running the batch again finds nobody: Zoë was thanked.
	c.find()
	if len(c.clients) != 0 {
		t.Errorf("a second run lists %d", len(c.clients))
	}
}
