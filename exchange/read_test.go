package exchange

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"regulars/data"
)

func TestSplitName(t *testing.T) {
	cases := []struct{ in, first, last string }{
		{"Nakamura, Emi", "Emi", "Nakamura"},
		{"Emi Nakamura", "Emi", "Nakamura"},
		{"de la Cruz, Juan", "Juan", "de la Cruz"},
		{"Juan de la Cruz", "Juan", "de la Cruz"},
		{"Jan van der Berg", "Jan", "van der Berg"},
		{"Ludwig von Trapp", "Ludwig", "von Trapp"},
		{"Mary Anne O'Brien", "Mary Anne", "O'Brien"},
		{"O'Brien, Mary Anne", "Mary Anne", "O'Brien"},
		{"Martin Luther King, Jr.", "Martin Luther", "King Jr."},
		{"Mrs Anna Keller", "Anna", "Keller"},
		{"Dr. Ana da Silva", "Ana", "da Silva"},
		{"Cher", "Cher", ""},
		{"  Emi   Nakamura ", "Emi", "Nakamura"},
		{"Nakamura,", "Nakamura", ""},
		{", Emi", "Emi", ""},
		{"", "", ""},
	}
	for _, tc := range cases {
		if f, l := SplitName(tc.in); f != tc.first || l != tc.last {
			t.Errorf("SplitName(%q) = %q, %q; want %q, %q", tc.in, f, l, tc.first, tc.last)
		}
	}
}

func FuzzSplitName(f *testing.F) {
	for _, s := range []string{"Nakamura, Emi", "Juan de la Cruz", "Martin Luther King, Jr.", "Mrs", ",", "a, b, c", "van", "de la"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, last := SplitName(s)
		// Nothing is invented and no letter of the name is lost but titles,
		// commas and spaces.
		words := strings.Fields(strings.ReplaceAll(first+" "+last, ",", " "))
		in := strings.ReplaceAll(s, ",", " ")
		for _, w := range words {
			if !strings.Contains(in, w) {
				t.Fatalf("SplitName(%q) = %q, %q: %q is not in the name", s, first, last, w)
			}
		}
		// Only commas and white space (as strings.Fields sees it: form
		// feeds too) are no name at all.
		blank := strings.TrimFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) == ""
		if !blank && first == "" && last == "" && !titles[strings.ToLower(strings.TrimSpace(s))] {
			t.Fatalf("SplitName(%q) lost the name", s)
		}
		if utf8.ValidString(s) && (!utf8.ValidString(first) || !utf8.ValidString(last)) {
			t.Fatalf("SplitName(%q) broke the text", s)
		}
	})
}

func TestReadDate(t *testing.T) {
	cases := []struct {
		in    string
		order DateOrder
		want  string // YYYY-MM-DD or --MM-DD; "" empty; "bad"
	}{
		{"1985-07-14", MonthFirst, "1985-07-14"},
		{"1985-07-14 10:00:00", MonthFirst, "1985-07-14"},
		{"1985-07-14T10:00:00Z", DayFirst, "1985-07-14"},
		{"19850714", MonthFirst, "1985-07-14"},
		{"--0714", MonthFirst, "--07-14"},
		{"--07-14", MonthFirst, "--07-14"},
		{"07/04/1985", MonthFirst, "1985-07-04"},
		{"07/04/1985", DayFirst, "1985-04-07"},
		{"14/07/1985", MonthFirst, "1985-07-14"}, // the only way it can be read
		{"07/04", MonthFirst, "--07-04"},         // Vagaro: no year
		{"07/04", DayFirst, "--04-07"},
		{"11-26", MonthFirst, "--11-26"}, // Square
		{"09.03.1975", MonthFirst, "1975-03-09"},
		{"1/2/85", MonthFirst, "1985-01-02"},
		{"1/2/05", MonthFirst, "2005-01-02"},
		{"3/14/1987 12:00 AM", MonthFirst, "1987-03-14"},
		{"14 Jul 1985", MonthFirst, "1985-07-14"},
		{"July 14, 1985", DayFirst, "1985-07-14"},
		{"14-Jul-85", MonthFirst, "1985-07-14"},
		{"March 3rd", MonthFirst, "--03-03"},
		{"0/0/00", MonthFirst, ""}, // Outlook's empty birthday
		{"00/00/0000", DayFirst, ""},
		{"", MonthFirst, ""},
		{"02/30", MonthFirst, "bad"},
		{"13/13/2000", MonthFirst, "bad"},
		{"yesterday", MonthFirst, "bad"},
		{"2000-02-30", MonthFirst, "bad"},
		{"29/02/2001", DayFirst, "bad"},
		{"29/02", DayFirst, "--02-29"},
	}
	for _, tc := range cases {
		d, ok := ReadDate(tc.in, tc.order, 2026)
		got := "bad"
		switch {
		case ok && d.Month == 0:
			got = ""
		case ok && d.Year == 0:
			got = data.Birthday{Month: d.Month, Day: d.Day}.String()
		case ok:
			got = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("ReadDate(%q, %s) = %q, want %q", tc.in, tc.order, got, tc.want)
		}
	}
}

