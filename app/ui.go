// Package app is the Regulars window: its shell (tabs, menus, keyboard
// shortcuts, notices, undo) over the client book; Today, Clients, Cards
// and Settings are packages of their own, built with what they need and
// answered through shell. It is a thin layer: every
// change goes through the same data functions the command line (app/cli)
// calls.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/cards"
	"regulars/app/clients"
	"regulars/app/form"
	"regulars/app/mailer"
	"regulars/app/settings"
	"regulars/app/today"
	"regulars/app/words"
	"regulars/assets"
	"regulars/data"
	"regulars/data/postgres"
	"regulars/data/store"
	"regulars/letters"
)

// ID is the application id, as in FyneApp.toml.
const ID = "app.regulars.Regulars"

// Run opens a client book (path, else $REGULARS_DB, else the default
// book) in a window and returns the exit code when the window is closed.
func Run(path string) int {
	collectSooner()
	a := fyneapp.NewWithID(ID)
	a.SetIcon(assets.Icon)
	var err error
	named := path != "" || os.Getenv("REGULARS_DB") != ""
	if path == "" && !named {
		path = a.Preferences().String(SharedBookKey) // "Open a shared book…"
	}
	if path == "" {
		path, err = store.DefaultPath()
	}
	if err == nil && named {
		// A book asked for by name is not made up when it is not there;
		// the default book is, on the first start.
		err = checkNamedBook(path)
	}
	var book *store.Store
	traceStep("app made")
	if err == nil {
		book, err = store.Open(path)
	}
	traceStep("book open")
	if book != nil {
		defer book.Close()
		// Today reads every client: start reading them while the window
		// is made, so that it shows sooner.
		go book.LoadIndex(context.Background())
	}
	ownWindow = true
	watchSystemTheme(a)
	w := Create(a, book, err)
	traceStep("window made")
	w.Show()
	placeWindow(a, w)
	fitWindow(w)
	a.Lifecycle().SetOnStarted(func() { traceStep("window shown") })
	a.Run()
	return 0
}

// ownWindow is set when the program opens its window (Run): Today's slow
// counts are then made away from the screen, and the memory start-up used
// is given back; tests that drive the screens leave it off and get the
// counts at once.
var ownWindow bool

// ui holds the window and its screens.
type ui struct {
	app   fyne.App
	win   fyne.Window
	store *store.Store
	ctx   context.Context
	// settled is closed when the background work started with the window
	// (index, daily backup, check, the overnight ticker) has ended after
	// the window closed: the book is not closed beneath it.
	settled chan struct{}
	// stop ends the window's background work: on closing, and when a
	// restore replaces these screens with new ones over the same window.
	stop context.CancelFunc

	today    *today.Screen
	book     *clients.Screen
	cards    *cards.Screen
	settings *settings.Screen
	tabs     *container.AppTabs
	booktab  *container.TabItem
	todaytab *container.TabItem
	cardstab *container.TabItem
	forms    *form.Window // the window as the forms see it: the dialog on screen, for Esc
	lastErr  string       // the last error shown, for tests
	notice   *noticeBar
	undos    undoStack      // the last actions that can be undone
	undoItem *fyne.MenuItem // Edit → Undo, named after the newest of them
	// lastNotice is the last confirmation shown, for tests.
	lastNotice string

	settingstab *container.TabItem
	current     *container.TabItem // the tab shown, to ask before leaving it

	pokes  chan struct{}  // the window is at work (see returnWhenIdle); nil in tests
	mailer *mailer.Mailer // the mail servers, the session's passwords and the outbox's sending
}

