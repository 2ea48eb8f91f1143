package cards

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/mailer"
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

var testClients = []data.Client{
	{FirstName: "José", LastName: "Núñez", Phone: "(555) 123-4567", Email: "jose@example.com"},
	{FirstName: "Anna", LastName: "Keller", Phone: "555 987 6543"},
	{FirstName: "Siobhán", LastName: "O'Brien", Tags: []string{"VIP"}},
}

// newTestUI builds the Cards screen over a new book in a test window,
// with these clients in the book; the window starts on another tab.
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

// findButton is the button of o that says text.
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

// clientNamed is the first client a search for q finds.
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

// choose picks option in the drop-down sel as the owner does: tapping it
// open, then tapping the option.
func choose(t *testing.T, u *testUI, sel *widget.Select, option string) {
	t.Helper()
	test.Tap(sel)
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("the list of %q did not open", option)
	}
	for _, o := range test.LaidOutObjects(top) {
		w, ok := o.(fyne.Widget)
		tap, tappable := o.(fyne.Tappable)
		if !ok || !tappable || !showsText(w, option) {
			continue
		}
		if _, isSelect := o.(*widget.Select); isSelect {
			continue
		}
		tap.Tapped(&fyne.PointEvent{})
		if u.win.Canvas().Overlays().Top() == top {
			t.Fatalf("tapping %q did not close the list", option)
		}
		return
	}
	t.Fatalf("no choice %q", option)
}

// showsText reports whether w draws text.
func showsText(w fyne.Widget, text string) bool {
	for _, o := range test.WidgetRenderer(w).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Text == text {
			return true
		}
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return true
		}
		if r, ok := o.(*widget.RichText); ok && r.String() == text {
			return true
		}
	}
	return false
}
