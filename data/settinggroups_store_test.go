package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// TestSettingGroups: each group read from a book is its defaults when
// nothing is set, the values stored when they are, and its defaults again
// for values that cannot be read.
func TestSettingGroups(t *testing.T) {
	checked := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		stored  map[string]string
		card    CardSettings
		mail    MailSettings
		cadence CadenceSettings
	}{
		{
			name:    "nothing set",
			card:    CardSettings{Offsets: map[string]string{}},
			cadence: CadenceSettings{Default: DefaultCadence, ThanksWithin: DefaultThanksWithin},
		},
		{
			name: "every value set",
			stored: map[string]string{
				SettingHandFont: "Kalam", SettingSignature: "/home/shop/signature.png", SettingPrinter: "Office",
				SettingPrintOffset("card", "a6"): "1.5,-2", SettingPrintOffset("envelope", "dl"): "-3,0",
				SettingFromName: "Blue Door Salon", SettingFromAddress: "shop@example.com",
				SettingSMTPHost: "smtp.example.com", SettingSMTPPort: "465", SettingSMTPSecurity: "tls", SettingSMTPUser: "shop@example.com",
				SettingIMAPHost: "imap.example.com", SettingIMAPPort: "993", SettingIMAPSecurity: "tls", SettingIMAPUser: "shop",
				SettingRepliesAuto: "1", SettingRepliesChecked: checked.Format(time.RFC3339),
				SettingCadenceIdeal: "30", SettingCadenceMax: "45", SettingThanksWithin: "7",
			},
			card: CardSettings{HandFont: "Kalam", Signature: "/home/shop/signature.png", Printer: "Office",
				Offsets: map[string]string{"print_offset_card_a6": "1.5,-2", "print_offset_envelope_dl": "-3,0"}},
			mail: MailSettings{FromName: "Blue Door Salon", FromAddress: "shop@example.com",
				SMTP:        MailServerSettings{Host: "smtp.example.com", Port: 465, Security: "tls", User: "shop@example.com"},
				IMAP:        MailServerSettings{Host: "imap.example.com", Port: 993, Security: "tls", User: "shop"},
				RepliesAuto: true, RepliesChecked: checked},
			cadence: CadenceSettings{Default: Cadence{Ideal: 30, Max: 45}, ThanksWithin: 7},
		},
		{
			name: "spaces around values",
			stored: map[string]string{SettingHandFont: " Caveat ", SettingSMTPHost: " smtp.example.com ", SettingSMTPPort: " 587 ",
				SettingThanksWithin: " 14 "},
			card:    CardSettings{HandFont: "Caveat", Offsets: map[string]string{}},
			mail:    MailSettings{SMTP: MailServerSettings{Host: "smtp.example.com", Port: 587}},
			cadence: CadenceSettings{Default: DefaultCadence, ThanksWithin: 14},
		},
		{
			name: "values that cannot be read",
			stored: map[string]string{SettingSMTPPort: "five", SettingIMAPPort: "70000", SettingRepliesAuto: "yes",
				SettingRepliesChecked: "last Tuesday", SettingCadenceIdeal: "0", SettingCadenceMax: "-5", SettingThanksWithin: "a week"},
			card:    CardSettings{Offsets: map[string]string{}},
			cadence: CadenceSettings{Default: DefaultCadence, ThanksWithin: DefaultThanksWithin},
		},
		{
			name:    "one day of the cadence set",
			stored:  map[string]string{SettingCadenceMax: "120"},
			card:    CardSettings{Offsets: map[string]string{}},
			cadence: CadenceSettings{Default: Cadence{Ideal: DefaultCadence.Ideal, Max: 120}, ThanksWithin: DefaultThanksWithin},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := openTest(t)
			for k, v := range tc.stored {
				if err := s.SetSetting(ctx, k, v); err != nil {
					t.Fatalf("set %s: %v", k, err)
				}
			}
			card, err := s.CardSettings(ctx)
			if err != nil || !reflect.DeepEqual(card, tc.card) {
				t.Errorf("CardSettings = %+v, %v; want %+v", card, err, tc.card)
			}
			mail, err := s.MailSettings(ctx)
			if err != nil || !reflect.DeepEqual(mail, tc.mail) {
				t.Errorf("MailSettings = %+v, %v; want %+v", mail, err, tc.mail)
			}
			cadence, err := s.CadenceSettings(ctx)
			if err != nil || cadence != tc.cadence {
				t.Errorf("CadenceSettings = %+v, %v; want %+v", cadence, err, tc.cadence)
			}
		})
	}
}

// TestSetMailSettings: the group is stored together and read back as
// written, RepliesChecked is left as the replies run kept it, and wrong
// settings are refused with nothing stored.
func TestSetMailSettings(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	checked := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	if err := s.SetSetting(ctx, SettingRepliesChecked, checked.Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	want := MailSettings{FromName: "Blue Door Salon", FromAddress: "shop@example.com",
		SMTP: MailServerSettings{Host: "smtp.example.com", Port: 587, Security: "starttls", User: "shop@example.com"},
		IMAP: MailServerSettings{Host: "imap.example.com", User: "shop"}, RepliesAuto: true}
	if err := s.SetMailSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.RepliesChecked = checked
	if got, err := s.MailSettings(ctx); err != nil || got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	if v, _ := s.Setting(ctx, SettingIMAPPort); v != "" {
		t.Errorf("IMAP port not set is stored as %q, want \"\"", v)
	}
	for _, tc := range []struct {
		name  string
		field string
		edit  func(m *MailSettings)
	}{
		{"From not an address", SettingFromAddress, func(m *MailSettings) { m.FromAddress = "shop at example" }},
		{"host on two lines", SettingSMTPHost, func(m *MailSettings) { m.SMTP.Host = "smtp\nexample.com" }},
		{"port out of range", SettingIMAPPort, func(m *MailSettings) { m.IMAP.Port = 70000 }},
		{"unknown security", SettingSMTPSecurity, func(m *MailSettings) { m.SMTP.Security = "ssl" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := want
			m.FromName = "Someone Else"
			tc.edit(&m)
			var ve ValidationError
			if err := s.SetMailSettings(ctx, m); !errors.As(err, &ve) || len(ve) != 1 || ve[0].Field != tc.field {
				t.Fatalf("SetMailSettings = %v; want one error on %s", err, tc.field)
			}
			if got, _ := s.MailSettings(ctx); got != want {
				t.Errorf("after a refusal the book has %+v; want %+v", got, want)
			}
		})
	}
}
