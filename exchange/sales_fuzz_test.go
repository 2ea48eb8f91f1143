package exchange

import (
	"bytes"
	"fmt"
	"math/rand"
	"path/filepath"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/store"
	"regulars/internal/clock"
)

// FuzzReadSales: whatever the bytes, reading them as a sales export
// neither panics nor yields two sales of one key, an amount below -1, or
// a sale without its date.
func FuzzReadSales(f *testing.F) {
	for _, name := range []string{"square_transactions.csv", "square_items.csv", "shopify_orders.csv", "kasse.csv"} {
		f.Add(fixture(f, filepath.Join("sales", name)))
	}
	f.Add([]byte("Date,Amount,Customer\n2026-01-01,(12.00),Ann\n2026-01-01,-,Ann\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ReadSales(b, "", "")
		if err != nil {
			return
		}
		keys := map[string]bool{}
		for _, s := range r.Sales {
			if keys[s.Key] || s.Key == "" {
				t.Fatalf("key %q twice or empty", s.Key)
			}
			keys[s.Key] = true
			if s.AmountCents < -1 {
				t.Fatalf("amount %d", s.AmountCents)
			}
			if s.At.IsZero() {
				t.Fatalf("a sale without a date: %+v", s)
			}
		}
	})
}

// TestNeverMergeAcrossBirthdayOrGivenName is a property: two people who
// differ in birthday or in given name are never one person to Compare,
// and a file listing both adds both, whatever else they share (phone,
// email, address, last name, name suffix).
func TestNeverMergeAcrossBirthdayOrGivenName(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	rng := rand.New(rand.NewSource(26))
	firsts := []string{"Ingrid", "Ann", "Anna", "Jon", "John", "Maria", "Mario", "Lee", "Li", "Sam", "Samuel", "Noor", "Nora"}
	lasts := []string{"Halvorsen", "Lee", "García", "O'Brien", "Tran"}
	suffixes := []string{"", "", "Jr", "Sr", "II"}
	person := func() data.Client {
		c := data.Client{FirstName: firsts[rng.Intn(len(firsts))], LastName: lasts[rng.Intn(len(lasts))],
			NameSuffix: suffixes[rng.Intn(len(suffixes))], Phone: "+47 912 34 567",
			Address: data.Address{Street: "Storgata 1", City: "Oslo"}}
		if rng.Intn(2) == 0 {
			c.Email = "family@example.no"
		}
		c.Birthday = data.Birthday{Year: 1950 + rng.Intn(70), Month: time.Month(1 + rng.Intn(12)), Day: 1 + rng.Intn(28)}
		return c
	}
	for i := 0; i < 3000; i++ {
		a, b := person(), person()
		b.Email, b.Address = a.Email, a.Address
		if rng.Intn(2) == 0 {
			b.FirstName, b.LastName = a.FirstName, a.LastName // same name: the birthday (or the suffix) differs
		}
		if a.Birthday == b.Birthday || data.NameKey(a.FirstName, "") == data.NameKey(b.FirstName, "") && a.Birthday.Month == b.Birthday.Month && a.Birthday.Day == b.Birthday.Day {
			continue
		}
		if l := data.Compare(a, b); l.Agreement == data.Same {
			t.Fatalf("%+v and %+v are one person to Compare: %s", a, b, l.Why)
		}
		if l := data.Compare(b, a); l.Agreement == data.Same {
			t.Fatalf("%+v and %+v are one person to Compare (the other way): %s", b, a, l.Why)
		}
	}
}

// TestFamilyKeptApart: Fresha's "Ingrid Halvorsen" and "Ingrid
// Halvorsen Jr" (born 1988 and 2012, one phone and address) stay two
// clients, the daughter's birthday and notes kept, and are offered as a
// possible household.
func TestFamilyKeptApart(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	s := book(t)
	rows := importContacts(t, s, "fresha_family.csv")
	var got []string
	if err := s.EachClient(ctx, func(c data.Client) error {
		got = append(got, fmt.Sprintf("%s %s %q %s %q", c.FirstName, c.LastName, c.NameSuffix, c.Birthday, c.Notes))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{`Ingrid Halvorsen "" 1988-05-14 "Colour 6N"`, `Ingrid Halvorsen "Jr" 2012-09-30 "Daughter of Ingrid"`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the book: %q, want %q", got, want)
	}
	if len(rows) != 2 || rows[1].Action != data.ImportNew || rows[1].PossibleLine != rows[0].Line {
		t.Errorf("the daughter's row: %+v", rows[len(rows)-1])
	}
	for _, r := range importContacts(t, s, "fresha_family.csv") {
		if r.Action != data.ImportSkip {
			t.Errorf("again, line %d: %s", r.Line, r.Action)
		}
	}
}

// BenchmarkImportSales100k reads, plans and imports a Square transactions
// export of 100,000 sales (20,000 customers, known by their Square IDs;
// 5,000 sales without a customer) into a book (target: 10 s).
func BenchmarkImportSales100k(b *testing.B) {
	var csv bytes.Buffer
	csv.WriteString("Date,Time,Time Zone,Gross Sales,Discounts,Net Sales,Tax,Tip,Total Collected,Transaction ID,Payment ID,Staff Name,Description,Event Type,Customer ID,Customer Name\n")
	for i := 0; i < 100_000; i++ {
		cust, name := fmt.Sprintf("SQ%06d", i%20_000), fmt.Sprintf("Name%d Family%d", i%20_000, i%20_000)
		if i%20 == 19 {
			cust, name = "", ""
		}
		fmt.Fprintf(&csv, "2025-%02d-%02d,%02d:%02d:00,Central Time (US & Canada),$%d.00,$0.00,$%d.00,$0.00,$0.00,$%d.00,T%07d,P%07d,Staff%d,Cut,Payment,%s,%s\n",
			i%12+1, i%28+1, 9+i%9, i%60, 20+i%80, 20+i%80, 20+i%80, i, i, i%6, cust, name)
	}
	rows := make([]data.ImportRow, 20_000)
	for i := range rows {
		rows[i] = data.ImportRow{Line: i + 2, Action: data.ImportNew,
			Client: data.Client{FirstName: fmt.Sprintf("Name%d", i), LastName: fmt.Sprintf("Family%d", i)},
			TillID: data.TillID{Source: "square", ID: fmt.Sprintf("SQ%06d", i)}}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(filepath.Join(b.TempDir(), "sales.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, _, _, err := s.ApplyImport(ctx, rows); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := ReadSales(csv.Bytes(), "", "")
		if err != nil {
			b.Fatal(err)
		}
		p, err := PlanSales(ctx, s, r)
		if err != nil {
			b.Fatal(err)
		}
		res, err := p.Apply(ctx, s)
		if err != nil || res.Added != 95_000 || p.WithoutCustomer != 5_000 {
			b.Fatalf("%+v, %d without a customer, %v", res, p.WithoutCustomer, err)
		}
		s.Close()
	}
}
