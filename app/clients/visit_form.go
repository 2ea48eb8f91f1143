package clients

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
)

// noStaff is the staff choice for a visit nobody in particular served.
const noStaff = "(nobody in particular)"

// VisitForm is the "Log visit" dialog: everything defaults so that Enter
// alone logs a visit now, by the last staff member.
type VisitForm struct {
	u *needs
	// Client is the client of the visit.
	Client data.Client
	// Dialog is the form's dialog, with its message line.
	Dialog *form.Dialog
	// At, Staff, What, Amount and Note are the fields of the visit.
	At     *form.Field
	Staff  *staffPicker
	What   *form.Field
	Amount *form.Field
	Note   *form.Field
	// Notes are the client's notes, when they have some (else nil).
	Notes *widget.Label
	// Rows are the form's rows, each with its message under the field.
	Rows []*form.Row
	ids  map[string]int64
	done func(data.Visit)
}

// showVisitForm opens the dialog for logging a visit of c.
func showVisitForm(u *needs, c data.Client, done func(data.Visit)) *VisitForm {
	f := &VisitForm{u: u, Client: c, done: done}
	f.At = form.NewWhenField(u.forms, clock.Now(), true)
	f.Staff, f.ids = newStaffPicker(u)
	f.What = form.NewField(u.forms, "e.g. haircut, 2 bags of coffee, a repair")
	f.Amount = form.NewField(u.forms, "e.g. 45.00")
	f.Note = form.NewField(u.forms, "Anything to remember next time")
	f.Rows = []*form.Row{
		form.NewRow(data.FieldAt, "When", f.At),
		form.NewRow("staff", "Served by", f.Staff),
		form.NewRow("what", "What", f.What),
		form.NewRow(data.FieldAmount, "Amount", f.Amount),
		form.NewRow("note", "Note", f.Note),
	}
	head := widget.NewLabelWithStyle(c.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sub := widget.NewLabel(visitSummary(c))
	sub.Importance = widget.LowImportance
	heading := container.NewVBox(head, sub)
	if c.Notes != "" {
		// "Allergic to lilies": said while the visit is logged.
		f.Notes = widget.NewLabelWithStyle(c.Notes, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		f.Notes.Wrapping = fyne.TextWrapWord
		f.Notes.Importance = widget.WarningImportance
		heading.Add(f.Notes)
	}
	if len(c.Tags) > 0 {
		tags := widgets.NewCutLabel(tagsText(c.Tags))
		heading.Add(tags)
	}
	body := container.NewVBox(heading, widget.NewSeparator(), form.Grid(f.Rows...))
	f.Dialog = form.NewDialog(u.forms, "Log visit", body, "Log visit", f.save)
	f.Dialog.Form = f
	f.Dialog.SubmitOnEnter(f.At, f.What, f.Amount, f.Note)
	f.Dialog.Show(fyne.NewSize(520, 420))
	u.win.Canvas().Focus(f.What)
	return f
}

// visitSummary is the line under the client's name in the visit dialog.
func visitSummary(c data.Client) string {
	if c.VisitCount == 0 {
		return "First visit"
	}
	return fmt.Sprintf("Visit number %d  ·  last one %s", c.VisitCount+1, words.Ago(c.LastVisitAt, clock.Now()))
}

// save logs the visit, or marks the fields that are wrong.
func (f *VisitForm) save() error {
	var errs data.ValidationError
	at, err := form.ReadWhen(f.At.Text)
	if err == nil {
		err = data.CheckPastDate("visit", at, clock.Now())
	}
	if err != nil {
		errs = append(errs, data.FieldError{Field: data.FieldAt, Message: form.CapitalFirst(err.Error())})
	}
	amount, err := data.ParseAmount(f.Amount.Text)
	if err != nil {
		errs = append(errs, data.FieldError{Field: data.FieldAmount, Message: form.CapitalFirst(err.Error())})
	}
	if len(errs) > 0 {
		form.ShowErrors(errs, f.Rows...)
		return errs
	}
	v := data.Visit{ClientID: f.Client.ID, At: at, StaffID: f.ids[f.Staff.Selected], What: f.What.Text, AmountCents: amount, Note: f.Note.Text}
	if _, err := f.u.store.LogVisit(f.u.ctx, &v); err != nil {
		form.ShowErrors(err, f.Rows...)
		return err
	}
	if f.done != nil {
		f.done(v)
	}
	return nil
}
