package app

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/internal/booktest"
	"regulars/internal/mailtest"
)

// TestSendTestThenDiscard: sending a test email tries the values typed
// without saving them, so Discard on leaving leaves the book as it was.
func TestSendTestThenDiscard(t *testing.T) {
	smtpSrv := mailtest.StartSMTP(t)
	imapSrv := mailtest.StartIMAP(t)
	u, s := newTestUI(t)
	booktest.MailBook(t, s, smtpSrv, imapSrv)
	keys := []string{data.SettingFromName, data.SettingFromAddress, data.SettingSMTPHost, data.SettingSMTPPort, data.SettingSMTPSecurity,
		data.SettingSMTPUser, data.SettingIMAPHost, data.SettingIMAPPort, data.SettingIMAPSecurity, data.SettingIMAPUser}
	book := func() map[string]string {
		m := map[string]string{}
		for _, k := range keys {
			m[k], _ = s.Setting(ctx, k)
		}
		return m
	}
	before := book()
	u.tabs.Select(u.settingstab)
	e := u.settings.Email
	e.From.SetText("")
	test.Type(e.From, "owner@example.com")
	e.FromName.SetText("")
	test.Type(e.FromName, "Blue Door")
	test.Tap(widgettest.FindButton(t, e.Content, "Send test email"))
	widgettest.WaitClosed(t, e.Tested)
	got := smtpSrv.Received()
	if !strings.Contains(e.Status.Text, "A test email went to owner@example.com") || len(got) != 1 || !strings.Contains(string(got[0]), "owner@example.com") {
		t.Fatalf("the test did not use the typed address: %q, %d messages", e.Status.Text, len(got))
	}
	if !strings.Contains(e.Status.Text, "not saved yet: press Save") {
		t.Errorf("the status does not say the settings are not saved: %q", e.Status.Text)
	}
	u.tabs.Select(u.todaytab)
	if u.forms.Unsaved == nil {
		t.Fatal("leaving with the tested edits did not ask")
	}
	test.Tap(u.forms.Unsaved.Discard)
	after := book()
	for _, k := range keys {
		if after[k] != before[k] {
			t.Errorf("after Discard %s = %q, was %q", k, after[k], before[k])
		}
	}
	u.tabs.Select(u.settingstab)
	if e.From.Text != "shop@example.com" || e.SMTPPort.Text != strconv.Itoa(smtpSrv.Port) {
		t.Errorf("shown after Discard: %q port %q", e.From.Text, e.SMTPPort.Text)
	}
}
