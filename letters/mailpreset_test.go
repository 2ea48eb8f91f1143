package letters

import (
	"strings"
	"testing"

	"regulars/data"
)

// TestMailSettingsSecurityFollowsPort: a security not saved is the one
// the port stands for, so an IMAP server on 993 is reached over TLS.
func TestMailSettingsSecurityFollowsPort(t *testing.T) {
	for _, tc := range []struct {
		name               string
		settings           map[string]string
		wantSMTP, wantIMAP Security
	}{
		{"nothing saved", map[string]string{}, StartTLS, TLS},
		{"993 and 465", map[string]string{data.SettingSMTPPort: "465", data.SettingIMAPPort: "993"}, TLS, TLS},
		{"143 and 587", map[string]string{data.SettingSMTPPort: "587", data.SettingIMAPPort: "143"}, StartTLS, StartTLS},
		{"odd port", map[string]string{data.SettingSMTPPort: "2526", data.SettingIMAPPort: "1143"}, StartTLS, StartTLS},
		{"chosen wins", map[string]string{data.SettingSMTPPort: "2525", data.SettingSMTPSecurity: "tls", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "none"}, TLS, Plain},
		{"STARTTLS saved beside 993 and 465 (the old default)", map[string]string{data.SettingSMTPPort: "465", data.SettingSMTPSecurity: "starttls", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "starttls"}, TLS, TLS},
	} {
		t.Run(tc.name, func(t *testing.T) {
			get := func(k string) string {
				switch k {
				case data.SettingSMTPHost:
					return "smtp.example.com"
				case data.SettingIMAPHost:
					return "imap.example.com"
				case data.SettingFromAddress:
					return "shop@example.com"
				}
				return tc.settings[k]
			}
			smtpSrv, imapSrv, _, err := MailSettingsFrom(get, "pw", "pw")
			if err != nil {
				t.Fatal(err)
			}
			if smtpSrv.Security != tc.wantSMTP || imapSrv.Security != tc.wantIMAP {
				t.Errorf("SMTP %s, IMAP %s; want %s, %s", smtpSrv.Security, imapSrv.Security, tc.wantSMTP, tc.wantIMAP)
			}
		})
	}
}

// TestMailProviders: every service has both servers on a port whose usual
// security is the one given, a note, and an app password note naming where
// to make it when one is needed.
func TestMailProviders(t *testing.T) {
	want := map[string][2]string{
		"gmail": {"smtp.gmail.com:587", "imap.gmail.com:993"}, "outlook": {"smtp-mail.outlook.com:587", "outlook.office365.com:993"},
		"microsoft365": {"smtp.office365.com:587", "outlook.office365.com:993"}, "icloud": {"smtp.mail.me.com:587", "imap.mail.me.com:993"},
		"yahoo": {"smtp.mail.yahoo.com:465", "imap.mail.yahoo.com:993"}, "fastmail": {"smtp.fastmail.com:465", "imap.fastmail.com:993"},
	}
	if len(MailProviders) != len(want) {
		t.Errorf("%d providers", len(MailProviders))
	}
	for _, p := range MailProviders {
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
		if got, ok := MailProviderByKey(p.Name); !ok || got.Key != p.Key {
			t.Errorf("%s not found by its name", p.Key)
		}
	}
}
