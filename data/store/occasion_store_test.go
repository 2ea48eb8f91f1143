package store

import (
	"fmt"
	"testing"
	"time"

	"regulars/data"
	"regulars/internal/clock"
)

// TestDueForAndNeverTwice runs each occasion on a real book: who is
// listed, why, and that marking the batch sent lists nobody again.
func TestDueForAndNeverTwice(t *testing.T) {
	s := openTest(t)
	now := clock.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local)
	from, to := today.AddDate(0, 0, -30), today.AddDate(0, 0, 1)
	addr := data.Address{Street: "3 Mill Lane", City: "Austin"}
	add := func(first string, fn func(c *data.Client)) int64 {
		c := data.Client{FirstName: first, LastName: "Test", Address: addr}
		if fn != nil {
			fn(&c)
		}
		id, err := s.AddClient(ctx, &c)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	visit := func(id int64, at time.Time) {
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: at, AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
	}
	newcomer := add("Nina", nil)
	visit(newcomer, today.AddDate(0, 0, -3))
	regular := add("Rita", nil)
	visit(regular, today.AddDate(-1, 0, 0))
	visit(regular, today.AddDate(0, 0, -2))
	drifting := add("Dana", nil)
	visit(drifting, today.AddDate(0, 0, -130))
	gone := add("Gus", nil)
	visit(gone, today.AddDate(-2, 0, 0))
	noAddress := add("Nora", func(c *data.Client) { c.Address = data.Address{} })
	visit(noAddress, today.AddDate(0, 0, -130))
	bd := today.AddDate(0, 0, 14)
	birthday := add("Bella", func(c *data.Client) { c.Birthday = data.Birthday{Year: 1990, Month: bd.Month(), Day: bd.Day()} })
	unhappy := add("Uma", nil)
	visit(unhappy, today.AddDate(0, 0, -10))
	k := data.Complaint{ClientID: unhappy, Description: "colour too dark", RaisedOn: today.AddDate(0, 0, -9)}
	if _, err := s.AddComplaint(ctx, &k); err != nil {
		t.Fatal(err)
	}
	if err := s.ResolveComplaint(ctx, k.ID, "redone for free", today.AddDate(0, 0, -5)); err != nil {
		t.Fatal(err)
	}

	ids := func(ds []data.DueClient) map[int64]string {
		out := map[int64]string{}
		for _, d := range ds {
			out[d.ID] = d.Why
		}
		return out
	}
	cases := []struct {
		o    data.Occasion
		want []int64
	}{
		{data.OccasionThanks, []int64{newcomer, regular, unhappy}},
		{data.OccasionWelcome, []int64{newcomer, unhappy}},
		{data.OccasionMiss, []int64{drifting}},
		{data.OccasionBirthday, []int64{birthday}},
		{data.OccasionSorry, []int64{unhappy}},
	}
	for _, k := range cases {
		due, err := s.DueFor(ctx, k.o, data.ChannelPost, from, to, now)
		if err != nil {
			t.Fatal(err)
		}
		got := ids(due)
		if len(got) != len(k.want) {
			t.Errorf("%s: listed %v, want ids %v", k.o, got, k.want)
			continue
		}
		for _, id := range k.want {
			if got[id] == "" {
				t.Errorf("%s: client %d not listed (%v)", k.o, id, got)
			}
		}
		if k.o == data.OccasionSorry && (len(due) != 1 || due[0].Complaint.ID == 0 || due[0].Complaint.Resolution != "redone for free") {
			t.Errorf("sorry: %+v", due)
		}
		// Mark the batch sent: the same period lists nobody again.
		b := data.Batch{Occasion: k.o, Channel: data.ChannelPost, From: from, To: to, Template: "t"}
		if err := s.CreateBatch(ctx, &b); err != nil {
			t.Fatal(err)
		}
		var list []int64
		for _, d := range due {
			list = append(list, d.ID)
		}
		if n, err := s.MarkBatchSent(ctx, b, list, now); err != nil || n != len(list) {
			t.Fatalf("%s: marked %d, %v", k.o, n, err)
		}
		again, err := s.DueFor(ctx, k.o, data.ChannelPost, from, to, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != 0 {
			t.Errorf("%s: after the batch, still listed %v", k.o, ids(again))
		}
	}
	// The make-it-right note is logged against the complaint.
	cs, _ := s.Contacts(ctx, unhappy)
	found := false
	for _, c := range cs {
		found = found || c.Occasion == data.OccasionSorry && c.ComplaintID != 0
	}
	if !found {
		t.Errorf("no make-it-right contact with its complaint: %+v", cs)
	}
}

// TestLastVisitOfAnotherYearSaysTheYear: "your last visit on 25 November"
// must not read as next week when it was last year.
func TestLastVisitOfAnotherYearSaysTheYear(t *testing.T) {
	s := openTest(t) // its clock: 23 November 2026
	id, err := s.AddClient(ctx, &data.Client{FirstName: "Marie", LastName: "X"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Client(ctx, id)
	for _, k := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2025, 11, 25, 15, 0, 0, 0, time.Local), "25 November 2025"},
		{time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local), "20 November"},
	} {
		if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: k.at, AmountCents: -1}); err != nil {
			t.Fatal(err)
		}
		f, err := s.MergeFieldsFor(ctx, c)
		if err != nil || f.LastVisit != k.want {
			t.Errorf("last visit %v written %q, want %q (%v)", k.at, f.LastVisit, k.want, err)
		}
	}
}

