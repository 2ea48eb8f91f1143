// Package booktest gives the window's tests the books they work on: a new
// book in the test's folder with some clients, a client found by name, a
// book set up to send mail to the mailtest servers, thank-you emails
// queued. Each screen's package keeps its own test Shell; this is what
// they share below it.
//
// Only tests import it.
package booktest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
	"regulars/internal/mailtest"
	"regulars/letters"
)

var ctx = context.Background()

// Clients are three clients the window's tests put in a book: names with
// accents and an apostrophe, phones written two ways, an email, a tag.
var Clients = []data.Client{
	{FirstName: "José", LastName: "Núñez", Phone: "(555) 123-4567", Email: "jose@example.com"},
	{FirstName: "Anna", LastName: "Keller", Phone: "555 987 6543"},
	{FirstName: "Siobhán", LastName: "O'Brien", Tags: []string{"VIP"}},
}

// Main runs a window test package's tests away from the OS keyring of the
// machine they run on, as the window's own tests do; a package's TestMain
// calls it.
func Main(m *testing.M) {
	mailtest.NoKeyring()
	os.Exit(m.Run())
}

// New is a new book in a file of the test's temporary folder with these
// clients in it, closed at the end of the test.
func New(t testing.TB, clients ...data.Client) *store.Store {
	t.Helper()
	return Open(t, filepath.Join(t.TempDir(), "regulars.db"), clients...)
}

// Open opens the book at path (a file, or a server's address), adds these
// clients to it and closes it at the end of the test.
func Open(t testing.TB, path string, clients ...data.Client) *store.Store {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, c := range clients {
		if _, err := s.AddClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// ClientNamed is the first client a search of the book for q finds; the
// test fails if there is none.
func ClientNamed(t testing.TB, s *store.Store, q string) data.Client {
	t.Helper()
	res, err := s.Search(ctx, q, 1)
	if err != nil || len(res.Clients) == 0 {
		t.Fatalf("no client %q: %v", q, err)
	}
	c, err := s.Client(ctx, res.Clients[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// MailBook points the book's email settings at the test servers, with the
// business's name, address and From address set; the IMAP password is
// left for each test to give.
func MailBook(t testing.TB, s *store.Store, smtpSrv *mailtest.SMTP, imapSrv *mailtest.IMAP) {
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

// QueueThanks adds n new clients who want email and queues a thank-you
// email for each, in a batch of the last month; it says the clients.
func QueueThanks(t testing.TB, s *store.Store, n int) []data.Client {
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
