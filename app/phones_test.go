package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
)

// TestClientPaneShowsEveryPhone: the client pane shows the second phone
// too, and every phone in one form for a US book, however it was typed or
// imported; the book keeps them as they were.
func TestClientPaneShowsEveryPhone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	s0, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s0.SetCountry(ctx, "US"); err != nil {
		t.Fatal(err)
	}
	s0.Close()
	u, s := newTestUIOn(t, path, data.Client{FirstName: "Ann", LastName: "Lee", Phone: "+15125550190",
		OtherPhones: []string{"512.555.0191", "+44 20 7946 0958"}})
	u.tabs.Select(u.booktab)
	test.Type(u.book.Search, "ann")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.book.Pane.Client.FirstName != "Ann" {
		t.Fatalf("opened %q", u.book.Pane.Client.Name())
	}
	got := strings.Join(widgettest.Labels(u.book.Pane.Details), "|")
	for _, want := range []string{"Phone|(512) 555-0190", "Other phone|(512) 555-0191", "Other phone|+44 20 7946 0958"} {
		if !strings.Contains(got, want) {
			t.Errorf("pane details lack %q: %s", want, got)
		}
	}
	if list := strings.Join(widgettest.Labels(u.book.List), "|"); !strings.Contains(list, "(512) 555-0190") || strings.Contains(list, "+15125550190") {
		t.Errorf("the list shows the phone as stored: %s", list)
	}
	c, _ := s.Client(ctx, u.book.Pane.Client.ID)
	if c.Phone != "+15125550190" || c.OtherPhones[0] != "512.555.0191" {
		t.Errorf("stored phones changed: %q %q", c.Phone, c.OtherPhones)
	}
}
