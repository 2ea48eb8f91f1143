package store

import (
	"testing"

	"regulars/data"
)

// TestBookCountry: the country set wins, then the locale's, then the
// country of the currency; a wrong code is refused.
func TestBookCountry(t *testing.T) {
	s := openTest(t)
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_CTYPE", "")
	t.Setenv("LANG", "C")
	t.Setenv("LC_MONETARY", "")
	if c, _ := s.Country(ctx); c != "" {
		t.Errorf("nothing known: %q", c)
	}
	s.SetCurrency(ctx, "GBP")
	if c, _ := s.Country(ctx); c != "GB" {
		t.Errorf("from the currency: %q", c)
	}
	t.Setenv("LANG", "en_US.UTF-8")
	if c, _ := s.Country(ctx); c != "US" {
		t.Errorf("from the locale: %q", c)
	}
	for loc, want := range map[string]string{"en_GB.UTF-8": "GB", "fr_CA": "CA", "de-AT": "AT", "C.UTF-8": "", "POSIX": "", "en": ""} {
		if got := data.RegionOf(loc); got != want {
			t.Errorf("regionOf(%q) = %q, want %q", loc, got, want)
		}
	}
	if err := s.SetCountry(ctx, "ZZ"); err == nil {
		t.Error("ZZ accepted")
	}
	if err := s.SetCountry(ctx, "ie"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Country(ctx); c != "IE" {
		t.Errorf("set: %q", c)
	}
}
