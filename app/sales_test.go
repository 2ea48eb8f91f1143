package app

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
	if f == nil || u.dialog == nil || !f.sales {
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
	test.Tap(u.dialog.save) // Review
	if f.salesPlan == nil || !strings.Contains(f.summary.Text, "4 sales: 3 to log as visits, 1 new clients") {
		t.Fatalf("review: %+v", f.summary)
	}
	if n, _ := s.ClientCount(ctx); n != 1 {
		t.Fatal("imported before Import was pressed")
	}
	test.Tap(u.dialog.save) // Import
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
	test.Tap(u.dialog.save) // Review
	if want := "4 sales: 0 to log as visits, 0 new clients for customers the book does not know, 1 without a customer (counted, attached to nobody), 3 already in the book"; !strings.Contains(f.summary.Text, want) {
		t.Errorf("again, the review says %q", f.summary.Text)
	}
	test.Tap(u.dialog.save) // Import: nothing to do
	if ana, _ := s.Client(ctx, 1); ana.VisitCount != 2 {
		t.Errorf("again: Ana has %d visits", ana.VisitCount)
	}
	if n, _ := s.ClientCount(ctx); n != 2 {
		t.Errorf("again: %d clients", n)
	}
}
