package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"regulars/data"
)

// TestEditConflictShowsBoth: someone at the counter opens Anna's card to
// edit her phone; meanwhile the owner (another seat, here a command on
// the same book) saves her email. Saving does not overwrite the owner's
// change: the form shows both, and keeps what was typed until the person
// chooses. "Keep mine" saves the typed phone over the owner's version;
// "Take theirs" shows the book's version instead.
func TestEditConflictShowsBoth(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Take theirs"} {
		t.Run(choice, func(t *testing.T) {
			u, s := newTestUI(t, testClients...)
			other, err := data.OpenShared(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			test.Type(u.book.search, "anna")
			u.book.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			id := u.book.pane.client.ID
			test.Type(u.book.search, "") // the search keeps focus; Ctrl+E edits
			u.book.pane.edit()
			f := u.dialog.form.(*clientForm)
			f.phone.SetText("555 000 1111")

			theirs, _ := other.Client(ctx, id)
			theirs.Email = "anna.keller@example.com"
			if err := other.UpdateClient(ctx, &theirs); err != nil {
				t.Fatal(err)
			}
			press(f.phone, fyne.KeyReturn)
			if u.dialog == nil {
				t.Fatal("the stale save closed the form")
			}
			if !strings.Contains(f.dlg.message.Text, "another computer") {
				t.Errorf("message %q", f.dlg.message.Text)
			}
			if c, _ := s.Client(ctx, id); c.Email != "anna.keller@example.com" || c.Phone != "555 987 6543" {
				t.Fatalf("the stale save changed the book: %+v", c)
			}
			shown := strings.Join(texts(f.dupBox), " | ")
			for _, want := range []string{"anna.keller@example.com", "555 000 1111", "555 987 6543", "In the book now", "Yours"} {
				if !strings.Contains(shown, want) {
					t.Errorf("the comparison lacks %q: %s", want, shown)
				}
			}
			if f.phone.Text != "555 000 1111" {
				t.Errorf("the typed phone was lost: %q", f.phone.Text)
			}
			b := findButton(t, f.dupBox, choice)
			test.Tap(b)
			c, _ := s.Client(ctx, id)
			switch choice {
			case "Keep mine":
				if u.dialog != nil {
					t.Fatalf("not saved: %q", f.dlg.message.Text)
				}
				if c.Phone != "555 000 1111" || c.Email != "" {
					t.Errorf("kept mine: %+v", c)
				}
			case "Take theirs":
				g, ok := u.dialog.form.(*clientForm)
				if !ok || g.email.Text != "anna.keller@example.com" || g.phone.Text != "555 987 6543" {
					t.Fatalf("the form does not show theirs")
				}
				g.notes.SetText("prefers mornings")
				test.Tap(g.dlg.save)
				c, _ = s.Client(ctx, id)
				if u.dialog != nil || c.Email != "anna.keller@example.com" || c.Notes != "prefers mornings" {
					t.Errorf("after taking theirs and saving: %+v", c)
				}
			}
		})
	}
}
