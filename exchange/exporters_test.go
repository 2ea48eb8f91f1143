package exchange

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/store"
)

// describe writes every field of a client an import can fill on one line,
// so that a test can state the whole book.
func describe(c data.Client) string {
	last := ""
	if !c.LastVisitAt.IsZero() {
		last = c.LastVisitAt.Local().Format("2006-01-02")
	}
	out := fmt.Sprintf("%s | %s | %s | %s | %s | %s | %s | %s | %s | email %s | %d visits %s",
		c.FirstName, c.LastName, c.Company, c.Email, strings.Join(c.Phones(), ", "),
		strings.Join(c.Address.Lines(), " / "), c.Birthday, strings.ReplaceAll(c.Notes, "\n", " ⏎ "),
		strings.Join(c.Tags, ","), c.EmailConsent, c.VisitCount, last)
	// What issue 26 added, only when there is some.
	if c.NamePrefix != "" || c.NameSuffix != "" {
		out += fmt.Sprintf(" | name %q %q", c.NamePrefix, c.NameSuffix)
	}
	if len(c.OtherEmails) > 0 {
		out += " | also " + strings.Join(c.OtherEmails, ", ")
	}
	if c.SMSConsent != data.ConsentUnknown && c.SMSConsent != "" {
		out += " | texts " + string(c.SMSConsent)
	}
	if h := c.History; !h.IsZero() {
		day := func(t time.Time) string {
			if t.IsZero() {
				return "?"
			}
			return t.Local().Format("2006-01-02")
		}
		out += fmt.Sprintf(" | history %s: %d visits %s to %s, %s", h.Source, h.Visits, day(h.First), day(h.Last), data.FormatCents(h.SpentCents))
	}
	return out
}

