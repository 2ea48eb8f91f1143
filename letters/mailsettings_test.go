package letters

import (
	"testing"

	"regulars/data"
	"regulars/letters/mail"
)

// TestMailSettingsSecurityFollowsPort: a security not saved is the one
// the port stands for, so an IMAP server on 993 is reached over TLS.
func TestMailSettingsSecurityFollowsPort(t *testing.T) {
	for _, tc := range []struct {
		name               string
		settings           map[string]string
		wantSMTP, wantIMAP mail.Security
	}{
		{"nothing saved", map[string]string{}, mail.StartTLS, mail.TLS},
		{"993 and 465", map[string]string{data.SettingSMTPPort: "465", data.SettingIMAPPort: "993"}, mail.TLS, mail.TLS},
		{"143 and 587", map[string]string{data.SettingSMTPPort: "587", data.SettingIMAPPort: "143"}, mail.StartTLS, mail.StartTLS},
		{"odd port", map[string]string{data.SettingSMTPPort: "2526", data.SettingIMAPPort: "1143"}, mail.StartTLS, mail.StartTLS},
		{"chosen wins", map[string]string{data.SettingSMTPPort: "2525", data.SettingSMTPSecurity: "tls", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "none"}, mail.TLS, mail.Plain},
		{"STARTTLS saved beside 993 and 465 (the old default)", map[string]string{data.SettingSMTPPort: "465", data.SettingSMTPSecurity: "starttls", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "starttls"}, mail.TLS, mail.TLS},
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
