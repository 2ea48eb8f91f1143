package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data/store"
)

// NoBookError says that the book the window was asked to open by name
// (--db or REGULARS_DB) is not there: a mistyped name must not quietly
// become a new, empty book that looks as if every client were gone.
type NoBookError struct {
	Path string
}

func (e *NoBookError) Error() string {
	return fmt.Sprintf("there is no client book at %s", e.Path)
}

// checkNamedBook returns a *NoBookError when path, a book file the user
// named, does not exist; a book on a server, or a file that is there, is
// left to store.Open.
func checkNamedBook(path string) error {
	if store.Missing(path) {
		return &NoBookError{Path: path}
	}
	return nil
}

// noBookScreen asks what to do when the book named is not there: start a
// new, empty book at that name, or quit and check the name. Nothing is
// created until asked; opened is given the new book's screens.
func noBookScreen(a fyne.App, w fyne.Window, path string, opened func(*ui)) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("There is no client book here", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	where := widget.NewLabel(path)
	where.Wrapping = fyne.TextWrapBreak
	hint := widget.NewLabel("Check the name of the book (a letter wrong, another folder?), or start a new, empty book under this name.")
	hint.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	start := widget.NewButtonWithIcon("Start a new book here", theme.ContentAddIcon(), func() {
		s, err := store.Open(path)
		if err != nil {
			status.SetText(err.Error())
			return
		}
		opened(newUI(a, w, s))
	})
	quit := widget.NewButtonWithIcon("Quit", theme.CancelIcon(), func() { w.Close() })
	quit.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.QuestionIcon()), title), where, hint, status, container.NewHBox(quit, start)))
}
