package clients

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"regulars/data"
	"regulars/internal/clock"
)

// TestImportSalesThroughTheWindow: Import… recognises a till's sales
// export, maps its columns on the same screen (examples from several
// rows), reviews, and logs each sale as a visit of its client, once.
func TestImportSalesThroughTheWindow(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	u, s := newTestUI(t, data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com"})
	csv := "Date,Customer,Email,Amount,Service,Staff\n2026-11-02,Ana López, ANA@Example.com ,40.00,Cut,Bea\n2026-11-03,,,12.50,Shampoo,\n2026-11-04,Ana López,ana@example.com,55.00,Colour,Bea\n2026-11-05,Émile Moreau,emile@example.com,30.00,Cut,Carl\n"
	f := u.startImport("sales.csv", []byte(csv))
	if f == nil || u.forms.Open == nil || !f.sales {
		t.Fatal("no mapping screen for the sales")
	}
	// The email column's examples come from the rows that have one.
	var emailLabel string
	for i, h := range f.table.Header {
		if h == "Email" {
			emailLabel = strings.Join([]string{h, f.selects[i].Selected}, "=")
		}
	}
	if emailLabel != "Email=email" {
		t.Errorf("email column mapped as %q", emailLabel)
	}
	test.Tap(u.forms.Open.Save) // Review
	if f.salesPlan == nil || !strings.Contains(f.summary.Text, "4 sales: 3 to log as visits, 1 new clients") {
		t.Fatalf("review: %+v", f.summary)
	}
	if n, _ := s.ClientCount(ctx); n != 1 {
		t.Fatal("imported before Import was pressed")
	}
	test.Tap(u.forms.Open.Save) // Import
	ana, _ := s.Client(ctx, 1)
	if ana.VisitCount != 2 {
		t.Errorf("Ana has %d visits, want 2", ana.VisitCount)
	}
	if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("%d clients, want Ana and Émile", n)
	}
	if want := "4 sales: 3 visits added to 2 clients, 1 new client, 1 without a customer"; !strings.Contains(u.lastNotice, want) {
		t.Errorf("the import said %q, want %q", u.lastNotice, want)
	}
	// The same file again adds nothing.
	f = u.startImport("sales.csv", []byte(csv))
	test.Tap(u.forms.Open.Save) // Review
	if want := "4 sales: 0 to log as visits, 0 new clients for customers the book does not know, 1 without a customer (counted, attached to nobody), 3 already in the book"; !strings.Contains(f.summary.Text, want) {
		t.Errorf("again, the review says %q", f.summary.Text)
	}
	test.Tap(u.forms.Open.Save) // Import: nothing to do
	if ana, _ := s.Client(ctx, 1); ana.VisitCount != 2 {
		t.Errorf("again: Ana has %d visits", ana.VisitCount)
	}
	if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("again: %d clients", n)
	}
}

// TestHistoryInTheClientPane: a client imported from Square with 12
// visits and $640 since March 2023 shows them in the pane's totals, as
// "client since", and as one entry on the timeline; a Shopify history
// without dates shows its visits without a "last" date in the list.
func TestHistoryInTheClientPane(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	u, s := newTestUI(t, data.Client{FirstName: "Ana", LastName: "López"}, data.Client{FirstName: "Chloé", LastName: "Tremblay"})
	h := data.History{Source: "Square", First: time.Date(2023, 3, 4, 12, 0, 0, 0, time.Local),
		Last: time.Date(2026, 11, 2, 12, 0, 0, 0, time.Local), Visits: 12, SpentCents: 64000}
	if err := s.SetHistory(ctx, 1, h); err != nil {
		t.Fatal(err)
	}
	if err := s.SetHistory(ctx, 2, data.History{Source: "Shopify", Visits: 5, SpentCents: 25000}); err != nil {
		t.Fatal(err)
	}
	u.openClient(1)
	stats := u.book.Pane.Stats.Text
	if !strings.HasPrefix(stats, "12 visits") || !strings.Contains(stats, "640.00 in all") {
		t.Errorf("totals %q", stats)
	}
	if sub := u.book.Pane.sub.Text; !strings.Contains(sub, "client since March 2023") {
		t.Errorf("sub line %q", sub)
	}
	var history []string
	for _, e := range u.book.Pane.History {
		if e.Kind == data.EventHistory {
			_, title, _ := eventText(e)
			history = append(history, title)
		}
	}
	if len(history) != 1 || !strings.Contains(history[0], "History from Square: 12 visits since March 2023") {
		t.Errorf("timeline history %q", history)
	}
	u.openClient(2)
	if stats := u.book.Pane.Stats.Text; !strings.HasPrefix(stats, "5 visits") || strings.Contains(stats, "last") {
		t.Errorf("Shopify totals %q", stats)
	}
}
