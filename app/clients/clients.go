// Package clients is the Clients screen of the window, the front desk: the
// client list with its search and filters, the chosen client's page with
// its timeline, the forms of a client, a visit, a contact, a follow-up, a
// complaint and a household, and the import, export and duplicates flows.
// It is built with the book, the forms' window and a Shell the window
// answers.
package clients

import (
	"context"

	"fyne.io/fyne/v2"

	"regulars/app/form"
	"regulars/data"
	"regulars/data/store"
)

// Shell is what the Clients screen asks of the window around it.
type Shell interface {
	// ShowError tells the owner what went wrong.
	ShowError(err error)
	// Notify says what an action did, with an undo when undo is not nil.
	Notify(msg string, undo func() error)
	// Busy tells the window it is at work.
	Busy()
	// ShowClients brings the Clients screen to the front.
	ShowClients()
	// ChooseSharedBook asks for another book to open.
	ChooseSharedBook()
	// WriteNote opens the form of a single note to c (the Cards
	// screen's), then calls done.
	WriteNote(c data.Client, done func())
}

// needs is what the Clients screen is built with.
type needs struct {
	ctx   context.Context
	store *store.Store
	forms *form.Window
	win   fyne.Window
	shell Shell
	book  *Screen

	currency     string // the book's currency code, read once (see money)
	currencyRead bool
	country      string // the book's country, read with the currency (see phone)
}

func (u *needs) showError(err error)                  { u.shell.ShowError(err) }
func (u *needs) notify(msg string, undo func() error) { u.shell.Notify(msg, undo) }
func (u *needs) busy()                                { u.shell.Busy() }
func (u *needs) openClient(id int64)                  { u.shell.ShowClients(); u.book.Open(id) }
