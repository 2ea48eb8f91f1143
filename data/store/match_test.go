package store

import (
	"strings"
	"testing"

	"regulars/data"
)

func TestHouseholdIsTwoClients(t *testing.T) {
	s := openTest(t)
	mother := addClient(t, s, data.Client{FirstName: "Keiko", LastName: "Tanaka", Phone: "03 1234 5678", Email: "tanaka.family@example.jp"})
	addClient(t, s, data.Client{FirstName: "Yui", LastName: "Tanaka", Phone: "+81 3 1234 5678", Email: "tanaka.family@example.jp"})
	pairs, err := s.FindDuplicates(ctx)
	if err != nil || len(pairs) != 0 {
		t.Errorf("a household listed as duplicates: %+v %v", pairs, err)
	}
	m, _ := s.NewMatcher(ctx)
	got, ok := m.Find(data.Client{FirstName: "Keiko", LastName: "Tanaka", Phone: "0312345678"})
	if !ok || got.Agreement != data.Same || got.Client.ID != mother {
		t.Errorf("the mother not found by phone and name: %+v", got)
	}
}

func TestMergeTakingTheOthersValues(t *testing.T) {
	s := openTest(t)
	keep := addClient(t, s, data.Client{FirstName: "Jon", LastName: "Smith", Email: "jon@old.example", Phone: "555 111 2222", Birthday: data.Birthday{Year: 1980, Month: 1, Day: 2}})
	other := addClient(t, s, data.Client{FirstName: "John", LastName: "Smith", Email: "john@new.example", Phone: "555 333 4444", Birthday: data.Birthday{Year: 1980, Month: 2, Day: 1}})
	if _, err := s.MergeClientsTaking(ctx, keep, other, []string{"nickname"}); err == nil {
		t.Error("an unknown field was taken")
	}
	conflicts, err := s.MergeClientsTaking(ctx, keep, other, []string{"first name", "email", "phone"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Client(ctx, keep)
	if c.FirstName != "John" || c.Email != "john@new.example" || c.Phone != "555 333 4444" ||
		strings.Join(c.OtherPhones, ",") != "555 111 2222" || strings.Join(c.OtherEmails, ",") != "jon@old.example" || strings.Contains(c.Notes, "Other email") ||
		c.Birthday != (data.Birthday{Year: 1980, Month: 1, Day: 2}) {
		t.Errorf("merged: %+v", c)
	}
	if len(conflicts) != 1 || conflicts[0].Field != "birthday" {
		t.Errorf("conflicts: %+v", conflicts)
	}
}

func TestOtherPhonesKept(t *testing.T) {
	s := openTest(t)
	c := data.Client{FirstName: "Ana", LastName: "Silva", Phone: "555 111 2222", OtherPhones: []string{"555 333 4444", " ", "(555) 111-2222", "555 333 4444"}}
	id, err := s.AddClient(ctx, &c)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Client(ctx, id)
	if strings.Join(got.Phones(), ",") != "555 111 2222,555 333 4444" {
		t.Errorf("phones %q", got.Phones())
	}
	bad := data.Client{FirstName: "Bo", OtherPhones: []string{"call me"}}
	if err := bad.Validate(); err == nil {
		t.Error("a bad other phone passed")
	}
	res, _ := s.Search(ctx, "5553334444", 5)
	if len(res.Clients) != 1 || res.Clients[0].ID != id {
		t.Errorf("search by another phone: %+v", res.Clients)
	}
}
