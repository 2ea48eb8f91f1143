package store

import (
	"errors"
	"testing"
	"time"

	"regulars/data"
)

func TestKeepInTouchInTheBook(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	s.Now = func() time.Time { return asOf }
	if err := s.SetTagCadence(ctx, "VIP", data.Cadence{Ideal: 30, Max: 45}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTagCadence(ctx, "VIP", data.Cadence{Ideal: 50, Max: 40}); err == nil {
		t.Error("a tag cadence with max < ideal was saved")
	}
	ago := func(days int) time.Time { return asOf.AddDate(0, 0, -days) }
	mk := func(first string, tags []string, lastVisitDaysAgo int) int64 {
		id := addClient(t, s, data.Client{FirstName: first, LastName: "Test", Tags: tags, Birthday: data.Birthday{Month: 12, Day: 5},
			Address: data.Address{Street: "1 Elm St", City: "Austin"}})
		if lastVisitDaysAgo >= 0 {
			if _, err := s.LogVisit(ctx, &data.Visit{ClientID: id, At: ago(lastVisitDaysAgo), AmountCents: -1}); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	fresh := mk("Fresh", nil, 3)          // ok, thank-you due
	due := mk("Due", nil, 70)             // due (60/90)
	overdue := mk("Overdue", nil, 120)    // overdue
	vip := mk("Vip", []string{"vip"}, 40) // due by the tag (30/45)
	called := mk("Called", nil, 200)      // a call resets the clock
	snoozed := mk("Snoozed", nil, 150)
	mk("Never", nil, -1) // added today, never contacted: new

	if _, err := s.LogContact(ctx, &data.Contact{ClientID: called, At: ago(2), Kind: data.ContactCall, Note: "rang about colour"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: called, At: ago(1), Kind: data.ContactVisit}); err == nil {
		t.Error("a visit logged as a contact")
	}
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: called, At: ago(1), Kind: data.ContactCall, ThankYou: true}); err == nil {
		t.Error("a call counted as a thank-you")
	}
	if err := s.Snooze(ctx, snoozed, asOf.AddDate(0, 0, 7)); err != nil {
		t.Fatal(err)
	}
	// A thank-you card after the visit clears "thank-you due" for Due.
	if _, err := s.LogContact(ctx, &data.Contact{ClientID: due, At: ago(69), Kind: data.ContactCard, ThankYou: true}); err != nil {
		t.Fatal(err)
	}
	d, err := s.Dashboard(ctx, asOf)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(l []data.ClientStanding) []int64 {
		var out []int64
		for _, c := range l {
			out = append(out, c.ID)
		}
		return out
	}
	eq := func(name string, got, want []int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", name, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %v, want %v", name, got, want)
				return
			}
		}
	}
	eq("overdue", ids(d.Overdue), []int64{overdue})
	eq("due", ids(d.Due), []int64{due, vip}) // the card 69 days ago is Due's last contact
	// A thank-you follows a recent visit (30 days): the others' visits
	// are too old.
	eq("thank-you due", ids(d.ThankYouDue), []int64{fresh})
	// Birthday cards go 7–21 days ahead; a snooze does not hide a birthday.
	if len(d.Birthdays) != 7 || d.Birthdays[0].BirthdayIn != 12 {
		t.Errorf("birthdays: %d, first in %d days", len(d.Birthdays), d.Birthdays[0].BirthdayIn)
	}
	if d.Clients != 7 || d.Active+d.Lapsed != 6 {
		t.Errorf("clients %d, active %d, lapsed %d", d.Clients, d.Active, d.Lapsed)
	}
	last := d.VisitsByMonth[len(d.VisitsByMonth)-1]
	if len(d.VisitsByMonth) != 12 || last.Month.Month() != time.November || last.Visits != 1 {
		t.Errorf("visits by month: %+v", d.VisitsByMonth)
	}
	c, _ := s.Client(ctx, called)
	st, _ := s.StandingOfClient(ctx, c, asOf)
	if st.Status != data.StatusOK || st.DaysSince != 2 {
		t.Errorf("after the call: %+v", st)
	}
	if lc, ok, _ := s.LastContact(ctx, called); !ok || lc.Kind != data.ContactCall {
		t.Errorf("last contact %+v", lc)
	}

	// Snooze ends on its day.
	later, _ := s.Dashboard(ctx, asOf.AddDate(0, 0, 7))
	found := false
	for _, c := range later.Overdue {
		found = found || c.ID == snoozed
	}
	if !found {
		t.Error("the snooze did not end")
	}

	due2, err := s.DueClients(ctx, asOf)
	if err != nil || len(due2) != 3 || due2[0].ID != overdue || due2[0].LastContactKind != data.ContactVisit {
		t.Errorf("due clients: %+v %v", due2, err)
	}
}

