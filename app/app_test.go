package app

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/clients"
	"regulars/data"
	"regulars/data/demo"
	"regulars/data/store"
	"regulars/internal/booktest"
	"regulars/internal/clock"
	"regulars/internal/pgtest"
)

var ctx = context.Background()

// newTestUI opens a real book in a temporary folder, with the given
// clients, in a window of Fyne's test driver.
func newTestUI(t *testing.T, clients ...data.Client) (*ui, *store.Store) {
	t.Helper()
	return newTestUIOn(t, filepath.Join(t.TempDir(), "regulars.db"), clients...)
}

// anyEngineBook names a new book on this run's engine: a database on the
// PostgreSQL test server when there is one (make test-postgres), else a
// file; for the window's tests of what two seats share.
func anyEngineBook(t *testing.T) string {
	if pgtest.Available() {
		return pgtest.NewBook(t)
	}
	return filepath.Join(t.TempDir(), "regulars.db")
}

// newTestUIOn is newTestUI on the book at path (a file, or a server's
// address).
func newTestUIOn(t *testing.T, path string, clients ...data.Client) (*ui, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s := booktest.Open(t, path, clients...)
	w := a.NewWindow("Regulars")
	u := newUI(a, w, s)
	w.Resize(fyne.NewSize(1120, 740))
	w.Show()
	// Runs after w.Close, before s.Close: the window's background work
	// (the daily backup into the test's folder) ends before the book and
	// the folder go.
	t.Cleanup(func() {
		if u.settled == nil {
			return
		}
		select {
		case <-u.settled:
		case <-time.After(5 * time.Second):
			t.Log("the window's background work had not ended 5 s after it closed")
		}
	})
	t.Cleanup(w.Close)
	return u, s
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func listed(u *ui) []string {
	var out []string
	for _, r := range u.book.Rows {
		out = append(out, r.Name())
	}
	return out
}

func TestSearchAsYouType(t *testing.T) {
	u, _ := newTestUI(t, booktest.Clients...)
	if len(u.book.Rows) != 3 {
		t.Fatalf("list at start: %v", listed(u))
	}
	// The book has clients, so Regulars starts on Today, with the cursor
	// in a find field that carries on in the Clients search.
	if u.tabs.Selected() != u.todaytab || u.win.Canvas().Focused() != u.today.Find {
		t.Fatal("Today with its find field focused is not the start")
	}
	test.Type(u.today.Find, "j")
	if u.tabs.Selected() != u.booktab || u.book.Search.Text != "j" || u.win.Canvas().Focused() != u.book.Search {
		t.Fatalf("typing on Today: tab %v, search %q", u.tabs.Selected().Text, u.book.Search.Text)
	}
	u.book.Search.SetText("")
	cases := []struct {
		typed string
		want  string
	}{
		{"jos", "José Núñez"},
		{"nun", "José Núñez"},
		{"5559876", "Anna Keller"},
		{"obri", "Siobhán O'Brien"},
		{"vip", "Siobhán O'Brien"},
	}
	for _, tc := range cases {
		u.book.Search.SetText("")
		test.Type(u.book.Search, tc.typed)
		if got := listed(u); len(got) != 1 || got[0] != tc.want {
			t.Errorf("typed %q: list %v, want [%s]", tc.typed, got, tc.want)
		}
	}
	u.book.Search.SetText("")
	test.Type(u.book.Search, "zzz")
	if len(u.book.Rows) != 0 || !strings.Contains(u.book.Count.Text, "No client matches") {
		t.Errorf("no match: rows %v, status %q", listed(u), u.book.Count.Text)
	}
}

// TestLogVisitFromKeyboard is the front desk's path: type a name, Enter to
// open the client, Ctrl+L, type what was done, Enter.
func TestLogVisitFromKeyboard(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	bea, _ := s.AddStaff(ctx, "Bea Santos")
	s.AddStaff(ctx, "Alex Kim")
	// The last staff member used is the default for the next visit.
	anna, _ := s.Search(ctx, "anna", 1)
	s.LogVisit(ctx, &data.Visit{ClientID: anna.Clients[0].ID, At: clock.Now().Add(-time.Hour), StaffID: bea, AmountCents: -1})

	test.Type(u.book.Search, "jos")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.book.Pane.Client.Name() != "José Núñez" {
		t.Fatalf("Enter opened %q", u.book.Pane.Client.Name())
	}
	u.book.Search.TypedShortcut(ctrl(fyne.KeyL))
	f, ok := u.forms.Open.Form.(*clients.VisitForm)
	if !ok {
		t.Fatalf("Ctrl+L opened %T", u.forms.Open)
	}
	if f.Staff.Selected != "Bea Santos" {
		t.Errorf("staff default %q, want the last one used", f.Staff.Selected)
	}
	if u.win.Canvas().Focused() != f.What {
		t.Error("the What field is not focused")
	}
	test.Type(f.What, "Cut and blow-dry")
	test.Type(f.Amount, "65,50")
	f.What.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.forms.Open != nil {
		t.Fatalf("dialog still open: %q", f.Dialog.Message.Text)
	}
	visits, _ := s.Visits(ctx, u.book.Pane.Client.ID, 0)
	if len(visits) != 1 || visits[0].What != "Cut and blow-dry" || visits[0].AmountCents != 6550 || visits[0].StaffName != "Bea Santos" {
		t.Fatalf("visits in the book: %+v", visits)
	}
	if d := clock.Now().Sub(visits[0].At); d < -2*time.Minute || d > 2*time.Minute {
		t.Errorf("visit time %v, want now", visits[0].At)
	}
	if len(u.book.Pane.History) != 2 || u.book.Pane.History[0].Visit.ID != visits[0].ID {
		t.Errorf("history on screen: %+v", u.book.Pane.History)
	}
	if !strings.Contains(u.book.Pane.Stats.Text, "1 visit") {
		t.Errorf("stats %q", u.book.Pane.Stats.Text)
	}
}

func TestNewClientValidation(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.book.Search.TypedShortcut(ctrl(fyne.KeyN))
	f, ok := u.forms.Open.Form.(*clients.ClientForm)
	if !ok {
		t.Fatalf("Ctrl+N opened %T", u.forms.Open)
	}
	test.Type(f.First, "Renée")
	test.Type(f.Email, "renee(at)example.com")
	test.Type(f.Phone, "call me")
	test.Tap(f.Dialog.Save)
	if u.forms.Open == nil {
		t.Fatal("saved a client with a bad email")
	}
	emailRow, phoneRow := f.Rows[3], f.Rows[4]
	if emailRow.Err.Hidden || !strings.Contains(emailRow.Err.Text, "not an email address") {
		t.Errorf("email error %q hidden=%v", emailRow.Err.Text, emailRow.Err.Hidden)
	}
	if phoneRow.Err.Hidden || !strings.Contains(phoneRow.Err.Text, "not a phone number") {
		t.Errorf("phone error %q", phoneRow.Err.Text)
	}
	if !f.Rows[0].Err.Hidden {
		t.Errorf("error shown next to a good field: %q", f.Rows[0].Err.Text)
	}
	if n, _ := s.ClientCount(ctx); n != 3 {
		t.Fatalf("%d clients after a refused form", n)
	}
	f.Email.SetText("renee@example.com")
	f.Phone.SetText("+33 1 42 68 53 00")
	test.Tap(f.Dialog.Save)
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.Dialog.Message.Text)
	}
	if n, _ := s.ClientCount(ctx); n != 4 {
		t.Fatalf("%d clients, want 4", n)
	}
	if u.book.Pane.Client.Name() != "Renée" {
		t.Errorf("the new client is not shown: %q", u.book.Pane.Client.Name())
	}
}

