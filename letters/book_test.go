package letters

import (
	"context"
	"path/filepath"
	"testing"

	"regulars/data"
	"regulars/internal/mailtest"
	"regulars/letters/mail"
)

var ctx = context.Background()

// mailBook is a new book with the business's name, address and From
// address set, as the emails and cards need them.
func mailBook(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for k, v := range map[string]string{
		data.SettingBusinessName: "Blue Door Salon", data.SettingBusinessAddress: "3 Mill Lane\nAustin, TX 78702",
		data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "shop@example.com",
	} {
		s.SetSetting(ctx, k, v)
	}
	return s
}

// startSMTP runs a real SMTP server in the test (mailtest).
func startSMTP(t *testing.T) *mailtest.SMTP { return mailtest.StartSMTP(t) }

// smtpOf says how to reach a test SMTP server.
func smtpOf(s *mailtest.SMTP) mail.Server {
	return mail.Server{Host: s.Host, Port: s.Port, Security: mail.Plain}
}
