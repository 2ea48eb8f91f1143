package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/app/clients"
	"regulars/app/widgets/widgettest"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
)

// TestEditConflictShowsBoth: someone at the counter opens Anna's card to
// edit her phone; meanwhile the owner (another seat, here a second Store on
// the same book, as a command would be) saves her details. Saving does
// not overwrite the owner's change: the form shows both, keeps what was
// typed until the person chooses, and keeps the owner's change to a
// detail the counter did not touch.
func TestEditConflictShowsBoth(t *testing.T) {
	for _, tc := range []struct {
		name      string
		theirs    func(c *data.Client)
		button    string
		shown     []string
		wantPhone string
		wantEmail string
	}{
		{"they changed another detail", func(c *data.Client) { c.Email = "anna.keller@example.com" },
			"Save both", []string{"Email", "anna.keller@example.com", "not changed by you: theirs is kept"}, "555 000 1111", "anna.keller@example.com"},
		{"both changed the phone", func(c *data.Client) { c.Phone = "555 222 3333"; c.Email = "anna.keller@example.com" },
			"Keep mine", []string{"Phone", "555 222 3333", "555 000 1111", "anna.keller@example.com"}, "555 000 1111", "anna.keller@example.com"},
		{"take theirs", func(c *data.Client) { c.Phone = "555 222 3333" },
			"Take theirs", []string{"Phone", "555 222 3333", "555 000 1111"}, "555 222 3333", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, s := newTestUIOn(t, anyEngineBook(t), booktest.Clients...)
			other, err := store.OpenShared(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			test.Type(u.book.Search, "anna")
			u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			id := u.book.Pane.Client.ID
			u.book.Pane.Edit()
			f := u.forms.Open.Form.(*clients.ClientForm)
			f.Phone.SetText("555 000 1111")

			theirs, _ := other.Client(ctx, id)
			tc.theirs(&theirs)
			if err := other.UpdateClient(ctx, &theirs); err != nil {
				t.Fatal(err)
			}
			widgettest.Press(f.Phone, fyne.KeyReturn)
			if u.forms.Open == nil {
				t.Fatal("the stale save closed the form")
			}
			if !strings.Contains(f.Dialog.Message.Text, "another computer") {
				t.Errorf("message %q", f.Dialog.Message.Text)
			}
			if c, _ := s.Client(ctx, id); c.Phone != theirs.Phone || c.Email != theirs.Email {
				t.Fatalf("the stale save changed the book: %+v", c)
			}
			shown := strings.Join(widgettest.Texts(f.DupBox), " | ")
			for _, want := range append(tc.shown, "Saved there", "Yours") {
				if !strings.Contains(shown, want) {
					t.Errorf("the comparison lacks %q: %s", want, shown)
				}
			}
			if f.Phone.Text != "555 000 1111" {
				t.Errorf("the typed phone was lost: %q", f.Phone.Text)
			}
			test.Tap(widgettest.FindButton(t, f.DupBox, tc.button))
			if tc.button == "Take theirs" {
				g, ok := u.forms.Open.Form.(*clients.ClientForm)
				if !ok || g == f || g.Phone.Text != "555 222 3333" {
					t.Fatalf("the form does not show theirs")
				}
				g.Notes.SetText("prefers mornings")
				test.Tap(g.Dialog.Save)
			}
			if u.forms.Open != nil {
				t.Fatalf("not saved: %q", u.forms.Open.Message.Text)
			}
			c, _ := s.Client(ctx, id)
			if c.Phone != tc.wantPhone || c.Email != tc.wantEmail {
				t.Errorf("saved phone %q email %q, want %q %q", c.Phone, c.Email, tc.wantPhone, tc.wantEmail)
			}
		})
	}
}
