package exchange

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
)

// TestReadWhole: what real exporters' files hold is read whole (issue 26):
// each case imports a fixture, checks every field that was lost before,
// and imports it again: nobody added, nothing changed.
func TestReadWhole(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	cases := []struct {
		name  string
		file  string // in testdata/sales, or inline
		csv   string
		check func(t *testing.T, s *store.Store)
	}{
		{name: "German Excel", file: "excel_german.csv", check: func(t *testing.T, s *store.Store) {
			j := find(t, s, "jürgen")
			// Newsletter, Letzter Besuch, Besuche, Umsatz and Bemerkung
			// read; the column with no field of its own noted, named.
			if j.EmailConsent != data.ConsentSubscribed || j.History.Visits != 12 || j.History.SpentCents != 123450 ||
				j.History.Last.Local().Format("2006-01-02") != "2026-11-02" || j.VisitCount != 12 ||
				j.Notes != "Stammkunde, möchte Termine am Morgen\nAllergie: PPD!" {
				t.Errorf("Jürgen: %+v", j)
			}
			a := find(t, s, "anke")
			if a.EmailConsent != data.ConsentUnsubscribed || a.History.Visits != 3 || a.History.SpentCents != 18000 || a.Notes != "" {
				t.Errorf("Anke: %+v", a)
			}
		}},
		{name: "HubSpot", file: "hubspot.csv", check: func(t *testing.T, s *store.Store) {
			m := find(t, s, "maya")
			if m.EmailConsent != data.ConsentUnsubscribed || m.Address.Region != "MA" || m.Address.PostalCode != "02108" {
				t.Errorf("Maya (unsubscribed from all email, State/Region): %+v", m)
			}
			if l := find(t, s, "leo"); l.EmailConsent != data.ConsentUnknown || l.Address.Region != "Massachusetts" {
				t.Errorf("Leo (not unsubscribed): %+v", l)
			}
		}},
		{name: "Shopify ZIP and SMS", csv: "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Address1,Default Address City,Default Address Province Code,Default Address Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders\n" +
			"'7101,Ruth,Adams,ruth@example.com,yes,9 Elm St,Boston,MA,'02134,'+16175550100,yes,80.00,2\n",
			check: func(t *testing.T, s *store.Store) {
				r := find(t, s, "ruth")
				if r.Address.PostalCode != "02134" || r.Phone != "+16175550100" || r.SMSConsent != data.ConsentSubscribed ||
					r.Notes != "" || r.History.Visits != 2 || r.History.SpentCents != 8000 {
					t.Errorf("Ruth: %+v", r)
				}
				ids, err := s.TillClients(ctx, "shopify")
				if err != nil || ids["7101"] != r.ID {
					t.Errorf("Shopify's customer ID not kept: %v %v", ids, err)
				}
			}},
		{name: "invisible characters", csv: "First Name,Last Name,Email,Phone\n" +
			"Ann\u200fX,Lee\u061c,\ufeffann@example.com,555\u00ad 0101\n" +
			"\u0645\u0647\u200c\u0633\u0627,\u0631\u0636\u0627\u06cc\u06cc,mahsa@example.ir,\n" +
			"Zo\u00ad\u00eb,Kim\u202e,zoe@example.com,\u200b555 0199\n",
			check: func(t *testing.T, s *store.Store) {
				a := find(t, s, "annx")
				if a.FirstName != "AnnX" || a.LastName != "Lee" || a.Email != "ann@example.com" || a.Phone != "555 0101" {
					t.Errorf("Ann: %q %q %q %q", a.FirstName, a.LastName, a.Email, a.Phone)
				}
				res, err := s.Search(ctx, "AnnX", 5)
				if err != nil || len(res.Clients) != 1 {
					t.Errorf("a search for AnnX: %+v %v", res.Clients, err)
				}
				// The zero-width non-joiner of a Persian name stays.
				m := find(t, s, "\u0645\u0647")
				if m.FirstName != "\u0645\u0647\u200c\u0633\u0627" {
					t.Errorf("Mahsa: %q", m.FirstName)
				}
				if z := find(t, s, "zoë"); z.FirstName != "Zoë" || z.LastName != "Kim" || z.Phone != "555 0199" {
					t.Errorf("Zoë: %q %q %q", z.FirstName, z.LastName, z.Phone)
				}
			}},
		{name: "a person twice in one file", csv: "Reference ID,First Name,Surname,Email Address,Phone Number,Square Customer ID,First Visit,Last Visit,Transaction Count,Total Spend,Email Subscription Status\n" +
			",Marisol,Ortiz,marisol@example.com,(555) 201-3344,W8GQ,2024-03-02,2026-11-02,14,$1520.00,Subscribed\n" +
			",Marisol,Ortiz, Marisol@Example.COM ,555-201-3344,W8GQ,2024-03-02,2026-11-02,14,$1520.00,Subscribed\n",
			check: func(t *testing.T, s *store.Store) {
				m := find(t, s, "marisol")
				if m.VisitCount != 14 || m.History.SpentCents != 152000 {
					t.Errorf("counted twice: %d visits, %d cents", m.VisitCount, m.History.SpentCents)
				}
				if vs, _ := s.Visits(ctx, m.ID, 0); len(vs) != 0 {
					t.Errorf("visit rows invented: %d", len(vs))
				}
			}},
		{name: "prefix, suffix and a second email", csv: "Title,First Name,Last Name,Suffix,E-mail Address,E-mail 2 Address\n" +
			"Dr.,Ann,Lee,PhD,ann@example.com,ann.lee@uni.example\nMr,Bo,Berg Jr,,bo@example.com,\n",
			check: func(t *testing.T, s *store.Store) {
				a := find(t, s, "ann")
				if a.NamePrefix != "Dr." || a.NameSuffix != "PhD" || strings.Join(a.OtherEmails, ",") != "ann.lee@uni.example" || a.Notes != "" {
					t.Errorf("Ann: %+v", a)
				}
				if b := find(t, s, "bo"); b.NamePrefix != "Mr" || b.LastName != "Berg" || b.NameSuffix != "Jr" {
					t.Errorf("Bo: %+v", b)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := []byte(tc.csv)
			if tc.file != "" {
				b = fixture(t, filepath.Join("sales", tc.file))
			}
			s := book(t)
			importBytes(t, s, b, FormatAuto)
			tc.check(t, s)
			before := bookLines(t, s)
			for _, r := range importBytes(t, s, b, FormatAuto) {
				if r.Action != data.ImportSkip {
					t.Errorf("again, line %d: %s %v", r.Line, r.Action, r.Filled)
				}
			}
			if after := bookLines(t, s); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Errorf("the second import changed the book:\n%s", strings.Join(after, "\n"))
			}
		})
	}
}
