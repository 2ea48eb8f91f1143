package form

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

// Row is one labelled field of a form, with room for its error
// message right under it.
type Row struct {
	// Field is the data field name errors refer to.
	Field string
	// Label names the field, left of it.
	Label *widget.Label
	// Input is the field itself.
	Input fyne.CanvasObject
	// Err shows the field's error under it.
	Err *widget.Label
}

// NewRow makes a row for the data field named field, labelled label.
func NewRow(field, label string, input fyne.CanvasObject) *Row {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	return &Row{Field: field, Label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), Input: input, Err: e}
}

// SetError shows msg under the field, or hides the message when "".
func (r *Row) SetError(msg string) {
	r.Err.SetText(msg)
	if msg == "" {
		r.Err.Hide()
	} else {
		r.Err.Show()
	}
}

// Grid lays rows out as label | field, the error under the field.
func Grid(rows ...*Row) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r.Label, container.NewVBox(r.Input, r.Err))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// ShowErrors puts each message of err next to its field and clears
// the others; it reports whether err was a ValidationError.
func ShowErrors(err error, rows ...*Row) bool {
	var ve data.ValidationError
	isVE := errors.As(err, &ve)
	for _, r := range rows {
		if isVE {
			r.SetError(ve.For(r.Field))
		} else {
			r.SetError("")
		}
	}
	return isVE
}

// Dialog is a modal dialog with a form, a Save and a Cancel button and
// a line for a general error. Enter in a one-line field saves, Esc closes.
type Dialog struct {
	w *Window
	// D is the Fyne dialog underneath.
	D *dialog.CustomDialog
	// Save runs the save function; its text names the action.
	Save *widget.Button
	// Cancel closes the dialog; a dialog that only tells hides it.
	Cancel *widget.Button
	// Message is the general error at the bottom of the form.
	Message *widget.Label
	onSave  func() error
	// OnClose is told when the dialog closes, saved or not.
	OnClose func()
	closed  bool
	// Form is the form this dialog shows (a client form, a visit
	// form…), for the tests.
	Form   any
	fields []*Field
}

// NewDialog wraps content in a dialog whose main button runs onSave:
// nil closes the dialog, an error keeps it open and shows the error (for
// a ValidationError onSave has already marked the fields).
func NewDialog(w *Window, title string, content fyne.CanvasObject, saveLabel string, onSave func() error) *Dialog {
	f := &Dialog{w: w, onSave: onSave}
	f.Message = widget.NewLabel("")
	f.Message.Importance = widget.DangerImportance
	f.Message.Wrapping = fyne.TextWrapWord
	f.Message.Hide()
	f.Save = widget.NewButtonWithIcon(saveLabel, theme.ConfirmIcon(), f.Submit)
	f.Save.Importance = widget.HighImportance
	f.Cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.Close)
	body := container.NewBorder(nil, f.Message, nil, nil, content)
	f.D = dialog.NewCustomWithoutButtons(title, body, w.Win)
	f.D.SetButtons([]fyne.CanvasObject{f.Cancel, f.Save})
	f.D.SetOnClosed(func() {
		if w.Open == f {
			w.Open = nil
		}
		if w.Closed != nil {
			w.Closed() // the Clients screen gets ready for the next client
		}
		if f.OnClose != nil {
			f.OnClose()
		}
	})
	return f
}

// Submit runs the save function and closes the dialog when it succeeds.
func (f *Dialog) Submit() {
	if f.closed {
		return
	}
	err := f.onSave()
	if err == nil {
		f.Close()
		return
	}
	var ve data.ValidationError
	if errors.As(err, &ve) {
		f.SetMessage("Please correct the fields marked in red. Nothing was saved.")
	} else {
		f.SetMessage(err.Error())
	}
}

// SetMessage shows a general message at the bottom of the form.
func (f *Dialog) SetMessage(msg string) {
	f.Message.SetText(msg)
	if msg == "" {
		f.Message.Hide()
	} else {
		f.Message.Show()
	}
}

// Close hides the dialog.
func (f *Dialog) Close() {
	if f.closed {
		return
	}
	f.closed = true
	f.D.Hide()
}

// Closed reports whether the dialog was closed.
func (f *Dialog) Closed() bool { return f.closed }

// Show opens the dialog at the given size.
func (f *Dialog) Show(size fyne.Size) {
	f.w.Open = f
	f.D.Resize(size)
	f.D.Show()
}

// SubmitOnEnter makes Enter in these fields save the form.
func (f *Dialog) SubmitOnEnter(fields ...*Field) {
	f.fields = append(f.fields, fields...)
	for _, e := range fields {
		e.OnSubmitted = func(string) { f.Submit() }
	}
}

// Fields lists the one-line fields of the dialog that save it on Enter,
// in order, for the tests.
func (f *Dialog) Fields() []*Field { return f.fields }
