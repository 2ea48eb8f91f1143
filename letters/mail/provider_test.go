package mail

import (
	"strings"
	"testing"
)

// TestProviders: every service has both servers on a port whose usual
// security is the one given, a note, and an app password note naming where
// to make it when one is needed.
func TestProviders(t *testing.T) {
	want := map[string][2]string{
		"gmail": {"smtp.gmail.com:587", "imap.gmail.com:993"}, "outlook": {"smtp-mail.outlook.com:587", "outlook.office365.com:993"},
		"microsoft365": {"smtp.office365.com:587", "outlook.office365.com:993"}, "icloud": {"smtp.mail.me.com:587", "imap.mail.me.com:993"},
		"yahoo": {"smtp.mail.yahoo.com:465", "imap.mail.yahoo.com:993"}, "fastmail": {"smtp.fastmail.com:465", "imap.fastmail.com:993"},
	}
	if len(Providers) != len(want) {
		t.Errorf("%d providers", len(Providers))
	}
	for _, p := range Providers {
		s, i := Server{Host: p.SMTP.Host, Port: p.SMTP.Port}, Server{Host: p.IMAP.Host, Port: p.IMAP.Port}
		if w := want[p.Key]; s.Addr() != w[0] || i.Addr() != w[1] {
			t.Errorf("%s: %s, %s; want %v", p.Key, s.Addr(), i.Addr(), w)
		}
		for _, sp := range []ServerPlace{p.SMTP, p.IMAP} {
			if sec, _ := SecurityForPort(sp.Port); sec != sp.Security {
				t.Errorf("%s: %s on %d", p.Key, sp.Security, sp.Port)
			}
		}
		if p.AppPassword && !strings.Contains(p.Note, "app") || p.Note == "" {
			t.Errorf("%s: note %q", p.Key, p.Note)
		}
		if got, ok := ProviderByKey(p.Name); !ok || got.Key != p.Key {
			t.Errorf("%s not found by its name", p.Key)
		}
	}
}
