package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"regulars/app/cards"
	"regulars/app/mailer"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/internal/booktest"
	"regulars/internal/clock"
	"regulars/internal/mailtest"
	"regulars/letters/mail"
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
		s.LogVisit(ctx, &data.Visit{ClientID: c.ID, At: clock.Now().Add(-24 * time.Hour), What: "Cut", AmountCents: -1})
	}

	u.tabs.SelectIndex(3)
	e := u.settings.Email
	e.From.SetText("not an address")
	e.SMTPPort.SetText("99999")
	test.Tap(widgettest.FindButton(t, e.Content, "Save"))
	if e.Rows[1].Err.Hidden || e.Rows[2].Err.Hidden || !strings.Contains(e.Rows[2].Err.Text, "not a port number") {
		t.Errorf("bad values accepted: %q %q", e.Rows[1].Err.Text, e.Rows[2].Err.Text)
	}
	e.From.SetText("shop@example.com")
	e.FromName.SetText("Blue Door Salon")
	e.SMTPHost.SetText(smtpSrv.Host)
	e.SMTPPort.SetText(strconv.Itoa(smtpSrv.Port))
	e.SMTPSec.SetSelected(mail.SecurityWords(mail.Plain))
	e.IMAPHost.SetText(imapSrv.Host)
	e.IMAPPort.SetText(strconv.Itoa(imapSrv.Port))
	e.IMAPSec.SetSelected(mail.SecurityWords(mail.Plain))
	e.IMAPUser.SetText(imapSrv.User)
	e.IMAPPass.SetText(imapSrv.Password)
	test.Tap(widgettest.FindButton(t, e.Content, "Test IMAP"))
	widgettest.WaitClosed(t, e.Tested)
	if !strings.Contains(e.Status.Text, `IMAP works: sent messages go to the "Sent" folder`) {
		t.Fatalf("Test IMAP: %q", e.Status.Text)
	}
	test.Tap(widgettest.FindButton(t, e.Content, "Send test email"))
	widgettest.WaitClosed(t, e.Tested)
	if !strings.Contains(e.Status.Text, "A test email went to shop@example.com") || len(smtpSrv.Received()) != 1 {
		t.Fatalf("Send test email: %q", e.Status.Text)
	}
	test.Tap(widgettest.FindButton(t, e.Content, "Save")) // testing does not save

	u.tabs.Select(u.cardstab)
	c := u.cards
	c.Channel.SetSelected(cards.ByEmail)
	c.Find()
	// The unsubscribed client is not even listed.
	if len(c.Clients) != 1 || !strings.Contains(c.PreviewText.Text, "Subject: Thank you, Zoë!") ||
		!strings.Contains(c.PreviewText.Text, "From: Blue Door Salon <shop@example.com>") ||
		!strings.Contains(c.PreviewText.Text, "Blue Door Salon · 3 Mill Lane, Austin, TX 78702") || !strings.Contains(c.PreviewText.Text, "unsubscribe") {
		t.Fatalf("email batch: %d clients, preview %q", len(c.Clients), c.PreviewText.Text)
	}
	c.SendEmails()
	widgettest.WaitClosed(t, u.mailer.Done())
	sent, _ := s.Outbox(ctx, data.MailSent)
	if len(sent) != 1 || sent[0].Recipient != "zoe@example.com" || !sent[0].Copied {
		t.Fatalf("outbox: %+v", sent)
	}
	if got := smtpSrv.Received(); len(got) != 2 || strings.Contains(string(got[1]), "bo@example.com") {
		t.Errorf("server got %d messages", len(got))
	}
	if !strings.Contains(c.Status.Text, "1 emails are in the outbox") {
		t.Errorf("status %q", c.Status.Text)
	}
	// Running the batch again finds nobody: Zoë was thanked.
	c.Find()
	if len(c.Clients) != 0 {
		t.Errorf("a second run lists %d", len(c.Clients))
	}
}

