package data

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzzers below feed the readers of typed and imported text with
// arbitrary input; `make test` runs each for a few seconds. Each checks
// that the reader does not panic and that what it accepts keeps its
// promise.

func FuzzCheckPhone(f *testing.F) {
	for _, s := range []string{"", "555-1234", "+1 (555) 123-4567 x12", "ȺȺȺȺȺȺȺȺx1", "12345 EXT. 9", "İx12345", "x", "ext"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		msg := CheckPhone(s)
		d := PhoneDigits(s)
		if msg == "" && s != "" && (len(d) < 5 || len(d) > 15) {
			t.Errorf("CheckPhone(%q) accepts %d digits", s, len(d))
		}
	})
}

func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"", "ana@example.com", "a@b", "\"a b\"@example.com", "ana@example..com", "<a@b.c>", "ana@exa\nmple.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckEmail(s) == "" && s != "" && (strings.ContainsAny(s, "\r\n") || !strings.Contains(s, "@")) {
			t.Errorf("CheckEmail accepts %q", s)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"", "12", "12.5", "12,50", "$1,234.50", "-3", "1e400", "NaN", "€ 7", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseAmount(s)
		if err == nil && (c < -1 || c > 1_000_000_000) {
			t.Errorf("ParseAmount(%q) = %d", s, c)
		}
	})
}

func FuzzParseBirthday(f *testing.F) {
	for _, s := range []string{"", "1990-04-12", "--02-29", "02-29", "1899-01-01", "2030-01-01", "2026-02-30", "--13-01", "9999-99-99",
		"March 14", "14 March", "3/14/1990", "14.03.", "14th of Sept, 85", "14-03-1990"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, order := range []DayOrder{DayFirst, MonthFirst} {
			b, err := ReadBirthday(s, order)
			if err != nil {
				if err.Error() == "" {
					t.Errorf("ReadBirthday(%q) refused without a word", s)
				}
				continue
			}
			if b.IsZero() {
				if strings.TrimSpace(s) != "" {
					t.Errorf("ReadBirthday(%q) is empty without an error", s)
				}
				continue
			}
			if err := b.validate(); err != nil {
				t.Errorf("ReadBirthday(%q) = %v, which does not validate: %v", s, b, err)
			}
			again, err := ParseBirthday(b.String())
			if err != nil || again != b {
				t.Errorf("ReadBirthday(%q) = %v; read back: %v, %v", s, b, again, err)
			}
		}
	})
}

func FuzzReadDate(f *testing.F) {
	for _, s := range []string{"2026-11-27", "today", "tomorrow", "yesterday", "fri", "Friday", "+3d", "+1w", "+2m", "-1y", "27/11", "11/27", "29/2", "30/2", "27.11.26", "2026-02-30", "+99999999999d", "+d", "/"} {
		f.Add(s, false)
	}
	asOf := time.Date(2026, 11, 23, 15, 4, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, monthFirst bool) {
		order := DayFirst
		if monthFirst {
			order = MonthFirst
		}
		d, err := ReadDate(s, asOf, order)
		if err != nil {
			if !utf8.ValidString(err.Error()) && utf8.ValidString(s) {
				t.Errorf("ReadDate(%q): message is not text", s)
			}
			return
		}
		if d.Hour() != 0 || d.Minute() != 0 || d.Location() != asOf.Location() {
			t.Errorf("ReadDate(%q) = %v, not a day in the location of asOf", s, d)
		}
		CheckPastDate("visit", d, asOf)
		CheckFutureDate("snooze", d, asOf)
	})
}

func FuzzTemplate(f *testing.F) {
	for _, s := range []string{"Dear {{.FirstName}},", "{{slice .FirstName 0 3}}", "{{if .Visits}}x{{end}}", "{{.Frist}}", "{{range 5}}x{{end}}", "{{template \"x\"}}", "{{printf \"%0999999d\" 1}}", "{{", "{{upper .LastName | lower}}"} {
		f.Add(s, "Bo")
	}
	f.Fuzz(func(t *testing.T, body, first string) {
		tpl := Template{Name: "Fuzz", Body: body, Subject: body}
		if tpl.Check() == nil {
			// What the save check passed must merge for the sample client.
			if _, err := tpl.Merge(SampleMergeFields("")); err != nil {
				t.Errorf("Check passes %q but the sample merge fails: %v", body, err)
			}
		}
		fields := SampleMergeFields("Shop")
		fields.FirstName = first
		m, err := tpl.Merge(fields)
		if err == nil && len(m.Body) > maxMergedLen {
			t.Errorf("merged text of %d bytes", len(m.Body))
		}
		var te *TemplateError
		if err != nil && !errors.As(err, &te) {
			t.Errorf("Merge(%q) fails with %T %v, not a TemplateError", body, err, err)
		}
	})
}
