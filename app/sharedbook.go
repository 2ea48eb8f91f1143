package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
)

// SharedBookKey is the app preference that names the book chosen with
// "Open a shared book…", opened from then on when no book is named.
const SharedBookKey = "book"

// chooseSharedBook asks for the book to share: the address of a book on
// a PostgreSQL server (the way for two computers; see the README), or a
// book file. A server book is tried first, with the password given here
// (kept in the system keyring, never in a file) when the server wants
// one; then Regulars starts on it and remembers it.
func (u *ui) chooseSharedBook() {
	if u.dialog != nil {
		return
	}
	addr := newField(u, "e.g. postgres://regulars@frontdesk/regulars")
	if prev := u.app.Preferences().String(SharedBookKey); data.IsServerBook(prev) {
		addr.SetText(prev)
	}
	password := newField(u, "only if the server asks for one")
	password.Password = true
	help := widget.NewLabel("A book on the front-desk computer's PostgreSQL server: its address, as the README's\n\"Two computers, one book\" explains. The password is kept in this computer's keyring.")
	help.Importance = widget.LowImportance
	file := widget.NewButton("Open a book file instead…", func() {
		u.dialog.close()
		u.chooseBookFile()
	})
	rows := []*formRow{newRow("address", "Server book", addr), newRow("password", "Password", password)}
	body := container.NewVBox(formGrid(rows...), help, container.NewHBox(file))
	d := newFormDialog(u, "Open a shared book", body, "Open", func() error {
		a := strings.TrimSpace(addr.Text)
		if !data.IsServerBook(a) {
			return errors.New("Type the server book's address, starting postgres:// (or open a book file instead)")
		}
		if _, err := data.ParseServerAddress(a); err != nil {
			return err
		}
		if password.Text != "" {
			if err := data.SavePostgresPassword(a, password.Text); err != nil {
				return err
			}
		}
		s, err := data.OpenShared(a)
		if err != nil {
			return err
		}
		s.Close()
		return u.openOtherBook(a)
	})
	d.submitOnEnter(addr, password)
	d.show(fyne.NewSize(640, 300))
	u.win.Canvas().Focus(addr)
}

// chooseBookFile asks for a client book file (on a shared folder or a
// network drive), remembers it and opens it in a new window of Regulars.
func (u *ui) chooseBookFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		if err := data.CheckBackup(path); err != nil {
			u.showError(fmt.Errorf("%s is not a Regulars client book: %w", path, err))
			return
		}
		if err := u.openOtherBook(path); err != nil {
			u.showError(err)
		}
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.SetConfirmText("Open")
	d.Show()
}
