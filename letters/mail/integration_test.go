//go:build integration

package mail_test

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
	"regulars/data/store"
	"regulars/internal/cardtest"
	"regulars/letters"
	. "regulars/letters/mail"
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
		sel, err := mb.IMAPClient().Select(box, nil).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if sel.NumMessages == 0 {
			continue
		}
		all := imap.SeqSet{}
		all.AddRange(1, sel.NumMessages)
		if err := mb.IMAPClient().Store(all, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
			t.Fatalf("empty %s: %v", box, err)
		}
		if err := mb.IMAPClient().Expunge().Close(); err != nil {
			t.Fatalf("empty %s: %v", box, err)
		}
	}
}

// count says how many messages a folder holds.
func count(t testing.TB, srv Server, box string) int {
	mb, box := openFolder(t, srv, box)
	defer mb.Close()
	st, err := mb.IMAPClient().Status(box, &imap.StatusOptions{NumMessages: true}).Wait()
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
func emailBatch(t testing.TB, s *store.Store, domain string, n int) []data.Mail {
	t.Helper()
	for k, v := range map[string]string{
		data.SettingBusinessName: "Blue Door Salon", data.SettingBusinessAddress: "3 Mill Lane\nAustin, TX 78702",
		data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "shop@" + domain,
	} {
		s.SetSetting(ctx, k, v)
	}
	var clients []data.Client
	for i := 0; i < n; i++ {
		clients = append(clients, data.Client{FirstName: "Client", LastName: fmt.Sprintf("Number %d", i), Email: fmt.Sprintf("client%d@%s", i, domain), PreferredChannel: data.ChannelEmail})
	}
	return queueThanks(t, s, clients)
}

// TestIntegrationRefusedRecipient: Postfix refuses a recipient outside its
// domains; that message fails with Postfix's own words and the ones after
// it still go out on the same connection.
func TestIntegrationRefusedRecipient(t *testing.T) {
	smtpSrv, imapSrv, domain := realServers(t)
	emptyMailbox(t, imapSrv)
	s := cardtest.Book(t)
	s.SetSetting(ctx, data.SettingFromAddress, "shop@"+domain)
	queueThanks(t, s, []data.Client{{FirstName: "Out", LastName: "Sider", Email: "someone@elsewhere.example", PreferredChannel: data.ChannelEmail}})
	emailBatch(t, s, domain, 3)
	res, err := (&Sender{Outbox: letters.BookOutbox(s), SMTP: smtpSrv, IMAP: &imapSrv, From: "shop@" + domain}).Run(ctx)
	if err != nil || res.Sent != 3 || res.Failed != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	failed, _ := s.Outbox(ctx, data.MailFailed)
	if len(failed) != 1 || !strings.Contains(failed[0].LastError, "Recipient address rejected") {
		t.Errorf("failed: %+v", failed)
	}
	// Each message arrives with its proof copy to the shop, in the same
	// mailbox here.
	waitFor(t, imapSrv, "INBOX", 6, 30*time.Second)
	to := map[string]int{}
	for _, h := range headersIn(t, imapSrv, "INBOX") {
		to[strings.ToLower(h.Get("Delivered-To"))]++
	}
	if to["shop@"+domain] != 3 || len(to) != 4 {
		t.Errorf("delivered: %v, want one to each of 3 clients and 3 to the shop", to)
	}
}

// BenchmarkIntegrationSend1000 sends 1,000 messages through the local
// Postfix, with copies in Sent, until all are delivered (target: 60 s).
func BenchmarkIntegrationSend1000(b *testing.B) {
	smtpSrv, imapSrv, domain := realServers(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		emptyMailbox(b, imapSrv)
		s, err := store.Open(b.TempDir() + "/regulars.db")
		if err != nil {
			b.Fatal(err)
		}
		emailBatch(b, s, domain, 1000)
		b.StartTimer()
		sd := &Sender{Outbox: letters.BookOutbox(s), SMTP: smtpSrv, IMAP: &imapSrv, From: "shop@" + domain}
		res, err := sd.Run(ctx)
		if err != nil || res.Sent != 1000 {
			b.Fatalf("%+v %v", res, err)
		}
		// Each message and its proof copy to the shop.
		if got := waitFor(b, imapSrv, "INBOX", 2000, 120*time.Second); got != 2000 {
			b.Fatalf("%d delivered", got)
		}
		b.StopTimer()
		s.Close()
	}
}
