package data

import "testing"

// TestCardSettingsPrintOffset: a paper's offset is found by its kind and
// name, and a paper with none has "".
func TestCardSettingsPrintOffset(t *testing.T) {
	c := CardSettingsFrom(map[string]string{SettingPrintOffset("card", "a6"): "2,1", SettingPrinter: "Office"})
	if got := c.PrintOffset("card", "a6"); got != "2,1" {
		t.Errorf("card a6: %q", got)
	}
	if got := c.PrintOffset("envelope", "a6"); got != "" {
		t.Errorf("envelope a6: %q, want none", got)
	}
}

// TestCadenceSettingsCheck: the cadence group keeps the rules of its
// writers.
func TestCadenceSettingsCheck(t *testing.T) {
	for _, tc := range []struct {
		c    CadenceSettings
		okay bool
	}{
		{CadenceSettings{Default: DefaultCadence, ThanksWithin: DefaultThanksWithin}, true},
		{CadenceSettings{Default: Cadence{Ideal: 90, Max: 60}, ThanksWithin: 7}, false},
		{CadenceSettings{Default: DefaultCadence, ThanksWithin: 400}, false},
	} {
		if err := tc.c.Check(); (err == nil) != tc.okay {
			t.Errorf("%+v: Check = %v", tc.c, err)
		}
	}
}

// TestMailSettingsValues: the values a mail group is stored as read back
// as the same group, and a port not set is stored as nothing.
func TestMailSettingsValues(t *testing.T) {
	m := MailSettings{FromName: "Blue Door Salon", FromAddress: "shop@example.com",
		SMTP: MailServerSettings{Host: "smtp.example.com", Port: 465, Security: "tls", User: "shop@example.com"},
		IMAP: MailServerSettings{Host: "imap.example.com", User: "shop"}, RepliesAuto: true}
	values := m.Values()
	if got := MailSettingsFrom(func(k string) string { return values[k] }); got != m {
		t.Errorf("read back %+v, want %+v", got, m)
	}
	if v, ok := values[SettingIMAPPort]; !ok || v != "" {
		t.Errorf("IMAP port not set: %q, %v; want \"\"", v, ok)
	}
	if _, ok := values[SettingRepliesChecked]; ok {
		t.Error("RepliesChecked is among the values the group stores")
	}
}