func bookLines(t *testing.T, s *store.Store) []string {
	t.Helper()
	var out []string
	if err := s.EachClient(ctx, func(c data.Client) error {
		out = append(out, describe(c))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDumpExporters(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("testdata/exporters/*")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		s := book(t)
		r, err := Read(b, Options{})
		if err != nil {
			t.Logf("%s: %v", f, err)
			continue
		}
		rows, _ := Plan(ctx, s, r.People)
		s.ApplyImport(ctx, rows)
		t.Logf("== %s: %s, dates %s, unmapped %q", f, r.Format, r.DateOrder, r.Unmapped)

		for _, row := range rows {
			t.Logf("   line %d %s %s %q", row.Line, row.Action, row.MatchedBy, row.Warnings)
		}
		for _, l := range bookLines(t, s) {
			t.Logf("   %s", l)
		}
	}
}

// TestExporters imports a file in the layout of each program shops leave
// (fixtures written from the exporters' public column layouts), checks
// every field of every client in the book afterwards, and imports the file
// again: nobody is added and nothing changes.
func TestExporters(t *testing.T) {
	cases := []struct {
		file     string
		locale   string
		format   Format
		dates    string   // in the review's date order
		unmapped []string // columns listed as not imported
		warnings []string // in the rows' warnings
		possible []int    // lines planned as possible duplicates
		want     []string
	}{
		{file: "square.csv", format: FormatSquare, dates: `month/day: the file has "11-26" (line 2)`,
			unmapped: []string{"Nickname", "Creation Source", "Instant Profile"},
			possible: []int{5},
			want: []string{
				"Marisol | Ortiz |  | marisol@example.com | (555) 201-3344 | 12 Oak Avenue / Apt 4 / Austin, TX 78701 | --11-26 | Prefers Bea | Regulars | email subscribed | 14 visits 2026-11-02 | history Square: 14 visits 2024-03-02 to 2026-11-02, 1520.00",
				"Dmitri | Petrov |  | dmitri@example.com | 555.333.4444 |  |  |  |  | email unsubscribed | 3 visits 2025-06-20 | history Square: 3 visits 2025-01-15 to 2025-06-20, 210.00",
				"Linh | Tran |  | linh.tran@example.com | (555) 201-9999 |  | 1980-02-03 |  |  | email unknown | 0 visits ",
				"Mai | Tran |  |  | 555-201-9999 |  |  | Linh's daughter |  | email unknown | 0 visits ",
				"Bob |  | Bob's Barbers |  |  |  |  |  |  | email unknown | 0 visits ",
			}},
		{file: "fresha.csv", format: FormatFresha, dates: `day/month: the file has "25/12/1990" (line 2)`,
			unmapped: []string{"Client ID", "Blocked", "Gender", "Added", "Referral Source"},
			want: []string{
				"Olivia | Bennett |  | olivia@example.co.uk | +44 7700 900123, 020 7946 0000 | 14 Baker Street / Flat 2 / Marylebone / London, NW1 6XE | 1990-12-25 | Sensitive scalp |  | email subscribed | 0 visits  | texts unsubscribed",
				"Amelia | Hughes |  | amelia@example.co.uk | 07700 900456 |  | 1985-04-07 |  |  | email unsubscribed | 0 visits  | texts subscribed",
				"Emi | Nakamura |  | emi@example.jp | +44 7700 900789 |  |  | Prefers Saturday mornings |  | email subscribed | 0 visits  | texts subscribed",
			}},
		{file: "vagaro.csv", format: FormatVagaro, dates: `month/day: the file has "02/30" (line 3)`,
			unmapped: []string{"Gender"},
			warnings: []string{`line 3: birthday "02/30" ("Birthday") is not a date; left empty`},
			possible: []int{5},
			want: []string{
				"Emma | Johnson |  | emma.j@example.com | (512) 555-0101, (512) 555-0102 | 100 Congress Ave / Austin, TX 78701 | --07-04 |  | VIP | email subscribed | 2 visits 2026-11-02 | texts unsubscribed | history Vagaro: 2 visits 2023-01-15 to 2026-11-02, 0.00",
				"Noah | Williams |  | noah@example.com | 512-555-0199 |  |  |  |  | email unsubscribed | 1 visits 2024-03-01 | texts unsubscribed | history Vagaro: 1 visits 2024-03-01 to 2024-03-01, 0.00",
				"Sarah | Garcia |  | sarah.garcia@example.com | (512) 555-0150 |  | --12-24 |  |  | email subscribed | 2 visits 2026-10-28 | texts subscribed | history Vagaro: 2 visits 2022-06-10 to 2026-10-28, 0.00",
				"Lucia | Garcia |  |  | (512) 555-0150 |  |  |  |  | email subscribed | 2 visits 2026-10-28 | texts subscribed | history Vagaro: 2 visits 2022-06-10 to 2026-10-28, 0.00",
			}},
		{file: "phorest.csv", format: FormatPhorest, dates: "day/month, as Phorest writes dates",
			unmapped: []string{"Client ID", "Gender"},
			want: []string{
				"Aoife | Murphy |  | aoife@example.ie | +353 87 123 4567, 01 234 5678 | 5 Grafton Street / Dublin, D02 X285 / Ireland | 1988-04-03 | Loves balayage |  | email subscribed | 2 visits 2026-11-02 | texts unsubscribed | history Phorest: 2 visits 2020-01-12 to 2026-11-02, 0.00",
				"Ciarán | Ó Súilleabháin |  |  | 087 765 4321 |  |  |  |  | email unsubscribed | 1 visits 2021-02-01 | texts unsubscribed | history Phorest: 1 visits 2021-02-01 to 2021-02-01, 0.00",
			}},
		{file: "timely.csv", format: FormatTimely, dates: `day/month: the file has "14/02/1992" (line 2)`,
			want: []string{
				"Aroha | Ngata |  | aroha@example.co.nz | 021 123 4567, 09 376 5432 | 1 Queen Street / Level 2 / Ponsonby / Auckland, 1011 / New Zealand | 1992-02-14 | Likes it short |  | email subscribed | 0 visits ",
				"Tom | Smith |  | tom.smith@example.co.nz | 022 987 6543, 04 499 0000 |  | 1979-06-01 |  |  | email unsubscribed | 0 visits ",
			}},
		{file: "mindbody.csv", format: FormatMindbody, dates: `month/day: the file has "3/14/1987" (line 2)`,
			unmapped: []string{"ID", "Creation Date", "Status"},
			want: []string{
				"Giulia | Rossi |  | giulia@example.com | (415) 555-0133, (415) 555-0144 | 1 Market St / Suite 5 / San Francisco, CA 94105 / USA | 1987-03-14 |  |  | email unknown | 0 visits ",
				"Juan | de la Cruz |  | juan.delacruz@example.com | (415) 555-0177 ext. 12 |  |  |  |  | email unknown | 0 visits ",
			}},
		{file: "shopify.csv", format: FormatShopify,
			unmapped: []string{"Tax Exempt"},
			want: []string{
				"Chloé | Tremblay | Salon Lumière | chloe@example.ca | +15145550111, +15145550122 | 123 Rue Saint-Denis / Montréal, QC H2X 1K4 / CA |  | Prefers evenings | newsletter,VIP | email subscribed | 5 visits  | texts unsubscribed | history Shopify: 5 visits ? to ?, 250.00",
				"Liam | Wilson |  | liam@example.com |  |  |  |  |  | email unsubscribed | 0 visits ",
			}},
		{file: "mailchimp_subscribed.csv", format: FormatMailchimp, dates: `month/day: the file has "08/15" (line 2)`,
			unmapped: []string{"MEMBER_RATING", "OPTIN_TIME", "CONFIRM_IP", "CC", "REGION", "LAST_CHANGED", "LEID", "EUID"},
			want: []string{
				"Hana | Kim |  | hana@example.com | 206-555-0100 | 12 Pine Street / Seattle, WA 98101 / US | --08-15 |  | Newsletter,Regulars | email subscribed | 0 visits ",
			}},
		{file: "mailchimp_unsubscribed.csv", format: FormatMailchimp,
			unmapped: []string{"MEMBER_RATING", "OPTIN_TIME", "UNSUB_CAMPAIGN_TITLE", "UNSUB_CAMPAIGN_ID", "UNSUB_REASON", "LAST_CHANGED", "LEID", "EUID"},
			want: []string{
				"Leo | Martin |  | leo@example.com |  |  |  |  |  | email unsubscribed | 0 visits ",
			}},
		{file: "google.csv", format: FormatGoogle,
			want: []string{
				"Mary Anne | O'Brien |  | mary@example.ie | +353 86 111 2222, +353 86 333 4444, +353 1 555 0199 | 1 Main St / Cork, Co. Cork T12 AB34 / Ireland | --03-17 | Red hair; likes a fringe | Regulars | email unknown | 0 visits  | also mary.obrien@work.example",
				"Jan | van der Berg | Tulp Bloemen | jan@example.nl | +31 20 123 4567 |  | 1982-09-30 |  |  | email unknown | 0 visits ",
			}},
		// A UK Outlook on a computer set to US English: the file's 14/07
		// settles the order, and 0/0/00 is no birthday.
		{file: "outlook_cp1252.csv", locale: "en_US.UTF-8", format: FormatOutlook, dates: `day/month: the file has "14/07/1985" (line 3)`,
			unmapped: []string{"Job Title"},
			want: []string{
				"Hélène | Lefèvre |  | helene@example.fr | 01 42 68 53 00, 06 12 34 56 78 | 3 rue de la Paix / Paris, 75002 / France |  | Aime le thé | Regulars | email unknown | 0 visits  | name \"Mme\" \"\"",
				"Anna | Keller | Keller & Söhne | anna.keller@example.com | 0117 496 0000, 07700 900999 | 3 Mill Lane / Unit 5 / Bristol, BS1 4DJ / United Kingdom | 1985-07-14 | Home address: 7 Park Road, Bath, BA1 2AA, United Kingdom | Regulars,VIP | email unknown | 0 visits  | also anna@keller.example",
				"Jürgen | Müller |  | juergen@example.de |  |  | 1970-02-01 |  |  | email unknown | 0 visits ",
			}},
		// Apple: the year 1604 means none; Yui shares her mother's home
		// phone and Oliver the last nine digits of Emi's mobile: both are
		// added, as possible duplicates, and Emi keeps her own address,
		// birthday and notes.
		{file: "apple.vcf", format: FormatVCard, possible: []int{22, 30},
			want: []string{
				"Emi | Nakamura | Hanami Florist | emi@example.jp | +81 90-1234-5678, +81 3-1234-5678, +81 3-9876-5432 | 1-2-3 Shibuya / Tokyo, 150-0002 / Japan | --04-12 | Prefers morning appointments. ⏎ Allergic to lilies, roses are fine. | VIP | email unknown | 0 visits  | also emi@hanami.example",
				"Yui | Nakamura |  |  | +81 3-1234-5678 |  | 2005-08-30 | Emi's daughter |  | email unknown | 0 visits ",
				"Oliver | Brown |  | oliver@example.co.uk | +44 90 1234 5678 | 10 Downing Way / London, SW1A 2AA / United Kingdom | 1970-01-01 | Met at the trade fair |  | email unknown | 0 visits ",
			}},
		{file: "vcard21.vcf", format: FormatVCard,
			want: []string{
				"José | García |  | jose@example.es | +34 600 123 456, +34 91 123 45 67 | Calle Mayor 1 / 2º B / Madrid, 28013 / España |  | Primera línea ⏎ segunda línea, muy larga, que sigue en la siguiente línea |  | email unknown | 0 visits ",
				"Jürgen | Müller |  |  | +49 30 1234567 |  | 1975-03-09 |  |  | email unknown | 0 visits ",
				"Hélène | Lefèvre |  | helene@example.fr |  |  |  |  |  | email unknown | 0 visits ",
			}},
		{file: "sheet_english.csv", locale: "en_GB.UTF-8", format: FormatCSV, dates: "day/month, as this computer's locale (en_GB.UTF-8) writes dates",
			want: []string{
				"Emi | Nakamura |  | emi@example.jp | +44 7700 900789 |  | 1990-04-12 |  |  | email unknown | 0 visits ",
				"Juan | de la Cruz |  | juan@example.mx | +52 55 1234 5678, +52 55 8765 4321 |  | 1984-11-05 | Beard trim |  | email unknown | 0 visits ",
				"Mary Anne | O'Brien |  |  | +353 86 111 2222 |  |  |  |  | email unknown | 0 visits ",
				"Anna | Keller |  | anna.keller@example.com |  |  |  |  |  | email unknown | 0 visits ",
			}},
		{file: "sheet_spanish.csv", locale: "es_ES.UTF-8", format: FormatCSV, dates: "day/month, as this computer's locale (es_ES.UTF-8) writes dates",
			want: []string{
				"María | García López |  | maria@example.es | 91 123 45 67, 600 111 222 | Calle Mayor 1 / Madrid, 28013 / España | 1982-03-05 | Tinte cada seis semanas |  | email unknown | 0 visits ",
				"José | Pérez |  |  | 600 333 444 |  |  |  |  | email unknown | 0 visits ",
			}},
		{file: "sheet_french.csv", locale: "fr_FR.UTF-8", format: FormatCSV, dates: "day/month, as this computer's locale (fr_FR.UTF-8) writes dates",
			want: []string{
				"Élodie | Dubois |  | elodie@example.fr | 01 23 45 67 89, 06 98 76 54 32 | 12 rue des Lilas / Lyon, 69001 / France | 1995-01-02 | Cheveux bouclés |  | email unknown | 0 visits ",
			}},
		{file: "sheet_german.csv", locale: "en_US.UTF-8", format: FormatCSV,
			want: []string{
				"Jürgen | Müller |  | juergen@example.de | 030 1234567, 0151 23456789 | Hauptstraße 5 / Berlin, 10115 / Deutschland | 1975-03-09 | Stammkunde |  | email unknown | 0 visits ",
				"Anke | van der Berg |  |  | 0160 9876543 |  |  |  |  | email unknown | 0 visits ",
			}},
	}
	defer func(l func() string) { Locale = l }(Locale)
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			Locale = func() string { return tc.locale }
			b := fixture(t, filepath.Join("exporters", tc.file))
			r, err := Read(b, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tc.format {
				t.Errorf("recognised as %s, want %s", r.Format, tc.format)
			}
			if !strings.HasPrefix(r.DateOrder, tc.dates) || (tc.dates == "") != (r.DateOrder == "") {
				t.Errorf("dates read %q, want %q", r.DateOrder, tc.dates)
			}
			if strings.Join(r.Unmapped, "; ") != strings.Join(tc.unmapped, "; ") {
				t.Errorf("not imported: %q, want %q", r.Unmapped, tc.unmapped)
			}
			s := book(t)
			rows, err := Plan(ctx, s, r.People)
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			var possible []int
			for _, row := range rows {
				if row.Action == data.ImportError {
					t.Errorf("line %d: %s", row.Line, row.Reason)
				}
				for _, w := range row.Warnings {
					warnings = append(warnings, fmt.Sprintf("line %d: %s", row.Line, w))
				}
				if strings.HasPrefix(row.MatchedBy, "possible duplicate") {
					possible = append(possible, row.Line)
				}
			}
			if strings.Join(warnings, "\n") != strings.Join(tc.warnings, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(tc.warnings, "\n"))
			}
			if fmt.Sprint(possible) != fmt.Sprint(tc.possible) {
				t.Errorf("possible duplicates on lines %v, want %v", possible, tc.possible)
			}
			if _, _, _, err := s.ApplyImport(ctx, rows); err != nil {
				t.Fatal(err)
			}
			got := bookLines(t, s)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("the book:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			// Again: nobody added, nothing changed.
			again := importBytes(t, s, b, FormatAuto)
			for _, row := range again {
				if row.Action != data.ImportSkip {
					t.Errorf("second import, line %d: %s %s", row.Line, row.Action, row.MatchedBy)
				}
			}
			if after := bookLines(t, s); strings.Join(after, "\n") != strings.Join(got, "\n") {
				t.Errorf("the second import changed the book:\n%s", strings.Join(after, "\n"))
			}
		})
	}
}

