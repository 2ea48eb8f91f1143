package data

import (
	"strings"
)

// Household is clients who live together ("The Okafors"): a batch can
// write them one card at their shared address instead of one each.
type Household struct {
	ID      int64
	Name    string
	Members []int64
}

// HouseholdCard is one card for the members of a household who are due
// a note: addressed to the household, naming those who are due.
type HouseholdCard struct {
	Household Household // zero for a client on their own
	Due       []DueClient
}

// Names joins the first names of those due: "Ada and Chidi", "Ada, Chidi
// and Ngozi".
func (h HouseholdCard) Names() string {
	var names []string
	for _, d := range h.Due {
		n := d.FirstName
		if n == "" {
			n = d.Name()
		}
		names = append(names, n)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
