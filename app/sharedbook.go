package app

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/data/postgres"
	"regulars/data/store"
	"regulars/internal/clock"
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
	if u.forms.Open != nil {
		return
	}
	addr := form.NewField(u.forms, "e.g. postgres://regulars@frontdesk/regulars")
	if prev := u.app.Preferences().String(SharedBookKey); postgres.IsServerBook(prev) {
		addr.SetText(prev)
	}
	password := form.NewField(u.forms, "only if the server asks for one")
	password.Password = true
	help := widget.NewLabel("A book on the front-desk computer's PostgreSQL server: its address, as the README's\n\"Two computers, one book\" explains. The password is kept in this computer's keyring.")
	help.Importance = widget.LowImportance
	file := widget.NewButton("Open a book file instead…", func() {
		u.forms.Open.Close()
		u.chooseBookFile()
	})
	rows := []*form.Row{form.NewRow("address", "Server book", addr), form.NewRow("password", "Password", password)}
	body := container.NewVBox(form.Grid(rows...), help, container.NewHBox(file))
	d := form.NewDialog(u.forms, "Open a shared book", body, "Open", func() error {
		a := strings.TrimSpace(addr.Text)
		if !postgres.IsServerBook(a) {
			return errors.New("Type the server book's address, starting postgres:// (or open a book file instead)")
		}
		if _, err := postgres.ParseAddress(a); err != nil {
			return err
		}
		if password.Text != "" {
			if err := postgres.SavePassword(a, password.Text); err != nil {
				return err
			}
		}
		s, err := store.OpenShared(a)
		if err != nil {
			return err
		}
		s.Close()
		return u.openOtherBook(a)
	})
	d.SubmitOnEnter(addr, password)
	d.Show(fyne.NewSize(640, 300))
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
		if err := store.CheckBackup(path); err != nil {
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

// serverWaitScreen is the window of a book on a server that did not
// answer, or wants a password: it says why in plain words and offers to
// try again (with the password typed here, kept in the keyring — or, when
// this computer has none, for this session only), instead of only
// quitting. Nothing was changed anywhere.
func serverWaitScreen(a fyne.App, w fyne.Window, addr string, err error) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Regulars cannot reach the client book", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	password := widget.NewPasswordEntry()
	password.SetPlaceHolder("the password of the book's user on the server")
	pwRow := container.NewBorder(nil, nil, widget.NewLabel("Password"), nil, password)
	if !errors.Is(err, postgres.ErrPassword) {
		pwRow.Hide()
	}
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	var retry *widget.Button
	retry = widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), func() {
		if password.Text != "" {
			if err := postgres.SavePassword(addr, password.Text); err != nil {
				// No keyring here: the password serves this session only.
				os.Setenv("PGPASSWORD", password.Text)
			}
		}
		retry.Disable()
		status.SetText("Connecting to " + addr + "…")
		go func() {
			s, err := store.Open(addr)
			uiDo(func() {
				retry.Enable()
				if err != nil {
					msg.SetText(err.Error())
					status.SetText("Still not reached at " + clock.Now().Format("15:04:05") + ".")
					if errors.Is(err, postgres.ErrPassword) {
						pwRow.Show()
					}
					return
				}
				newUI(a, w, s)
			})
		}()
	})
	retry.Importance = widget.HighImportance
	quit := widget.NewButtonWithIcon("Quit", theme.CancelIcon(), func() { w.Close() })
	hint := widget.NewLabel("When the computer with the book is back (or the password is right), press Try again.")
	hint.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.ErrorIcon()), title), msg, pwRow, hint, status, container.NewHBox(retry, quit)))
}

// openOtherBook remembers path as the book to open and starts Regulars
// on it, closing this window (and its hold on the empty book).
func (u *ui) openOtherBook(path string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	u.app.Preferences().SetString(SharedBookKey, path)
	cmd := exec.Command(exe, "--db", path)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	go cmd.Process.Release()
	u.win.Close()
	return nil
}
