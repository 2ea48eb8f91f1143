package mail

import (
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// What the tests of package mail_test (which import package letters, and
// so cannot be inside package mail) reach of the package's inside.

// IMAPClient is the mailbox's connection, for tests that look at the
// server's folders themselves.
func (m *Mailbox) IMAPClient() *imapclient.Client { return m.c }

// SetDialWait shortens the wait for a server to answer, until the
// returned function puts it back.
func SetDialWait(d time.Duration) (restore func()) {
	old := dialWait
	dialWait = d
	return func() { dialWait = old }
}
