package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// field is a text entry that knows the window: the window's shortcuts work
// while typing in it, Esc closes its dialog, and the arrow keys can move a
// list (for the search field).
type field struct {
	widget.Entry
	u        *ui
	onEscape func()
	onUp     func()
	onDown   func()
	onFocus  func() // told when the field gets the keyboard
}

// newField makes a one-line entry with a placeholder.
func newField(u *ui, placeholder string) *field {
	f := &field{u: u}
	f.ExtendBaseWidget(f)
	f.PlaceHolder = placeholder
	return f
}

// newMultiLineField makes an entry for notes.
func newMultiLineField(u *ui, placeholder string) *field {
	f := newField(u, placeholder)
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.SetMinRowsVisible(3)
	return f
}

// TypedShortcut runs the window's shortcuts first, then the entry's own
// (copy, paste, select all…). Ctrl+Enter saves the dialog from a field of
// several lines, where Enter starts a new line.
func (f *field) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
		cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		if f.u != nil && f.u.dialog != nil {
			f.u.dialog.submit()
		}
		return
	}
	if f.u != nil && f.u.runShortcut(s) {
		return
	}
	if _, ok := s.(*fyne.ShortcutUndo); ok && f.u != nil && f.u.isFindField(f) {
		f.u.undoLast() // Ctrl+Z from the search undoes the last action
		return
	}
	f.Entry.TypedShortcut(s)
}

// FocusGained tells onFocus, then shows the cursor.
func (f *field) FocusGained() {
	f.Entry.FocusGained()
	if f.onFocus != nil {
		f.onFocus()
	}
}

// selectAll selects the whole text, so that typing replaces it.
func (f *field) selectAll() {
	f.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// TypedKey handles Esc and the arrows, then types.
func (f *field) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && f.onEscape != nil:
		f.onEscape()
		return
	case ev.Name == fyne.KeyEscape && f.u != nil && f.u.dialog != nil:
		f.u.dialog.close()
		return
	case ev.Name == fyne.KeyUp && f.onUp != nil:
		f.onUp()
		return
	case ev.Name == fyne.KeyDown && f.onDown != nil:
		f.onDown()
		return
	}
	f.Entry.TypedKey(ev)
}
