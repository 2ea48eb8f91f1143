//go:build integration

package letters

// End-to-end tests against real Postfix (SMTP) and Dovecot (IMAP) on
// loopback, started by scripts/mailservers.sh; `make test-integration`
// runs them.

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"regulars/data"
)

// realServers reads where scripts/mailservers.sh started the servers.
func realServers(t testing.TB) (Server, Server, string) {
	t.Helper()
	get := func(k string) string {
		v := os.Getenv(k)
		if v == "" {
			t.Fatalf("%s is not set: run `make test-integration`, which starts the mail servers", k)
		}
		return v
	}
	addr := func(k string) (string, int) {
		h, p, err := net.SplitHostPort(get(k))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(p)
		return h, n
	}
	sh, sp := addr("REGULARS_IT_SMTP")
	ih, ip := addr("REGULARS_IT_IMAP")
	smtpSrv := Server{Host: sh, Port: sp, Security: Plain}
	imapSrv := Server{Host: ih, Port: ip, Security: Plain, User: get("REGULARS_IT_USER"), Password: get("REGULARS_IT_PASSWORD")}
	return smtpSrv, imapSrv, get("REGULARS_IT_DOMAIN")
}

// emptyMailbox deletes every message of the test mailbox's INBOX and Sent.
func emptyMailbox(t testing.TB, srv Server) {
	t.Helper()
	mb, err := OpenMailbox(srv)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	for _, box := range []string{"INBOX", mb.SentFolder()} {
		sel, err := mb.c.Select(box, nil).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if sel.NumMessages == 0 {
			continue
		}
		all := imap.SeqSet{}
		all.AddRange(1, sel.NumMessages)
		if err := mb.c.Store(all, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
			t.Fatalf("empty %s: %v", box, err)
		}
		if err := mb.c.Expunge().Close(); err != nil {
			t.Fatalf("empty %s: %v", box, err)
		}
	}
}

