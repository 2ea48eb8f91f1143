package data

import (
	"errors"
	"regulars/internal/clock"
	"strings"
	"testing"
)

func TestTextFields(t *testing.T) {
	cases := []struct {
		c     Client
		field string
		want  string
	}{
		{Client{FirstName: "Ana\x1b[2J"}, FieldFirst, "control character U+001B"},
		{Client{FirstName: "Ana\x00"}, FieldFirst, "control character U+0000"},
		{Client{FirstName: "Ana", Company: "Acme\r\nBcc: x@example.com"}, FieldCompany, "cannot contain line breaks"},
		{Client{FirstName: "Ana", Address: Address{City: "Par\nis"}}, FieldAddress, "line breaks"},
		{Client{FirstName: "Ana", Notes: "bell\a"}, FieldNotes, "control character U+0007"},
		{Client{FirstName: "Ana", Tags: []string{"vip\x1b"}}, FieldTags, "control character"},
		{Client{FirstName: "Ana", Company: "Acme\u202eBcc"}, FieldCompany, "control character U+202E"},
		{Client{FirstName: "Ana", Birthday: Birthday{Year: 1899, Month: 1, Day: 1}}, FieldBirthday, "not plausible"},
		{Client{FirstName: "Ana", Birthday: Birthday{Year: clock.Now().Year() + 1, Month: 1, Day: 1}}, FieldBirthday, "not plausible"},
	}
	for _, tc := range cases {
		err := tc.c.Validate()
		var ve ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.For(tc.field), tc.want) {
			t.Errorf("%+v: %v; want %s: %q", tc.c, err, tc.field, tc.want)
		}
	}
	// A direction override in a phone or name is stripped (issue 26), not
	// refused: it cannot reorder what is shown any more.
	rlo := Client{FirstName: "Ana\u202e", Phone: "555\u202e1234"}
	if err := rlo.Validate(); err != nil || rlo.Phone != "5551234" || rlo.FirstName != "Ana" {
		t.Errorf("direction override: %+v %v", rlo, err)
	}
	ok := Client{FirstName: "Ana", Address: Address{Street: "1 Main St\nFlat 2"}, Notes: "likes\ttea\nand cake"}
	if err := ok.Validate(); err != nil {
		t.Errorf("multi-line fields: %v", err)
	}
	if got := Printable("Ana\x1b[2J\x00\nBo"); got != "Ana\ufffd[2J\ufffd Bo" {
		t.Errorf("Printable = %q", got)
	}
}
