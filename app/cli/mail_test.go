package cli

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
	"regulars/internal/mailtest"
	"regulars/letters"
)

var ctx = context.Background()

func TestSendOutboxReplies(t *testing.T) {
	// The visits are of November 2026: the batch is run in early December.
	defer clock.Set(time.Date(2026, 12, 3, 9, 0, 0, 0, time.Local))()
	db := newBook(t)
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	t.Setenv("REGULARS_SMTP_PASSWORD", "")
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane", "--address", "Austin, TX 78702")
	if code, _, errs := run(t, db, "mail", "--smtp-host", "mail.example.com", "--smtp-port", "25", "--smtp-security", "none", "--from", "shop@example.com", "--test"); code != 1 || !strings.Contains(errs, "only allowed to a server on this computer") {
		t.Errorf("plain SMTP to a remote host: %d %s", code, errs)
	}
	mustRun(t, db, "mail", "--from-name", "Blue Door Salon", "--from", "shop@example.com",
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none",
		"--imap-host", imapSrv.Host, "--imap-port", strconv.Itoa(imapSrv.Port), "--imap-security", "none", "--imap-user", imapSrv.User)
	if out := mustRun(t, db, "mail", "--test"); !strings.Contains(out, "SMTP: logged in") || !strings.Contains(out, `sent messages go to "Sent"`) {
		t.Errorf("mail --test: %s", out)
	}
	for _, c := range [][]string{
		{"--first", "Zoë", "--last", "Núñez", "--email", "zoe@example.com", "--channel", "email"},
		{"--first", "Bo", "--last", "Unsub", "--email", "bo@example.com", "--channel", "email", "--email-consent", "unsubscribed"},
		{"--first", "Cy", "--last", "Post", "--email", "cy@example.com"},
	} {
		mustRun(t, db, append([]string{"add-client"}, c...)...)
	}
	for _, who := range []string{"zoe", "unsub", "cy post"} {
		mustRun(t, db, "log-visit", who, "--at", "2026-11-05T10:00", "--what", "Cut")
	}
	if out := mustRun(t, db, "send", "--period", "2026-11", "--dry-run"); !strings.Contains(out, "1 email") || !strings.Contains(out, "zoe@example.com") || len(smtpSrv.Received()) != 0 {
		t.Errorf("dry run: %s", out)
	}
	if out := mustRun(t, db, "send", "--period", "2026-11"); !strings.Contains(out, "sent 1, failed 0") {
		t.Errorf("send: %s", out)
	}
	if got := smtpSrv.Received(); len(got) != 1 || !strings.Contains(string(got[0]), "zoe@example.com") {
		t.Fatalf("server got %d", len(got))
	}
	// Running it again sends nothing: Zoë is thanked.
	if out := mustRun(t, db, "send", "--period", "2026-11"); !strings.Contains(out, "0 emails") {
		t.Errorf("second send: %s", out)
	}
	var box []map[string]any
	json.Unmarshal([]byte(mustRun(t, db, "outbox", "--json")), &box)
	if len(box) != 1 || box[0]["status"] != "sent" || box[0]["in_sent_folder"] != true {
		t.Errorf("outbox: %v", box)
	}
	if out := mustRun(t, db, "check-replies"); !strings.Contains(out, "0 new replies") {
		t.Errorf("check-replies: %s", out)
	}

	// Without the password (none given, no keyring), the command says
	// which one and how to give it.
	mailtest.NoKeyring()
	t.Setenv("REGULARS_IMAP_PASSWORD", "")
	if code, _, errs := run(t, db, "check-replies"); code != 1 || !strings.Contains(errs, "the IMAP password for shop@example.com is needed: no keyring service answers") ||
		!strings.Contains(errs, "$REGULARS_IMAP_PASSWORD") {
		t.Errorf("no password: %d %s", code, errs)
	}
	// Kept in a keyring, it is found there.
	keyring.MockInit()
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	mustRun(t, db, "mail", "--save-passwords")
	t.Setenv("REGULARS_IMAP_PASSWORD", "")
	if out := mustRun(t, db, "check-replies"); !strings.Contains(out, "0 new replies") {
		t.Errorf("check-replies with the password in the keyring: %s", out)
	}
}

