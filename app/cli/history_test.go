package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"regulars/internal/clock"
)

// TestImportHistoryAndSales: regulars import takes a Square contacts
// export (the totals become the client's history) and then its
// transactions export (each sale a visit, once), says what happened, and
// client --json reports the history in the totals.
func TestImportHistoryAndSales(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	db := newBook(t)
	dir := filepath.Join("..", "..", "exchange", "testdata", "sales")
	mustRun(t, db, "import", filepath.Join(dir, "square_customers.csv"))
	out := mustRun(t, db, "import", filepath.Join(dir, "square_transactions.csv"))
	if want := "7 sales: 6 visits added to 3 clients, 1 new client, 1 without a customer"; !strings.Contains(out, want) {
		t.Errorf("import says:\n%s\nwant %q", out, want)
	}
	out = mustRun(t, db, "import", filepath.Join(dir, "square_transactions.csv"))
	if want := "7 sales: 0 visits added to 0 clients, 1 without a customer, 6 already in the book"; !strings.Contains(out, want) {
		t.Errorf("again, import says:\n%s\nwant %q", out, want)
	}
	var c struct {
		VisitCount   int    `json:"visit_count"`
		SpentCents   int64  `json:"spent_cents"`
		FirstVisitAt string `json:"first_visit_at"`
		History      struct {
			Source       string `json:"source"`
			FirstVisitAt string `json:"first_visit_at"`
			Visits       int    `json:"visits"`
			SpentCents   int64  `json:"spent_cents"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "client", "marisol", "--json")), &c); err != nil {
		t.Fatal(err)
	}
	if c.VisitCount != 15 || c.SpentCents != 160000 || !strings.HasPrefix(c.FirstVisitAt, "2024-03-02") ||
		c.History.Source != "Square" || c.History.Visits != 14 || c.History.SpentCents != 152000 || c.History.FirstVisitAt != "2024-03-02" {
		t.Errorf("client --json: %+v", c)
	}
	if out := mustRun(t, db, "client", "marisol"); !strings.Contains(out, "History from Square: 14 visits since March 2024") {
		t.Errorf("client says:\n%s", out)
	}
}

// TestImportOffersAHousehold: Fresha's mother and daughter of one name,
// phone and address stay two clients, and the import offers to link them
// as a household instead of merging them.
func TestImportOffersAHousehold(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	db := newBook(t)
	out := mustRun(t, db, "import", filepath.Join("..", "..", "exchange", "testdata", "sales", "fresha_family.csv"))
	if !strings.Contains(out, "regulars household 1 2") || !strings.Contains(out, "2 new") {
		t.Errorf("import says:\n%s", out)
	}
}

// TestImportSalesMapped: a till's CSV whose columns say nothing known is
// imported as sales with --sales and --map; a bad field is refused with
// the fields a sales export has, and nothing is changed.
func TestImportSalesMapped(t *testing.T) {
	defer clock.Set(time.Date(2026, 12, 15, 10, 0, 0, 0, time.Local))()
	db := newBook(t)
	mustRun(t, db, "add-client", "--first", "Ana", "--last", "Silva", "--email", "ana@example.com")
	file := filepath.Join(t.TempDir(), "till.csv")
	if err := os.WriteFile(file, []byte("Wann;Wer;Wieviel\n02.11.2026;ana@example.com;45,00\n03.11.2026;;12,00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, db, "import", "--sales", "--map", "Wann=sale date,Wer=colour", file); code == 0 || !strings.Contains(errs, "sale amount") {
		t.Errorf("a bad field: exit %d, %q", code, errs)
	}
	out := mustRun(t, db, "import", "--sales", "--map", "Wann=sale date,Wer=email,Wieviel=sale amount", file)
	if want := "2 sales: 1 visit added to 1 client, 1 without a customer"; !strings.Contains(out, want) {
		t.Errorf("import says:\n%s\nwant %q", out, want)
	}
}