// count says how many messages a folder holds.
func count(t testing.TB, srv Server, box string) int {
	mb, err := OpenMailbox(srv)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	if box == "Sent" {
		box = mb.SentFolder()
	}
	st, err := mb.c.Status(box, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return int(*st.NumMessages)
}

// waitFor polls until the folder holds n messages (Postfix delivers in the
// background) or the time is up, and returns the last count.
func waitFor(t testing.TB, srv Server, box string, n int, limit time.Duration) int {
	deadline := time.Now().Add(limit)
	for {
		c := count(t, srv, box)
		if c >= n || time.Now().After(deadline) {
			return c
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// emailBatch makes n clients at the test domain who prefer email and
// queues their thank-yous.
func emailBatch(t testing.TB, s *data.Store, domain string, n int) []data.Mail {
	t.Helper()
	for k, v := range map[string]string{
		data.SettingBusinessName: "Blue Door Salon", data.SettingBusinessAddress: "3 Mill Lane\nAustin, TX 78702",
		data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "shop@" + domain,
	} {
		s.SetSetting(ctx, k, v)
	}
	var clients []data.Client
	for i := 0; i < n; i++ {
		c := data.Client{FirstName: "Client", LastName: fmt.Sprintf("Number %d", i), Email: fmt.Sprintf("client%d@%s", i, domain), PreferredChannel: data.ChannelEmail}
		if _, err := s.AddClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
	}
	tpl, _ := s.TemplateByName(ctx, "Thanks for your visit")
	b := data.Batch{Channel: data.ChannelEmail, From: time.Now().AddDate(0, -1, 0), To: time.Now().AddDate(0, 0, 1), Template: tpl.Name}
	s.CreateBatch(ctx, &b)
	mails, _, err := PrepareEmails(ctx, s, b, tpl, clients, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, mails); err != nil {
		t.Fatal(err)
	}
	return mails
}

func TestIntegrationBatchOf50(t *testing.T) {
	smtpSrv, imapSrv, domain := realServers(t)
	emptyMailbox(t, imapSrv)
	s := mailBook(t)
	mails := emailBatch(t, s, domain, 50)
	sd := &Sender{Store: s, SMTP: smtpSrv, IMAP: &imapSrv, From: "shop@" + domain}
	res, err := sd.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 50 {
		t.Fatalf("sent %+v", res)
	}
	waitFor(t, imapSrv, "INBOX", 50, 60*time.Second)
	time.Sleep(time.Second) // anything more than 50 would show by now
	if got := count(t, imapSrv, "INBOX"); got != 50 {
		t.Errorf("%d delivered to the test mailbox, want exactly 50", got)
	}
	if got, unseen := sentCount(t, imapSrv); got != 50 || unseen != 0 {
		t.Errorf("%d in Sent (%d unread), want 50, all read", got, unseen)
	}
	sent, _ := s.Outbox(ctx, data.MailSent)
	for _, m := range sent {
		if !m.Copied || !strings.Contains(m.ServerReply, "queued") && m.ServerReply == "" {
			t.Errorf("message %d: copied %v, reply %q", m.ID, m.Copied, m.ServerReply)
			break
		}
	}

	// A client's reply put into the INBOX is logged, once.
	mb, err := OpenMailbox(imapSrv)
	if err != nil {
		t.Fatal(err)
	}
	reply := "From: Client Number 7 <client7@" + domain + ">\r\nTo: shop@" + domain + "\r\nSubject: Re: Thank you\r\n" +
		"Message-ID: <reply-7@" + domain + ">\r\nIn-Reply-To: " + mails[7].MessageID + "\r\nDate: " + time.Now().Format(time.RFC1123Z) + "\r\n\r\nThank you too!\r\n"
	cmd := mb.c.Append("INBOX", int64(len(reply)), nil)
	cmd.Write([]byte(reply))
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	mb.Close()
	n, err := CheckReplies(ctx, s, imapSrv)
	if err != nil || n.Logged != 1 {
		t.Fatalf("replies logged: %d, %v", n, err)
	}
	if n, _ := CheckReplies(ctx, s, imapSrv); n.Logged != 0 {
		t.Errorf("the reply was logged again")
	}
	cs, _ := s.Contacts(ctx, mails[7].ClientID)
	if cs[0].Kind != data.ContactReply {
		t.Errorf("contacts of client 7: %+v", cs)
	}
}

// TestIntegrationRefusedRecipient: Postfix refuses a recipient outside its
// domains; that message fails with Postfix's own words and the ones after
// it still go out on the same connection.
func TestIntegrationRefusedRecipient(t *testing.T) {
	smtpSrv, imapSrv, domain := realServers(t)
	emptyMailbox(t, imapSrv)
	s := mailBook(t)
	outsider := data.Client{FirstName: "Out", LastName: "Sider", Email: "someone@elsewhere.example", PreferredChannel: data.ChannelEmail}
	if _, err := s.AddClient(ctx, &outsider); err != nil {
		t.Fatal(err)
	}
	tpl, _ := s.TemplateByName(ctx, "Thanks for your visit")
	b := data.Batch{Channel: data.ChannelEmail, From: time.Now().AddDate(0, -1, 0), To: time.Now().AddDate(0, 0, 1), Template: tpl.Name}
	s.CreateBatch(ctx, &b)
	for k, v := range map[string]string{data.SettingFromAddress: "shop@" + domain} {
		s.SetSetting(ctx, k, v)
	}
	mails, _, err := PrepareEmails(ctx, s, b, tpl, []data.Client{outsider}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, mails); err != nil {
		t.Fatal(err)
	}
	emailBatch(t, s, domain, 3)
	res, err := (&Sender{Store: s, SMTP: smtpSrv, IMAP: &imapSrv, From: "shop@" + domain}).Run(ctx)
	if err != nil || res.Sent != 3 || res.Failed != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	failed, _ := s.Outbox(ctx, data.MailFailed)
	if len(failed) != 1 || !strings.Contains(failed[0].LastError, "Recipient address rejected") {
		t.Errorf("failed: %+v", failed)
	}
	if got := waitFor(t, imapSrv, "INBOX", 3, 30*time.Second); got != 3 {
		t.Errorf("%d delivered, want 3", got)
	}
}

// BenchmarkIntegrationSend1000 sends 1,000 messages through the local
// Postfix, with copies in Sent, until all are delivered (target: 60 s).
func BenchmarkIntegrationSend1000(b *testing.B) {
	smtpSrv, imapSrv, domain := realServers(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		emptyMailbox(b, imapSrv)
		s, err := data.Open(b.TempDir() + "/regulars.db")
		if err != nil {
			b.Fatal(err)
		}
		emailBatch(b, s, domain, 1000)
		b.StartTimer()
		sd := &Sender{Store: s, SMTP: smtpSrv, IMAP: &imapSrv, From: "shop@" + domain}
		res, err := sd.Run(ctx)
		if err != nil || res.Sent != 1000 {
			b.Fatalf("%+v %v", res, err)
		}
		if got := waitFor(b, imapSrv, "INBOX", 1000, 120*time.Second); got != 1000 {
			b.Fatalf("%d delivered", got)
		}
		b.StopTimer()
		s.Close()
	}
}
