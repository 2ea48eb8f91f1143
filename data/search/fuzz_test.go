package search_test

import (
	"context"
	"path/filepath"
	"testing"

	"regulars/data"
	"regulars/data/search"
	"regulars/data/store"
)

// FuzzSearch: whatever is typed in the search field parses into words that
// are never empty, and searching a small book for it neither fails nor
// finds more than the book holds.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "ana", "o'bri", "555 1234", "+1 (555)", "José Müller", "ﬀ", "\x00", "a-b-c", "vip", "@example"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := store.Open(filepath.Join(f.TempDir(), "regulars.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	for _, c := range []data.Client{
		{FirstName: "Ana", LastName: "López", Phone: "555-1234", Tags: []string{"VIP"}},
		{FirstName: "Seán", LastName: "O'Brien", Email: "sean@example.com", Company: "Blue Door"},
		{FirstName: "Łukasz", LastName: "Wiśniewski-Nowak", Phone: "+48 22 123 45 67"},
	} {
		if _, err := s.AddClient(ctx, &c); err != nil {
			f.Fatalf("add %s: %v", c.Name(), err)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		q := search.ParseQuery(text)
		for _, w := range q.Words {
			if w == "" {
				t.Errorf("ParseQuery(%q) has an empty word", text)
			}
		}
		res, err := s.Search(ctx, text, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		if res.Total < len(res.Clients) || res.Total > 3 {
			t.Errorf("Search(%q): %d of %d", text, len(res.Clients), res.Total)
		}
		data.NameKey(text, text)
	})
}
