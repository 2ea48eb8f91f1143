package data

import "testing"

func TestStripInvisible(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Ann\u200fX", "AnnX"},                                               // right-to-left mark
		{"Lee\u061c", "Lee"},                                                 // Arabic letter mark
		{"\ufeffann@example.com", "ann@example.com"},                         // a byte-order mark inside a field
		{"Zo\u00ad\u00eb", "Zo\u00eb"},                                       // soft hyphen
		{"555\u200b 0101", "555 0101"},                                       // zero-width space
		{"Kim\u202e\u2066", "Kim"},                                           // an override and an isolate
		{"\u0645\u0647\u200c\u0633\u0627", "\u0645\u0647\u200c\u0633\u0627"}, // ZWNJ in a Persian name stays
		{"\u0915\u094d\u200d\u0937", "\u0915\u094d\u200d\u0937"},             // ZWJ after a virama (Devanagari) stays
		{"Ann\u200dX", "AnnX"},                                               // a joiner between Latin letters goes
		{"\u200cAnn", "Ann"},
		{"plain", "plain"},
	}
	for _, tc := range cases {
		if got := StripInvisible(tc.in); got != tc.want {
			t.Errorf("StripInvisible(%+q) = %+q, want %+q", tc.in, got, tc.want)
		}
	}
}
