package store

import (
	"strings"
	"testing"
	"time"

	"regulars/data"
)

func TestFindDuplicatesAndMerge(t *testing.T) {
	s := openTest(t)
	ana := addClient(t, s, data.Client{FirstName: "Ana", LastName: "López", Email: "ana@example.com", Tags: []string{"VIP"}, Notes: "Tea, no milk"})
	anna := addClient(t, s, data.Client{FirstName: "Anna", LastName: "Lopez", Phone: "555 123 4567", Address: data.Address{Street: "1 Main St", City: "Austin"}, Tags: []string{"wedding"}, Notes: "Brings her dog"})
	addClient(t, s, data.Client{FirstName: "Bo", LastName: "Berg", Email: "ANA@example.com"})
	addClient(t, s, data.Client{FirstName: "Cy", LastName: "Other", Phone: "+1 (555) 123-4567"})
	addClient(t, s, data.Client{FirstName: "Dee", LastName: "Solo"})
	pairs, err := s.FindDuplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]int{}
	for _, p := range pairs {
		reasons[p.Reason]++
	}
	// Bo shares Ana's email and Cy shares Anna's phone, but their names
	// disagree: a household, not duplicates.
	if reasons["similar names"] != 1 || len(pairs) != 1 || pairs[0].Sure || !pairs[0].NameOnly {
		t.Errorf("pairs: %+v", pairs)
	}

	// Merge Anna into Ana: every visit, contact, follow-up and tag kept.
	at := time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)
	s.LogVisit(ctx, &data.Visit{ClientID: ana, At: at, What: "Cut", AmountCents: -1})
	s.LogVisit(ctx, &data.Visit{ClientID: anna, At: at.AddDate(0, 1, 0), What: "Colour", AmountCents: -1})
	s.LogContact(ctx, &data.Contact{ClientID: anna, At: at.AddDate(0, 1, 2), Kind: data.ContactCard, ThankYou: true})
	s.AddFollowUp(ctx, &data.FollowUp{ClientID: anna, What: "Call back", Due: at})
	s.AddComplaint(ctx, &data.Complaint{ClientID: anna, RaisedOn: at, Description: "Late"})
	conflicts, err := s.MergeClients(ctx, ana, anna)
	if err != nil {
		t.Fatal(err)
	}
	if len(conflicts) != 1 || conflicts[0].Field != "first name" {
		t.Errorf("conflicts %+v", conflicts)
	}
	c, _ := s.Client(ctx, ana)
	if c.Phone != "555 123 4567" || c.Address.City != "Austin" || strings.Join(c.Tags, ",") != "VIP,wedding" ||
		!strings.Contains(c.Notes, "Tea, no milk") || !strings.Contains(c.Notes, "Brings her dog") || c.VisitCount != 2 ||
		!c.LastVisitAt.Equal(at.AddDate(0, 1, 0)) {
		t.Errorf("merged: %+v", c)
	}
	vs, _ := s.Visits(ctx, ana, 0)
	fs, _ := s.ClientFollowUps(ctx, ana)
	ks, _ := s.ClientComplaints(ctx, ana)
	cs, _ := s.Contacts(ctx, ana)
	if len(vs) != 2 || len(fs) != 1 || len(ks) != 1 || len(cs) != 3 {
		t.Errorf("history: %d visits, %d follow-ups, %d complaints, %d contacts", len(vs), len(fs), len(ks), len(cs))
	}
	if _, err := s.Client(ctx, anna); err == nil {
		t.Error("the merged client is still there")
	}
	backups, _ := s.Backups()
	if len(backups) == 0 || !strings.Contains(backups[0].Path, "before-merge") {
		t.Errorf("no backup before the merge")
	}
	if _, err := s.MergeClients(ctx, ana, ana); err == nil {
		t.Error("merged a client with itself")
	}
}
