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

// salesDay is the day the sales tests run on: after every sale of the
// fixtures, whatever day the suite runs.
var salesDay = time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local)

// importSales reads, plans and applies a sales fixture and returns the
// report line.
func importSales(t *testing.T, s *store.Store, name string) (string, *SalesPlan, data.SalesResult) {
	t.Helper()
	r, err := ReadSales(fixture(t, filepath.Join("sales", name)), "", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanSales(ctx, s, r)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Apply(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return p.Report(res), p, res
}

// importContacts imports a contacts fixture of testdata/sales.
func importContacts(t *testing.T, s *store.Store, name string) []data.ImportRow {
	t.Helper()
	r, err := Read(fixture(t, filepath.Join("sales", name)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Plan(ctx, s, r.People)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.ApplyImport(ctx, rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

func find(t *testing.T, s *store.Store, q string) data.Client {
	t.Helper()
	var out []data.Client
	if err := s.EachClient(ctx, func(c data.Client) error {
		if strings.Contains(strings.ToLower(c.Name()), strings.ToLower(q)) {
			out = append(out, c)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 {
		t.Fatalf("%q: %d clients", q, len(out))
	}
	return out[0]
}

// TestSquareContactsThenTransactions: a Square contacts export followed
// by its transactions export gives each client the visits, spend and
// first visit Square shows (the sales the totals hold are not counted
// twice, the later ones add), their cards say so, the timeline shows the
// history as one entry, and the same file again, or an overlapping one,
// adds no visit twice.
func TestSquareContactsThenTransactions(t *testing.T) {
	defer clock.Set(salesDay)()
	s := book(t)
	importContacts(t, s, "square_customers.csv")
	m := find(t, s, "marisol")
	if m.VisitCount != 14 || m.History.SpentCents != 152000 || m.History.Source != "Square" {
		t.Fatalf("after the contacts: %+v", m)
	}
	if vs, _ := s.Visits(ctx, m.ID, 0); len(vs) != 0 {
		t.Fatalf("visit rows invented for the history: %+v", vs)
	}

	report, _, _ := importSales(t, s, "square_transactions.csv")
	if want := "7 sales: 6 visits added to 3 clients, 1 new client, 1 without a customer"; report != want {
		t.Errorf("report %q, want %q", report, want)
	}
	check := func(when, name string, visits int, spent int64, first, last string) {
		t.Helper()
		c := find(t, s, name)
		sum := summaryOf(t, s, c.ID)
		if c.VisitCount != visits || sum.SpentCents != spent || sum.FirstVisitAt.Local().Format("2006-01-02") != first ||
			c.LastVisitAt.Local().Format("2006-01-02") != last {
			t.Errorf("%s, %s: %d visits, %s spent, first %s, last %s; want %d, %s, %s, %s", when, name, c.VisitCount,
				data.FormatCents(sum.SpentCents), sum.FirstVisitAt.Local().Format("2006-01-02"), c.LastVisitAt.Local().Format("2006-01-02"),
				visits, data.FormatCents(spent), first, last)
		}
		vs, err := s.Visits(ctx, c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if tot := data.ClientTotals(c, vs); tot.Visits != visits || tot.SpentCents != spent {
			t.Errorf("%s, %s: the pane's totals %+v, want %d visits, %s", when, name, tot, visits, data.FormatCents(spent))
		}
	}
	// Marisol: Square's 14 visits and $1,520 hold the three October and
	// November sales up to 2 November (one refunded $30 since); the sale
	// of 20 November is one more.
	check("first file", "marisol", 15, 160000, "2024-03-02", "2026-11-20")
	check("first file", "dmitri", 4, 27000, "2025-01-15", "2026-10-07")
	check("first file", "priya", 1, 8000, "2026-10-09", "2026-10-09")

	m = find(t, s, "marisol")
	vs, _ := s.Visits(ctx, m.ID, 0)
	byKey := map[string]data.Visit{}
	for _, v := range vs {
		byKey[v.SaleKey] = v
	}
	if v := byKey["square:tA2pp0Xe7"]; v.AmountCents != 8000 || v.What != "Colour" || v.StaffName != "Bea Santos" ||
		v.At.Local().Format("2006-01-02 15:04") != "2026-10-19 14:30" {
		t.Errorf("the refunded sale: %+v", v)
	}
	if v := byKey["square:tA3zz1Qd2"]; v.StaffName != "Carl Weber" || v.AmountCents != 12000 {
		t.Errorf("a sale by another staff member: %+v", v)
	}
	// The card says what Square says.
	f, err := s.MergeFieldsFor(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if f.Visits != 15 || f.ClientSince != "March 2024" {
		t.Errorf("merge fields: %d visits, client since %q", f.Visits, f.ClientSince)
	}
	events, err := s.Timeline(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	var history []string
	for _, e := range events {
		if e.Kind == data.EventHistory {
			history = append(history, e.History.Describe("USD"))
		}
	}
	if want := "History from Square: 14 visits since March 2024, $1520.00, last 2 Nov 2026"; strings.Join(history, "|") != want {
		t.Errorf("timeline history %q, want %q", history, want)
	}

	// The same file again: nothing added, nothing changed.
	report, _, _ = importSales(t, s, "square_transactions.csv")
	if want := "7 sales: 0 visits added to 0 clients, 1 without a customer, 6 already in the book"; report != want {
		t.Errorf("again: report %q, want %q", report, want)
	}
	check("again", "marisol", 15, 160000, "2024-03-02", "2026-11-20")
	check("again", "priya", 1, 8000, "2026-10-09", "2026-10-09")

	// An overlapping file: the sale of 20 November is in both.
	report, _, _ = importSales(t, s, "square_transactions_week2.csv")
	if want := "3 sales: 1 visit added to 1 client, 1 without a customer, 1 already in the book"; report != want {
		t.Errorf("overlap: report %q, want %q", report, want)
	}
	check("overlap", "marisol", 16, 169000, "2024-03-02", "2026-11-27")

	// A refund in a later file, a row of its own: the visit of 20
	// November is lowered once, however often the file comes.
	for i, want := range []string{"1 sale: 0 visits added to 0 clients, 1 lowered by a refund", "1 sale: 0 visits added to 0 clients"} {
		report, _, _ = importSales(t, s, "square_refund_later.csv")
		if report != want {
			t.Errorf("refund, import %d: report %q, want %q", i+1, report, want)
		}
		check("refund later", "marisol", 16, 166000, "2024-03-02", "2026-11-27")
	}
	// The first file again does not undo the refund.
	importSales(t, s, "square_transactions.csv")
	check("first file after the refund", "marisol", 16, 166000, "2024-03-02", "2026-11-27")

	// A newer contacts export updates the totals; the same one changes
	// nothing.
	rows := importContacts(t, s, "square_customers.csv")
	for _, r := range rows {
		if r.Action != data.ImportSkip {
			t.Errorf("contacts again, line %d: %s (%v)", r.Line, r.Action, r.Filled)
		}
	}
	check("contacts again", "marisol", 16, 166000, "2024-03-02", "2026-11-27")
	if err := s.SetHistory(ctx, m.ID, data.History{Source: "Square", Visits: 18, SpentCents: 180000,
		First: time.Date(2024, 3, 2, 12, 0, 0, 0, time.Local), Last: time.Date(2026, 11, 27, 12, 0, 0, 0, time.Local)}); err != nil {
		t.Fatal(err)
	}
	// Now Square's 18 visits and $1,800 hold every sale of the log.
	check("newer totals", "marisol", 18, 180000, "2024-03-02", "2026-11-27")
}

// summaryOf is a client's list row (spend and first visit as the list
// and Today read them).
func summaryOf(t *testing.T, s *store.Store, id int64) data.ClientSummary {
	t.Helper()
	res, err := s.Search(ctx, "", 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Clients {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("client %d is not in the list", id)
	return data.ClientSummary{}
}

// TestSalesExports reads each till's sales layout: the items of one sale
// together, refunds taken off, sales without a customer counted.
func TestSalesExports(t *testing.T) {
	defer clock.Set(salesDay)()
	cases := []struct {
		file   string
		format Format
		want   []string // key | date time | amount | items | staff | customer
	}{
		{"square_items.csv", FormatSquare, []string{
			"square:tA1kq8Wm3 | 2026-10-05 10:15 | 95.00 | Cut and blow-dry, 2 × Shampoo |  | W8GQ1E8PXD2J Marisol Ortiz  ",
			"square:tC1ww2Hy6 | 2026-10-08 12:00 | 12.00 | Shampoo |  |    ",
		}},
		{"shopify_orders.csv", FormatShopify, []string{
			"shopify:#1001 | 2026-10-03 | 250.00 | Balayage, 2 × Argan oil | Ana Ruiz |  Chloé Tremblay chloe@example.ca +15145550111",
			"shopify:#1002 | 2026-10-12 | 0.00 refunded | Beard oil | Ana Ruiz |  Liam Wilson liam@example.com ",
			"shopify:#1003 | 2026-10-15 | 18.00 | Comb | Ana Ruiz |    ",
			"shopify:#1004 | 2026-10-20 | 80.00 refunded | Cut and style | Ana Ruiz |  Noor Haddad noor@example.com +15145550199",
		}},
		{"kasse.csv", FormatCSV, []string{
			"csv | 2026-11-02 14:05 | 1234.50 | Färben | Anke |  Jürgen Müller juergen@example.de ",
			"csv | 2026-11-02 15:30 | 25.00 | Haarwachs | Anke |    ",
			"csv | 2026-11-03 09:15 | 45.00 | Schnitt | Jonas |  Anke van der Berg  ",
			"csv | 2026-11-03 09:15 | 45.00 | Schnitt | Jonas |  Anke van der Berg  ",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := ReadSales(fixture(t, filepath.Join("sales", tc.file)), "", "")
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tc.format {
				t.Errorf("read as %s, want %s", r.Format, tc.format)
			}
			var got []string
			for _, s := range r.Sales {
				key := s.Key
				if tc.format == FormatCSV {
					key = "csv"
				}
				when := s.At.Format("2006-01-02 15:04")
				if tc.format == FormatShopify {
					when = s.At.Format("2006-01-02")
				}
				amount := data.FormatCents(s.AmountCents)
				if s.Refunded {
					amount += " refunded"
				}
				got = append(got, strings.Join([]string{key, when, amount, s.What, s.Staff,
					strings.Join([]string{s.CustomerID, s.Name, s.Email, s.Phone}, " ")}, " | "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("sales:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			keys := map[string]bool{}
			for _, s := range r.Sales {
				if keys[s.Key] {
					t.Errorf("two sales with the key %s", s.Key)
				}
				keys[s.Key] = true
			}
		})
	}
}

// TestShopifyCustomersThenOrders: Shopify's customers export keeps the
// customer's orders and spend as the history; the orders export attaches
// each order by email, counts the history's orders once, adds a client
// for a new customer, and a second import adds nothing.
func TestShopifyCustomersThenOrders(t *testing.T) {
	defer clock.Set(salesDay)()
	s := book(t)
	importBytes(t, s, fixture(t, filepath.Join("exporters", "shopify.csv")), FormatAuto)
	report, _, _ := importSales(t, s, "shopify_orders.csv")
	if want := "4 sales: 3 visits added to 3 clients, 1 new client, 1 without a customer"; report != want {
		t.Errorf("report %q, want %q", report, want)
	}
	chloe := find(t, s, "chloé")
	if sum := summaryOf(t, s, chloe.ID); chloe.VisitCount != 5 || sum.SpentCents != 25000 {
		t.Errorf("Chloé: %d visits, %s; want Shopify's 5 orders, 250.00", chloe.VisitCount, data.FormatCents(sum.SpentCents))
	}
	liam := find(t, s, "liam")
	if sum := summaryOf(t, s, liam.ID); liam.VisitCount != 1 || sum.SpentCents != 0 {
		t.Errorf("Liam's refunded order: %d visits, %s", liam.VisitCount, data.FormatCents(sum.SpentCents))
	}
	noor := find(t, s, "noor")
	if sum := summaryOf(t, s, noor.ID); noor.Email != "noor@example.com" || noor.VisitCount != 1 || sum.SpentCents != 8000 {
		t.Errorf("Noor, a new customer: %+v, %s", noor, data.FormatCents(sum.SpentCents))
	}
	report, _, _ = importSales(t, s, "shopify_orders.csv")
	if want := "4 sales: 0 visits added to 0 clients, 1 without a customer, 3 already in the book"; report != want {
		t.Errorf("again: report %q, want %q", report, want)
	}
}

// TestSalesNeverMergeStrangers: a sale whose email or phone belongs to a
// client of another name is not attached to them: a new client, marked.
func TestSalesNeverMergeStrangers(t *testing.T) {
	defer clock.Set(salesDay)()
	s := book(t)
	ana := data.Client{FirstName: "Ana", LastName: "Lima", Email: "shared@example.com", Phone: "555 201 7777"}
	if _, err := s.AddClient(ctx, &ana); err != nil {
		t.Fatal(err)
	}
	csv := "Date,Customer,Email,Phone,Amount\n2026-11-02,Ana Lima,SHARED@example.com ,,40.00\n2026-11-03,Rui Lima,shared@example.com,555 201 7777,25.00\n"
	r, err := ReadSales([]byte(csv), "", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanSales(ctx, s, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Visits) != 2 || p.Visits[0].ClientID != ana.ID || p.Visits[1].ClientID != 0 || len(p.NewClients) != 1 ||
		p.NewClients[0].FirstName != "Rui" || len(p.Possible) != 1 {
		t.Fatalf("plan: %+v new %+v possible %q", p.Visits, p.NewClients, p.Possible)
	}
	if _, err := p.Apply(ctx, s); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Client(ctx, ana.ID); a.VisitCount != 1 {
		t.Errorf("Ana has %d visits, want 1: the other sale is Rui's", a.VisitCount)
	}
}

// TestParseMoney reads amounts as exporters write them.
func TestParseMoney(t *testing.T) {
	for in, want := range map[string]int64{
		"$1,520.00": 152000, "1.234,50": 123450, "€ 12": 1200, "250.00": 25000, "-$30.00": -3000, "(12.00)": -1200,
		"12,5": 1250, "1,234": 123400, "CHF 1'234.50": 123450, "0": 0, "25,00 €": 2500, "$0.00": 0,
	} {
		got, err := ParseMoney(in)
		if err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1.2.3,4,5", "12.345.6", "99999999999999999"} {
		if got, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) = %d, want an error", in, got)
		}
	}
}

// TestExamples: the mapping screen's examples come from several rows,
// the first values with something in them, each once.
func TestExamples(t *testing.T) {
	tb, err := ReadTable([]byte("Name,Email,Notes\nAna,,\nBen,ben@example.com,\nCid,cid@example.com,\nDee,ben@example.com,A very long note that goes on and on and on\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		col  int
		want string
	}{
		{0, "Ana|Ben|Cid"},
		{1, "ben@example.com|cid@example.com"},
		{2, "A very long note tha…"},
	}
	for _, tc := range cases {
		if got := strings.Join(Examples(tb, tc.col, 3, 20), "|"); got != tc.want {
			t.Errorf("column %d: %q, want %q", tc.col, got, tc.want)
		}
	}
}

// TestExportKeepsHistory: the clients CSV carries the name's prefix and
// suffix, the other emails, the text consent and the history; imported
// into a new book they come back as they were (the book's own visit
// figures are not read as a history), and imported into the same book
// they change nothing.
func TestExportKeepsHistory(t *testing.T) {
	defer clock.Set(salesDay)()
	s := book(t)
	importContacts(t, s, "square_customers.csv")
	importSales(t, s, "square_transactions.csv")
	m := find(t, s, "marisol")
	m.NamePrefix, m.OtherEmails, m.SMSConsent = "Ms", []string{"mari@work.example"}, data.ConsentSubscribed
	if err := s.UpdateClient(ctx, &m); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if _, err := ExportClientsCSV(ctx, s, &out); err != nil {
		t.Fatal(err)
	}
	fresh := book(t)
	importBytes(t, fresh, []byte(out.String()), FormatAuto)
	got := find(t, fresh, "marisol")
	if !got.History.Same(m.History) || got.NamePrefix != "Ms" || strings.Join(got.OtherEmails, ",") != "mari@work.example" ||
		got.SMSConsent != data.ConsentSubscribed || got.VisitCount != 14 || strings.Contains(got.Notes, "last_visit_at") {
		t.Errorf("in a new book: %+v\nwas %+v", got, m)
	}
	for _, r := range importBytes(t, s, []byte(out.String()), FormatAuto) {
		if r.Action != data.ImportSkip {
			t.Errorf("into the same book, line %d: %s %v", r.Line, r.Action, r.Filled)
		}
	}
	if again := find(t, s, "marisol"); again.VisitCount != 15 {
		t.Errorf("the same book: %d visits, want 15", again.VisitCount)
	}
}

// TestShopifyItemsOfALeftOutOrder: the further line items of an order
// whose first row was left out (no date, no total) go with it, never onto
// another order (the fuzzer found them read into the first sale, or a
// panic when there was none).
func TestShopifyItemsOfALeftOutOrder(t *testing.T) {
	csv := "Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name\n" +
		"#1000,ann@example.com,paid,40.00,2026-10-01 10:00:00 -0400,1,Cut\n" +
		"#1001,bo@example.com,paid,,,1,Colour\n" +
		"#1001,,,,,2,Argan oil\n"
	r, err := ReadSales([]byte(csv), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Sales) != 1 || strings.Contains(r.Sales[0].What, "Argan") || strings.Contains(r.Sales[0].What, "Colour") {
		t.Fatalf("sales %+v", r.Sales)
	}
}