// TestSendResumesInterruptedSend: `send` after an interrupted batch sends
// what the batch left queued, settles the message in doubt from the
// mailbox (here: its proof copy never came, so it goes again), and then
// says plainly that nothing new is left; a blind retry of the message in
// doubt is refused with what to run instead.
func TestSendResumesInterruptedSend(t *testing.T) {
	db := newBook(t)
	imapSrv := mailtest.StartIMAP(t)
	smtpSrv := mailtest.StartSMTP(t)
	smtpSrv.Mailbox = imapSrv
	t.Setenv("REGULARS_SMTP_PASSWORD", "")
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	t.Setenv("REGULARS_TEST_PROOF_WAIT", "4s") // the wait is still on when send starts, even on a slow server
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	mustRun(t, db, "mail", "--from", "shop@example.com",
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none",
		"--imap-host", imapSrv.Host, "--imap-port", strconv.Itoa(imapSrv.Port), "--imap-security", "none", "--imap-user", imapSrv.User)
	for _, who := range []string{"Ann", "Bea", "Cat"} {
		mustRun(t, db, "add-client", "--first", who, "--last", "Lee", "--email", strings.ToLower(who)+"@example.com", "--channel", "email")
		mustRun(t, db, "log-visit", who, "--at", "2026-11-05T10:00", "--what", "Cut")
	}

	// The batch as a killed `send` leaves it: queued, one in doubt.
	mails := interruptedBatch(t, db, 3)
	id := strconv.FormatInt(mails[0].ID, 10)
	if code, _, errs := run(t, db, "outbox", "--retry", id); code != 1 || !strings.Contains(errs, "not known yet") || !strings.Contains(errs, "outbox --send") {
		t.Errorf("retry of a message in doubt: %d %s", code, errs)
	}
	code, out, errs := run(t, db, "send", "--period", "2026-11")
	if code != 0 || !strings.Contains(out, "3 emails left in the outbox by an interrupted send: sending them first") ||
		!strings.Contains(out, "sent 3, failed 0, in doubt 0; of 1 interrupted: 0 found delivered, 1 sent again") ||
		!strings.Contains(out, "0 emails for") || strings.Contains(out, "skipped") || !strings.Contains(errs, "waiting for 1 interrupted message") {
		t.Errorf("send after an interruption: exit %d\n%s\n%s", code, out, errs)
	}
	if got := len(smtpSrv.Received()); got != 3 {
		t.Errorf("the server took %d, want 3", got)
	}
	if out := mustRun(t, db, "outbox"); !strings.Contains(out, "0 queued, 3 sent, 0 failed, 0 in doubt") {
		t.Errorf("outbox: %s", out)
	}
}

