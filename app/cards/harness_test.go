package cards

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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

// recorder is a Shell that keeps what the screen asked of it.
type recorder struct {
	errs, notices []string
}

func (r *recorder) ShowError(err error) {
	if err != nil {
		r.errs = append(r.errs, err.Error())
	}
}
func (r *recorder) Notify(msg string, undo func() error) { r.notices = append(r.notices, msg) }
func (r *recorder) OpenURL(*url.URL) error               { return nil }

var testClients = []data.Client{
	{FirstName: "José", LastName: "Núñez", Phone: "(555) 123-4567", Email: "jose@example.com"},
	{FirstName: "Anna", LastName: "Keller", Phone: "555 987 6543"},
	{FirstName: "Siobhán", LastName: "O'Brien", Tags: []string{"VIP"}},
}

// newTestScreen builds the Cards screen over a new book in a test
// window, with these clients in the book, and reads it as the window does
// when the tab is chosen.
func newTestScreen(t *testing.T, clients ...data.Client) (*Screen, *store.Store, *recorder) {
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
	forms := &form.Window{Win: w}
	r := &recorder{}
	scr := New(ctx, s, forms, mailer.New(ctx, s, w), r)
	w.SetContent(scr.Content)
	w.Resize(fyne.NewSize(1120, 740))
	w.Show()
	t.Cleanup(w.Close)
	scr.Reload()
	return scr, s, r
}
