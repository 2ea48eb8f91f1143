package app

import (
	"errors"
	"os"
	"path/filepath"
	"regulars/app/widgets/widgettest"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestNamedBookThatIsNotThere: a book named on start (--db, REGULARS_DB)
// that does not exist is not made up; the window says so and makes it
// only when asked.
func TestNamedBookThatIsNotThere(t *testing.T) {
	dir := t.TempDir()
	there := filepath.Join(dir, "shop.db")
	if err := os.WriteFile(there, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "shpo.db")
	for _, c := range []struct {
		path string
		want bool
	}{
		{missing, true},
		{there, false},
		{"postgres://regulars@127.0.0.1:1/shop", false},
	} {
		var nb *NoBookError
		if got := errors.As(checkNamedBook(c.path), &nb); got != c.want {
			t.Errorf("checkNamedBook(%s): no book %v, want %v", c.path, got, c.want)
		}
	}

	a := test.NewTempApp(t)
	w := Create(a, nil, checkNamedBook(missing))
	w.Show()
	t.Cleanup(w.Close)
	widgettest.FindButton(t, w.Content(), "Quit")
	widgettest.FindButton(t, w.Content(), "Start a new book here")
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("the book was made before anyone asked")
	}

	// Asked: the book is made and its screens shown.
	w2 := a.NewWindow("Regulars")
	var u *ui
	w2.SetContent(noBookScreen(a, w2, missing, func(nu *ui) { u = nu }))
	w2.Show()
	test.Tap(widgettest.FindButton(t, w2.Content(), "Start a new book here"))
	if _, err := os.Stat(missing); err != nil || u == nil {
		t.Fatalf("no book after Start a new book here: %v", err)
	}
	w2.Close()
	<-u.settled
	u.store.Close()
	if u.win.Content() == nil || u.tabs == nil {
		t.Error("the new book's screens are not shown")
	}
}
