package data

import "testing"

// TestShowPhone: every phone of a book shows in one form, whatever the
// source wrote: national for the book's country, international for
// others, as typed when it is not a phone number.
func TestShowPhone(t *testing.T) {
	for _, tc := range []struct{ phone, country, want string }{
		{"+15125550190", "US", "(512) 555-0190"}, // as Square exports it
		{"512-555-0190", "US", "(512) 555-0190"},
		{"(512) 555 0190", "US", "(512) 555-0190"},
		{"512.555.0190", "US", "(512) 555-0190"},
		{"+1 416 555 0123", "CA", "(416) 555-0123"},
		{"+442079460958", "US", "+44 20 7946 0958"},
		{"+44 20 7946 0958", "GB", "020 7946 0958"},
		{"07700 900123", "GB", "07700 900123"},
		{"+447700900123", "GB", "07700 900123"},
		{"+15125550190", "GB", "+1 512-555-0190"},
		{"+33 1 42 68 53 00", "US", "+33 1 42 68 53 00"},
		{"+15125550190", "", "+1 512-555-0190"},
		{"512-555-0190", "", "512-555-0190"}, // no country known: as typed
		{"512-555-0190 ext. 12", "US", "(512) 555-0190 ext. 12"},
		{"call the shop", "US", "call the shop"},
		{"12", "US", "12"},
		{"  ", "US", ""},
	} {
		if got := ShowPhone(tc.phone, tc.country); got != tc.want {
			t.Errorf("ShowPhone(%q, %q) = %q, want %q", tc.phone, tc.country, got, tc.want)
		}
	}
}

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
		if got := regionOf(loc); got != want {
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
