// Package mailtest runs real SMTP and IMAP servers in the test process, on
// loopback, from the same family of libraries Regulars uses as a client
// (emersion/go-smtp's server and go-imap's imapmemserver).
package mailtest

import (
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-smtp"
)

// SMTP is an SMTP server that keeps what it receives.
type SMTP struct {
	Host string
	Port int
	// DropAfter > 0 drops the connection at the MAIL of the message after
	// that many; Refuse is a recipient refused with 550.
	DropAfter int
	Refuse    string

	mu    sync.Mutex
	got   [][]byte
	mails int
}

// StartSMTP starts a server for the length of the test.
func StartSMTP(t testing.TB) *SMTP {
	t.Helper()
	s := &SMTP{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, conn: c}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Host, s.Port = split(l.Addr())
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

func split(a net.Addr) (string, int) {
	host, port, _ := net.SplitHostPort(a.String())
	p, _ := strconv.Atoi(port)
	return host, p
}

// Received is every message the server took, in order.
func (s *SMTP) Received() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.got...)
}

type session struct {
	s    *SMTP
	conn *smtp.Conn
}

func (ss *session) Reset()        {}
func (ss *session) Logout() error { return nil }

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	ss.s.mails++
	if ss.s.DropAfter > 0 && ss.s.mails == ss.s.DropAfter+1 {
		ss.conn.Conn().Close()
		return errors.New("dropped")
	}
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == ss.s.Refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	ss.s.got = append(ss.s.got, b)
	ss.s.mu.Unlock()
	return nil
}

// IMAP is an IMAP server with one user, an INBOX and a Sent folder.
type IMAP struct {
	Host, User, Password string
	Port                 int
}

// StartIMAP starts a server for the length of the test.
func StartIMAP(t testing.TB) *IMAP {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("shop@example.com", "secret")
	user.Create("INBOX", nil)
	user.Create("Sent", &imap.CreateOptions{SpecialUse: []imap.MailboxAttr{imap.MailboxAttrSent}})
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}, imap.CapSpecialUse: {}},
		InsecureAuth: true,
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	host, port := split(l.Addr())
	return &IMAP{Host: host, Port: port, User: "shop@example.com", Password: "secret"}
}
