package mail

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Security is how a connection to a mail server is protected.
type Security string

// The ways to connect.
const (
	StartTLS Security = "starttls"
	TLS      Security = "tls"
	Plain    Security = "none" // only for a server on this machine
)

// Server is a mail server and the account on it.
type Server struct {
	Host     string
	Port     int
	Security Security
	User     string
	Password string
	// TLS, if set, replaces the system's TLS settings (tests trust their
	// own certificate with it).
	TLS *tls.Config
}

// Addr is host:port.
func (s Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// check refuses settings that would send passwords in clear over a network.
func (s Server) check() error {
	if s.Host == "" || s.Port <= 0 || s.Port > 65535 {
		return fmt.Errorf("the server and port are not set (Settings)")
	}
	switch s.Security {
	case StartTLS, TLS:
	case Plain:
		if !isLocal(s.Host) {
			return fmt.Errorf("an unencrypted connection is only allowed to a server on this computer, not %s; choose STARTTLS or SSL/TLS", s.Host)
		}
	default:
		return fmt.Errorf("unknown security %q (starttls, tls or none)", s.Security)
	}
	return nil
}

func isLocal(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s Server) tlsConfig() *tls.Config {
	if s.TLS != nil {
		c := s.TLS.Clone()
		if c.ServerName == "" {
			c.ServerName = s.Host
		}
		return c
	}
	return &tls.Config{ServerName: s.Host}
}

// Plainly says what went wrong with a mail server in words an owner can
// act on, keeping the server's own text.
func Plainly(err error) string {
	if err == nil {
		return ""
	}
	var se *smtp.SMTPError
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	msg := err.Error()
	switch {
	case errors.As(err, &se) && (se.Code == 535 || se.Code == 534):
		return "the server refused the user name or password: " + se.Message
	case errors.As(err, &se) && (se.Code == 530 || se.Code == 502 && strings.Contains(strings.ToLower(se.Message), "authenticate")):
		return "the server wants a user name and password (Settings): " + se.Message
	case errors.As(err, &se):
		return fmt.Sprintf("the server said: %d %s", se.Code, se.Message)
	case errors.As(err, &dnsErr):
		return "the server's name was not found: " + dnsErr.Name + " (check the spelling, and that this computer is online)"
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr):
		return "the server's certificate is not trusted: " + msg
	case strings.Contains(msg, "connection refused"):
		return "nothing answers on that port (connection refused): check the port and the security setting"
	case strings.Contains(msg, "first record does not look like a TLS handshake"):
		return "the server does not speak TLS on that port: choose STARTTLS (usually port 587 for SMTP, 143 for IMAP) or SSL/TLS with its own port (465, 993)"
	case errors.As(err, &opErr) && opErr.Timeout(), errors.Is(err, os.ErrDeadlineExceeded), strings.Contains(msg, "i/o timeout"):
		return "the server did not answer in time: check the host, the port, the security setting (SSL/TLS on 465 and 993, STARTTLS on 587 and 143) and the network"
	case strings.Contains(strings.ToLower(msg), "authentication failed"), strings.Contains(msg, "AUTHENTICATIONFAILED"), strings.Contains(strings.ToLower(msg), "invalid credentials"):
		return "the server refused the user name or password: " + msg
	}
	return msg
}

// Waits on a mail server: connecting, greeting and logging in must be
// quick (an owner is looking at a "Test" button, and a wrong port or
// security setting otherwise hangs for minutes); a command may take
// longer, and the server's acceptance of a whole message longest.
var (
	dialWait    = 20 * time.Second
	commandWait = 2 * time.Minute
	messageWait = 5 * time.Minute
)

// dial opens the TCP (and, for implicit TLS, TLS) connection, every wait
// on it capped at dialWait until the caller lifts the cap.
func dial(s Server) (*capped, net.Conn, error) {
	d := net.Dialer{Timeout: dialWait}
	tcp, err := d.Dial("tcp", s.Addr())
	if err != nil {
		return nil, nil, err
	}
	raw := newCapped(tcp, dialWait)
	if s.Security != TLS {
		return raw, raw, nil
	}
	tc := tls.Client(raw, s.tlsConfig())
	if err := tc.Handshake(); err != nil {
		raw.Close()
		return nil, nil, err
	}
	return raw, tc, nil
}

