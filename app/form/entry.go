package form

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Field is a text entry that knows the window: the window's shortcuts work
// while typing in it, Esc closes its dialog, and the arrow keys can move a
// list (for the search field).
type Field struct {
	widget.Entry
	w *Window
	// OnEscape, when set, is told Esc instead of the dialog closing.
	OnEscape func()
	// OnUp and OnDown, when set, take the arrow keys (to move a list).
	OnUp   func()
	OnDown func()
	// OnFocus is told when the field gets the keyboard.
	OnFocus func()
}

// NewField makes a one-line entry with a placeholder.
func NewField(w *Window, placeholder string) *Field {
	f := &Field{w: w}
	f.ExtendBaseWidget(f)
	f.PlaceHolder = placeholder
	return f
}

// NewMultiLineField makes an entry for notes.
func NewMultiLineField(w *Window, placeholder string) *Field {
	f := NewField(w, placeholder)
	f.MultiLine = true
	f.Wrapping = fyne.TextWrapWord
	f.SetMinRowsVisible(3)
	return f
}

// TypedShortcut runs the window's shortcuts first, then the entry's own
// (copy, paste, select all…). Ctrl+Enter saves the dialog from a field of
// several lines, where Enter starts a new line.
func (f *Field) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
		cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		if f.w != nil && f.w.Open != nil {
			f.w.Open.Submit()
		}
		return
	}
	if f.w != nil && f.w.Shortcut != nil && f.w.Shortcut(s) {
		return
	}
	if _, ok := s.(*fyne.ShortcutUndo); ok && f.w != nil && f.w.Undo != nil && f.w.Undo(f) {
		return // Ctrl+Z from the search undoes the last action
	}
	f.Entry.TypedShortcut(s)
}

// FocusGained tells OnFocus, then shows the cursor.
func (f *Field) FocusGained() {
	f.Entry.FocusGained()
	if f.OnFocus != nil {
		f.OnFocus()
	}
}

// SelectAll selects the whole text, so that typing replaces it.
func (f *Field) SelectAll() {
	f.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// TypedKey handles Esc and the arrows, then types.
func (f *Field) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && f.OnEscape != nil:
		f.OnEscape()
		return
	case ev.Name == fyne.KeyEscape && f.w != nil && f.w.Open != nil:
		f.w.Open.Close()
		return
	case ev.Name == fyne.KeyUp && f.OnUp != nil:
		f.OnUp()
		return
	case ev.Name == fyne.KeyDown && f.OnDown != nil:
		f.OnDown()
		return
	}
	f.Entry.TypedKey(ev)
}
