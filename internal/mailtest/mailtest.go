// Package mailtest runs real SMTP and IMAP servers in the test process, on
// loopback, from the same family of libraries Regulars uses as a client
// (emersion/go-smtp's server and go-imap's imapmemserver).
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/zalando/go-keyring"
)

// SMTP is an SMTP server that keeps what it receives.
type SMTP struct {
	Host string
	Port int
	// DropAfter > 0 drops the connection at the MAIL of the message after
	// that many; Refuse is a recipient refused with 550.
	DropAfter int
	Refuse    string
	// User and Password, when set, must be given (AUTH PLAIN) before
	// sending; a wrong pair is refused with 535 as real servers do.
	User, Password string
	// Trust holds the server's own certificate, for a client to trust
	// (servers from StartSMTPTLS only).
	Trust *x509.CertPool
	// Mailbox, if set, receives in its INBOX (as a real server delivers
	// it) every accepted message that has its user among the recipients.
	Mailbox *IMAP
	// CutAtDot > 0 cuts the line after the whole of the CutAtDot-th
	// message (counted by DATA) is read, before the reply to its final
	// ".": with KeepCut the server has taken it (and delivers it), as a
	// server whose answer is lost; without, it drops it.
	CutAtDot int
	KeepCut  bool

	mu    sync.Mutex
	got   [][]byte
	mails int
	datas int
}

// StartSMTP starts a server for the length of the test.
func StartSMTP(t testing.TB) *SMTP { return startSMTP(t, false) }

// StartSMTPTLS starts a server speaking TLS from the first byte (implicit
// TLS, as on port 465) with a certificate of its own that no system
// trusts; Trust holds it.
func StartSMTPTLS(t testing.TB) *SMTP { return startSMTP(t, true) }

func startSMTP(t testing.TB, implicitTLS bool) *SMTP {
	t.Helper()
	s := &SMTP{}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, conn: c}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if implicitTLS {
		cfg, pool := selfSigned(t)
		s.Trust = pool
		l = tls.NewListener(l, cfg)
	}
	s.Host, s.Port = split(l.Addr())
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// selfSigned makes a certificate for 127.0.0.1 and localhost, and a pool
// that trusts it.
func selfSigned(t testing.TB) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
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
	s      *SMTP
	conn   *smtp.Conn
	authed bool
	rcpts  []string
}

// AuthMechanisms offers AUTH PLAIN.
func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

// Auth checks the user name and password against the server's.
func (ss *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.User || pass != ss.s.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Username and Password not accepted"}
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Reset()        { ss.rcpts = nil }
func (ss *session) Logout() error { return nil }

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.User != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
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
	ss.rcpts = append(ss.rcpts, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	ss.s.datas++
	cut := ss.s.CutAtDot > 0 && ss.s.datas == ss.s.CutAtDot
	keep := !cut || ss.s.KeepCut
	if keep {
		ss.s.got = append(ss.s.got, b)
	}
	ss.s.mu.Unlock()
	if keep && ss.s.Mailbox != nil {
		for _, to := range ss.rcpts {
			if to == ss.s.Mailbox.User {
				if err := ss.s.Mailbox.append("INBOX", b); err != nil {
					return err
				}
			}
		}
	}
	if cut {
		ss.conn.Conn().Close()
		return errors.New("cut")
	}
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

// Deliver puts a message into the INBOX, as a client's reply would
// arrive, through the server's own IMAP APPEND.
func (m *IMAP) Deliver(t testing.TB, raw string) {
	t.Helper()
	if err := m.append("INBOX", []byte(raw)); err != nil {
		t.Fatal(err)
	}
}

// append puts a message into a folder over IMAP.
func (m *IMAP) append(folder string, raw []byte) error {
	c, err := imapclient.DialInsecure(net.JoinHostPort(m.Host, strconv.Itoa(m.Port)), nil)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Login(m.User, m.Password).Wait(); err != nil {
		return err
	}
	cmd := c.Append(folder, int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	if _, err := cmd.Wait(); err != nil {
		return err
	}
	return c.Logout().Wait()
}

// Proxy passes TCP connections through to a server, and can cut them all
// at once, as a dropped network would.
type Proxy struct {
	Host string
	Port int

	mu    sync.Mutex
	conns []net.Conn
}

// StartProxy starts a proxy to addr for the length of the test.
func StartProxy(t testing.TB, addr string) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{}
	p.Host, p.Port = split(l.Addr())
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", addr)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() { io.Copy(in, out); in.Close() }()
		}
	}()
	t.Cleanup(func() { l.Close(); p.Cut() })
	return p
}

// Cut closes every connection open through the proxy; new ones still
// get through.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// NoKeyring makes go-keyring answer as on a machine without a keyring
// service (a server, CI), so that tests never read or write the keyring
// of the machine they run on.
func NoKeyring() {
	keyring.MockInitWithError(errors.New("no keyring service answers (tests)"))
}
