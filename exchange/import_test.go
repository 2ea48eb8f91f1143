package exchange

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/demo"
	"regulars/data/store"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// importBytes plans and applies an import of b into s.
func importBytes(t *testing.T, s *store.Store, b []byte, f Format) []data.ImportRow {
	t.Helper()
	people, _, _, err := ReadFile(b, f)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Plan(ctx, s, people)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.ApplyImport(ctx, rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func clientByName(t *testing.T, s *store.Store, q string) data.Client {
	t.Helper()
	res, err := s.Search(ctx, q, 5)
	if err != nil || len(res.Clients) != 1 {
		t.Fatalf("search %q: %+v %v", q, res.Clients, err)
	}
	c, _ := s.Client(ctx, res.Clients[0].ID)
	return c
}

func TestImportFormats(t *testing.T) {
	cases := []struct {
		file   string
		format Format
		check  func(t *testing.T, s *store.Store)
	}{
		{"google_old.csv", FormatGoogle, func(t *testing.T, s *store.Store) {
			c := clientByName(t, s, "jose nunez")
			// Every phone and email of the cell is kept: the others as
			// other phones and other emails (not glued into the notes).
			if c.Email != "jose@example.com" || c.Phone != "(555) 123-4567" || strings.Join(c.OtherPhones, ",") != "555-000-1111" ||
				c.Birthday.String() != "1985-07-14" || c.Address.City != "Austin" || strings.Join(c.Tags, ",") != "VIP" ||
				c.Notes != "Prefers mornings" || strings.Join(c.OtherEmails, ",") != "jose.work@example.com" {
				t.Errorf("%+v", c)
			}
			if o := clientByName(t, s, "siobhan"); o.Birthday.String() != "--03-17" || o.Company != "Blue Door Studio" {
				t.Errorf("%+v", o)
			}
		}},
		{"google_new.csv", FormatGoogle, func(t *testing.T, s *store.Store) {
			c := clientByName(t, s, "zoe martin")
			if c.Birthday.String() != "2000-02-29" || strings.Join(c.Tags, ",") != "wedding" || c.Address.PostalCode != "97201" {
				t.Errorf("%+v", c)
			}
		}},
		{"outlook_utf16.csv", FormatOutlook, func(t *testing.T, s *store.Store) {
			c := clientByName(t, s, "renee dubois")
			if c.Notes != "Allergic to ammonia; patch test" || strings.Join(c.Tags, ",") != "VIP,Wedding" {
				t.Errorf("%+v", c)
			}
			if a := clientByName(t, s, "keller"); a.Birthday.String() != "1985-07-14" || a.Address.PostalCode != "BS1 4DJ" {
				t.Errorf("%+v", a)
			}
		}},
		{"square.csv", FormatSquare, func(t *testing.T, s *store.Store) {
			m := clientByName(t, s, "marisol")
			// Square's totals are the client's history: counted, and no
			// visit rows invented for them.
			if m.EmailConsent != data.ConsentSubscribed || m.VisitCount != 14 || m.LastVisitAt.Local().Format("2006-01-02") != "2026-11-02" ||
				m.History.Source != "Square" || m.History.Visits != 14 || m.History.First.Local().Format("2006-01-02") != "2024-03-02" {
				t.Errorf("%+v", m)
			}
			vs, _ := s.Visits(ctx, m.ID, 0)
			if len(vs) != 0 {
				t.Errorf("visits invented for the history: %+v", vs)
			}
			if d := clientByName(t, s, "dmitri"); d.EmailConsent != data.ConsentUnsubscribed {
				t.Errorf("opt-out lost: %+v", d)
			}
		}},
		{"mapped_cp1252.csv", FormatAuto, func(t *testing.T, s *store.Store) {
			c := clientByName(t, s, "helene")
			if c.LastName != "Lefèvre" || c.Address.City != "Lyon" || c.Phone != "06 12 34 56 78" {
				t.Errorf("%+v", c)
			}
		}},
		{"contacts.vcf", FormatAuto, func(t *testing.T, s *store.Store) {
			c := clientByName(t, s, "thao")
			if c.LastName != "Nguyễn" || c.Email != "thao@example.com" || c.Birthday.String() != "--04-15" ||
				!strings.Contains(c.Notes, "long conversations about gardens") || strings.Join(c.Tags, ",") != "Newsletter,VIP" || c.Address.City != "Ho Chi Minh City" {
				t.Errorf("%+v", c)
			}
			a := clientByName(t, s, "анна")
			if a.Phone != "+7-495-555-0101" || a.Birthday.String() != "1990-03-12" || a.Company != "Café Lumière" {
				t.Errorf("%+v", a)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			s := book(t)
			b := fixture(t, tc.file)
			_, f, _, err := ReadFile(b, FormatAuto)
			if err != nil {
				t.Fatal(err)
			}
			if tc.format != FormatAuto && f != tc.format {
				t.Errorf("recognised as %s, want %s", f, tc.format)
			}
			importBytes(t, s, b, FormatAuto)
			tc.check(t, s)
			// The same file again adds nobody.
			n1, _ := s.ClientCount(ctx)
			rows := importBytes(t, s, b, FormatAuto)
			n2, _ := s.ClientCount(ctx)
			if n1 != n2 {
				t.Errorf("second import added %d", n2-n1)
			}
			for _, r := range rows {
				if r.Action == data.ImportNew {
					t.Errorf("line %d new again", r.Line)
				}
			}
		})
	}
}

// TestBadFilesLeaveTheBook: each bad file gives a clear message and the
// book file is exactly as before.
func TestBadFilesLeaveTheBook(t *testing.T) {
	huge := "First Name,Last Name,Notes\nAna,Silva,\"" + strings.Repeat("x", 5<<20) + "\"\n"
	cases := []struct {
		name string
		b    []byte
		msg  string
	}{
		{"empty", fixture(t, "empty.csv"), "empty"},
		{"binary", fixture(t, "binary.csv"), "not a text file"},
		{"no name", fixture(t, "noname.csv"), "no column looks like a name"},
		{"bad vcard", fixture(t, "bad.vcf"), "card 1"},
		{"header only", []byte("First Name,Last Name\n"), "no rows"},
		{"broken quotes", []byte("First Name,Notes\nAna,\"open quote\nBo,x\n"), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := book(t)
			c := data.Client{FirstName: "Keep", LastName: "Me"}
			s.AddClient(ctx, &c)
			s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			before := sum(t, s.Path())
			_, _, _, err := ReadFile(tc.b, FormatAuto)
			if tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)) {
				t.Errorf("error %v, want %q", err, tc.msg)
			}
			if sum(t, s.Path()) != before {
				t.Error("the book changed")
			}
		})
	}
	t.Run("5 MB note", func(t *testing.T) {
		people, _, warnings, err := ReadFile([]byte(huge), FormatAuto)
		if err != nil || len(people) != 1 || len(people[0].Client.Notes) != MaxFieldSize || len(warnings) != 1 || !strings.Contains(warnings[0], "was cut") {
			t.Errorf("%v %v", warnings, err)
		}
	})
	t.Run("a bad field is left out, the person imported", func(t *testing.T) {
		s := book(t)
		rows := importBytes(t, s, fixture(t, "bad_email.csv"), FormatAuto)
		if rows[1].Action != data.ImportNew || rows[1].Line != 3 || rows[1].Client.Email != "" ||
			len(rows[1].Warnings) != 1 || !strings.Contains(rows[1].Warnings[0], `email "not-an-email" ("Email") is not an email address`) {
			t.Errorf("%+v", rows[1])
		}
		if n, _ := s.ClientCount(ctx); n != 2 {
			t.Errorf("%d clients", n)
		}
	})
	t.Run("a row without a name is an error", func(t *testing.T) {
		s := book(t)
		rows := importBytes(t, s, []byte("First Name,Last Name,Email\nAna,Silva,ana@example.com\n,,nobody@example.com\n"), FormatAuto)
		if rows[1].Action != data.ImportError || rows[1].Line != 3 || !strings.Contains(rows[1].Reason, "name is required") {
			t.Errorf("%+v", rows[1])
		}
	})
}

