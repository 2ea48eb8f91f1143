package store

import (
	"slices"
	"testing"

	"regulars/data"
)

// TestPhoneScan: a search by digits finds every client with them in any
// phone, once, including clients whose phones changed or who were added
// after the scan was made, and not those whose old number matched.
func TestPhoneScan(t *testing.T) {
	entries := []indexEntry{
		{digits: "5551234"},
		{digits: "5559999 4412345"},
		{digits: ""},
		{digits: "1234 1234"},
	}
	var ps phoneScan
	found := func(d string) []int32 {
		var out []int32
		ps.find(entries, d, func(p int32) { out = append(out, p) })
		slices.Sort(out)
		return out
	}
	if got := found("1234"); !slices.Equal(got, []int32{0, 1, 3}) {
		t.Errorf("1234: %v", got)
	}
	if got := found("99994"); len(got) != 0 {
		t.Errorf("a match across two phones: %v", got)
	}
	if got := found("345555"); len(got) != 0 {
		t.Errorf("a match across two clients: %v", got)
	}
	// Client 0 changes number; client 4 is added.
	ps.changed(0, entries[0].digits, "7770000")
	entries[0].digits = "7770000"
	entries = append(entries, indexEntry{digits: "0001234"})
	if got := found("1234"); !slices.Equal(got, []int32{1, 3, 4}) {
		t.Errorf("after the changes, 1234: %v", got)
	}
	if got := found("7770"); !slices.Equal(got, []int32{0}) {
		t.Errorf("the new number: %v", got)
	}
}

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