// Create assembles the main window over an open book. When the book could
// not be opened (book is nil), the window explains why instead.
func Create(a fyne.App, book *store.Store, openErr error) fyne.Window {
	a.Settings().SetTheme(regularsTheme{})
	w := a.NewWindow("Regulars")
	w.SetIcon(assets.Icon)
	w.Resize(windowSize(a))
	w.SetCloseIntercept(func() {
		rememberWindowSize(a, w)
		w.Close()
	})
	if book == nil {
		if nb := (*NoBookError)(nil); errors.As(openErr, &nb) {
			w.SetContent(noBookScreen(a, w, nb.Path, func(u *ui) {
				a.Lifecycle().SetOnStopped(func() { u.store.Close() })
			}))
			return w
		}
		// A server that cannot be reached, or wants a password (errors only a
		// book on a server gives), is waited for.
		var oe *store.OpenError
		if errors.As(openErr, &oe) && (errors.Is(openErr, postgres.ErrUnreachable) || errors.Is(openErr, postgres.ErrPassword)) {
			w.SetContent(serverWaitScreen(a, w, oe.Path, openErr))
			return w
		}
		w.SetContent(errorScreen(w, openErr))
		return w
	}
	return newUI(a, w, book).win
}

// newUI fills the window with the screens over an open book.
func newUI(a fyne.App, w fyne.Window, store *store.Store) *ui {
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{app: a, win: w, store: store, ctx: ctx, stop: cancel}
	u.forms = &form.Window{Win: w, Shortcut: u.runShortcut, Undo: u.undoFromField, Closed: func() {
		if u.book != nil && u.tabs != nil && u.tabs.Selected() == u.booktab {
			u.book.FocusSearch() // ready for the next client
		}
	}}
	u.applyTheme(u.themeChoice())
	u.mailer = mailer.New(ctx, store, w)
	w.SetOnClosed(cancel)
	go traceEvery(ctx.Done())
	u.today = today.New(u.ctx, store, u.forms, ownWindow, shell{u})
	go u.watchOtherWrites()
	u.book = clients.New(u.ctx, store, u.forms, shell{u})
	u.settings = settings.New(u.ctx, store, u.forms, u.mailer, shell{u})
	u.cards = cards.New(u.ctx, store, u.forms, u.mailer, shell{u})
	u.cardstab = container.NewTabItemWithIcon("Cards", theme.MailComposeIcon(), u.cards.Content)
	u.todaytab = container.NewTabItemWithIcon("Today", theme.HomeIcon(), u.today.Content)
	u.booktab = container.NewTabItemWithIcon("Clients", theme.AccountIcon(), u.book.Content)
	u.settingstab = container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), u.settings.Page)
	u.tabs = container.NewAppTabs(u.todaytab, u.booktab, u.cardstab, u.settingstab)
	u.tabs.OnSelected = func(t *container.TabItem) {
		prev := u.current
		u.current = t
		if t == u.settingstab && prev == u.settingstab {
			return // back on Settings with the edits kept
		}
		if prev == u.settingstab {
			if dirty := u.settings.Guard.Dirty(); len(dirty) > 0 {
				u.forms.AskUnsaved(form.SectionNames(dirty), u.settings.Guard.SaveDirty, u.settings.Reload, func() {
					u.current = u.settingstab
					u.tabs.Select(u.settingstab)
				})
			}
		}
		switch t {
		case u.todaytab:
			u.today.Reload()
		case u.booktab:
			u.book.RefreshList()
			u.book.FocusSearch()
		case u.cardstab:
			u.cards.Reload()
		default:
			u.settings.Reload()
		}
	}
	u.notice = newNoticeBar(u)
	// The notice sits in the tab bar, right of the tabs: it never makes
	// the window taller and never covers an action of a screen.
	w.SetContent(container.New(&noticeLayout{tabs: u.tabs, notice: u.notice.content}, u.tabs, u.notice.content))
	u.setShortcuts()
	if ownWindow {
		u.pokes = make(chan struct{}, 1)
		go returnWhenIdle(u.ctx, u.pokes)
	}
	u.book.Reload()
	// The owner starts on Today once the book has clients; an empty book
	// starts on the welcome.
	u.offerResume()
	if n, _ := store.ClientCount(u.ctx); n > 0 {
		u.tabs.Select(u.todaytab)
		if ownWindow {
			u.today.ReloadAway()
		} else {
			u.today.Reload()
		}
		w.Canvas().Focus(u.today.Find)
	} else {
		u.tabs.Select(u.booktab) // the welcome of an empty book
	}
	u.settled = make(chan struct{})
	go func() {
		defer close(u.settled)
		// Build the search index while the user looks at the window, then
		// take the day's backup and check the book; Today's first
		// dashboard goes first, as the two take turns with the index.
		u.today.Loading.Wait()
		_ = store.WarmSearch(u.ctx)
		traceStep("search ready")
		// Reading the book left garbage worth as much as the index: give
		// that memory back to the system now rather than keep it for
		// later growth (apart, so as not to hold up the backup).
		if ownWindow {
			go func() {
				debug.FreeOSMemory()
				traceStep("memory returned")
			}()
		}
		if _, err := store.DailyBackup(u.ctx); err != nil && u.ctx.Err() == nil {
			fyne.Do(func() { u.showError(fmt.Errorf("the daily backup failed: %w", err)) })
		}
		traceStep("backup taken")
		if err := store.Check(u.ctx); err != nil && u.ctx.Err() == nil {
			if store.Restorable() {
				fyne.Do(func() { u.offerRestore(err) })
			} else {
				// A book on a server is not replaced by a file here.
				fyne.Do(func() { u.showError(err) })
			}
		}
		if ownWindow {
			debug.FreeOSMemory()
		}
		traceStep("book checked")
		// A window left open overnight takes the next day's backup too,
		// and replies are looked for every 10 minutes when asked.
		tick := time.NewTicker(10 * time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-tick.C:
				if _, err := store.DailyBackup(u.ctx); err != nil && u.ctx.Err() == nil {
					fyne.Do(func() { u.showError(fmt.Errorf("the daily backup failed: %w", err)) })
				}
				if v, _ := store.Setting(u.ctx, data.SettingRepliesAuto); v == "1" {
					fyne.Do(func() { u.cards.CheckReplies() })
				}
			}
		}
	}()
	return u
}

