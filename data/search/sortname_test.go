package search

import (
	"strings"
	"testing"

	"regulars/data"
)

// TestSortNamesAsFolded: clients who last came at the same moment are
// listed by their folded "last first company", accents and case ignored,
// whether plain ASCII or not, as Fold orders them.
func TestSortNamesAsFolded(t *testing.T) {
	names := [][3]string{
		{"Núñez", "José", ""}, {"nunez", "Ana", ""}, {"Nunez", "jose", "Acme"}, {"Ørsted", "Søren", ""},
		{"Orsted", "Anders", ""}, {"O'Brien", "Mary", ""}, {"", "", "Zeta Ltd"}, {"", "", "Ærø Café"},
		{"Smith", "", ""}, {"SMITH", "Zoe", ""}, {"smith", "zoe", "a"},
		{"Lee", "Ann", ""}, {"Leeds", "Ann", ""}, {"Lee", "Ann Marie", ""}, {"Lee", "Ann", "Co"}, {"Lee", "", "Co"},
		{"De Souza", "Ana", ""}, {"De", "Souza Ana", ""}, {"De", "Souza", "Ana"}, {"Lee!", "X", ""}, {"Lee\t", "X", ""}, {"", "", ""},
	}
	entries := make([]Entry, len(names))
	for i, n := range names {
		entries[i] = Entry{text: n[1] + n[0] + n[2]}
		entries[i].cut = [4]uint32{uint32(len(n[1])), uint32(len(n[1]) + len(n[0])), uint32(len(entries[i].text)), uint32(len(entries[i].text))}
		if i%2 == 0 {
			// Tokenized, as after the search words are listed; the
			// others fold as they are compared.
			entries[i].terms = "x"
			foldSortName(&entries[i])
		}
	}
	for i := range names {
		for j := range names {
			want := strings.Compare(data.Fold(names[i][0]+" "+names[i][1]+" "+names[i][2]), data.Fold(names[j][0]+" "+names[j][1]+" "+names[j][2]))
			if got := compareSortNames(&entries[i], &entries[j]); got != want {
				t.Errorf("%v against %v: %d, want %d", names[i], names[j], got, want)
			}
		}
	}
}