func FuzzReadDate(f *testing.F) {
	for _, s := range []string{"1985-07-14", "07/04", "0/0/00", "14 Jul 1985", "--0229", "19850714", "1/2/85", "31.12.1999"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, dayFirst bool) {
		order := MonthFirst
		if dayFirst {
			order = DayFirst
		}
		d, ok := ReadDate(s, order, 2026)
		if !ok || d.Month == 0 {
			return
		}
		y := d.Year
		if y == 0 {
			y = 2000
		}
		if d.Month < 1 || d.Month > 12 || d.Day < 1 || time.Date(y, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day || d.Year < 0 || d.Year > 9999 {
			t.Fatalf("ReadDate(%q) = %+v: not a day", s, d)
		}
	})
}

func TestDecideOrder(t *testing.T) {
	cells := func(vs ...string) []dateCell {
		var out []dateCell
		for i, v := range vs {
			out = append(out, dateCell{v, i + 2})
		}
		return out
	}
	cases := []struct {
		cells  []dateCell
		f      Format
		locale string
		want   DateOrder
		why    string
	}{
		{cells("01/02/1990", "25/12/1990"), FormatCSV, "en_US", DayFirst, `day/month: the file has "25/12/1990" (line 3)`},
		{cells("01/02/1990", "12/25/1990"), FormatFresha, "en_GB", MonthFirst, `month/day: the file has "12/25/1990" (line 3)`},
		{cells("01/02/1990"), FormatFresha, "en_US", DayFirst, "day/month, as Fresha writes dates"},
		{cells("01/02/1990"), FormatVagaro, "en_GB", MonthFirst, "month/day, as Vagaro writes dates"},
		{cells("01/02/1990"), FormatCSV, "de_DE.UTF-8", DayFirst, "day/month, as this computer's locale (de_DE.UTF-8) writes dates"},
		{cells("01/02/1990"), FormatOutlook, "en_US.UTF-8", MonthFirst, "month/day, as this computer's locale (en_US.UTF-8) writes dates"},
		{cells("01/02/1990"), FormatCSV, "C", MonthFirst, "month/day (nothing in the file tells"},
		{cells("13/01/1990", "01/13/1990"), FormatPhorest, "", DayFirst, "day/month, as Phorest writes dates (the file mixes both"},
	}
	for _, tc := range cases {
		got, why := decideOrder(tc.cells, tc.f, tc.locale)
		if got != tc.want || !strings.HasPrefix(why, tc.why) {
			t.Errorf("%v %s %s: %s %q, want %s %q", tc.cells, tc.f, tc.locale, got, why, tc.want, tc.why)
		}
	}
}

