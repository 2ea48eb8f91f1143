package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/internal/clock"
)

// contactKinds are the contacts a person logs by hand, with their labels.
var contactKinds = []struct {
	kind  data.ContactKind
	label string
}{
	{data.ContactCall, "Phone call"},
	{data.ContactText, "Text message"},
	{data.ContactMeeting, "Met in person"},
	{data.ContactEmail, "Email sent"},
	{data.ContactReply, "Email reply received"},
	{data.ContactCard, "Card sent"},
	{data.ContactOther, "Other"},
}

// contactForm is the "Log contact" dialog.
type contactForm struct {
	dlg    *formDialog
	kind   *widget.Select
	at     *field
	note   *field
	thanks *widget.Check
	staff  *staffPicker
	rows   []*formRow
}

// showContactForm logs a call, text, meeting or other touch with c.
func showContactForm(u *ui, c data.Client, done func()) *contactForm {
	f := &contactForm{}
	var labels []string
	for _, k := range contactKinds {
		labels = append(labels, k.label)
	}
	f.kind = widget.NewSelect(labels, nil)
	f.kind.SetSelected(labels[0])
	f.at = newWhenField(u, clock.Now(), true)
	f.note = newField(u, "What was said, what was promised")
	f.thanks = widget.NewCheck("It thanked them (a card or an email)", nil)
	var ids map[string]int64
	f.staff, ids = newStaffPicker(u)
	f.rows = []*formRow{
		newRow("kind", "Kind", f.kind),
		newRow(data.FieldAt, "When", f.at),
		newRow("staff", "By", f.staff),
		newRow("note", "Note", f.note),
		newRow("thanks", "", f.thanks),
	}
	head := widget.NewLabelWithStyle(c.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(head, widget.NewSeparator(), formGrid(f.rows...))
	save := func() error {
		at, err := readWhen(f.at.Text)
		if err == nil {
			err = data.CheckPastDate("contact", at, clock.Now())
		}
		if err != nil {
			errs := data.ValidationError{{Field: data.FieldAt, Message: capitalFirst(err.Error())}}
			showFieldErrors(errs, f.rows...)
			return errs
		}
		kind := data.ContactOther
		for _, k := range contactKinds {
			if k.label == f.kind.Selected {
				kind = k.kind
			}
		}
		ct := data.Contact{ClientID: c.ID, At: at, Kind: kind, Note: f.note.Text, ThankYou: f.thanks.Checked, StaffID: ids[f.staff.Selected]}
		if _, err := u.store.LogContact(u.ctx, &ct); err != nil {
			showFieldErrors(err, f.rows...)
			return err
		}
		if done != nil {
			done()
		}
		u.notify(fmt.Sprintf("%s logged for %s", contactLabel(kind), c.Name()), func() error { return u.store.DeleteContact(u.ctx, ct.ID) })
		return nil
	}
	f.dlg = newFormDialog(u, "Log contact", body, "Log contact", save)
	f.dlg.form = f
	f.dlg.submitOnEnter(f.at, f.note)
	f.dlg.show(fyne.NewSize(520, 380))
	u.win.Canvas().Focus(f.note)
	return f
}

// contactLabel names a kind of contact for a confirmation.
func contactLabel(k data.ContactKind) string {
	for _, c := range contactKinds {
		if c.kind == k {
			return c.label
		}
	}
	return "Contact"
}

// snooze quiets a client's reminders until a day, says so, and offers to
// put the snooze back as it was.
func (u *ui) snooze(id int64, until time.Time) error {
	c, err := u.store.Client(u.ctx, id)
	if err != nil {
		return err
	}
	if err := u.store.Snooze(u.ctx, id, until); err != nil {
		return err
	}
	before := c.SnoozedUntil
	u.notify(fmt.Sprintf("%s snoozed until %s", c.Name(), until.Format("Mon 2 Jan 2006")), func() error { return u.store.Snooze(u.ctx, id, before) })
	return nil
}

// finishFollowUp marks a promised call-back done, says so, and offers to
// open it again.
func (u *ui) finishFollowUp(f data.FollowUp) error {
	if err := u.store.FinishFollowUp(u.ctx, f.ID, true); err != nil {
		return err
	}
	u.notify(fmt.Sprintf("Follow-up done for %s: %s", f.ClientName, f.What), func() error { return u.store.FinishFollowUp(u.ctx, f.ID, false) })
	return nil
}

// showSnoozeForm asks until which day to quiet a client's reminders.
func showSnoozeForm(u *ui, id int64, done func()) {
	until := newDateField(u, clock.Now().AddDate(0, 0, 14))
	row := newRow("until", "Quiet until", until)
	save := func() error {
		day, err := readDay(until.Text)
		if err == nil {
			err = data.CheckFutureDate("snooze", day, clock.Now())
		}
		if err == nil && data.Days(clock.Now(), day, time.Local) <= 0 {
			err = fmt.Errorf("Choose a day after today")
		}
		if err != nil {
			err = fmt.Errorf("%s", capitalFirst(err.Error()))
		}
		if err != nil {
			errs := data.ValidationError{{Field: "until", Message: err.Error()}}
			showFieldErrors(errs, row)
			return errs
		}
		if err := u.snooze(id, day); err != nil {
			return err
		}
		done()
		return nil
	}
	d := newFormDialog(u, "Snooze reminders", formGrid(row), "Snooze", save)
	d.submitOnEnter(until)
	d.show(fyne.NewSize(420, 200))
	u.win.Canvas().Focus(until)
}

// showFollowUpForm records a promised call-back for c.
func showFollowUpForm(u *ui, c data.Client, done func()) {
	what := newField(u, "Call back about the order…")
	due := newDateField(u, clock.Now().AddDate(0, 0, 2))
	staff, ids := newStaffPicker(u)
	rows := []*formRow{newRow("what", "Promise", what), newRow("due", "By", due), newRow("staff", "Who", staff)}
	save := func() error {
		day, err := readDay(due.Text)
		if err == nil {
			err = data.CheckFutureDate("follow-up", day, clock.Now())
		}
		if err != nil {
			errs := data.ValidationError{{Field: "due", Message: capitalFirst(err.Error())}}
			showFieldErrors(errs, rows...)
			return errs
		}
		f := data.FollowUp{ClientID: c.ID, What: what.Text, Due: day, StaffID: ids[staff.Selected]}
		if _, err := u.store.AddFollowUp(u.ctx, &f); err != nil {
			showFieldErrors(err, rows...)
			return err
		}
		done()
		u.notify(fmt.Sprintf("Follow-up for %s by %s", c.Name(), day.Format("Mon 2 Jan")), func() error { return u.store.DeleteFollowUp(u.ctx, f.ID) })
		return nil
	}
	d := newFormDialog(u, "Follow-up for "+c.Name(), formGrid(rows...), "Add follow-up", save)
	d.submitOnEnter(what, due)
	d.show(fyne.NewSize(480, 280))
	u.win.Canvas().Focus(what)
}

// showComplaintForm records an issue c raised.
func showComplaintForm(u *ui, c data.Client, done func()) {
	what := newMultiLineField(u, "What went wrong, in the client's words")
	on := newDateField(u, clock.Now())
	rows := []*formRow{newRow("description", "Complaint", what), newRow("raised", "Raised on", on)}
	save := func() error {
		day, err := readDay(on.Text)
		if err == nil {
			err = data.CheckPastDate("complaint", day, clock.Now())
		}
		if err != nil {
			errs := data.ValidationError{{Field: "raised", Message: capitalFirst(err.Error())}}
			showFieldErrors(errs, rows...)
			return errs
		}
		k := data.Complaint{ClientID: c.ID, Description: what.Text, RaisedOn: day}
		if _, err := u.store.AddComplaint(u.ctx, &k); err != nil {
			showFieldErrors(err, rows...)
			return err
		}
		done()
		u.notify("Complaint recorded for "+c.Name(), func() error { return u.store.DeleteComplaint(u.ctx, k.ID) })
		return nil
	}
	d := newFormDialog(u, "Complaint from "+c.Name(), formGrid(rows...), "Record complaint", save)
	d.submitOnEnter(on)
	d.show(fyne.NewSize(520, 320))
	u.win.Canvas().Focus(what)
}

// showResolveForm records how a complaint was made right.
func showResolveForm(u *ui, k data.Complaint, done func()) {
	how := newMultiLineField(u, "Redone for free, refunded, a voucher…")
	rows := []*formRow{newRow("resolution", "How it was made right", how)}
	save := func() error {
		if err := u.store.ResolveComplaint(u.ctx, k.ID, how.Text, clock.Now()); err != nil {
			showFieldErrors(err, rows...)
			return err
		}
		done()
		u.notify("Complaint of "+k.ClientName+" resolved", func() error { return u.store.ReopenComplaint(u.ctx, k.ID) })
		return nil
	}
	intro := widget.NewLabel(fmt.Sprintf("%s: “%s”", k.ClientName, k.Description))
	intro.Wrapping = fyne.TextWrapWord
	d := newFormDialog(u, "Resolve complaint", container.NewVBox(intro, formGrid(rows...)), "Resolved", save)
	d.show(fyne.NewSize(520, 300))
	u.win.Canvas().Focus(how)
}