// TestReachableAgreesWithTheBatches: the Go rule Today counts with picks
// the same clients as the batches' SQL, for every mix of address, email,
// consent and preference.
func TestReachableAgreesWithTheBatches(t *testing.T) {
	s := openTest(t)
	now := clock.Now()
	var ids []int64
	i := 0
	for _, street := range []string{"", "1 Elm St"} {
		for _, email := range []string{"", "x@example.com"} {
			for _, pc := range []data.Consent{data.ConsentUnknown, data.ConsentUnsubscribed} {
				for _, ec := range []data.Consent{data.ConsentSubscribed, data.ConsentUnsubscribed} {
					for _, pref := range []data.Channel{data.ChannelPost, data.ChannelEmail} {
						i++
						c := data.Client{FirstName: "C", LastName: fmt.Sprint(i), Address: data.Address{Street: street, City: "Austin"}, PostConsent: pc, EmailConsent: ec, PreferredChannel: pref}
						if email != "" {
							c.Email = fmt.Sprintf("c%d@example.com", i)
						}
						id, err := s.AddClient(ctx, &c)
						if err != nil {
							t.Fatal(err)
						}
						s.LogVisit(ctx, &data.Visit{ClientID: id, At: now.Add(-time.Hour), AmountCents: -1})
						ids = append(ids, id)
					}
				}
			}
		}
	}
	from, to := now.AddDate(0, 0, -7), now.AddDate(0, 0, 1)
	// Welcome: a rule that does not look at the address itself.
	all, err := s.DueFor(ctx, data.OccasionWelcome, data.ChannelAny, from, to, now)
	if err != nil || len(all) != len(ids) {
		t.Fatalf("any channel: %d of %d (%v)", len(all), len(ids), err)
	}
	for _, ch := range []data.Channel{data.ChannelPost, data.ChannelEmail} {
		sqlSide, err := s.DueFor(ctx, data.OccasionWelcome, ch, from, to, now)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]bool{}
		for _, d := range sqlSide {
			want[d.ID] = true
		}
		for _, d := range all {
			if data.Reachable(d.Client, ch) != want[d.ID] {
				t.Errorf("%s: client %+v: Go says %v, SQL %v", ch, d.Client, data.Reachable(d.Client, ch), want[d.ID])
			}
		}
	}
}