// gcPercent is the garbage the window lets grow, in percent of what it
// keeps, before collecting: half Go's default. On a large book most of
// what it keeps is the clients' index, and the default would let typing
// searches pile up as much garbage again.
const gcPercent = 50

// collectSooner sets gcPercent, a backstop to the window's memory that
// grows with the book rather than a fixed limit (which a book grown by an
// import could pass, and then the collector would never rest). A GOGC set
// by hand is left alone.
func collectSooner() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// offerRestore tells the owner the book is damaged and offers the newest
// backup in its place.
func (u *ui) offerRestore(problem error) {
	backups, _ := u.store.Backups()
	var newest store.Backup
	for _, b := range backups {
		if store.CheckBackup(b.Path) == nil {
			newest = b // the newest good one
			break
		}
	}
	if newest.Path == "" {
		u.showError(fmt.Errorf("%w. There is no good backup to restore", problem))
		return
	}
	dialog.ShowConfirm("The client book is damaged",
		fmt.Sprintf("%v.\n\nRestore the newest good backup, the %s of %s? The damaged book is kept aside.", problem, words.BackupWhy(newest.Path), words.BackupWhen(newest.ModTime)),
		func(ok bool) {
			if ok {
				u.restore(newest.Path)
			}
		}, u.win)
}