func TestGuess(t *testing.T) {
	cases := []struct {
		header []string
		format Format
		want   []Field
	}{
		{[]string{"First Name", "Last Name", "Mobile Number", "Cell Phone", "Day Phone", "Telephone", "Home Phone", "Work Phone"}, FormatVagaro,
			[]Field{FFirst, FLast, FPhone, FPhone, FPhone, FPhone, FPhone, FPhone}},
		{[]string{"Name", "Accepts Marketing Notifications", "Email Promotions", "Email Subscription Status", "Accepts SMS Marketing"}, FormatVagaro,
			[]Field{FFull, FEmailConsent, FIgnore, FIgnore, FSMSConsent}},
		{[]string{"MobilePhone", "E_Mail", "Post-Code", "FirstName", "LastName"}, FormatCSV,
			[]Field{FPhone, FEmail, FPostal, FFirst, FLast}},
		{[]string{"Vorname", "Nachname", "Straße", "PLZ", "Ort", "Handy", "Geburtstag"}, FormatCSV,
			[]Field{FFirst, FLast, FStreet, FPostal, FCity, FPhone, FBirthday}},
		{[]string{"Prénom", "Nom", "Courriel", "Portable", "Date de naissance"}, FormatCSV,
			[]Field{FFirst, FLast, FEmail, FPhone, FBirthday}},
		{[]string{"Nombre", "Apellidos", "Correo electrónico", "Móvil", "Fecha de nacimiento"}, FormatCSV,
			[]Field{FFirst, FLast, FEmail, FPhone, FBirthday}},
		{[]string{"Email Address", "First Name", "Last Name", "MEMBER_RATING", "REGION", "UNSUB_TIME"}, FormatMailchimp,
			[]Field{FEmail, FFirst, FLast, FIgnore, FIgnore, FUnsubscribed}},
		// A plain sheet's columns with no field of their own go into the notes, named.
		{[]string{"", "Birthday", "Birthday", "Gender"}, FormatCSV, []Field{FIgnore, FBirthday, FNamedNote, FNamedNote}},
		{[]string{"Name", "Kunden-Nr", "Erstellt am", "Allergie"}, FormatCSV, []Field{FFull, FIgnore, FIgnore, FNamedNote}},
	}
	for _, tc := range cases {
		f, m := Guess(tc.header)
		if f != tc.format || strings.Join(fieldNames(m), ",") != strings.Join(fieldNames(tc.want), ",") {
			t.Errorf("Guess(%q) = %s %q, want %s %q", tc.header, f, m, tc.format, tc.want)
		}
	}
}

func fieldNames(m []Field) []string {
	var out []string
	for _, f := range m {
		out = append(out, string(f))
	}
	return out
}

func FuzzGuess(f *testing.F) {
	f.Add("First Name,Last Name,Mobile Number,E-mail 1 - Value")
	f.Add("Nombre;Apellidos;Móvil")
	f.Add("Email Address,MEMBER_RATING,REGION")
	f.Fuzz(func(t *testing.T, s string) {
		header := strings.Split(s, ",")
		format, m := Guess(header)
		if len(m) != len(header) || format == FormatAuto {
			t.Fatalf("Guess(%q) = %s, %d fields", header, format, len(m))
		}
		once := map[Field]bool{}
		for _, field := range m {
			if field != FIgnore && !manyColumns[field] {
				if once[field] {
					t.Fatalf("Guess(%q): %s mapped twice", header, field)
				}
				once[field] = true
			}
		}
	})
}

func TestParseMapping(t *testing.T) {
	header := []string{"Nom complet", "Tel, mobile", "x=y", "Notes"}
	_, guessed := Guess(header)
	m, err := ParseMapping(header, guessed, `"Tel, mobile"=phone, "x=y"=email,Notes=-,nom complet=full name`)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(fieldNames(m), ",") != "full name,phone,email," {
		t.Errorf("%q", m)
	}
	for spec, msg := range map[string]string{
		"Nobody=first":       `there is no column "Nobody"`,
		"Notes=shoe size":    `unknown field "shoe size"`,
		"Notes":              "write Column=field",
		`"Tel, mobile=phone`: "not closed",
		",,":                 "write Column=field",
	} {
		if _, err := ParseMapping(header, guessed, spec); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", spec, err, msg)
		}
	}
}

func FuzzParseMapping(f *testing.F) {
	f.Add(`"Tel, mobile"=phone,Notes=-`)
	f.Add("a=b=c,,=")
	f.Fuzz(func(t *testing.T, spec string) {
		header := []string{"Tel, mobile", "Notes", "Name"}
		_, guessed := Guess(header)
		m, err := ParseMapping(header, guessed, spec)
		if err == nil && len(m) != len(header) {
			t.Fatalf("%q: %d fields for %d columns", spec, len(m), len(header))
		}
	})
}

