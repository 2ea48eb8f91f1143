package demo_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"regulars/data"
	"regulars/data/demo"
	"regulars/data/store"
	"regulars/internal/pgtest"
)

var ctx = context.Background()

// openBook opens a fresh book with a pinned clock, on the engine of this
// run (PostgreSQL when a test server is set).
func openBook(t testing.TB) *store.Store {
	t.Helper()
	name := filepath.Join(t.TempDir(), "regulars.db")
	if pgtest.Available() {
		name = pgtest.NewBook(t)
	}
	s, err := store.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { s.Close() })
	return s
}

func names(r data.SearchResult) []string {
	var out []string
	for _, c := range r.Clients {
		out = append(out, c.Name())
	}
	return out
}

func TestMake(t *testing.T) {
	s := openBook(t)
	st, err := demo.Make(ctx, s, demo.Options{Clients: 300, Visits: 3000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if st.Clients != 300 || st.Visits != 3000 || st.Staff == 0 {
		t.Fatalf("stats %+v", st)
	}
	var visits, withAccent, lapsed, regular int
	s.DB().QueryRow("SELECT count(*) FROM visits").Scan(&visits)
	nameRows, _ := s.DB().Query("SELECT first_name || last_name FROM clients")
	for nameRows.Next() {
		var n string
		nameRows.Scan(&n)
		if strings.ContainsFunc(n, func(r rune) bool { return r > '~' }) {
			withAccent++
		}
	}
	nameRows.Close()
	s.DB().QueryRow("SELECT count(*) FROM clients WHERE last_visit_at < '2026-05-01'").Scan(&lapsed)
	s.DB().QueryRow("SELECT count(*) FROM clients WHERE visit_count >= 15").Scan(&regular)
	if visits != 3000 || withAccent == 0 || lapsed == 0 || regular == 0 {
		t.Errorf("visits %d, accented names %d, lapsed %d, regulars %d", visits, withAccent, lapsed, regular)
	}
	// Every demo client must pass the same validation as a typed one.
	res, _ := s.Search(ctx, "", 300)
	for _, sum := range res.Clients {
		c, _ := s.Client(ctx, sum.ID)
		if err := c.Validate(); err != nil {
			t.Fatalf("demo client %s is invalid: %v", c.Name(), err)
		}
	}
	// The same seed gives the same book.
	s2 := openBook(t)
	demo.Make(ctx, s2, demo.Options{Clients: 300, Visits: 3000, Seed: 7})
	a, _ := s.Search(ctx, "mar", 50)
	b, _ := s2.Search(ctx, "mar", 50)
	if len(a.Clients) == 0 || !reflect.DeepEqual(names(a), names(b)) {
		t.Errorf("same seed, different books: %v vs %v", names(a), names(b))
	}
}

// BenchmarkMake builds the 100,000-client, 1,000,000-visit book from
// scratch (target: 60 s).
func BenchmarkMake(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := store.Open(filepath.Join(b.TempDir(), "demo.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := demo.Make(ctx, s, demo.Options{Clients: 100_000, Visits: 1_000_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
