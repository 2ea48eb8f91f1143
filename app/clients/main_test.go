package clients

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
)

var ctx = context.Background()

// TestMain keeps the tests away from the OS keyring of the machine they
// run on, as the window's tests do.
func TestMain(m *testing.M) { booktest.Main(m) }

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
	s := booktest.New(t, clients...)
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

// listed names the clients on the list, in order.
func listed(u *testUI) []string {
	var out []string
	for _, r := range u.book.Rows {
		out = append(out, r.Name())
	}
	return out
}
