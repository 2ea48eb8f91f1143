package cards

import (
	"context"
	"net/url"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/mailer"
	"regulars/data"
	"regulars/data/store"
	"regulars/internal/booktest"
)

var ctx = context.Background()

// TestMain keeps the tests away from the OS keyring of the machine they
// run on, as the window's tests do.
func TestMain(m *testing.M) { booktest.Main(m) }

// testUI is the Cards screen in a test window, in tabs as the window
// shows it (choosing its tab reads it, as the window does), with the
// Shell's errors and notices kept.
type testUI struct {
	win        fyne.Window
	forms      *form.Window
	cards      *Screen
	mailer     *mailer.Mailer
	tabs       *container.AppTabs
	cardstab   *container.TabItem
	lastErr    string // the last error shown
	lastNotice string // the last confirmation shown
}

func (u *testUI) ShowError(err error) {
	if err != nil {
		u.lastErr = err.Error()
	}
}
func (u *testUI) Notify(msg string, undo func() error) { u.lastNotice = msg }
func (u *testUI) OpenURL(*url.URL) error               { return nil }

// newTestUI builds the Cards screen over a new book in a test window,
// with these clients in the book; the window starts on another tab.
func newTestUI(t *testing.T, clients ...data.Client) (*testUI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	s := booktest.New(t, clients...)
	w := a.NewWindow("Regulars")
	u := &testUI{win: w, forms: &form.Window{Win: w}}
	u.mailer = mailer.New(ctx, s, w)
	u.cards = New(ctx, s, u.forms, u.mailer, u)
	u.cardstab = container.NewTabItem("Cards", u.cards.Content)
	u.tabs = container.NewAppTabs(container.NewTabItem("Today", widget.NewLabel("")), u.cardstab)
	u.tabs.OnSelected = func(t *container.TabItem) {
		if t == u.cardstab {
			u.cards.Reload()
		}
	}
	w.SetContent(u.tabs)
	w.Resize(fyne.NewSize(1120, 740))
	w.Show()
	t.Cleanup(w.Close)
	return u, s
}
