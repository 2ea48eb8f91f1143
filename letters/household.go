package letters

import (
	"context"
	"fmt"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/paper"
)

// PrepareHouseholdCards merges the template once per household card: the
// household's name on the envelope at the address of its first member
// due, and the first names of those due ("Ada and Chidi") where the
// template says {{.FirstName}}. A client on their own gets their usual
// card. Each card's ClientID is its first member; members lists, per card,
// every client it is for (to mark them all sent).
func PrepareHouseholdCards(ctx context.Context, s *store.Store, b data.Batch, t data.Template, groups []data.HouseholdCard) (cards []paper.Card, members [][]int64, err error) {
	home, err := s.Country(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, g := range groups {
		first := g.Due[0].Client
		f, err := s.MergeFieldsForBatch(ctx, first, b)
		if err != nil {
			return nil, nil, err
		}
		var ids []int64
		for _, d := range g.Due {
			ids = append(ids, d.ID)
		}
		address := AddressLines(first, home)
		name := first.Name()
		if g.Household.ID != 0 && len(g.Due) > 1 {
			name = g.Household.Name
			f.FirstName = g.Names()
			f.FullName = g.Household.Name
			address = append([]string{g.Household.Name}, first.Address.LinesFrom(home)...)
		}
		m, err := t.Merge(f)
		if err != nil {
			return nil, nil, fmt.Errorf("template %s for %s: %w", t.Name, name, err)
		}
		sig, err := StaffSignature(ctx, s, first.ID)
		if err != nil {
			return nil, nil, err
		}
		cards = append(cards, paper.Card{ClientID: first.ID, Name: name, Text: m.Body, Address: address, Seed: paper.Seed(first.ID, b.ID), Signature: sig})
		members = append(members, ids)
	}
	return cards, members, nil
}