// restore closes the book, puts a backup in its place and opens it again
// in the same window, whose new screens it returns (nil on failure).
func (u *ui) restore(backup string) *ui {
	path := u.store.Path()
	if err := store.CheckBackup(backup); err != nil {
		u.showError(err)
		return nil
	}
	// The old screens' background work (the overnight backup among it)
	// ends with them, before their book is closed.
	u.stop()
	select {
	case <-u.settled:
	case <-time.After(10 * time.Second):
	}
	u.store.Close()
	aside, err := store.Restore(path, backup)
	store, openErr := store.Open(path)
	if openErr != nil {
		u.win.SetContent(errorScreen(u.win, openErr))
		return nil
	}
	nu := newUI(u.app, u.win, store)
	if err != nil {
		nu.showError(err)
		return nu
	}
	msg := widget.NewLabel(fmt.Sprintf("Restored %s.\nThe book as it was just before is kept in the backups folder (%s).", words.Backup(backup), filepath.Dir(aside)))
	msg.Wrapping = fyne.TextWrapWord
	d := form.NewDialog(nu.forms, "Backup restored", container.NewPadded(msg), "OK", func() error { return nil })
	d.Cancel.Hide()
	d.Show(fyne.NewSize(520, 200))
	return nu
}

// quit remembers the window's size and place, then ends Regulars.
func (u *ui) quit() {
	rememberWindowSize(u.app, u.win)
	u.app.Quit()
}

// focusSearch goes to the client list and puts the cursor in the search
// field with its text selected.
func (u *ui) focusSearch() {
	if u.forms.Open != nil {
		return
	}
	u.tabs.Select(u.booktab)
	u.win.Canvas().Focus(u.book.Search)
	u.book.Search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// openClient shows a client on the Clients screen, highlighted and
// scrolled into view in the list.
func (u *ui) openClient(id int64) {
	u.tabs.Select(u.booktab)
	u.book.Open(id)
}

// refreshAll shows the book afresh after a change made elsewhere (an
// undo, another program): the list, the open client, Today.
func (u *ui) refreshAll() {
	u.busy()
	u.book.ShowAfresh()
	if u.tabs.Selected() == u.todaytab {
		u.today.Reload()
	}
}

// notify says what an action did, with an undo when undo is not nil.
func (u *ui) notify(msg string, undo func() error) {
	if undo != nil {
		u.undos.push(msg, undo)
		u.showUndoMenu()
	}
	u.notice.show(msg, undo != nil)
}

// showError tells the user what went wrong, in the window.
func (u *ui) showError(err error) {
	if err == nil {
		return
	}
	u.lastErr = err.Error()
	if postgres.Unreachable(err) {
		// The server of a shared book is away (a network blip, the other
		// computer asleep): said in the bar at the bottom, not in a dialog
		// over the form being filled in, which keeps what was typed.
		u.notify("The book's server cannot be reached; nothing was changed. Regulars tries again by itself — or try again in a moment.", nil)
		return
	}
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := form.NewDialog(u.forms, "Something went wrong", container.NewPadded(msg), "OK", func() error { return nil })
	d.Cancel.Hide()
	d.Show(fyne.NewSize(480, 200))
}

// errorScreen is the whole window when the book cannot be opened: the
// reason in plain words and what to do.
func errorScreen(w fyne.Window, err error) fyne.CanvasObject {
	if err == nil {
		err = fmt.Errorf("no client book was opened")
	}
	title := widget.NewLabelWithStyle("Regulars cannot open the client book", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel("The file was left exactly as it was. To use another book, start Regulars with REGULARS_DB=/path/to/book.db, or run `regulars --db PATH clients` on the command line.")
	hint.Wrapping = fyne.TextWrapWord
	quit := widget.NewButtonWithIcon("Quit", theme.CancelIcon(), func() { w.Close() })
	return container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.ErrorIcon()), title), msg, hint, container.NewHBox(quit)))
}

// offerResume offers to send the emails left in the outbox when Regulars
// was closed while sending.
func (u *ui) offerResume() {
	// Messages in doubt count too: sending settles them from the mailbox
	// first and sends again only those that did not go.
	n, err := letters.Unfinished(u.ctx, u.store)
	if err != nil || n == 0 {
		return
	}
	dialog.ShowConfirm("Emails are waiting",
		fmt.Sprintf("%d thank-you emails are still in the outbox. Send them now?", n),
		func(ok bool) {
			if ok {
				u.tabs.Select(u.cardstab)
				u.cards.SendOutbox()
			}
		}, u.win)
}
