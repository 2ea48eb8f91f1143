package store

import (
	"testing"

	"regulars/data"
)

// TestInvisibleOnEveryWayIn: a client added or edited (the window and the
// command line both save through AddClient and UpdateClient) is stored
// without invisible characters, and found by what a person types.
func TestInvisibleOnEveryWayIn(t *testing.T) {
	s := openTest(t)
	c := data.Client{FirstName: "Ann\u200fX", LastName: "Lee\u061c", Email: "\ufeffann@example.com", Phone: "555\u00ad 0101",
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
