package mail_test

// The tests of package mail run outside it: they queue their emails as
// package letters does (letters.PrepareEmails) and check the replies it
// logs, and letters imports mail. They import mail with a dot, as if
// inside it; export_test.go gives them what they need of its inside.

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"mime"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	gomail "github.com/emersion/go-message/mail"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/cardtest"
	"regulars/internal/clock"
	"regulars/internal/mailtest"
	"regulars/letters"
	. "regulars/letters/mail"
)

var ctx = context.Background()

// startSMTP and startIMAP run real servers in the test (mailtest) and
// say how to reach them.
func startSMTP(t *testing.T) *mailtest.SMTP { return mailtest.StartSMTP(t) }

func smtpOf(s *mailtest.SMTP) Server { return Server{Host: s.Host, Port: s.Port, Security: Plain} }

func startIMAP(t *testing.T) (Server, *mailtest.IMAP) {
	m := mailtest.StartIMAP(t)
	return Server{Host: m.Host, Port: m.Port, Security: Plain, User: m.User, Password: m.Password}, m
}

func TestComposeStructureAndEncoding(t *testing.T) {
	raw, id, err := Compose(Email{
		FromName: `Blue "Door", Salon`, FromAddress: "shop@example.com",
		ToName: "Zoë O'Brien,\r\nBcc: evil@example.com", ToAddress: "zoe@example.com",
		Subject: "Thank you, Zoë!\r\nBcc: evil@example.com", Text: "Dear <Zoë>,\n\nthanks & see you!",
		Business: "Blue Door Salon", Postal: []string{"3 Mill Lane", "Austin, TX 78702"},
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := e.Header
	if got, _ := h.Subject(); got != "Thank you, Zoë! Bcc: evil@example.com" {
		t.Errorf("subject %q", got)
	}
	to, _ := h.AddressList("To")
	from, _ := h.AddressList("From")
	if len(to) != 1 || to[0].Address != "zoe@example.com" || to[0].Name != "Zoë O'Brien, Bcc: evil@example.com" || from[0].Name != `Blue "Door", Salon` {
		t.Errorf("to %+v from %+v", to, from)
	}
	if h.Get("Bcc") != "" || strings.Count(string(raw), "\nBcc:") > 0 {
		t.Error("a header was injected")
	}
	if mid, _ := h.MessageID(); "<"+mid+">" != id || h.Get("Date") == "" || !strings.Contains(h.Get("List-Unsubscribe"), "mailto:shop@example.com") {
		t.Errorf("headers: %v", h.Header)
	}
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	if mt != "multipart/alternative" {
		t.Errorf("content type %s", mt)
	}
	var types []string
	var plain, html string
	for {
		p, err := e.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		types = append(types, ct)
		b, _ := io.ReadAll(p.Body)
		if ct == "text/plain" {
			plain = string(b)
		} else {
			html = string(b)
		}
	}
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Errorf("parts %v", types)
	}
	if !strings.Contains(plain, "Dear <Zoë>") || !strings.Contains(plain, "3 Mill Lane, Austin, TX 78702") || !strings.Contains(plain, "unsubscribe") {
		t.Errorf("plain:\n%s", plain)
	}
	if !strings.Contains(html, "Dear &lt;Zoë&gt;") || !strings.Contains(html, "thanks &amp; see you") || strings.Contains(html, "<Zoë>") {
		t.Errorf("html:\n%s", html)
	}
	if _, _, err := Compose(Email{FromAddress: "shop@example.com", ToAddress: "zoe@example.com", Business: "B"}); err == nil {
		t.Error("composed without a postal address")
	}
}

// queueBatch makes n clients with email and queues their thank-yous.
func queueBatch(t *testing.T, s *store.Store, n int, extra ...data.Client) []data.Mail {
	t.Helper()
	var clients []data.Client
	for i := 0; i < n; i++ {
		clients = append(clients, data.Client{FirstName: "Client", LastName: string(rune('A'+i%26)) + strings.Repeat("x", i/26), Email: "c" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "@example.com", PreferredChannel: data.ChannelEmail})
	}
	return queueThanks(t, s, append(clients, extra...))
}

// queueThanks adds the clients to the book and queues their thank-you
// emails from the starter template, as a batch would.
func queueThanks(t testing.TB, s *store.Store, clients []data.Client) []data.Mail {
	t.Helper()
	for i := range clients {
		if _, err := s.AddClient(ctx, &clients[i]); err != nil {
			t.Fatal(err)
		}
	}
	tpl, _ := s.TemplateByName(ctx, "Thanks for your visit")
	b := data.Batch{Channel: data.ChannelEmail, From: clock.Now().AddDate(0, -1, 0), To: clock.Now().AddDate(0, 0, 1), Template: tpl.Name}
	s.CreateBatch(ctx, &b)
	mails, _, err := letters.PrepareEmails(ctx, s, b, tpl, clients, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, mails); err != nil {
		t.Fatal(err)
	}
	return mails
}

func TestSendBatchWithSentCopies(t *testing.T) {
	s := cardtest.Book(t)
	smtpSrv := startSMTP(t)
	imapSrv, user := startIMAP(t)
	queueBatch(t, s, 5,
		data.Client{FirstName: "Un", LastName: "Subscribed", Email: "no@example.com", EmailConsent: data.ConsentUnsubscribed},
		data.Client{FirstName: "Do", LastName: "Not", Email: "dnc@example.com", DoNotContact: true},
	)
	var progress []int
	sd := &Sender{Outbox: letters.BookOutbox(s), SMTP: smtpOf(smtpSrv), IMAP: &imapSrv, From: "shop@example.com", Progress: func(done, total int) { progress = append(progress, done) }}
	res, err := sd.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 5 || len(smtpSrv.Received()) != 5 || len(progress) != 5 {
		t.Fatalf("sent %+v, server got %d", res, len(smtpSrv.Received()))
	}
	for _, m := range smtpSrv.Received() {
		if bytes.Contains(m, []byte("no@example.com")) || bytes.Contains(m, []byte("dnc@example.com")) {
			t.Error("an unsubscribed or do-not-contact client was emailed")
		}
	}
	sent, _ := s.Outbox(ctx, data.MailSent)
	if len(sent) != 5 || !sent[0].Copied || sent[0].ServerReply == "" {
		t.Errorf("outbox: %+v", sent[0])
	}
	if mbox, unseen := sentCount(t, imapSrv); mbox != 5 || unseen != 0 {
		t.Errorf("%d in Sent, %d of them unread (want 5, all read)", mbox, unseen)
	}
	// Each client has an email thank-you contact.
	c, _ := s.Client(ctx, sent[0].ClientID)
	cs, _ := s.Contacts(ctx, c.ID)
	if len(cs) != 1 || cs[0].Kind != data.ContactEmail || !cs[0].ThankYou {
		t.Errorf("contacts %+v", cs)
	}
	_ = user
}

// sentCount says how many messages the Sent folder holds, and how many
// of them are unread.
func sentCount(t testing.TB, srv Server) (all, unseen int) {
	mb, err := OpenMailbox(srv)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	st, err := mb.IMAPClient().Status(mb.SentFolder(), &imap.StatusOptions{NumMessages: true, NumUnseen: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return int(*st.NumMessages), int(*st.NumUnseen)
}

func TestDroppedConnectionResumes(t *testing.T) {
	s := cardtest.Book(t)
	srv := startSMTP(t)
	srv.DropAfter = 3
	mails := queueBatch(t, s, 8)
	sd := &Sender{Outbox: letters.BookOutbox(s), SMTP: smtpOf(srv), From: "shop@example.com", Backoff: func(int) time.Duration { return 10 * time.Millisecond }}
	res, err := sd.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 8 || len(srv.Received()) != 8 {
		t.Fatalf("result %+v, server got %d of %d", res, len(srv.Received()), len(mails))
	}
	seen := map[string]bool{}
	for _, m := range srv.Received() {
		e, _ := gomail.CreateReader(bytes.NewReader(m))
		id, _ := e.Header.MessageID()
		if seen[id] {
			t.Errorf("%s sent twice", id)
		}
		seen[id] = true
	}
}

func TestDroppedIMAPConnectionReconnects(t *testing.T) {
	s := cardtest.Book(t)
	srv := startSMTP(t)
	imapSrv, _ := startIMAP(t)
	proxy := mailtest.StartProxy(t, imapSrv.Addr())
	through := imapSrv
	through.Host, through.Port = proxy.Host, proxy.Port
	queueBatch(t, s, 6)
	sd := &Sender{Outbox: letters.BookOutbox(s), SMTP: smtpOf(srv), IMAP: &through, From: "shop@example.com",
		Progress: func(done, _ int) {
			if done == 2 {
				proxy.Cut() // the network drops after the second copy
			}
		}}
	res, err := sd.Run(ctx)
	if err != nil || res.Sent != 6 {
		t.Fatalf("%+v, %v", res, err)
	}
	sent, _ := s.Outbox(ctx, data.MailSent)
	for _, m := range sent {
		if !m.Copied {
			t.Errorf("message to %s has no copy in Sent", m.Recipient)
		}
	}
	if all, _ := sentCount(t, imapSrv); all != 6 {
		t.Errorf("%d in Sent, want 6", all)
	}
}

func TestRefusedRecipientFails(t *testing.T) {
	s := cardtest.Book(t)
	srv := startSMTP(t)
	srv.Refuse = "ca@example.com"
	queueBatch(t, s, 2)
	sd := &Sender{Outbox: letters.BookOutbox(s), SMTP: smtpOf(srv), From: "shop@example.com"}
	res, err := sd.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	failed, _ := s.Outbox(ctx, data.MailFailed)
	if res.Sent != 1 || res.Failed != 1 || len(failed) != 1 || !strings.Contains(failed[0].LastError, "No such user") {
		t.Errorf("%+v %+v", res, failed)
	}
}

func TestRepliesLoggedOnce(t *testing.T) {
	s := cardtest.Book(t)
	smtpSrv := startSMTP(t)
	imapSrv, _ := startIMAP(t)
	mails := queueBatch(t, s, 2)
	(&Sender{Outbox: letters.BookOutbox(s), SMTP: smtpOf(smtpSrv), From: "shop@example.com"}).Run(ctx)
	// One reply answers our message; one comes from a client's address;
	// one is from a stranger.
	appendRaw(t, imapSrv, "From: Client A <ca@example.com>\r\nTo: shop@example.com\r\nSubject: Re: Thank you\r\nMessage-ID: <r1@example.com>\r\nIn-Reply-To: "+mails[0].MessageID+"\r\nDate: "+clock.Now().Format(time.RFC1123Z)+"\r\n\r\nThanks to you!\r\n")
	appendRaw(t, imapSrv, "From: cb@example.com\r\nTo: shop@example.com\r\nSubject: Booking\r\nMessage-ID: <r2@example.com>\r\nDate: "+clock.Now().Format(time.RFC1123Z)+"\r\n\r\nCan I come Friday?\r\n")
	appendRaw(t, imapSrv, "From: spam@example.net\r\nTo: shop@example.com\r\nSubject: Offer\r\nMessage-ID: <r3@example.com>\r\nDate: "+clock.Now().Format(time.RFC1123Z)+"\r\n\r\nBuy!\r\n")
	n, err := letters.CheckReplies(ctx, s, imapSrv)
	if err != nil || n != (letters.Replies{Logged: 2}) {
		t.Fatalf("logged %+v, %v", n, err)
	}
	if n, _ := letters.CheckReplies(ctx, s, imapSrv); n.Logged != 0 {
		t.Errorf("logged again: %+v", n)
	}
	cs, _ := s.Contacts(ctx, mails[0].ClientID)
	if cs[0].Kind != data.ContactReply || cs[0].Note != "Re: Thank you" {
		t.Errorf("contacts %+v", cs)
	}
	// The flags on the server are unchanged: the replies are still unread.
	mb, _ := OpenMailbox(imapSrv)
	defer mb.Close()
	st, _ := mb.IMAPClient().Status("INBOX", &imap.StatusOptions{NumUnseen: true}).Wait()
	if *st.NumUnseen != 3 {
		t.Errorf("%d unseen, want 3", *st.NumUnseen)
	}
}

func appendRaw(t *testing.T, srv Server, raw string) {
	t.Helper()
	mb, err := OpenMailbox(srv)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	cmd := mb.IMAPClient().Append("INBOX", int64(len(raw)), nil)
	cmd.Write([]byte(raw))
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestPlainErrors(t *testing.T) {
	tlsSrv := mailtest.StartSMTPTLS(t)
	authSrv := mailtest.StartSMTP(t)
	authSrv.User, authSrv.Password = "shop@example.com", "right"
	cases := []struct {
		name string
		srv  Server
		want string
	}{
		{"port closed", Server{Host: "127.0.0.1", Port: 1, Security: Plain}, "nothing answers on that port (connection refused)"},
		{"clear text to the network", Server{Host: "mail.example.com", Port: 25, Security: Plain}, "only allowed to a server on this computer"},
		{"host not found", Server{Host: "no-such-host.invalid", Port: 587, Security: StartTLS}, "the server's name was not found: no-such-host.invalid"},
		{"no port", Server{Host: "smtp.example.com", Security: StartTLS}, "the server and port are not set"},
		{"certificate not trusted", Server{Host: tlsSrv.Host, Port: tlsSrv.Port, Security: TLS}, "the server's certificate is not trusted"},
		{"wrong password", Server{Host: authSrv.Host, Port: authSrv.Port, Security: Plain, User: "shop@example.com", Password: "wrong"},
			"the server refused the user name or password: Username and Password not accepted"},
		{"no password", Server{Host: authSrv.Host, Port: authSrv.Port, Security: Plain}, "the server wants a user name and password (Settings): Please authenticate first"},
		{"TLS to a plain port", Server{Host: authSrv.Host, Port: authSrv.Port, Security: TLS}, "the server does not speak TLS on that port"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := TestSMTP(tc.srv, "shop@example.com", tc.name == "no password")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%v, want %q", err, tc.want)
			}
		})
	}

	// The same servers with the right settings work.
	trusted := Server{Host: tlsSrv.Host, Port: tlsSrv.Port, Security: TLS, TLS: &tls.Config{RootCAs: tlsSrv.Trust}}
	if err := TestSMTP(trusted, "shop@example.com", true); err != nil || len(tlsSrv.Received()) != 1 {
		t.Errorf("implicit TLS with the certificate trusted: %v", err)
	}
	right := Server{Host: authSrv.Host, Port: authSrv.Port, Security: Plain, User: "shop@example.com", Password: "right"}
	if err := TestSMTP(right, "shop@example.com", true); err != nil || len(authSrv.Received()) != 1 {
		t.Errorf("the right password: %v", err)
	}

	// A server that never speaks (the security setting does not match the
	// port, say) fails within the dial wait instead of hanging the button.
	defer SetDialWait(300 * time.Millisecond)()
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	port := silent.Addr().(*net.TCPAddr).Port
	for _, sec := range []Security{Plain, StartTLS, TLS} {
		start := time.Now()
		err := TestSMTP(Server{Host: "127.0.0.1", Port: port, Security: sec}, "shop@example.com", false)
		if err == nil || !strings.Contains(err.Error(), "did not answer in time") || time.Since(start) > 5*time.Second {
			t.Errorf("silent SMTP server, %s: %v after %v", sec, err, time.Since(start))
		}
		start = time.Now()
		_, err = OpenMailbox(Server{Host: "127.0.0.1", Port: port, Security: sec, User: "u", Password: "p"})
		if err == nil || !strings.Contains(err.Error(), "did not answer in time") || time.Since(start) > 5*time.Second {
			t.Errorf("silent IMAP server, %s: %v after %v", sec, err, time.Since(start))
		}
	}

	imapSrv, _ := startIMAP(t)
	imapSrv.Password = "wrong"
	if _, err := OpenMailbox(imapSrv); err == nil || !strings.Contains(err.Error(), "refused the user name or password") {
		t.Errorf("wrong IMAP password: %v", err)
	}
	imapSrv.Port = 1
	if _, err := OpenMailbox(imapSrv); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("IMAP port closed: %v", err)
	}
}

func TestReplyAskingToUnsubscribe(t *testing.T) {
	date := "Date: " + clock.Now().Format(time.RFC1123Z) + "\r\n"
	ourFooter := "> Blue Door Salon · 3 Mill Lane, Austin, TX 78702\r\n> Not wanted? Reply \"unsubscribe\", or write to shop@example.com.\r\n"
	cases := []struct {
		name  string
		reply string
		out   bool
	}{
		{"the List-Unsubscribe link", "Subject: unsubscribe\r\n\r\n", true},
		{"typed above the quote", "Subject: Re: Thank you, Client!\r\n\r\nPlease UNSUBSCRIBE me, thanks.\r\n\r\nOn Mon, 2 Nov 2026, Blue Door Salon wrote:\r\n" + ourFooter, true},
		{"a thank-you quoting our footer", "Subject: Re: Thank you, Client!\r\n\r\nThank you, see you soon!\r\n\r\nOn Mon, 2 Nov 2026, Blue Door Salon wrote:\r\n" + ourFooter, false},
		{"Outlook quoting without >", "Subject: RE: Thank you\r\n\r\nLovely, thanks\r\n\r\n-----Original Message-----\r\nFrom: Blue Door Salon <shop@example.com>\r\nNot wanted? Reply unsubscribe\r\n", false},
		{"HTML only", "Subject: Re: Thank you\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>Unsubscribe&nbsp;please</div><blockquote>...</blockquote>\r\n", true},
		{"quoted-printable text part", "Subject: Re: Thank you\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nNo more emails please =E2=80=94 unsub=\r\nscribe\r\n", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := cardtest.Book(t)
			imapSrv, _ := startIMAP(t)
			mails := queueBatch(t, s, 2)
			appendRaw(t, imapSrv, "From: Client A <ca@example.com>\r\nTo: shop@example.com\r\nMessage-ID: <r1@example.com>\r\nIn-Reply-To: "+mails[0].MessageID+"\r\n"+date+tc.reply)
			res, err := letters.CheckReplies(ctx, s, imapSrv)
			if err != nil || res.Logged != 1 || (res.Unsubscribed == 1) != tc.out {
				t.Fatalf("%+v, %v; want unsubscribed %v", res, err, tc.out)
			}
			c, _ := s.Client(ctx, mails[0].ClientID)
			if (c.EmailConsent == data.ConsentUnsubscribed) != tc.out {
				t.Errorf("email consent %q", c.EmailConsent)
			}
			// The client's queued thank-you is not sent after they asked
			// not to be emailed; the other client's still is.
			queued, _ := s.Outbox(ctx, data.MailQueued)
			if want := map[bool]int{true: 1, false: 2}[tc.out]; len(queued) != want {
				t.Errorf("%d still queued, want %d", len(queued), want)
			}
			if tc.out && !strings.Contains(res.String(), "1 client asked for no more email") {
				t.Errorf("said %q", res)
			}
			// Reading it did not mark it read.
			mb, _ := OpenMailbox(imapSrv)
			defer mb.Close()
			st, _ := mb.IMAPClient().Status("INBOX", &imap.StatusOptions{NumUnseen: true}).Wait()
			if *st.NumUnseen != 1 {
				t.Errorf("%d unseen, want 1", *st.NumUnseen)
			}
		})
	}
}

// TestComposeSaysWhatIsMissing: an email that cannot be made says why in
// the owner's words (no `From address ""`).
func TestComposeSaysWhatIsMissing(t *testing.T) {
	ok := Email{FromAddress: "shop@example.com", ToAddress: "zoe@example.com", Text: "Dear Zoë",
		Business: "Blue Door Salon", Postal: []string{"3 Mill Lane"}}
	cases := []struct {
		name string
		edit func(e *Email)
		want string
	}{
		{"no From", func(e *Email) { e.FromAddress = "" }, "no From address is set yet: fill in the email settings (Settings, Email)"},
		{"a bad From", func(e *Email) { e.FromAddress = "shop at example" }, `the From address "shop at example" is not an email address (Settings, Email)`},
		{"a bad To", func(e *Email) { e.ToAddress = "zoe" }, `recipient "zoe" is not an email address`},
	}
	for _, tc := range cases {
		e := ok
		tc.edit(&e)
		_, _, err := Compose(e)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
