package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// The window's first size fits a 1280×720 screen with its task bar and
// title bar; after that it opens at the size it was closed at.
const (
	defaultWidth  = 1200
	defaultHeight = 660
	minWidth      = 900
	minHeight     = 560
)

// Preference keys of the window's size and place.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefX      = "window.x"
	prefY      = "window.y"
)

// windowSize is the size the window opens at: the last one it had, within
// reason, else the default.
func windowSize(a fyne.App) fyne.Size {
	w := float32(a.Preferences().FloatWithFallback(prefWidth, defaultWidth))
	h := float32(a.Preferences().FloatWithFallback(prefHeight, defaultHeight))
	if w < minWidth || w > 8000 || h < minHeight || h > 8000 {
		return fyne.NewSize(defaultWidth, defaultHeight)
	}
	return fyne.NewSize(w, h)
}

// rememberWindowSize keeps the window's size and, where the system tells
// it (X11, Windows), its place for the next start.
func rememberWindowSize(a fyne.App, w fyne.Window) {
	size := w.Canvas().Size()
	if size.Width < minWidth || size.Height < minHeight {
		return
	}
	a.Preferences().SetFloat(prefWidth, float64(size.Width))
	a.Preferences().SetFloat(prefHeight, float64(size.Height))
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x, y, ok := nativePosition(ctx); ok && x > -10000 && y > -10000 {
				a.Preferences().SetInt(prefX, x)
				a.Preferences().SetInt(prefY, y)
			}
		})
	}
}

// placeWindow puts a shown window back where it was last closed, when
// that place is known and still on the screen.
func placeWindow(a fyne.App, w fyne.Window) {
	x, y := a.Preferences().IntWithFallback(prefX, -1), a.Preferences().IntWithFallback(prefY, -1)
	if x < 0 || y < 0 || x > 7000 || y > 7000 {
		return
	}
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) { nativeMove(ctx, x, y) })
	}
}

// shortcutText writes a shortcut the way the keyboard shows it.
func shortcutText(s shortcut) string {
	mod := "Ctrl+"
	if s.key.Modifier&fyne.KeyModifierShift != 0 {
		mod += "Shift+"
	}
	return mod + string(s.key.KeyName)
}

// showShortcuts lists every keyboard shortcut of the window.
func (u *ui) showShortcuts() {
	var objs []fyne.CanvasObject
	add := func(keys, what string) {
		k := widget.NewLabelWithStyle(keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		objs = append(objs, k, widget.NewLabel(what))
	}
	for _, s := range u.shortcuts() {
		add(shortcutText(s), s.label)
	}
	add("↓ ↑", "Move through the client list from the search field")
	add("Enter", "Open the highlighted client; save a dialog")
	add("Ctrl+Enter", "Save a dialog while typing a note of several lines")
	add("Tab", "Next field or button")
	add("Esc", "Close a dialog; clear the search")
	grid := container.New(layout.NewFormLayout(), objs...)
	d := newFormDialog(u, "Keyboard shortcuts", container.NewPadded(grid), "Close", func() error { return nil })
	d.cancel.Hide()
	d.show(fyne.NewSize(520, 460))
}
