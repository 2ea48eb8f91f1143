package clients

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/mailtest"
)

var ctx = context.Background()

// TestMain keeps the tests away from the OS keyring of the machine they
// run on, as the window's tests do.
func TestMain(m *testing.M) {
	mailtest.NoKeyring()
	os.Exit(m.Run())
}

// testUI is the Clients screen alone in a test window, with a Shell that
// keeps the last error and notice shown.
type testUI struct {
	*needs
	lastErr, lastNotice string
}

// ShowError keeps the error and shows it in a dialog, as the window does.
func (u *testUI) ShowError(err error) {
	if err == nil {
		return
	}
	u.lastErr = err.Error()
	d := form.NewDialog(u.forms, "Something went wrong", widget.NewLabel(err.Error()), "OK", func() error { return nil })
	d.Cancel.Hide()
	d.Show(fyne.NewSize(480, 200))
}
func (u *testUI) Notify(msg string, undo func() error) { u.lastNotice = msg }
func (u *testUI) Busy()                                {}
func (u *testUI) ShowClients()                         {}
func (u *testUI) ChooseSharedBook()                    {}
func (u *testUI) WriteNote(c data.Client, done func()) {}

// newTestUI opens a real book in a temporary folder, with the given
// clients, and shows the Clients screen over it in a window of Fyne's
// test driver.
func newTestUI(t *testing.T, clients ...data.Client) (*testUI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := store.Open(filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, c := range clients {
		if _, err := s.AddClient(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	w := a.NewWindow("Regulars")
	uctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	u := &testUI{}
	b := New(uctx, s, &form.Window{Win: w}, u)
	u.needs = b.u
	w.SetContent(b.Content)
	w.Resize(fyne.NewSize(1120, 740))
	w.Show()
	b.Reload()
	t.Cleanup(w.Close)
	return u, s
}

var testClients = []data.Client{
	{FirstName: "José", LastName: "Núñez", Phone: "(555) 123-4567", Email: "jose@example.com"},
	{FirstName: "Anna", LastName: "Keller", Phone: "555 987 6543"},
	{FirstName: "Siobhán", LastName: "O'Brien", Tags: []string{"VIP"}},
}

// press sends a key to a widget as the keyboard would.
func press(w fyne.Focusable, k fyne.KeyName) {
	w.TypedKey(&fyne.KeyEvent{Name: k})
}

// clientNamed finds a client of the book by a search.
func clientNamed(t *testing.T, s *store.Store, q string) data.Client {
	t.Helper()
	res, err := s.Search(ctx, q, 1)
	if err != nil || len(res.Clients) == 0 {
		t.Fatalf("no client %q: %v", q, err)
	}
	c, err := s.Client(ctx, res.Clients[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// findButton finds a button by its text anywhere under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// listed names the clients on the list, in order.
func listed(u *testUI) []string {
	var out []string
	for _, r := range u.book.Rows {
		out = append(out, r.Name())
	}
	return out
}
