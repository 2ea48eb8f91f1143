package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
)

// shortcut is one keyboard shortcut of the window and what it does.
type shortcut struct {
	label string
	key   *desktop.CustomShortcut
	run   func()
}

// shortcuts lists every keyboard shortcut, in one place.
func (u *ui) shortcuts() []shortcut {
	ctrl := func(k fyne.KeyName) *desktop.CustomShortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	return []shortcut{
		{"Find client", ctrl(fyne.KeyF), u.focusSearch},
		{"New client…", ctrl(fyne.KeyN), func() { u.book.NewClient() }},
		{"Log visit…", ctrl(fyne.KeyL), func() { u.book.LogVisit() }},
		{"Log contact (call, text…)…", ctrl(fyne.KeyK), func() { u.book.OnClient(u.book.Pane.LogContact) }},
		{"Follow-up…", ctrl(fyne.KeyU), func() { u.book.OnClient(u.book.Pane.FollowUp) }},
		{"Complaint…", ctrl(fyne.KeyJ), func() { u.book.OnClient(u.book.Pane.Complaint) }},
		{"Snooze…", ctrl(fyne.KeyD), func() { u.book.OnClient(u.book.Pane.Snooze) }},
		{"Edit client…", ctrl(fyne.KeyE), func() { u.book.OnClient(u.book.Pane.Edit) }},
		{"Write a note…", ctrl(fyne.KeyM), func() { u.book.OnClient(u.book.Pane.WriteNote) }},
		{"Go to Today", ctrl(fyne.Key1), func() { u.goToTab(u.todaytab) }},
		{"Go to Clients", ctrl(fyne.Key2), func() { u.goToTab(u.booktab) }},
		{"Go to Cards", ctrl(fyne.Key3), func() { u.goToTab(u.cardstab) }},
		{"Go to Settings", ctrl(fyne.Key4), func() { u.goToTab(u.settingstab) }},
	}
}

// setShortcuts puts the shortcuts in the main menu (which runs them
// wherever the focus is) and on the canvas, and makes Esc close a dialog.
func (u *ui) setShortcuts() {
	var items []*fyne.MenuItem
	for _, s := range u.shortcuts() {
		s := s
		item := fyne.NewMenuItem(s.label, s.run)
		item.Shortcut = s.key
		items = append(items, item)
		u.win.Canvas().AddShortcut(s.key, func(fyne.Shortcut) { s.run() })
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Import clients…", u.book.ChooseImport),
		fyne.NewMenuItem("Export clients (CSV)…", func() { u.book.ChooseExport("csv") }),
		fyne.NewMenuItem("Export clients (vCard)…", func() { u.book.ChooseExport("vcard") }),
		fyne.NewMenuItem("Export visits (CSV)…", func() { u.book.ChooseExport("visits") }),
		fyne.NewMenuItem("Find duplicates…", u.book.ShowDuplicates))
	quit := fyne.NewMenuItem("Quit", u.quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	u.win.Canvas().AddShortcut(quit.Shortcut, func(fyne.Shortcut) { u.quit() })
	items = append(items, fyne.NewMenuItemSeparator(), quit)
	help := fyne.NewMenu("Help", fyne.NewMenuItem("Keyboard shortcuts", u.showShortcuts))
	// Edit → Undo reverses the last actions, newest first, until the
	// window closes; Ctrl+Z runs it (the menu takes it before a field).
	u.undoItem = u.undoMenuItem()
	u.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.undoFromMenu() })
	u.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Clients", items...), fyne.NewMenu("Edit", u.undoItem), help))
	u.showUndoMenu()
	u.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && u.forms.Open != nil {
			u.forms.Open.Close()
		}
	})
}

// goToTab shows a screen from the keyboard (Ctrl+1 to Ctrl+4) and puts
// the cursor on its first control, so that Tab goes on from there.
func (u *ui) goToTab(t *container.TabItem) {
	if u.forms.Open != nil {
		return
	}
	u.tabs.Select(t)
	switch t {
	case u.todaytab:
		u.win.Canvas().Focus(u.today.Find)
	case u.booktab:
		u.focusSearch()
	case u.cardstab:
		u.cards.FocusFirst()
	default:
		u.win.Canvas().Unfocus()
	}
}

// runShortcut runs the window shortcut matching s, if any; entries call
// it so that Ctrl+L works while typing in a field.
func (u *ui) runShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	for _, sc := range u.shortcuts() {
		if sc.key.KeyName == cs.KeyName && sc.key.Modifier == cs.Modifier {
			sc.run()
			return true
		}
	}
	return false
}
