package app

import (
	"regulars/app/widgets/widgettest"
	"regulars/internal/booktest"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestWelcomeOffersTheThreeStarts(t *testing.T) {
	u, _ := newTestUI(t)
	w := u.book.Welcome
	widgettest.FindButton(t, w, "Create my client book")
	widgettest.FindButton(t, w, "Import my clients…")
	widgettest.FindButton(t, w, "Open a shared book…")

	// "Create my client book" opens the form of the first client.
	test.Tap(widgettest.FindButton(t, w, "Create my client book"))
	if u.forms.Open == nil {
		t.Fatal("Create my client book opened no form")
	}
}

func TestSettingsShowsTheBookAndItsFolder(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	u.tabs.SelectIndex(3)
	if !strings.Contains(u.settings.BookInfo.Text, s.Path()) {
		t.Errorf("Settings says %q, not where the book is (%s)", u.settings.BookInfo.Text, s.Path())
	}
	widgettest.FindButton(t, u.settings.Content, "Show in folder")
}
