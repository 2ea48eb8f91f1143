package letters

import (
	"context"
	"testing"

	"regulars/internal/mailtest"
	"regulars/letters/mail"
)

var ctx = context.Background()

// startSMTP runs a real SMTP server in the test (mailtest).
func startSMTP(t *testing.T) *mailtest.SMTP { return mailtest.StartSMTP(t) }

// smtpOf says how to reach a test SMTP server.
func smtpOf(s *mailtest.SMTP) mail.Server {
	return mail.Server{Host: s.Host, Port: s.Port, Security: mail.Plain}
}
