package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
)

// formRow is one labelled field of a form, with room for its error
// message right under it.
type formRow struct {
	field string // the data field name errors refer to
	label *widget.Label
	input fyne.CanvasObject
	err   *widget.Label
}

func newRow(field, label string, input fyne.CanvasObject) *formRow {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	return &formRow{field: field, label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), input: input, err: e}
}

// setError shows msg under the field, or hides the message when "".
func (r *formRow) setError(msg string) {
	r.err.SetText(msg)
	if msg == "" {
		r.err.Hide()
	} else {
		r.err.Show()
	}
}

// formGrid lays rows out as label | field, the error under the field.
func formGrid(rows ...*formRow) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r.label, container.NewVBox(r.input, r.err))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// showFieldErrors puts each message of err next to its field and clears
// the others; it reports whether err was a ValidationError.
func showFieldErrors(err error, rows ...*formRow) bool {
	var ve data.ValidationError
	isVE := errors.As(err, &ve)
	for _, r := range rows {
		if isVE {
			r.setError(ve.For(r.field))
		} else {
			r.setError("")
		}
	}
	return isVE
}

// formDialog is a modal dialog with a form, a Save and a Cancel button and
// a line for a general error. Enter in a one-line field saves, Esc closes.
type formDialog struct {
	u       *ui
	d       *dialog.CustomDialog
	save    *widget.Button
	cancel  *widget.Button
	message *widget.Label
	onSave  func() error
	onClose func()
	closed  bool
	form    any // the form this dialog shows (*clientForm, *visitForm…)
	fields  []*field
}

// newFormDialog wraps content in a dialog whose main button runs onSave:
// nil closes the dialog, an error keeps it open and shows the error (for
// a ValidationError onSave has already marked the fields).
func newFormDialog(u *ui, title string, content fyne.CanvasObject, saveLabel string, onSave func() error) *formDialog {
	f := &formDialog{u: u, onSave: onSave}
	f.message = widget.NewLabel("")
	f.message.Importance = widget.DangerImportance
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Hide()
	f.save = widget.NewButtonWithIcon(saveLabel, theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.close)
	body := container.NewBorder(nil, f.message, nil, nil, content)
	f.d = dialog.NewCustomWithoutButtons(title, body, u.win)
	f.d.SetButtons([]fyne.CanvasObject{f.cancel, f.save})
	f.d.SetOnClosed(func() {
		if u.dialog == f {
			u.dialog = nil
		}
		if u.book != nil && u.tabs != nil && u.tabs.Selected() == u.booktab {
			u.book.focusSearch() // ready for the next client
		}
		if f.onClose != nil {
			f.onClose()
		}
	})
	return f
}

// submit runs the save function and closes the dialog when it succeeds.
func (f *formDialog) submit() {
	if f.closed {
		return
	}
	err := f.onSave()
	if err == nil {
		f.close()
		return
	}
	var ve data.ValidationError
	if errors.As(err, &ve) {
		f.setMessage("Please correct the fields marked in red. Nothing was saved.")
	} else {
		f.setMessage(err.Error())
	}
}

// setMessage shows a general message at the bottom of the form.
func (f *formDialog) setMessage(msg string) {
	f.message.SetText(msg)
	if msg == "" {
		f.message.Hide()
	} else {
		f.message.Show()
	}
}

// close hides the dialog.
func (f *formDialog) close() {
	if f.closed {
		return
	}
	f.closed = true
	f.d.Hide()
}

// show opens the dialog at the given size.
func (f *formDialog) show(size fyne.Size) {
	f.u.dialog = f
	f.d.Resize(size)
	f.d.Show()
}

// submitOnEnter makes Enter in these fields save the form.
func (f *formDialog) submitOnEnter(fields ...*field) {
	f.fields = append(f.fields, fields...)
	for _, e := range fields {
		e.OnSubmitted = func(string) { f.submit() }
	}
}

// fieldsForTest lists the one-line fields of the dialog, in order.
func (f *formDialog) fieldsForTest() []*field { return f.fields }
