package store

import (
	"database/sql"
	"testing"
	"time"

	"regulars/data"
)

// TestHistoryCountsEverywhere: a client's history before Regulars counts
// in the figures the book keeps (visit count, spend, first and last
// visit), a visit logged or deleted afterwards keeps it counted, a merge
// keeps it (and the till's customer IDs), and a history from another
// system is a conflict, not a second count.
func TestHistoryCountsEverywhere(t *testing.T) {
	s := openTest(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.Local) }
	ana := data.Client{FirstName: "Ana", LastName: "Silva", Email: "ana@example.com"}
	if _, err := s.AddClient(ctx, &ana); err != nil {
		t.Fatal(err)
	}
	h := data.History{Source: "Square", First: day(2023, 3, 4), Last: day(2025, 6, 1), Visits: 12, SpentCents: 64000}
	if err := s.SetHistory(ctx, ana.ID, h); err != nil {
		t.Fatal(err)
	}
	figures := func(when string, visits int, spent int64, first, last string) {
		t.Helper()
		res, err := s.Search(ctx, "ana silva", 5)
		if err != nil || len(res.Clients) != 1 {
			t.Fatalf("%s: search %+v %v", when, res.Clients, err)
		}
		c := res.Clients[0]
		if c.VisitCount != visits || c.SpentCents != spent || c.FirstVisitAt.Local().Format("2006-01-02") != first ||
			c.LastVisitAt.Local().Format("2006-01-02") != last {
			t.Errorf("%s: %d visits, %d cents, first %s, last %s; want %d, %d, %s, %s", when, c.VisitCount, c.SpentCents,
				c.FirstVisitAt.Local().Format("2006-01-02"), c.LastVisitAt.Local().Format("2006-01-02"), visits, spent, first, last)
		}
	}
	figures("the history alone", 12, 64000, "2023-03-04", "2025-06-01")
	v := data.Visit{ClientID: ana.ID, At: day(2025, 9, 1), AmountCents: 5000}
	if _, err := s.LogVisit(ctx, &v); err != nil {
		t.Fatal(err)
	}
	figures("a visit logged", 13, 69000, "2023-03-04", "2025-09-01")
	if err := s.DeleteVisit(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	figures("the visit deleted", 12, 64000, "2023-03-04", "2025-06-01")
	if got := h.Describe("USD"); got != "History from Square: 12 visits since March 2023, $640.00, last 1 Jun 2025" {
		t.Errorf("Describe: %q", got)
	}

	// Another system's totals are a conflict: kept as they were.
	other := data.Client{FirstName: "Ana", LastName: "Silva", History: data.History{Source: "Shopify", Visits: 3, SpentCents: 9000}}
	merged, _, conflicts := data.FillFrom(mustClient(t, s, ana.ID), other)
	if merged.History.Source != "Square" || len(conflicts) != 1 || conflicts[0].Field != "history" {
		t.Errorf("another system's history: %+v %+v", merged.History, conflicts)
	}

	// A merge keeps the history and the till's customer IDs.
	dup := data.Client{FirstName: "Ana", LastName: "Silva", Phone: "555 0101"}
	if _, err := s.AddClient(ctx, &dup); err != nil {
		t.Fatal(err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error { return addTillID(ctx, tx, dup.ID, data.TillID{Source: "square", ID: "SQ1"}) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeClients(ctx, dup.ID, ana.ID); err != nil {
		t.Fatal(err)
	}
	figures("merged", 12, 64000, "2023-03-04", "2025-06-01")
	if ids, _ := s.TillClients(ctx, "square"); ids["SQ1"] != dup.ID {
		t.Errorf("till IDs after the merge: %v", ids)
	}
}

func mustClient(t *testing.T, s *Store, id int64) data.Client {
	t.Helper()
	c, err := s.Client(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHistoryInTheLapsedRules: a client known only from another system's
// totals, last seen 200 days ago, is overdue (the default maximum is 90
// days), not a fresh client of today's import.
func TestHistoryInTheLapsedRules(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 12, 15, 12, 0, 0, 0, time.Local)
	c := data.Client{FirstName: "Bea", LastName: "Moss"}
	if _, err := s.AddClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	last := asOf.AddDate(0, 0, -200)
	if err := s.SetHistory(ctx, c.ID, data.History{Source: "Square", First: last.AddDate(-2, 0, 0), Last: last, Visits: 9}); err != nil {
		t.Fatal(err)
	}
	c = mustClient(t, s, c.ID)
	st, err := s.StandingOfClient(ctx, c, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != data.StatusOverdue || st.DaysSince != 200 {
		t.Errorf("standing %s, %d days since; want overdue, 200", st.Status, st.DaysSince)
	}
}

// TestHistoryInWeMissYou: a client known only from another system's
// totals, silent for 130 days, is written to by the we-miss-you batch.
func TestHistoryInWeMissYou(t *testing.T) {
	s := openTest(t)
	now := time.Date(2026, 12, 15, 12, 0, 0, 0, time.Local)
	c := data.Client{FirstName: "Dana", LastName: "Reyes", Address: data.Address{Street: "1 Main St", City: "Austin"}}
	if _, err := s.AddClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	last := now.AddDate(0, 0, -130)
	if err := s.SetHistory(ctx, c.ID, data.History{Source: "Vagaro", First: last.AddDate(-1, 0, 0), Last: last, Visits: 6}); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueFor(ctx, data.OccasionMiss, data.ChannelPost, now.AddDate(0, -1, 0), now, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].ID != c.ID {
		t.Errorf("we miss you: %+v", due)
	}
}
