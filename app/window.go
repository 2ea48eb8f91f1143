package app

import (
	"regulars/app/form"

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
	minWidth      = 900 // the smallest a window may be kept at
	minHeight     = 500
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

// screenRoom is what a window leaves on the screen around it: its title
// bar and a task bar or panel.
var screenRoom = fyne.NewSize(0, 64)

// fitSize is the size a window of size want opens at on a screen of the
// given size (both in Fyne's units): made smaller to fit, but never below
// the smallest window the screens need (minWidth×minHeight).
func fitSize(want, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return want
	}
	room := screen.Subtract(screenRoom)
	return fyne.NewSize(max(minWidth, min(want.Width, room.Width)), max(minHeight, min(want.Height, room.Height)))
}

// fitWindow makes a shown window fit the screen it opens on, where the
// system tells its size (X11, Windows): a window that opens at 1200×660
// on a 1024×600 screen would hide its bottom and its buttons.
func fitWindow(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	var px, py int
	var known bool
	nw.RunNative(func(ctx any) { px, py, known = nativeScreenSize(ctx) })
	if !known {
		return
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	screen := fyne.NewSize(float32(px)/scale, float32(py)/scale)
	if size := w.Canvas().Size(); fitSize(size, screen) != size {
		w.Resize(fitSize(size, screen))
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
	add("Ctrl+Z", "Undo the last action (in a field: the typing)")
	add("↓ ↑", "Move through the client list from the search field")
	add("Enter", "Open the highlighted client; save a dialog")
	add("Ctrl+Enter", "Save a dialog while typing a note of several lines")
	add("Tab", "Next field or button")
	add("Space", "Press the button or tick the box that has the focus")
	add("Esc", "Close a dialog; clear the search")
	// Two columns, in a scroll, so that the list fits a small screen.
	half := len(objs) / 4 * 2
	if len(objs)%4 != 0 {
		half += 2
	}
	grid := container.NewGridWithColumns(2,
		container.New(layout.NewFormLayout(), objs[:half]...),
		container.New(layout.NewFormLayout(), objs[half:]...))
	d := form.NewDialog(u.forms, "Keyboard shortcuts", container.NewVScroll(container.NewPadded(grid)), "Close", func() error { return nil })
	d.Cancel.Hide()
	d.Show(fyne.NewSize(900, 470))
}
