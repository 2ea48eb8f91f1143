package form

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Section is a part of a screen that is saved with its own button:
// the values it shows, to notice edits, and how to save them.
type Section struct {
	// Name names the section in the question ("the business").
	Name string
	// Values reads what the section shows.
	Values func() []string
	// Save saves the section; false: not saved, the errors are on screen.
	Save func() bool
}

// Guard notices edits not saved yet, so that leaving a screen can ask
// before throwing them away.
type Guard struct {
	// Sections are the parts of the screen saved apart.
	Sections []Section
	shown    map[string]string // the values as last shown or saved
	// OnMark is called once values are taken as saved.
	OnMark func()
}

// Mark takes the values on screen as the saved ones.
func (g *Guard) Mark() {
	g.shown = map[string]string{}
	for _, s := range g.Sections {
		g.shown[s.Name] = strings.Join(s.Values(), "\x00")
	}
	if g.OnMark != nil {
		g.OnMark()
	}
}

// MarkOne takes one section's values on screen as saved.
func (g *Guard) MarkOne(name string) {
	if g.shown == nil {
		g.shown = map[string]string{}
	}
	for _, s := range g.Sections {
		if s.Name == name {
			g.shown[s.Name] = strings.Join(s.Values(), "\x00")
		}
	}
	if g.OnMark != nil {
		g.OnMark()
	}
}

// Dirty lists the sections with edits not saved.
func (g *Guard) Dirty() []Section {
	var out []Section
	for _, s := range g.Sections {
		if g.shown != nil && g.shown[s.Name] != strings.Join(s.Values(), "\x00") {
			out = append(out, s)
		}
	}
	return out
}

// SaveDirty saves every section with edits; it stops at the first that
// cannot be saved and reports whether all were.
func (g *Guard) SaveDirty() bool {
	for _, s := range g.Dirty() {
		if !s.Save() {
			return false
		}
	}
	g.Mark()
	return true
}

// Unsaved asks what to do with edits not saved: Save, Discard or
// Cancel (stay). The Window keeps it while on screen, for the tests.
type Unsaved struct {
	d *dialog.CustomDialog
	// Save, Discard and Cancel are the three answers.
	Save, Discard, Cancel *widget.Button
}

// AskUnsaved asks before edits are thrown away. save reports whether the
// edits could be saved; when they could not, the user stays, as for
// cancel.
func (w *Window) AskUnsaved(what string, save func() bool, discard, stay func()) {
	msg := widget.NewLabel("You changed " + what + " and did not save.\nSave the changes before you go on?")
	msg.Wrapping = fyne.TextWrapWord
	q := &Unsaved{}
	q.d = dialog.NewCustomWithoutButtons("Unsaved changes", msg, w.Win)
	done := false
	finish := func(fn func()) {
		if done {
			return
		}
		done = true
		w.Unsaved = nil
		q.d.Hide()
		fn()
	}
	q.Save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		finish(func() {
			if !save() {
				stay()
			}
		})
	})
	q.Save.Importance = widget.HighImportance
	q.Discard = widget.NewButtonWithIcon("Discard", theme.DeleteIcon(), func() { finish(discard) })
	q.Cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { finish(stay) })
	q.d.SetButtons([]fyne.CanvasObject{q.Cancel, q.Discard, q.Save})
	q.d.SetOnClosed(func() { finish(stay) })
	w.Unsaved = q
	q.d.Resize(fyne.NewSize(440, 180))
	q.d.Show()
	w.Win.Canvas().Focus(q.Save)
}

// SectionNames writes the names of sections for the question.
func SectionNames(ss []Section) string {
	var names []string
	for _, s := range ss {
		names = append(names, s.Name)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// EntryText reads a field for a Section.
func EntryText(f *Field) string { return f.Text }

// Selected reads a choice for a Section.
func Selected(s *widget.Select) string { return s.Selected }