// TestEscapeCells: a cell a spreadsheet would run as a formula is written
// with a leading apostrophe, and Regulars' own import reads it back as it
// was.
func TestEscapeCells(t *testing.T) {
	for _, s := range []string{"=SUM(A1:A9)", "+1 555 123 4567", "-x", "@cmd", "\tTab", "\rCR", "'quoted", "''=", "plain", "", "'"} {
		e := EscapeCell(s)
		if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) && !strings.HasPrefix(e, "'") {
			t.Errorf("%q written %q", s, e)
		}
		if UnescapeCell(e) != s {
			t.Errorf("%q → %q → %q", s, e, UnescapeCell(e))
		}
	}
	s := book(t)
	c := data.Client{FirstName: "=HYPERLINK(\"http://x\")", LastName: "-Smith", Company: "@Corp", Email: "a@example.com",
		Phone: "+1 555 123 4567", OtherPhones: []string{"+44 20 7946 0000"}, Notes: "=1+1\n'quoted", Tags: []string{"+vip"},
		Address: data.Address{Street: "-1 Nowhere", City: "'s-Hertogenbosch"}, Birthday: data.Birthday{Month: 2, Day: 29}}
	if _, err := s.AddClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := ExportClientsCSV(ctx, s, &buf); err != nil {
		t.Fatal(err)
	}
	for _, cell := range []string{`"'=HYPERLINK(""http://x"")"`, "'-Smith", "'@Corp", "'+1 555 123 4567", "'+44 20 7946 0000", "'--02-29", "''s-Hertogenbosch"} {
		if !strings.Contains(buf.String(), cell) {
			t.Errorf("the export has no %s:\n%s", cell, buf.String())
		}
	}
	dst := book(t)
	importBytes(t, dst, buf.Bytes(), FormatAuto)
	got, err := dst.Client(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if describe(got) != describe(c) || strings.Join(got.OtherPhones, ",") != "+44 20 7946 0000" {
		t.Errorf("round trip:\n%s\n%s", describe(got), describe(c))
	}
}

// TestStrangerNotMerged is the case from the issue: a vCard person with
// another name, email and country whose phone ends in the same nine digits
// as a client's is added, marked as a possible duplicate, and the client's
// address, birthday and notes are left alone.
func TestStrangerNotMerged(t *testing.T) {
	s := book(t)
	emi := data.Client{FirstName: "Emi", LastName: "Nakamura", Email: "emi@example.jp", Phone: "+81 90-1234-5678",
		Address: data.Address{City: "Tokyo", Country: "Japan"}, Birthday: data.Birthday{Year: 1990, Month: 4, Day: 12}, Notes: "Likes lilies"}
	s.AddClient(ctx, &emi)
	before := describe(emi)
	vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brown;Oliver;;;\r\nEMAIL:oliver@example.co.uk\r\nTEL:+44 90 1234 5678\r\n" +
		"ADR:;;10 Downing Way;London;;SW1A 2AA;United Kingdom\r\nBDAY:1970-01-01\r\nNOTE:Met at the fair\r\nEND:VCARD\r\n"
	rows := importBytes(t, s, []byte(vcf), FormatAuto)
	if rows[0].Action != data.ImportNew || rows[0].PossibleID != emi.ID || !strings.Contains(rows[0].MatchedBy, "same phone, different names") {
		t.Errorf("%+v", rows[0])
	}
	got, _ := s.Client(ctx, emi.ID)
	if describe(got) != before {
		t.Errorf("Emi changed:\n%s\n%s", describe(got), before)
	}
	if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("%d clients", n)
	}
	// Chosen by hand in the review, the merge fills Emi's empty fields only.
	people, _, _, _ := ReadFile([]byte(vcf), FormatAuto)
	plan, _ := Plan(ctx, s, people)
	if plan[0].Action != data.ImportSkip {
		t.Errorf("again: %+v", plan[0])
	}
	row := MergePossible(data.ImportRow{Line: 1, Client: people[0].Client}, got)
	if row.Action != data.ImportUpdate || row.MatchID != emi.ID || len(row.Conflicts) == 0 || row.Client.Email != "emi@example.jp" {
		t.Errorf("merged by hand: %+v", row)
	}
}

// TestOtherPhonesExported: every phone of a client is in both exports and
// comes back, the main one first, from each.
func TestOtherPhonesExported(t *testing.T) {
	s := book(t)
	c := data.Client{FirstName: "Aoife", LastName: "Murphy", Phone: "+353 87 123 4567", OtherPhones: []string{"01 234 5678", "+44 20 7946 0000"}}
	if _, err := s.AddClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "vcard"} {
		var buf bytes.Buffer
		if format == "csv" {
			ExportClientsCSV(ctx, s, &buf)
		} else {
			ExportVCard(ctx, s, &buf)
			if strings.Count(buf.String(), "TEL") != 3 || !strings.Contains(buf.String(), "TEL;PREF=1:+353 87 123 4567") {
				t.Errorf("vCard:\n%s", buf.String())
			}
		}
		dst := book(t)
		importBytes(t, dst, buf.Bytes(), FormatAuto)
		got, err := dst.Client(ctx, 1)
		if err != nil || strings.Join(got.Phones(), "|") != strings.Join(c.Phones(), "|") {
			t.Errorf("%s: phones %q, want %q (%v)", format, got.Phones(), c.Phones(), err)
		}
	}
}
