package app

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

// visitForm is the "Log visit" dialog: everything defaults so that Enter
// alone logs a visit now, by the last staff member.
type visitForm struct {
	u      *ui
	c      data.Client
	dlg    *form.Dialog
	at     *form.Field
	staff  *staffPicker
	what   *form.Field
	amount *form.Field
	note   *form.Field
	notes  *widget.Label // the client's notes, when they have some
	rows   []*form.Row
	ids    map[string]int64
	done   func(data.Visit)
}

// showVisitForm opens the dialog for logging a visit of c.
func showVisitForm(u *ui, c data.Client, done func(data.Visit)) *visitForm {
	f := &visitForm{u: u, c: c, done: done}
	f.at = form.NewWhenField(u.forms, clock.Now(), true)
	f.staff, f.ids = newStaffPicker(u)
	f.what = form.NewField(u.forms, "e.g. haircut, 2 bags of coffee, a repair")
	f.amount = form.NewField(u.forms, "e.g. 45.00")
	f.note = form.NewField(u.forms, "Anything to remember next time")
	f.rows = []*form.Row{
		form.NewRow(data.FieldAt, "When", f.at),
		form.NewRow("staff", "Served by", f.staff),
		form.NewRow("what", "What", f.what),
		form.NewRow(data.FieldAmount, "Amount", f.amount),
		form.NewRow("note", "Note", f.note),
	}
	head := widget.NewLabelWithStyle(c.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sub := widget.NewLabel(visitSummary(c))
	sub.Importance = widget.LowImportance
	heading := container.NewVBox(head, sub)
	if c.Notes != "" {
		// "Allergic to lilies": said while the visit is logged.
		f.notes = widget.NewLabelWithStyle(c.Notes, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		f.notes.Wrapping = fyne.TextWrapWord
		f.notes.Importance = widget.WarningImportance
		heading.Add(f.notes)
	}
	if len(c.Tags) > 0 {
		tags := widgets.NewCutLabel(tagsText(c.Tags))
		heading.Add(tags)
	}
	body := container.NewVBox(heading, widget.NewSeparator(), form.Grid(f.rows...))
	f.dlg = form.NewDialog(u.forms, "Log visit", body, "Log visit", f.save)
	f.dlg.Form = f
	f.dlg.SubmitOnEnter(f.at, f.what, f.amount, f.note)
	f.dlg.Show(fyne.NewSize(520, 420))
	u.win.Canvas().Focus(f.what)
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
func (f *visitForm) save() error {
	var errs data.ValidationError
	at, err := form.ReadWhen(f.at.Text)
	if err == nil {
		err = data.CheckPastDate("visit", at, clock.Now())
	}
	if err != nil {
		errs = append(errs, data.FieldError{Field: data.FieldAt, Message: form.CapitalFirst(err.Error())})
	}
	amount, err := data.ParseAmount(f.amount.Text)
	if err != nil {
		errs = append(errs, data.FieldError{Field: data.FieldAmount, Message: form.CapitalFirst(err.Error())})
	}
	if len(errs) > 0 {
		form.ShowErrors(errs, f.rows...)
		return errs
	}
	v := data.Visit{ClientID: f.c.ID, At: at, StaffID: f.ids[f.staff.Selected], What: f.what.Text, AmountCents: amount, Note: f.note.Text}
	if _, err := f.u.store.LogVisit(f.u.ctx, &v); err != nil {
		form.ShowErrors(err, f.rows...)
		return err
	}
	if f.done != nil {
		f.done(v)
	}
	return nil
}
