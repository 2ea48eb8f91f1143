package settings

import (
	"context"
	"net/url"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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

// recorder is a Shell that keeps what the screen asked of it.
type recorder struct {
	errs, notices []string
	cardsChanged  int
	theme         string
}

func (r *recorder) ShowError(err error) {
	if err != nil {
		r.errs = append(r.errs, err.Error())
	}
}
func (r *recorder) Notify(msg string, undo func() error) { r.notices = append(r.notices, msg) }
func (r *recorder) ClientsRestored()                     {}
func (r *recorder) CardsChanged()                        { r.cardsChanged++ }
func (r *recorder) Restore(path string)                  {}
func (r *recorder) ChooseSharedBook()                    {}
func (r *recorder) OpenURL(*url.URL) error               { return nil }
func (r *recorder) ThemeChoice() string                  { return r.theme }
func (r *recorder) ChooseTheme(choice string) error      { r.theme = choice; return nil }

// newTestScreen builds the Settings screen over a new book in a test
// window, with these clients in the book.
func newTestScreen(t *testing.T, clients ...data.Client) (*Screen, *store.Store, *recorder) {
	t.Helper()
	a := test.NewTempApp(t)
	s := booktest.New(t, clients...)
	w := a.NewWindow("Regulars")
	forms := &form.Window{Win: w}
	r := &recorder{theme: ThemeSystem}
	scr := New(ctx, s, forms, mailer.New(ctx, s, w), r)
	w.SetContent(scr.Page)
	w.Resize(fyne.NewSize(1120, 740))
	w.Show()
	t.Cleanup(w.Close)
	return scr, s, r
}

func TestFolderURL(t *testing.T) {
	for dir, want := range map[string]string{
		"/home/bea/.local/share/regulars": "file:///home/bea/.local/share/regulars",
		"/tmp/a b":                        "file:///tmp/a%20b",
	} {
		if got := folderURL(dir).String(); got != want {
			t.Errorf("folderURL(%q) = %q, want %q", dir, got, want)
		}
	}
}