// interruptedBatch queues the thank-yous of November 2026 as a killed
// `send` leaves them: all queued, the first in doubt (its final "." was
// about to go, with a proof copy to shop@example.com).
func interruptedBatch(t *testing.T, db string, want int) []data.Mail {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	from, to, _ := data.MonthPeriod("2026-11")
	b := data.Batch{Channel: data.ChannelEmail, Template: "Thanks for your visit", From: from, To: to}
	tpl, _ := s.TemplateByName(ctx, b.Template)
	clients, _ := s.ThankYouCandidates(ctx, data.ChannelEmail, from, to)
	if err := s.DraftBatch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	mails, _, err := letters.PrepareEmails(ctx, s, b, tpl, clients, nil)
	if err != nil || len(mails) != want {
		t.Fatalf("%d mails, %v", len(mails), err)
	}
	if _, err := s.Enqueue(ctx, mails); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkBatchQueued(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := s.MailDot(ctx, &mails[0], "shop@example.com"); err != nil {
		t.Fatal(err)
	}
	return mails
}

// TestSettleInDoubtByHand: without an IMAP server a message in doubt
// cannot be looked for; `send` ends with an error that says where to
// look, `outbox` gives the owner the words and the commands, and their
// answer settles it. With an IMAP server the mailbox wins over a wrong
// answer, so following the advice never sends a message twice.
func TestSettleInDoubtByHand(t *testing.T) {
	db := newBook(t)
	imapSrv := mailtest.StartIMAP(t)
	smtpSrv := mailtest.StartSMTP(t)
	smtpSrv.Mailbox = imapSrv
	t.Setenv("REGULARS_SMTP_PASSWORD", "")
	t.Setenv("REGULARS_IMAP_PASSWORD", imapSrv.Password)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	mustRun(t, db, "mail", "--from", "shop@example.com",
		"--smtp-host", smtpSrv.Host, "--smtp-port", strconv.Itoa(smtpSrv.Port), "--smtp-security", "none")
	for _, who := range []string{"Ann", "Bea"} {
		mustRun(t, db, "add-client", "--first", who, "--last", "Lee", "--email", strings.ToLower(who)+"@example.com", "--channel", "email")
		mustRun(t, db, "log-visit", who, "--at", "2026-11-05T10:00", "--what", "Cut")
	}
	mails := interruptedBatch(t, db, 2)
	id := strconv.FormatInt(mails[0].ID, 10)

	code, out, errs := run(t, db, "send", "--period", "2026-11")
	if code != 1 || !strings.Contains(out, "sent 1, failed 0, in doubt 1") || !strings.Contains(errs, "1 message in doubt: run `regulars outbox`") {
		t.Errorf("send with a message in doubt and no IMAP: exit %d\n%s\n%s", code, out, errs)
	}
	out = mustRun(t, db, "outbox")
	for _, want := range []string{"look in the mailbox of shop@example.com", "regulars outbox --delivered " + id, "regulars outbox --not-delivered " + id, "0 queued, 1 sent, 0 failed, 1 in doubt"} {
		if !strings.Contains(out, want) {
			t.Errorf("outbox does not say %q:\n%s", want, out)
		}
	}
	// The owner found no copy: it is queued again and goes.
	if out := mustRun(t, db, "outbox", "--not-delivered", id); !strings.Contains(out, "queued again") {
		t.Errorf("not delivered: %s", out)
	}
	if out := mustRun(t, db, "outbox", "--send"); !strings.Contains(out, "sent 1, failed 0, in doubt 0") || !strings.Contains(out, "0 queued, 2 sent") {
		t.Errorf("send after settling: %s", out)
	}
	if code, _, errs := run(t, db, "outbox", "--delivered", id); code != 1 || !strings.Contains(errs, "not in doubt") {
		t.Errorf("settling a sent message: %d %s", code, errs)
	}

	// With IMAP: a message the server did take (its proof copy is in the
	// mailbox) is recorded delivered even if the owner says it was not.
	mustRun(t, db, "mail", "--imap-host", imapSrv.Host, "--imap-port", strconv.Itoa(imapSrv.Port), "--imap-security", "none", "--imap-user", imapSrv.User)
	mustRun(t, db, "add-client", "--first", "Cat", "--last", "Lee", "--email", "cat@example.com", "--channel", "email")
	mustRun(t, db, "log-visit", "Cat", "--at", "2026-11-06T10:00", "--what", "Cut")
	third := interruptedBatch(t, db, 1)[0]
	imapSrv.Deliver(t, string(third.Raw)) // its proof copy arrived
	id = strconv.FormatInt(third.ID, 10)
	if out := mustRun(t, db, "outbox", "--not-delivered", id); !strings.Contains(out, "it was delivered") || !strings.Contains(out, "0 queued, 3 sent") {
		t.Errorf("not delivered, but in the mailbox: %s", out)
	}
	if got := len(smtpSrv.Received()); got != 2 {
		t.Errorf("the server took %d messages, want 2", got)
	}
}

// TestMailProvider: `mail --provider gmail` fills in Gmail's servers, the
// user names from the address and the From name from the business, and
// says where to make the app password; an unknown provider is refused
// with the list.
func TestMailProvider(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--name", "Blue Door Salon", "--address", "3 Mill Lane")
	out := mustRun(t, db, "mail", "--provider", "gmail", "--from", "bluedoor@gmail.com")
	if !strings.Contains(out, "https://myaccount.google.com/apppasswords") {
		t.Errorf("no app password note: %s", out)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for k, v := range map[string]string{
		data.SettingFromName: "Blue Door Salon", data.SettingSMTPHost: "smtp.gmail.com", data.SettingSMTPPort: "587", data.SettingSMTPSecurity: "starttls",
		data.SettingSMTPUser: "bluedoor@gmail.com", data.SettingIMAPHost: "imap.gmail.com", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "tls",
		data.SettingIMAPUser: "bluedoor@gmail.com",
	} {
		if got, _ := s.Setting(ctx, k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if code, _, errs := run(t, db, "mail", "--provider", "aol"); code == 0 || !strings.Contains(errs, "gmail, outlook") {
		t.Errorf("unknown provider: %d %s", code, errs)
	}
}

// TestBusinessCountry: `business --country` sets the country phones are
// shown for, from its code or its name; an unknown one is refused and
// changes nothing.
func TestBusinessCountry(t *testing.T) {
	db := newBook(t)
	mustRun(t, db, "business", "--country", "Deutschland")
	mustRun(t, db, "business", "--country", "United Kingdom")
	if code, _, errs := run(t, db, "business", "--country", "Atlantis"); code == 0 || !strings.Contains(errs, "not a country Regulars knows") {
		t.Errorf("bad code: %d %s", code, errs)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, _ := s.Country(ctx); c != "GB" {
		t.Errorf("country %q", c)
	}
}
