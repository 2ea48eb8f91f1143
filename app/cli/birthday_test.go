package cli

import (
	"strings"
	"testing"

	"regulars/data/store"
)

// TestBirthdayAsPeopleWriteIt: add-client and edit-client take a birthday
// as people write it, in the book's order; a bad one is refused with what
// to write, and nothing is saved.
func TestBirthdayAsPeopleWriteIt(t *testing.T) {
	db := newBook(t)
	setCountry := func(country string) {
		t.Helper()
		mustRun(t, db, "business", "--country", country)
	}
	// A book in Ireland writes the day first, whatever the computer's locale.
	setCountry("Ireland")
	mustRun(t, db, "add-client", "--first", "Ann", "--last", "Named", "--birthday", "March 14", "--force")
	mustRun(t, db, "add-client", "--first", "Bea", "--last", "Dotted", "--birthday", "14.03.", "--force")
	mustRun(t, db, "add-client", "--first", "Cy", "--last", "Iso", "--birthday", "1990-03-14", "--force")
	code, _, errs := run(t, db, "add-client", "--first", "Di", "--last", "Bad", "--birthday", "14/14", "--force")
	if code == 0 || !strings.Contains(errs, "no month 14") {
		t.Errorf("a bad birthday: exit %d, %q", code, errs)
	}
	code, _, errs = run(t, db, "add-client", "--first", "Di", "--last", "Bad", "--birthday", "soon", "--force")
	if code == 0 || !strings.Contains(errs, "write it as 14/3 or 14 March") {
		t.Errorf("a birthday that is no date: exit %d, %q", code, errs)
	}

	// A book in the United States writes the month first.
	setCountry("USA")
	mustRun(t, db, "add-client", "--first", "Eve", "--last", "Us", "--birthday", "3/14/1990", "--force")
	mustRun(t, db, "edit-client", "Dotted", "--birthday", "3/15")

	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[string]string{"Named": "--03-14", "Dotted": "--03-15", "Iso": "1990-03-14", "Us": "1990-03-14"}
	for last, bd := range want {
		res, err := s.Search(ctx, last, 2)
		if err != nil || len(res.Clients) != 1 {
			t.Fatalf("%s: %v %v", last, res.Clients, err)
		}
		c, _ := s.Client(ctx, res.Clients[0].ID)
		if c.Birthday.String() != bd {
			t.Errorf("%s: birthday %q, want %q", last, c.Birthday, bd)
		}
	}
	if res, _ := s.Search(ctx, "Bad", 2); len(res.Clients) != 0 {
		t.Errorf("a client with a bad birthday was saved")
	}
}
