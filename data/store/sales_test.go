package store

import (
	"fmt"
	"testing"
	"time"

	"regulars/data"
)

// TestSalesInParts: a client with more sales than one statement takes,
// one of them twice in the file, gets each sale once as a visit and a
// contact; the same file again adds nothing.
func TestSalesInParts(t *testing.T) {
	s := openTest(t)
	id := addClient(t, s, data.Client{FirstName: "Many", LastName: "Sales"})
	other := addClient(t, s, data.Client{FirstName: "One", LastName: "Sale"})
	day := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	var sales []data.SaleVisit
	for i := range 1203 {
		sales = append(sales, data.SaleVisit{Line: i + 2, Key: fmt.Sprintf("square:T%d", i), ClientID: id,
			At: day.Add(time.Duration(i) * time.Hour), AmountCents: 1000, Staff: "Bea",
			TillID: data.TillID{Source: "square", ID: "C1"}})
	}
	again := sales[600]
	again.At = again.At.Add(time.Minute) // the same sale twice in the file, its second row a minute later
	sales = append(sales, again)
	sales = append(sales, data.SaleVisit{Line: 9999, Key: "square:X", ClientID: other, At: day, AmountCents: -1})
	for run, want := range []data.SalesResult{{Added: 1204, Already: 1, Clients: 2}, {Already: 1205}} {
		res, err := s.AddSaleVisits(ctx, sales, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != want.Added || res.Already != want.Already || res.Clients != want.Clients {
			t.Fatalf("run %d: %+v, want %+v", run+1, res, want)
		}
		c, err := s.Client(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var contacts int
		s.DB().QueryRow("SELECT count(*) FROM contacts WHERE client_id = ? AND kind = 'visit'", id).Scan(&contacts)
		if c.VisitCount != 1203 || contacts != 1203 {
			t.Errorf("run %d: %d visits and %d contacts, want 1203 of each", run+1, c.VisitCount, contacts)
		}
		if got := c.LastVisitAt; !got.Equal(day.Add(1202 * time.Hour)) {
			t.Errorf("run %d: last visit %v", run+1, got)
		}
	}
	var apart int
	s.DB().QueryRow("SELECT count(*) FROM contacts c JOIN visits v ON v.id = c.visit_id WHERE c.at <> v.at").Scan(&apart)
	if apart != 0 {
		t.Errorf("%d visits' contacts are at another time than the visit", apart)
	}
	till, err := s.TillClients(ctx, "square")
	if err != nil || till["C1"] != id {
		t.Errorf("the till's customer ID is not kept: %v %v", till, err)
	}
}