func sum(t *testing.T, path string) [32]byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestImportUpdatesWithoutOverwriting(t *testing.T) {
	s := book(t)
	c := data.Client{FirstName: "José", LastName: "Núñez", Email: "JOSE@example.com", Phone: "555-123-4567", Notes: "Old note"}
	s.AddClient(ctx, &c)
	csv := "First Name,Last Name,Email,Phone,City,Notes,Labels\nJose,Nunez,jose@example.com,+1 555 999 0000,Austin,New note,VIP\n" +
		"José,Núñez,,,,,wedding\n" // the same name again, nothing else
	people, _, _, _ := ReadFile([]byte(csv), FormatAuto)
	rows, _ := Plan(ctx, s, people)
	if rows[0].Action != data.ImportUpdate || rows[0].MatchID != c.ID || rows[0].MatchedBy != "same email" {
		t.Fatalf("%+v", rows[0])
	}
	// The new phone is kept as another phone, the main one stays.
	if len(rows[0].Conflicts) != 0 || !strings.Contains(strings.Join(rows[0].Filled, ","), "phone") {
		t.Errorf("conflicts %+v, filled %v", rows[0].Conflicts, rows[0].Filled)
	}
	// The same name alone is only a possible duplicate: added, flagged.
	if rows[1].Action != data.ImportNew || rows[1].PossibleID != c.ID || !strings.Contains(rows[1].MatchedBy, "same name only") {
		t.Errorf("%+v", rows[1])
	}
	s.ApplyImport(ctx, rows)
	got, _ := s.Client(ctx, c.ID)
	if got.Phone != "555-123-4567" || strings.Join(got.OtherPhones, ",") != "+1 555 999 0000" || got.Address.City != "Austin" ||
		!strings.Contains(got.Notes, "Old note") || !strings.Contains(got.Notes, "New note") {
		t.Errorf("after update: %+v", got)
	}
	if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("%d clients", n)
	}
	backups, _ := s.Backups()
	if len(backups) == 0 || !strings.Contains(filepath.Base(backups[0].Path), "before-import") {
		t.Errorf("no backup before the import: %+v", backups)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	src := book(t)
	demo.Make(ctx, src, demo.Options{Clients: 200, Visits: 0, Seed: 9})
	for _, format := range []string{"csv", "vcard"} {
		var buf bytes.Buffer
		if format == "csv" {
			ExportClientsCSV(ctx, src, &buf)
		} else {
			ExportVCard(ctx, src, &buf)
		}
		dst := book(t)
		rows := importBytes(t, dst, buf.Bytes(), FormatAuto)
		sum := Summary(rows)
		n, _ := dst.ClientCount(ctx)
		if n+sum[data.ImportSkip] != 200 || sum[data.ImportError] != 0 {
			t.Errorf("%s: %d imported, %+v", format, n, sum)
		}
		// Every source client is found with the same fields (the demo has
		// namesakes, which the import rightly takes for one person).
		seen := map[string]int{}
		src.EachClient(ctx, func(c data.Client) error {
			seen[data.NameKey(c.FirstName, c.LastName)]++
			return nil
		})
		err := src.EachClient(ctx, func(c data.Client) error {
			if seen[data.NameKey(c.FirstName, c.LastName)] > 1 {
				return nil
			}
			m, _ := dst.NewMatcher(ctx)
			match, ok := m.Find(c)
			got := match.Client
			// Someone with only a name is found as a possible duplicate.
			if !ok || (match.Agreement != data.Same && !match.NameOnly) {
				t.Errorf("%s: %s lost", format, c.Name())
				return nil
			}
			same := got.Email == c.Email && got.Phone == c.Phone && got.Address == c.Address && got.Birthday == c.Birthday &&
				strings.Join(got.Tags, ",") == strings.Join(c.Tags, ",") && got.Notes == c.Notes && got.Company == c.Company
			if format == "csv" {
				// The CSV carries every field.
				same = same && got.PreferredChannel == c.PreferredChannel && got.EmailConsent == c.EmailConsent &&
					got.PostConsent == c.PostConsent && got.DoNotContact == c.DoNotContact
			}
			if !same {
				t.Errorf("%s: %s differs:\n%+v\n%+v", format, c.Name(), got, c)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	_ = time.Now
}

func FuzzReadTable(f *testing.F) {
	for _, name := range []string{"google_old.csv", "outlook_utf16.csv", "square.csv", "mapped_cp1252.csv", "ragged.csv"} {
		f.Add(fixture(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		people, _, _, err := ReadFile(b, FormatCSV)
		if err == nil && len(people) == 0 {
			t.Error("no people and no error")
		}
	})
}

func FuzzReadVCards(f *testing.F) {
	f.Add(fixture(f, "contacts.vcf"))
	f.Add(fixture(f, "bad.vcf"))
	f.Add(fixture(f, "exporters/apple.vcf"))
	f.Add(fixture(f, "exporters/vcard21.vcf"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadVCards(b)
	})
}

// TestImportIsOneTransaction: a row that fails while importing leaves the
// book as it was, rows before it included.
func TestImportIsOneTransaction(t *testing.T) {
	s := book(t)
	people, _, _, err := ReadFile(fixture(t, "google_old.csv"), FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := Plan(ctx, s, people)
	// A row the plan let through but the book refuses (no name at all).
	rows = append(rows, data.ImportRow{Line: 99, Action: data.ImportNew, Client: data.Client{Email: "x@example.com"}})
	if _, _, _, err := s.ApplyImport(ctx, rows); err == nil || !strings.Contains(err.Error(), "line 99") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("error %v", err)
	}
	if n, _ := s.ClientCount(ctx); n != 0 {
		t.Errorf("%d clients after a failed import", n)
	}
}
