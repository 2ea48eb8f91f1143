package data

import (
	"slices"
	"testing"
)

func TestSameCountry(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"USA", "United States", true},
		{"U.S.A.", "us", true},
		{"united states of america", "USA", true},
		{"UK", "United Kingdom", true},
		{"Deutschland", "Germany", true},
		{"France", "france ", true},
		{"Canada", "USA", false},
		{"", "", false},
		{"", "USA", false},
		{"Narnia", "narnia", true},
	}
	for _, tc := range cases {
		if got := SameCountry(tc.a, tc.b); got != tc.want {
			t.Errorf("SameCountry(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
	a := Address{Street: "12 Oak Avenue", City: "Austin", Region: "TX", PostalCode: "78701", Country: "USA"}
	if got := a.LinesFrom("United States"); slices.Contains(got, "USA") {
		t.Errorf("at home: %q", got)
	}
	if got := a.LinesFrom("Canada"); got[len(got)-1] != "USA" {
		t.Errorf("abroad: %q", got)
	}
	if got := a.LinesFrom(""); got[len(got)-1] != "USA" {
		t.Errorf("no home: %q", got)
	}
}
