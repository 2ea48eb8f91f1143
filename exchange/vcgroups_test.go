package exchange

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"regulars/data"
)

// TestICloudExport: an iCloud export's group card is not a client (its
// members get its name as a tag), a raw Windows-1252 ORG with no CHARSET
// loses neither the file nor the card (reported with its card and line),
// the name prefix is kept and the second email kept as an email.
func TestICloudExport(t *testing.T) {
	r, err := Read(fixture(t, filepath.Join("sales", "icloud.vcf")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.People) != 2 {
		t.Fatalf("%d people, want 2 (the group is not one): %+v", len(r.People), r.People)
	}
	a := r.People[0]
	if a.Client.Company != "Salong Skönhet" || !strings.Contains(strings.Join(a.Warnings, " "), "card 1, line 6") {
		t.Errorf("the ORG line: %q, warnings %q", a.Client.Company, a.Warnings)
	}
	s := book(t)
	rows, err := Plan(ctx, s, r.People)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.ApplyImport(ctx, rows); err != nil {
		t.Fatal(err)
	}
	var got []string
	s.EachClient(ctx, func(c data.Client) error {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s|%s", c.NamePrefix, c.FirstName, c.LastName, c.Email,
			strings.Join(c.OtherEmails, ","), strings.Join(c.Tags, ",")))
		return nil
	})
	want := []string{"Dr.|Astrid|Lind|astrid@example.se|astrid.lind@work.example|VIP Clients", "|Nils|Bergström|||VIP Clients"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the book %q, want %q", got, want)
	}
	// The second email is searchable and matches: a row with it alone is
	// Astrid, not a new client.
	res, err := s.Search(ctx, "astrid.lind@work", 5)
	if err != nil || len(res.Clients) != 1 {
		t.Errorf("search by the other email: %+v %v", res.Clients, err)
	}
	again := importBytes(t, s, []byte("First Name,Last Name,Email\nAstrid,Lind,astrid.lind@work.example\n"), FormatAuto)
	if again[0].Action != data.ImportSkip {
		t.Errorf("a row with the other email: %s %s", again[0].Action, again[0].MatchedBy)
	}
}