func TestFollowUpsAndComplaints(t *testing.T) {
	s := openTest(t)
	asOf := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	id := addClient(t, s, data.Client{FirstName: "Marisol", LastName: "Ortiz"})
	if _, err := s.AddFollowUp(ctx, &data.FollowUp{ClientID: id, What: "  "}); err == nil {
		t.Error("empty follow-up saved")
	}
	late := data.FollowUp{ClientID: id, What: "Call back about the order", Due: asOf.AddDate(0, 0, -2)}
	soon := data.FollowUp{ClientID: id, What: "Confirm the wedding trial", Due: asOf.AddDate(0, 0, 3)}
	far := data.FollowUp{ClientID: id, What: "Ask about next season", Due: asOf.AddDate(0, 1, 0)}
	for _, f := range []*data.FollowUp{&late, &soon, &far} {
		if _, err := s.AddFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	k := data.Complaint{ClientID: id, RaisedOn: asOf, Description: "Colour faded after a week"}
	if _, err := s.AddComplaint(ctx, &k); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Dashboard(ctx, asOf)
	if len(d.FollowUps) != 2 || d.FollowUps[0].ID != late.ID || d.LateFollowUps != 1 || d.FollowUps[0].ClientName != "Marisol Ortiz" {
		t.Errorf("follow-ups: %+v, late %d", d.FollowUps, d.LateFollowUps)
	}
	if len(d.Complaints) != 1 || d.Complaints[0].Description != "Colour faded after a week" {
		t.Errorf("complaints: %+v", d.Complaints)
	}
	if err := s.FinishFollowUp(ctx, late.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.ResolveComplaint(ctx, k.ID, "", asOf); err == nil {
		t.Error("resolved without saying how")
	}
	if err := s.ResolveComplaint(ctx, k.ID, "Redone for free, with a voucher", asOf); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Dashboard(ctx, asOf)
	if len(d.FollowUps) != 1 || d.FollowUps[0].ID != soon.ID || len(d.Complaints) != 0 {
		t.Errorf("after done/resolved: %+v %+v", d.FollowUps, d.Complaints)
	}
	all, _ := s.ClientFollowUps(ctx, id)
	ks, _ := s.ClientComplaints(ctx, id)
	if len(all) != 3 || !all[0].Done() || len(ks) != 1 || ks[0].Open() {
		t.Errorf("client history: %+v %+v", all, ks)
	}
	if err := s.FinishFollowUp(ctx, 999, true); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing follow-up: %v", err)
	}
	// A client in the trash drops off the dashboard.
	s.DeleteClient(ctx, id)
	d, _ = s.Dashboard(ctx, asOf)
	if len(d.FollowUps) != 0 {
		t.Errorf("deleted client's follow-ups listed: %+v", d.FollowUps)
	}
}

func TestDefaultCadenceSetting(t *testing.T) {
	s := openTest(t)
	p, _ := s.CadencePolicy(ctx)
	if p.Default != data.DefaultCadence {
		t.Errorf("default %v", p.Default)
	}
	if err := s.SetDefaultCadence(ctx, data.Cadence{Ideal: 0, Max: 10}); err == nil {
		t.Error("zero ideal accepted")
	}
	if err := s.SetDefaultCadence(ctx, data.Cadence{Ideal: 45, Max: 75}); err != nil {
		t.Fatal(err)
	}
	p, _ = s.CadencePolicy(ctx)
	if p.Default != (data.Cadence{Ideal: 45, Max: 75}) {
		t.Errorf("default %v", p.Default)
	}
}