// TestUnreadableText: a file whose text is neither UTF-8 nor
// Windows-1252 stops the import, naming the line.
func TestUnreadableText(t *testing.T) {
	for file, want := range map[string]string{
		"shift_jis.csv":   "line 3: the text cannot be read: it is neither UTF-8 nor Windows-1252",
		"broken_utf8.csv": "line 3 is not valid UTF-8 text",
	} {
		_, err := Read(fixture(t, filepath.Join("exporters", file)), Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", file, err, want)
		}
	}
	// In a vCard, one value that cannot be read loses only itself (issue
	// 26): the card and line are reported, the rest imported.
	vc := []byte("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=KLINGON:x\r\nTEL:555 123 4567\r\nEND:VCARD\r\n")
	r, err := Read(vc, Options{})
	if err != nil || len(r.People) != 1 || !strings.Contains(r.People[0].Problem+strings.Join(r.People[0].Warnings, " "), "line 3") ||
		!strings.Contains(strings.Join(r.People[0].Warnings, " "), "KLINGON") {
		t.Errorf("unknown charset: %v %+v", err, r)
	}
	vc = []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nN:M\xfcller;J\xfcrgen\r\nFN:J\xc3\xbcrgen\r\nEND:VCARD\r\n")
	r, err = Read(vc, Options{})
	if err != nil || len(r.People) != 1 || r.People[0].Client.LastName != "Müller" || r.People[0].Client.FirstName != "Jürgen" ||
		!strings.Contains(strings.Join(r.People[0].Warnings, " "), "card 1, line 3") {
		t.Errorf("bad UTF-8 in a vCard: %v %+v", err, r)
	}
}
