package app

import (
	"net/url"

	"regulars/letters/paper"
)

// shell is the window's shell as the screens see it: what a screen may
// ask of the window around it (see settings.Shell).
type shell struct{ u *ui }

// ShowError tells the user what went wrong, in the window.
func (s shell) ShowError(err error) { s.u.showError(err) }

// Notify says what an action did, with an undo when undo is not nil.
func (s shell) Notify(msg string, undo func() error) { s.u.notify(msg, undo) }

// ClientsRestored shows the clients back from the trash in the list.
func (s shell) ClientsRestored() { s.u.book.reload() }

// CardsChanged makes the next cards read the hand, the signature, the
// business and the currency afresh.
func (s shell) CardsChanged() {
	s.u.cards.pen = paper.Pen{}
	s.u.currencyRead = false
}

// Restore puts a backup in place of the book, in the same window.
func (s shell) Restore(path string) { s.u.restore(path) }

// ChooseSharedBook asks for another book to open.
func (s shell) ChooseSharedBook() { s.u.chooseSharedBook() }

// OpenURL shows a file or a folder in the system's own program.
func (s shell) OpenURL(u *url.URL) error { return s.u.app.OpenURL(u) }

// ThemeChoice is the window's theme as chosen.
func (s shell) ThemeChoice() string { return s.u.themeChoice() }

// ChooseTheme keeps a theme choice and shows it.
func (s shell) ChooseTheme(choice string) error { return s.u.chooseTheme(choice) }
