package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"regulars/data"
)

// TestSettingGroups: each group read from a book is its defaults when
// nothing is set, the values stored when they are, and its defaults again
// for values that cannot be read.
func TestSettingGroups(t *testing.T) {
	checked := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		stored  map[string]string
		card    data.CardSettings
		mail    data.MailSettings
		cadence data.CadenceSettings
	}{
		{
			name:    "nothing set",
			card:    data.CardSettings{Offsets: map[string]string{}},
			cadence: data.CadenceSettings{Default: data.DefaultCadence, ThanksWithin: data.DefaultThanksWithin},
		},
		{
			name: "every value set",
			stored: map[string]string{
				data.SettingHandFont: "Kalam", data.SettingSignature: "/home/shop/signature.png", data.SettingPrinter: "Office",
				data.SettingPrintOffset("card", "a6"): "1.5,-2", data.SettingPrintOffset("envelope", "dl"): "-3,0",
				data.SettingFromName: "Blue Door Salon", data.SettingFromAddress: "shop@example.com",
				data.SettingSMTPHost: "smtp.example.com", data.SettingSMTPPort: "465", data.SettingSMTPSecurity: "tls", data.SettingSMTPUser: "shop@example.com",
				data.SettingIMAPHost: "imap.example.com", data.SettingIMAPPort: "993", data.SettingIMAPSecurity: "tls", data.SettingIMAPUser: "shop",
				data.SettingRepliesAuto: "1", data.SettingRepliesChecked: checked.Format(time.RFC3339),
				data.SettingCadenceIdeal: "30", data.SettingCadenceMax: "45", data.SettingThanksWithin: "7",
			},
			card: data.CardSettings{HandFont: "Kalam", Signature: "/home/shop/signature.png", Printer: "Office",
				Offsets: map[string]string{"print_offset_card_a6": "1.5,-2", "print_offset_envelope_dl": "-3,0"}},
			mail: data.MailSettings{FromName: "Blue Door Salon", FromAddress: "shop@example.com",
				SMTP:        data.MailServerSettings{Host: "smtp.example.com", Port: 465, Security: "tls", User: "shop@example.com"},
				IMAP:        data.MailServerSettings{Host: "imap.example.com", Port: 993, Security: "tls", User: "shop"},
				RepliesAuto: true, RepliesChecked: checked},
			cadence: data.CadenceSettings{Default: data.Cadence{Ideal: 30, Max: 45}, ThanksWithin: 7},
		},
		{
			name: "spaces around values",
			stored: map[string]string{data.SettingHandFont: " Caveat ", data.SettingSMTPHost: " smtp.example.com ", data.SettingSMTPPort: " 587 ",
				data.SettingThanksWithin: " 14 "},
			card:    data.CardSettings{HandFont: "Caveat", Offsets: map[string]string{}},
			mail:    data.MailSettings{SMTP: data.MailServerSettings{Host: "smtp.example.com", Port: 587}},
			cadence: data.CadenceSettings{Default: data.DefaultCadence, ThanksWithin: 14},
		},
		{
			name: "values that cannot be read",
			stored: map[string]string{data.SettingSMTPPort: "five", data.SettingIMAPPort: "70000", data.SettingRepliesAuto: "yes",
				data.SettingRepliesChecked: "last Tuesday", data.SettingCadenceIdeal: "0", data.SettingCadenceMax: "-5", data.SettingThanksWithin: "a week"},
			card:    data.CardSettings{Offsets: map[string]string{}},
			cadence: data.CadenceSettings{Default: data.DefaultCadence, ThanksWithin: data.DefaultThanksWithin},
		},
		{
			name:    "one day of the cadence set",
			stored:  map[string]string{data.SettingCadenceMax: "120"},
			card:    data.CardSettings{Offsets: map[string]string{}},
			cadence: data.CadenceSettings{Default: data.Cadence{Ideal: data.DefaultCadence.Ideal, Max: 120}, ThanksWithin: data.DefaultThanksWithin},
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
	if err := s.SetSetting(ctx, data.SettingRepliesChecked, checked.Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	want := data.MailSettings{FromName: "Blue Door Salon", FromAddress: "shop@example.com",
		SMTP: data.MailServerSettings{Host: "smtp.example.com", Port: 587, Security: "starttls", User: "shop@example.com"},
		IMAP: data.MailServerSettings{Host: "imap.example.com", User: "shop"}, RepliesAuto: true}
	if err := s.SetMailSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.RepliesChecked = checked
	if got, err := s.MailSettings(ctx); err != nil || got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	if v, _ := s.Setting(ctx, data.SettingIMAPPort); v != "" {
		t.Errorf("IMAP port not set is stored as %q, want \"\"", v)
	}
	for _, tc := range []struct {
		name  string
		field string
		edit  func(m *data.MailSettings)
	}{
		{"From not an address", data.SettingFromAddress, func(m *data.MailSettings) { m.FromAddress = "shop at example" }},
		{"host on two lines", data.SettingSMTPHost, func(m *data.MailSettings) { m.SMTP.Host = "smtp\nexample.com" }},
		{"port out of range", data.SettingIMAPPort, func(m *data.MailSettings) { m.IMAP.Port = 70000 }},
		{"unknown security", data.SettingSMTPSecurity, func(m *data.MailSettings) { m.SMTP.Security = "ssl" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := want
			m.FromName = "Someone Else"
			tc.edit(&m)
			var ve data.ValidationError
			if err := s.SetMailSettings(ctx, m); !errors.As(err, &ve) || len(ve) != 1 || ve[0].Field != tc.field {
				t.Fatalf("SetMailSettings = %v; want one error on %s", err, tc.field)
			}
			if got, _ := s.MailSettings(ctx); got != want {
				t.Errorf("after a refusal the book has %+v; want %+v", got, want)
			}
		})
	}
}