// recipients counts the messages the server took for each address.
func recipients(srv *mailtest.SMTP) map[string]int {
	got := map[string]int{}
	for _, raw := range srv.Received() {
		for _, line := range strings.Split(string(raw), "\r\n") {
			if strings.HasPrefix(line, "To: ") {
				got[line[strings.Index(line, "<")+1:strings.Index(line, ">")]]++
			}
		}
	}
	return got
}

func TestOutboxPauseResumeAfterRestartAndReplies(t *testing.T) {
	if raceDetector {
		t.Skip("presses Pause while the sender updates the window: Fyne's test driver races under -race; make test runs it without")
	}
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	u, s := newTestUI(t)
	booktest.MailBook(t, s, smtpSrv, imapSrv)
	u.mailer.Passwords.IMAP = imapSrv.Password
	clients := booktest.QueueThanks(t, s, 30)

	// Send, and pause at once: the message under way is finished, the
	// rest stays queued.
	u.tabs.Select(u.cardstab)
	u.cards.Tabs.SelectIndex(2)
	o := u.cards.Outbox
	test.Tap(o.SendBtn)
	if o.PauseBtn.Disabled() {
		t.Fatal("Pause is not offered while sending")
	}
	test.Tap(o.PauseBtn)
	widgettest.WaitClosed(t, u.mailer.Done())
	c, _ := s.OutboxCounts(ctx)
	if c[data.MailQueued] == 0 || c[data.MailSent]+c[data.MailQueued] != 30 {
		t.Fatalf("after pause: %v", c)
	}
	if !strings.Contains(o.Counts.Text, strconv.Itoa(c[data.MailQueued])+" queued") {
		t.Errorf("counts %q", o.Counts.Text)
	}

	// Regulars opens again on the book: it offers to send the rest.
	w2 := test.NewTempWindow(t, nil)
	u2 := newUI(fyne.CurrentApp(), w2, s)
	u2.mailer.Passwords.IMAP = imapSrv.Password
	w2.Resize(fyne.NewSize(1120, 740))
	top := w2.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no offer to send the waiting emails")
	}
	if !widgettest.HasText(top, strconv.Itoa(c[data.MailQueued])+" thank-you emails are still in the outbox") {
		t.Errorf("offer: %v", widgettest.Texts(top))
	}
	test.Tap(widgettest.FindButton(t, top, "Yes"))
	widgettest.WaitClosed(t, u2.mailer.Done())
	c, _ = s.OutboxCounts(ctx)
	if c[data.MailSent] != 30 || c[data.MailQueued]+c[data.MailFailed]+c[data.MailUnknown] != 0 {
		t.Fatalf("after resuming: %v", c)
	}
	got := recipients(smtpSrv)
	for _, cl := range clients {
		if got[cl.Email] != 1 {
			t.Errorf("%s got %d messages", cl.Email, got[cl.Email])
		}
	}

	// A client's reply is logged by "Check replies", once.
	imapSrv.Deliver(t, "From: Client Number 3 <client3@example.com>\r\nTo: shop@example.com\r\nSubject: Re: Thank you\r\n"+
		"Message-ID: <reply-3@example.com>\r\nDate: "+clock.Now().Format(time.RFC1123Z)+"\r\n\r\nSee you soon!\r\n")
	o2 := u2.cards.Outbox
	for _, want := range []string{"1 new reply logged", "0 new replies logged"} {
		test.Tap(widgettest.FindButton(t, o2.Content, "Check replies"))
		widgettest.WaitClosed(t, o2.Checked)
		if !strings.Contains(o2.Replies.Text, want) {
			t.Errorf("check replies: %q, want %q", o2.Replies.Text, want)
		}
	}
	cs, _ := s.Contacts(ctx, clients[3].ID)
	if len(cs) != 2 || cs[0].Kind != data.ContactReply || cs[0].Note != "Re: Thank you" && !strings.Contains(cs[0].Note, "Re: Thank you") {
		t.Errorf("contacts of the client who replied: %+v", cs)
	}
}

