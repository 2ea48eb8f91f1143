// Package form is the window's kit for forms, shared by every screen: the
// labelled row with its error, the dialog with Save and Cancel, the text
// field that knows the window's shortcuts, the date field, and the
// question asked before unsaved edits are thrown away.
package form

import "fyne.io/fyne/v2"

// Window is the window the forms open in, with the few things of the
// window's shell a form needs. The shell makes one and hands it to the
// screens, which pass it to every form they build.
type Window struct {
	// Win is the window itself.
	Win fyne.Window
	// Open is the form dialog on screen (nil when none): Esc closes it and
	// Ctrl+Enter saves it.
	Open *Dialog
	// Unsaved is the question about unsaved edits on screen (nil when
	// none), kept for the tests.
	Unsaved *Unsaved
	// Shortcut runs the window shortcut matching s and reports whether
	// there was one; fields call it so that Ctrl+L works while typing.
	Shortcut func(s fyne.Shortcut) bool
	// Undo is told Ctrl+Z typed in a field; it reports whether it took it
	// (the search fields undo the last action), else the field undoes its
	// own typing.
	Undo func(f *Field) bool
	// Closed is told when a form dialog closes, before the dialog's own
	// OnClose.
	Closed func()
}
