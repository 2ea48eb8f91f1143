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
