package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// editSection is a part of a screen that is saved with its own button:
// the values it shows, to notice edits, and how to save them.
type editSection struct {
	name   string
	values func() []string
	save   func() bool // false: not saved, the errors are on screen
}

// editGuard notices edits not saved yet, so that leaving a screen can ask
// before throwing them away.
type editGuard struct {
	sections []editSection
	shown    map[string]string // the values as last shown or saved
	onMark   func()            // called once values are taken as saved
}

// mark takes the values on screen as the saved ones.
func (g *editGuard) mark() {
	g.shown = map[string]string{}
	for _, s := range g.sections {
		g.shown[s.name] = strings.Join(s.values(), "\x00")
	}
	if g.onMark != nil {
		g.onMark()
	}
}

// markOne takes one section's values on screen as saved.
func (g *editGuard) markOne(name string) {
	if g.shown == nil {
		g.shown = map[string]string{}
	}
	for _, s := range g.sections {
		if s.name == name {
			g.shown[s.name] = strings.Join(s.values(), "\x00")
		}
	}
	if g.onMark != nil {
		g.onMark()
	}
}

// dirty lists the sections with edits not saved.
func (g *editGuard) dirty() []editSection {
	var out []editSection
	for _, s := range g.sections {
		if g.shown != nil && g.shown[s.name] != strings.Join(s.values(), "\x00") {
			out = append(out, s)
		}
	}
	return out
}

// saveDirty saves every section with edits; it stops at the first that
// cannot be saved and reports whether all were.
func (g *editGuard) saveDirty() bool {
	for _, s := range g.dirty() {
		if !s.save() {
			return false
		}
	}
	g.mark()
	return true
}

// unsavedDialog asks what to do with edits not saved: Save, Discard or
// Cancel (stay). It is kept on the ui for the tests.
type unsavedDialog struct {
	d                     *dialog.CustomDialog
	save, discard, cancel *widget.Button
}

// askUnsaved asks before edits are thrown away. save reports whether the
// edits could be saved; when they could not, the user stays, as for
// cancel.
func (u *ui) askUnsaved(what string, save func() bool, discard, stay func()) {
	msg := widget.NewLabel("You changed " + what + " and did not save.\nSave the changes before you go on?")
	msg.Wrapping = fyne.TextWrapWord
	q := &unsavedDialog{}
	q.d = dialog.NewCustomWithoutButtons("Unsaved changes", msg, u.win)
	done := false
	finish := func(fn func()) {
		if done {
			return
		}
		done = true
		u.unsaved = nil
		q.d.Hide()
		fn()
	}
	q.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		finish(func() {
			if !save() {
				stay()
			}
		})
	})
	q.save.Importance = widget.HighImportance
	q.discard = widget.NewButtonWithIcon("Discard", theme.DeleteIcon(), func() { finish(discard) })
	q.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { finish(stay) })
	q.d.SetButtons([]fyne.CanvasObject{q.cancel, q.discard, q.save})
	q.d.SetOnClosed(func() { finish(stay) })
	u.unsaved = q
	q.d.Resize(fyne.NewSize(440, 180))
	q.d.Show()
	u.win.Canvas().Focus(q.save)
}

// sectionNames writes the names of sections for the question.
func sectionNames(ss []editSection) string {
	var names []string
	for _, s := range ss {
		names = append(names, s.name)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// entryText and selected read a field or a choice for an editSection.
func entryText(f *field) string { return f.Text }

func selected(s *widget.Select) string { return s.Selected }
