package app

import (
	"fmt"
	"regulars/app/form"

	"fyne.io/fyne/v2"
)

// undoDepth is how many actions stay undoable, newest first, until the
// window closes.
const undoDepth = 20

// undoStep is one action that can be reversed: what the notice said when
// it was done, and how to reverse it in the book.
type undoStep struct {
	what    string
	reverse func() error
}

// undoStack holds the last actions that can be undone, newest last.
type undoStack struct {
	steps []undoStep
}

// push remembers an action, forgetting the oldest past undoDepth.
func (s *undoStack) push(what string, reverse func() error) {
	s.steps = append(s.steps, undoStep{what, reverse})
	if len(s.steps) > undoDepth {
		s.steps = append([]undoStep(nil), s.steps[len(s.steps)-undoDepth:]...)
	}
}

// pop takes the newest action off the stack; ok is false when empty.
func (s *undoStack) pop() (undoStep, bool) {
	if len(s.steps) == 0 {
		return undoStep{}, false
	}
	last := s.steps[len(s.steps)-1]
	s.steps = s.steps[:len(s.steps)-1]
	return last, true
}

// top is the newest action, if any.
func (s *undoStack) top() (undoStep, bool) {
	if len(s.steps) == 0 {
		return undoStep{}, false
	}
	return s.steps[len(s.steps)-1], true
}

// undoLast reverses the newest undoable action in the book and says so;
// it does nothing when there is nothing to undo.
func (u *ui) undoLast() {
	step, ok := u.undos.pop()
	if !ok {
		return
	}
	u.showUndoMenu()
	if err := step.reverse(); err != nil {
		u.notice.hide()
		u.showError(fmt.Errorf("could not undo “%s”: %w", step.what, err))
		return
	}
	u.refreshAll()
	u.notice.show(fmt.Sprintf("Undone: %s", step.what), false)
}

// undoMenuItem is the Edit menu's Undo, which Ctrl+Z runs.
func (u *ui) undoMenuItem() *fyne.MenuItem {
	item := fyne.NewMenuItem("Undo", u.undoFromMenu)
	item.Shortcut = &fyne.ShortcutUndo{}
	return item
}

// showUndoMenu names the action the Edit menu's Undo would reverse.
func (u *ui) showUndoMenu() {
	if u.undoItem == nil {
		return
	}
	if step, ok := u.undos.top(); ok {
		u.undoItem.Label = fmt.Sprintf("Undo “%s”", step.what)
		u.undoItem.Disabled = false
	} else {
		u.undoItem.Label = "Undo"
		u.undoItem.Disabled = true
	}
	if m := u.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// undoFromMenu is Ctrl+Z and Edit → Undo: in a field being filled in
// (a form, Settings) it takes back the typing, as people expect; from
// the search field, or anywhere else, it undoes the last action in the
// book.
func (u *ui) undoFromMenu() {
	focused := u.win.Canvas().Focused()
	if f, ok := focused.(*form.Field); ok && u.isFindField(f) {
		u.undoLast()
		return
	}
	if e, ok := focused.(interface{ Undo() }); ok {
		e.Undo()
		return
	}
	if u.win.Canvas().Overlays().Top() != nil {
		return // a question or a form is open: it is answered first
	}
	u.undoLast()
}

// isFindField reports whether f is one of the fields that find a client,
// where Ctrl+Z undoes the last action rather than the typing.
// undoFromField undoes the last action when Ctrl+Z is typed in a search
// field, and reports whether it did; other fields undo their own typing.
func (u *ui) undoFromField(f *form.Field) bool {
	if !u.isFindField(f) {
		return false
	}
	u.undoLast()
	return true
}

func (u *ui) isFindField(f *form.Field) bool {
	return (u.book != nil && f == u.book.Search) || (u.today != nil && f == u.today.Find)
}
