package search

import (
	"slices"
	"testing"
)

// TestPhoneScan: a search by digits finds every client with them in any
// phone, once, including clients whose phones changed or who were added
// after the scan was made, and not those whose old number matched.
func TestPhoneScan(t *testing.T) {
	entries := []Entry{
		{Digits: "5551234"},
		{Digits: "5559999 4412345"},
		{Digits: ""},
		{Digits: "1234 1234"},
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
	ps.changed(0, entries[0].Digits, "7770000")
	entries[0].Digits = "7770000"
	entries = append(entries, Entry{Digits: "0001234"})
	if got := found("1234"); !slices.Equal(got, []int32{1, 3, 4}) {
		t.Errorf("after the changes, 1234: %v", got)
	}
	if got := found("7770"); !slices.Equal(got, []int32{0}) {
		t.Errorf("the new number: %v", got)
	}
}
