package data

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	cases := []struct {
		name  string
		c     Client
		field string // "" when valid
		msg   string
	}{
		{"first name only", Client{FirstName: "Ana"}, "", ""},
		{"company only", Client{Company: "Acme"}, "", ""},
		{"no name", Client{Email: "a@example.com"}, FieldFirst, "name is required"},
		{"blank name", Client{FirstName: "  ", LastName: "\t"}, FieldFirst, "name is required"},
		{"good email", Client{FirstName: "A", Email: "ana.lopez+shop@mail.example.com"}, "", ""},
		{"email without at", Client{FirstName: "A", Email: "ana.example.com"}, FieldEmail, "not an email address"},
		{"email with name", Client{FirstName: "A", Email: "Ana <ana@example.com>"}, FieldEmail, "not an email address"},
		{"email without domain dot", Client{FirstName: "A", Email: "ana@localhost"}, FieldEmail, "full domain"},
		{"email with space", Client{FirstName: "A", Email: "ana lopez@example.com"}, FieldEmail, "not an email address"},
		{"phone formats", Client{FirstName: "A", Phone: "+1 (555) 123-4567 ext. 12"}, "", ""},
		{"phone with letters", Client{FirstName: "A", Phone: "555-CALL-NOW"}, FieldPhone, "not allowed"},
		{"phone too short", Client{FirstName: "A", Phone: "12"}, FieldPhone, "too few digits"},
		{"phone too long", Client{FirstName: "A", Phone: "1234567890123456"}, FieldPhone, "more than 15"},
		{"birthday 31 April", Client{FirstName: "A", Birthday: Birthday{Year: 1990, Month: 4, Day: 31}}, FieldBirthday, "no day 31"},
		{"29 Feb no year", Client{FirstName: "A", Birthday: Birthday{Month: 2, Day: 29}}, "", ""},
		{"29 Feb 2001", Client{FirstName: "A", Birthday: Birthday{Year: 2001, Month: 2, Day: 29}}, FieldBirthday, "no day 29"},
		{"cadence max below ideal", Client{FirstName: "A", Cadence: Cadence{Ideal: 60, Max: 30}}, FieldCadence, "cannot be fewer"},
		{"tag with comma", Client{FirstName: "A", Tags: []string{"a,b"}}, FieldTags, "comma"},
		{"name with newline", Client{FirstName: "A\nB"}, FieldFirst, "line breaks"},
		{"bad channel", Client{FirstName: "A", PreferredChannel: "fax"}, FieldChannel, "post or email"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ve ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a ValidationError", err)
			}
			if msg := ve.For(tc.field); !strings.Contains(msg, tc.msg) {
				t.Errorf("field %s: %q, want it to say %q (all: %v)", tc.field, msg, tc.msg, err)
			}
		})
	}
}

func TestParseBirthday(t *testing.T) {
	cases := []struct {
		in   string
		want Birthday
		err  bool
	}{
		{"1985-07-14", Birthday{1985, 7, 14}, false},
		{"--02-29", Birthday{0, 2, 29}, false},
		{"12-25", Birthday{0, 12, 25}, false},
		{"", Birthday{}, false},
		{"1985-13-01", Birthday{}, true},
		{"14/07/14/1985", Birthday{}, true}, // short dates are ReadBirthday's (see TestReadBirthday)
		{"2001-02-29", Birthday{}, true},
	}
	for _, tc := range cases {
		got, err := ParseBirthday(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseBirthday(%q) = %v, %v", tc.in, got, err)
		}
		if err == nil && got.String() != strings.TrimPrefix(tc.in, "") && tc.in != "12-25" && got.String() != tc.in {
			t.Errorf("String() = %q, want %q", got.String(), tc.in)
		}
	}
}

func TestParseAmount(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		err  bool
	}{
		{"", -1, false}, {"12", 1200, false}, {"12.5", 1250, false}, {"12,50", 1250, false},
		{"$1,234.50", 123450, false}, {"€ 7", 700, false}, {"0", 0, false},
		{"-3", 0, true}, {"abc", 0, true}, {"1.234", 0, true}, {"$", 0, true}, {"1e400", 0, true},
	}
	for _, tc := range cases {
		got, err := ParseAmount(tc.in)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("ParseAmount(%q) = %d, %v", tc.in, got, err)
		}
	}
}

func TestFoldAndNameKey(t *testing.T) {
	cases := map[string]string{"José Núñez": "jose nunez", "Søren": "soren", "Łukasz": "lukasz", "Nguyễn": "nguyen", "ÆSIR": "aesir", "Straße": "strasse"}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if k := NameKey("  Mary-Jane ", "O'Brien"); k != "maryjane obrien" {
		t.Errorf("NameKey = %q", k)
	}
}