func TestMailPasswordAskedNotSaved(t *testing.T) {
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	u, s := newTestUI(t)
	booktest.MailBook(t, s, smtpSrv, imapSrv)
	o := u.cards.Outbox

	// The automatic check never opens a dialog; it says what is missing.
	o.CheckReplies(false)
	if u.win.Canvas().Overlays().Top() != nil || !strings.Contains(o.Replies.Text, "the IMAP password for shop@example.com is needed: no keyring service answers") {
		t.Fatalf("automatic check without a password: %q", o.Replies.Text)
	}

	// Asked for by hand, the password is asked for, said to be for this
	// session only, and used.
	test.Tap(widgettest.FindButton(t, o.Content, "Check replies"))
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !widgettest.HasText(top, "IMAP password for shop@example.com") || !widgettest.HasText(top, "Regulars uses it until it closes and does not save it anywhere") {
		t.Fatalf("no password dialog: %v", top)
	}
	var entry *widget.Entry
	for _, obj := range test.LaidOutObjects(top) {
		if e, ok := obj.(*widget.Entry); ok && e.Password {
			entry = e
		}
	}
	// A wrong one is refused in plain words and forgotten: the next try
	// asks again.
	test.Type(entry, "not-the-password")
	test.Tap(widgettest.FindButton(t, top, "Use"))
	widgettest.WaitClosed(t, o.Checked)
	if !strings.Contains(o.Replies.Text, "the server refused the user name or password") || u.mailer.Passwords.IMAP != "" {
		t.Fatalf("wrong password: %q", o.Replies.Text)
	}
	test.Tap(widgettest.FindButton(t, o.Content, "Check replies"))
	top = u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("not asked again after a refused password")
	}
	for _, obj := range test.LaidOutObjects(top) {
		if e, ok := obj.(*widget.Entry); ok && e.Password {
			entry = e
		}
	}
	test.Type(entry, imapSrv.Password)
	test.Tap(widgettest.FindButton(t, top, "Use"))
	widgettest.WaitClosed(t, o.Checked)
	if !strings.Contains(o.Replies.Text, "0 new replies logged") {
		t.Fatalf("check with the typed password: %q", o.Replies.Text)
	}
	// A second check does not ask again.
	test.Tap(widgettest.FindButton(t, o.Content, "Check replies"))
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("asked for the password twice in one session")
	}
	widgettest.WaitClosed(t, o.Checked)

	// The password is nowhere in the book or its files.
	s.Close()
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(imapSrv.Password)) {
			t.Errorf("the password is written in %s", f)
		}
	}
}

func TestMailPasswordInKeyring(t *testing.T) {
	keyring.MockInit()
	t.Cleanup(mailtest.NoKeyring)
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	u, s := newTestUI(t)
	booktest.MailBook(t, s, smtpSrv, imapSrv)
	u.tabs.SelectIndex(3)
	e := u.settings.Email
	e.IMAPPass.SetText(imapSrv.Password)
	test.Tap(widgettest.FindButton(t, e.Content, "Save"))
	if e.Status.Text != "Saved." {
		t.Fatalf("save: %q", e.Status.Text)
	}
	if p, err := keyring.Get("Regulars", "imap:"+imapSrv.User); err != nil || p != imapSrv.Password {
		t.Fatalf("keyring holds %q, %v", p, err)
	}
	// A new session finds it there without asking.
	u.mailer.Passwords = mailer.Passwords{}
	test.Tap(widgettest.FindButton(t, e.Content, "Test IMAP"))
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("asked for a password the keyring has")
	}
	widgettest.WaitClosed(t, e.Tested)
	if !strings.Contains(e.Status.Text, "IMAP works") {
		t.Errorf("Test IMAP: %q", e.Status.Text)
	}
}
