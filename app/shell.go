package app

import (
	"net/url"
	"time"

	"regulars/app/clients"
	"regulars/data"
)

// shell is the window's shell as the screens see it: what a screen may
// ask of the window around it (see today.Shell and settings.Shell).
type shell struct{ u *ui }

// ShowError tells the user what went wrong, in the window.
func (s shell) ShowError(err error) { s.u.showError(err) }

// Notify says what an action did, with an undo when undo is not nil.
func (s shell) Notify(msg string, undo func() error) { s.u.notify(msg, undo) }

// ClientsRestored shows the clients back from the trash in the list.
func (s shell) ClientsRestored() { s.u.book.Reload() }

// CardsChanged makes the next cards read the hand, the signature, the
// business and the currency afresh.
func (s shell) CardsChanged() {
	s.u.cards.ForgetPen()
	s.u.book.ReadCurrencyAgain()
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

// startBatch opens the Cards screen on a batch of an occasion and lists
// who is due, as Today counted them.
func (u *ui) startBatch(o data.Occasion, ch data.Channel) {
	u.tabs.Select(u.cardstab)
	u.cards.StartBatch(o, ch)
}

// WriteNote opens the form of one note to c, then calls done.
func (s shell) WriteNote(c data.Client, done func()) { s.u.cards.WriteNote(c, done) }

// FindClient goes on with a search typed on Today in the Clients search.
func (s shell) FindClient(text string) {
	u := s.u
	u.tabs.Select(u.booktab)
	u.book.Search.SetText(text)
	u.book.Search.CursorColumn = len([]rune(text))
	u.win.Canvas().Focus(u.book.Search)
}

// ListThankYouDue and ListDue list every client of that kind on the
// Clients screen, with its filter.
func (s shell) ListThankYouDue() { s.listFiltered(clients.FilterThankYou) }

// ListDue: see ListThankYouDue.
func (s shell) ListDue() { s.listFiltered(clients.FilterDue) }

func (s shell) listFiltered(f string) {
	u := s.u
	u.tabs.Select(u.booktab)
	u.book.Search.SetText("")
	u.book.Filter.SetSelected(f)
}

// Busy tells the window it is at work (see returnWhenIdle).
func (s shell) Busy() { s.u.busy() }

// OpenClient shows a client on the Clients screen.
func (s shell) OpenClient(id int64) { s.u.openClient(id) }

// StartBatch opens the Cards screen on a batch of an occasion.
func (s shell) StartBatch(o data.Occasion, ch data.Channel) { s.u.startBatch(o, ch) }

// Snooze snoozes a client's reminders until a day, with an undo.
func (s shell) Snooze(id int64, until time.Time) error { return s.u.book.Snooze(id, until) }

// SnoozeUntil asks until when to snooze a client, then calls done.
func (s shell) SnoozeUntil(id int64, done func()) { s.u.book.SnoozeUntil(id, done) }

// LogContact opens the contact dialog of c, then calls done.
func (s shell) LogContact(c data.Client, done func()) { s.u.book.LogContactWith(c, done) }

// FinishFollowUp marks a follow-up done, with an undo.
func (s shell) FinishFollowUp(f data.FollowUp) error { return s.u.book.FinishFollowUp(f) }

// Resolve asks how a complaint was put right, then calls done.
func (s shell) Resolve(k data.Complaint, done func()) { s.u.book.Resolve(k, done) }

// Trace notes a step of the start-up when tracing is on.
func (s shell) Trace(step string) { traceStep(step) }

// ShowClients brings the Clients screen to the front.
func (s shell) ShowClients() { s.u.tabs.Select(s.u.booktab) }