func TestSettingsStaff(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.tabs.SelectIndex(3)
	test.Type(u.settings.NewStaff, "Bea Santos")
	u.settings.NewStaff.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(u.settings.NewStaff, "bea santos")
	u.settings.NewStaff.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.settings.StaffErr.Hidden || !strings.Contains(u.settings.StaffErr.Text, "already") {
		t.Errorf("same name twice: %q", u.settings.StaffErr.Text)
	}
	staff, _ := s.StaffList(ctx)
	if len(staff) != 1 || len(u.settings.Staff) != 1 {
		t.Errorf("staff %+v", staff)
	}
}

func TestErrorScreen(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	_, err := store.Open(dir) // a folder where the book should be
	if !errors.Is(err, store.ErrIsDirectory) {
		t.Fatalf("open a folder: %v", err)
	}
	w := Create(a, nil, err)
	defer w.Close()
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(w.Content().(*fyne.Container).Objects[0])
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "cannot open the client book") || !strings.Contains(all, "folder") {
		t.Errorf("error screen says %q", all)
	}
}

// TestScreenshot renders the window with a sample book through the test
// driver and writes it to $REGULARS_SHOT when that is set, to look at.
func TestScreenshot(t *testing.T) {
	out := os.Getenv("REGULARS_SHOT")
	if out == "" {
		t.Skip("set REGULARS_SHOT=file.png to write a picture of the window")
	}
	u, s := newTestUI(t)
	demo.Make(ctx, s, demo.Options{Clients: 300, Visits: 3000, Seed: 4})
	u.book.Reload()
	test.Type(u.book.Search, "mar")
	u.book.SelectRow(0)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, u.win.Canvas().Capture())
}

func TestDeleteClientAndRestore(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	test.Type(u.book.Search, "anna")
	u.book.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	id := u.book.Pane.Client.ID
	s.LogVisit(ctx, &data.Visit{ClientID: id, At: clock.Now(), What: "Colour", AmountCents: 9000})
	if err := s.DeleteClient(ctx, id); err != nil {
		t.Fatal(err)
	}
	u.book.Reload()
	if len(u.book.Rows) != 0 {
		t.Errorf("deleted client still listed: %v", listed(u))
	}
	u.tabs.SelectIndex(3)
	if len(u.settings.Trash) != 1 || u.settings.Trash[0].ID != id {
		t.Fatalf("trash: %+v", u.settings.Trash)
	}
	u.book.Pane.Show(id)
	if u.book.Pane.RestoreBtn.Hidden || !u.book.Pane.LogBtn.Hidden {
		t.Error("a deleted client shows the wrong actions")
	}
	test.Tap(u.book.Pane.RestoreBtn)
	u.book.Search.SetText("")
	test.Type(u.book.Search, "anna")
	if len(u.book.Rows) != 1 {
		t.Fatalf("not restored: %v", listed(u))
	}
	if v, _ := s.Visits(ctx, id, 0); len(v) != 1 {
		t.Errorf("history after restore: %+v", v)
	}
}
