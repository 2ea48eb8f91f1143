package clients

import (
	"regulars/data"
	"regulars/data/demo"
	"regulars/internal/booktest"
	"regulars/internal/clock"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestLogVisitRefusesBadValues(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	test.Type(u.book.Search, "anna")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.book.LogVisit()
	f := u.forms.Open.Form.(*VisitForm)
	f.At.SetText("yesterday-ish")
	f.Amount.SetText("twelve")
	test.Tap(f.Dialog.Save)
	if u.forms.Open == nil {
		t.Fatal("dialog closed on bad values")
	}
	if msg := f.Rows[0].Err.Text; !strings.Contains(msg, "is not a date") || f.Rows[0].Err.Hidden {
		t.Errorf("date error %q", msg)
	}
	if msg := f.Rows[3].Err.Text; !strings.Contains(msg, "not a number") {
		t.Errorf("amount error %q", msg)
	}
	if v, _ := s.Visits(ctx, u.book.Pane.Client.ID, 0); len(v) != 0 {
		t.Errorf("saved %+v", v)
	}
	f.At.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.forms.Open != nil {
		t.Error("Esc did not close the dialog")
	}
}

func TestNewClientDuplicateWarning(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	// What was typed in the search becomes the name of the new client.
	test.Type(u.book.Search, "jose nunez")
	u.book.NewClient()
	f := u.forms.Open.Form.(*ClientForm)
	if f.First.Text != "Jose" || f.Last.Text != "Nunez" {
		t.Errorf("name from the search: %q %q", f.First.Text, f.Last.Text)
	}
	test.Tap(f.Dialog.Save)
	if u.forms.Open == nil || len(f.DupBox.Objects) == 0 || f.Dialog.Save.Text != "Add anyway" {
		t.Fatalf("no duplicate warning (dialog %v)", u.forms.Open)
	}
	if n, _ := s.ClientCount(ctx); n != 3 {
		t.Fatalf("added before the user chose: %d", n)
	}
	// "Open" goes to the existing client instead.
	open := f.DupBox.Objects[1].(*fyne.Container).Objects[1].(*widget.Button)
	test.Tap(open)
	if u.forms.Open != nil || u.book.Pane.Client.Name() != "José Núñez" {
		t.Errorf("open the existing client: dialog %v, pane %q", u.forms.Open, u.book.Pane.Client.Name())
	}
	if n, _ := s.ClientCount(ctx); n != 3 {
		t.Errorf("%d clients", n)
	}
}

func TestEditClientKeepsHistory(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	test.Type(u.book.Search, "anna")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	id := u.book.Pane.Client.ID
	s.LogVisit(ctx, &data.Visit{ClientID: id, At: clock.Now(), AmountCents: 1000})
	u.book.Pane.Edit()
	f := u.forms.Open.Form.(*ClientForm)
	f.Tags.SetText("VIP, wedding")
	f.Birthday.SetText("1990-02-30")
	test.Tap(f.Dialog.Save)
	if f.Rows[8].Err.Hidden || !strings.Contains(f.Rows[8].Err.Text, "no day 30") {
		t.Errorf("birthday error %q", f.Rows[8].Err.Text)
	}
	f.Birthday.SetText("--02-29")
	test.Tap(f.Dialog.Save)
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.Dialog.Message.Text)
	}
	c, _ := s.Client(ctx, id)
	if len(c.Tags) != 2 || c.Birthday.String() != "--02-29" || c.VisitCount != 1 {
		t.Errorf("after edit: %+v", c)
	}
}

func TestEmptyBookWelcome(t *testing.T) {
	u, s := newTestUI(t)
	if u.book.Content.Objects[0] != u.book.Welcome {
		t.Fatal("an empty book does not show the welcome")
	}
	if _, err := demo.Make(ctx, s, demo.Options{Clients: 20, Visits: 100, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	u.book.Reload()
	if u.book.Content.Objects[0] != u.book.split || len(u.book.Rows) != 20 {
		t.Errorf("after sample data: %d rows", len(u.book.Rows))
	}
}