// dialSMTP connects and logs in.
func dialSMTP(s Server) (*smtp.Client, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	raw, conn, err := dial(s)
	if err != nil {
		return nil, err
	}
	var c *smtp.Client
	if s.Security == StartTLS {
		if c, err = smtp.NewClientStartTLS(conn, s.tlsConfig()); err != nil {
			raw.Close()
			return nil, err
		}
	} else {
		c = smtp.NewClient(conn)
		if err := c.Hello("localhost"); err != nil {
			c.Close()
			return nil, err
		}
	}
	if s.User != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.User, s.Password)); err != nil {
			c.Close()
			return nil, err
		}
	}
	// Logged in: from now on go-smtp's own deadlines, shortened.
	raw.lift()
	c.CommandTimeout, c.SubmissionTimeout = commandWait, messageWait
	return c, nil
}

// capped is a connection whose deadlines go no further than until while
// the cap holds, so that the greeting and login cannot wait the minutes
// the libraries allow (go-smtp and go-imap set their own deadlines on the
// connection they are given, and the STARTTLS connections they make wrap
// this one).
type capped struct {
	net.Conn
	mu    sync.Mutex
	until time.Time // zero: no cap
}

func newCapped(c net.Conn, d time.Duration) *capped {
	cc := &capped{Conn: c, until: time.Now().Add(d)}
	c.SetDeadline(cc.until)
	return cc
}

func (c *capped) limit(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.until.IsZero() && (t.IsZero() || t.After(c.until)) {
		return c.until
	}
	return t
}

// lift ends the cap: the libraries' own deadlines apply again.
func (c *capped) lift() {
	c.mu.Lock()
	c.until = time.Time{}
	c.mu.Unlock()
	c.Conn.SetDeadline(time.Time{})
}

// SetDeadline sets the deadline, no later than the cap.
func (c *capped) SetDeadline(t time.Time) error { return c.Conn.SetDeadline(c.limit(t)) }

// SetReadDeadline sets the read deadline, no later than the cap.
func (c *capped) SetReadDeadline(t time.Time) error { return c.Conn.SetReadDeadline(c.limit(t)) }

// SetWriteDeadline sets the write deadline, no later than the cap.
func (c *capped) SetWriteDeadline(t time.Time) error { return c.Conn.SetWriteDeadline(c.limit(t)) }

// TestSMTP connects, logs in and says goodbye: the "Send test email"
// check without sending anything, or sends one message to the sender.
func TestSMTP(s Server, from string, send bool) error {
	c, err := dialSMTP(s)
	if err != nil {
		return errors.New(Plainly(err))
	}
	defer c.Close()
	if send {
		raw, _, err := Compose(Email{FromName: "Regulars", FromAddress: from, ToAddress: from, Subject: "Regulars test email",
			Text: "This is a test from Regulars: your email settings work.", Business: "Regulars", Postal: []string{"—"}})
		if err != nil {
			return err
		}
		if err := c.SendMail(from, []string{from}, bytes.NewReader(raw)); err != nil {
			return errors.New(Plainly(err))
		}
	}
	return c.Quit()
}

// dialIMAP connects and logs in; go-imap's own deadlines (30 s for an
// answer) apply to the commands that follow.
func dialIMAP(s Server) (*imapclient.Client, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	raw, conn, err := dial(s)
	if err != nil {
		return nil, err
	}
	opts := &imapclient.Options{TLSConfig: s.tlsConfig()}
	var c *imapclient.Client
	if s.Security == StartTLS {
		if c, err = imapclient.NewStartTLS(conn, opts); err != nil {
			raw.Close()
			return nil, err
		}
	} else {
		c = imapclient.New(conn, opts)
	}
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, err
	}
	if err := c.Login(s.User, s.Password).Wait(); err != nil {
		c.Close()
		return nil, err
	}
	raw.lift()
	return c, nil
}
