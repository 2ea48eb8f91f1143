package settings

import (
	"regulars/app/form"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/letters/mail"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestChooseEmailProvider: choosing Gmail fills the servers, ports and
// securities, the From name from the business and the user names from
// the address, and says an app password is needed and where to make it.
func TestChooseEmailProvider(t *testing.T) {
	scr, s, _ := newTestScreen(t)
	s.SetSetting(ctx, data.SettingBusinessName, "Blue Door Salon")
	scr.Reload()
	e := scr.Email
	test.Type(e.From, "bluedoor@gmail.com")
	widgettest.Choose(t, scr.u.win, e.Provider, "Gmail")
	if !strings.Contains(e.ProviderNote.Text, "https://myaccount.google.com/apppasswords") || e.ProviderNote.Hidden {
		t.Errorf("note %q", e.ProviderNote.Text)
	}
	test.Tap(widgettest.FindButton(t, e.Content, "Save"))
	want := map[string]string{
		data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "bluedoor@gmail.com",
		data.SettingSMTPHost: "smtp.gmail.com", data.SettingSMTPPort: "587", data.SettingSMTPSecurity: "starttls", data.SettingSMTPUser: "bluedoor@gmail.com",
		data.SettingIMAPHost: "imap.gmail.com", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "tls", data.SettingIMAPUser: "bluedoor@gmail.com",
	}
	for k, v := range want {
		if got, _ := s.Setting(ctx, k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}

	// Yahoo sends over SSL/TLS on 465; the note says where its app
	// password is made. Shown again, the saved service is chosen.
	widgettest.Choose(t, scr.u.win, e.Provider, "Yahoo Mail")
	if e.SMTPHost.Text != "smtp.mail.yahoo.com" || e.SMTPPort.Text != "465" || e.SMTPSec.Selected != mail.SecurityWords(mail.TLS) ||
		!strings.Contains(e.ProviderNote.Text, "Generate app password") {
		t.Errorf("Yahoo: %s:%s %s, note %q", e.SMTPHost.Text, e.SMTPPort.Text, e.SMTPSec.Selected, e.ProviderNote.Text)
	}
	test.Tap(widgettest.FindButton(t, e.Content, "Save"))
	scr.Reload()
	if e.Provider.Selected != "Yahoo Mail" {
		t.Errorf("shown again: service %q", e.Provider.Selected)
	}
}

// TestPortChoosesSecurity: the security follows the port typed (993 and
// 465 SSL/TLS, 587 and 143 STARTTLS) until the owner chooses one; an IMAP
// server saved without a security shows SSL/TLS beside 993, and so does
// an SMTP server saved with STARTTLS beside 465 (which cannot work).
func TestPortChoosesSecurity(t *testing.T) {
	scr, s, _ := newTestScreen(t)
	s.SetSetting(ctx, data.SettingIMAPHost, "imap.example.com")
	s.SetSetting(ctx, data.SettingIMAPPort, "993")
	s.SetSetting(ctx, data.SettingSMTPHost, "smtp.example.com")
	s.SetSetting(ctx, data.SettingSMTPPort, "465")
	s.SetSetting(ctx, data.SettingSMTPSecurity, "starttls")
	scr.Reload()
	e := scr.Email
	tlsWords, startWords := mail.SecurityWords(mail.TLS), mail.SecurityWords(mail.StartTLS)
	if e.IMAPSec.Selected != tlsWords || e.SMTPSec.Selected != tlsWords {
		t.Errorf("IMAP on 993 shows %q, SMTP on 465 %q", e.IMAPSec.Selected, e.SMTPSec.Selected)
	}
	retype := func(f *form.Field, text string) {
		f.SetText("")
		test.Type(f, text)
	}
	retype(e.IMAPPort, "143")
	if e.IMAPSec.Selected != startWords {
		t.Errorf("IMAP on 143 shows %q", e.IMAPSec.Selected)
	}
	retype(e.SMTPPort, "465")
	if e.SMTPSec.Selected != tlsWords {
		t.Errorf("SMTP on 465 shows %q", e.SMTPSec.Selected)
	}
	retype(e.SMTPPort, "587")
	if e.SMTPSec.Selected != startWords {
		t.Errorf("SMTP on 587 shows %q", e.SMTPSec.Selected)
	}
	// Chosen by the owner: the port no longer changes it.
	widgettest.Choose(t, scr.u.win, e.SMTPSec, tlsWords)
	retype(e.SMTPPort, "2525")
	retype(e.SMTPPort, "587")
	if e.SMTPSec.Selected != tlsWords {
		t.Errorf("a chosen security was changed to %q", e.SMTPSec.Selected)
	}
}
