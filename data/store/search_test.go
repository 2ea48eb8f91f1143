package store

import (
	"slices"
	"testing"

	"regulars/data"
)

func TestSearchByPhoneAfterEdits(t *testing.T) {
	s := openTest(t)
	a := addClient(t, s, data.Client{FirstName: "Ana", LastName: "Ruiz", Phone: "(555) 010-2030"})
	b := addClient(t, s, data.Client{FirstName: "Ben", LastName: "Ode", Phone: "555 777 2030", OtherPhones: []string{"020 7946 0011"}})
	ids := func(q string) []int64 {
		res, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, c := range res.Clients {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return out
	}
	if got := ids("2030"); !slices.Equal(got, []int64{a, b}) {
		t.Fatalf("2030: %v", got)
	}
	c, _ := s.Client(ctx, a)
	c.Phone = "555 888 4444"
	if err := s.UpdateClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	d := addClient(t, s, data.Client{FirstName: "Dee", LastName: "New", Phone: "555 123 2030"})
	if got := ids("2030"); !slices.Equal(got, []int64{b, d}) {
		t.Errorf("2030 after the edit: %v", got)
	}
	if got := ids("8884444"); !slices.Equal(got, []int64{a}) {
		t.Errorf("the new number: %v", got)
	}
	if got := ids("79460011"); !slices.Equal(got, []int64{b}) {
		t.Errorf("another phone: %v", got)
	}
}
