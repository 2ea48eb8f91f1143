package letters

import (
	"path/filepath"
	"slices"
	"testing"

	"regulars/data"
	"regulars/data/store"
)

// TestCountryLineOnlyAbroad: an envelope to a client at home has no
// country line; one abroad keeps it.
func TestCountryLineOnlyAbroad(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetSetting(ctx, data.SettingCountry, "United States"); err != nil {
		t.Fatal(err)
	}
	home := data.Client{ID: 1, FirstName: "Ann", LastName: "Home", Address: data.Address{Street: "12 Oak Avenue", City: "Austin", Region: "TX", PostalCode: "78701", Country: "USA"}}
	abroad := data.Client{ID: 2, FirstName: "Bea", LastName: "Away", Address: data.Address{Street: "5 Rue Haute", City: "Lyon", PostalCode: "69001", Country: "France"}}
	tpl := data.Template{Name: "T", Body: "Dear {{.FirstName}}, thank you!"}
	cards, err := PrepareCards(ctx, s, data.Batch{Occasion: data.OccasionThanks}, tpl, []data.Client{home, abroad}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cards[0].Address; slices.Contains(got, "USA") || len(got) != 3 {
		t.Errorf("at home: %q, want no country line", got)
	}
	if got := cards[1].Address; got[len(got)-1] != "France" {
		t.Errorf("abroad: %q, want the country last", got)
	}
	// No country set: every country line stays.
	if err := s.SetSetting(ctx, data.SettingCountry, ""); err != nil {
		t.Fatal(err)
	}
	cards, _ = PrepareCards(ctx, s, data.Batch{Occasion: data.OccasionThanks}, tpl, []data.Client{home}, nil)
	if got := cards[0].Address; got[len(got)-1] != "USA" {
		t.Errorf("no home country: %q", got)
	}
}
