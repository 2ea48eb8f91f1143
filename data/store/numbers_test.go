package store

import (
	"testing"

	"regulars/data"
)

// TestReturns on a real book: one client came back after a we-miss-you,
// one did not; one newcomer came back, one did not.
func TestReturns(t *testing.T) {
	s := openTest(t)
	now := s.Now()
	add := func(name string) int64 {
		id, err := s.AddClient(ctx, &data.Client{FirstName: name, LastName: "X"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	visit := func(id int64, daysAgo int) {
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: now.AddDate(0, 0, -daysAgo), AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
	miss := func(id int64, daysAgo int) {
		if _, err := s.LogContact(ctx, &data.Contact{ClientID: id, At: now.AddDate(0, 0, -daysAgo), Kind: data.ContactCard, Occasion: data.OccasionMiss}); err != nil {
			t.Fatal(err)
		}
	}
	back, gone := add("Back"), add("Gone")
	visit(back, 500)
	visit(gone, 500)
	miss(back, 100)
	miss(gone, 100)
	visit(back, 70) // 30 days after the note
	fresh, once := add("Fresh"), add("Once")
	visit(fresh, 200)
	visit(fresh, 20)
	visit(once, 150)
	r, err := s.Returns(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	want := data.Returns{MissSent: 2, CameBack: 1, FirstTimers: 2, Returned: 1}
	if r != want {
		t.Errorf("returns %+v, want %+v", r, want)
	}
}

// TestOverdueRank: a regular who just lapsed comes before someone added
// long ago and never seen again; among equals, the most recent lapse first.
func TestOverdueRank(t *testing.T) {
	regularJustLapsed := overdueRank(20, 90000, 95, 5)
	regularLapsedLonger := overdueRank(20, 90000, 300, 210)
	bigSpenderOnce := overdueRank(1, 60000, 95, 5) // worth 13: one visit, 600 spent
	occasionalJustLapsed := overdueRank(2, 4000, 95, 5)
	neverSeen := overdueRank(0, 0, 93, 3)
	regularLongGone := overdueRank(30, 200000, 600, 510)
	ranks := []int64{regularJustLapsed, regularLapsedLonger, bigSpenderOnce, occasionalJustLapsed, neverSeen, regularLongGone}
	for i := 1; i < len(ranks); i++ {
		if ranks[i-1] >= ranks[i] {
			t.Errorf("rank %d (%d) is not before rank %d (%d)", i-1, ranks[i-1], i, ranks[i])
		}
	}
}
