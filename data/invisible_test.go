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

// TestInvisibleOnEveryWayIn: a client added or edited (the window and the
// command line both save through AddClient and UpdateClient) is stored
// without invisible characters, and found by what a person types.
func TestInvisibleOnEveryWayIn(t *testing.T) {
	s := openTest(t)
	c := Client{FirstName: "Ann\u200fX", LastName: "Lee\u061c", Email: "\ufeffann@example.com", Phone: "555\u00ad 0101",
		OtherEmails: []string{"ann\u200b@work.example"}}
	if _, err := s.AddClient(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Client(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FirstName != "AnnX" || got.LastName != "Lee" || got.Email != "ann@example.com" || got.Phone != "555 0101" ||
		len(got.OtherEmails) != 1 || got.OtherEmails[0] != "ann@work.example" {
		t.Errorf("stored %+q %+q %+q %+q %+q", got.FirstName, got.LastName, got.Email, got.Phone, got.OtherEmails)
	}
	got.LastName = "Lee\u200e-Park"
	if err := s.UpdateClient(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Client(ctx, c.ID); again.LastName != "Lee-Park" {
		t.Errorf("edited: %+q", again.LastName)
	}
	res, err := s.Search(ctx, "annx", 5)
	if err != nil || len(res.Clients) != 1 {
		t.Errorf("search annx: %+v %v", res.Clients, err)
	}
}
