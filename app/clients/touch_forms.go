package clients

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
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

// ContactForm is the "Log contact" dialog.
type ContactForm struct {
	// Dialog is the form's dialog, with its message line.
	Dialog *form.Dialog
	// Kind is the kind of contact (a call, a text...), Note what was
	// said.
	Kind   *widget.Select
	at     *form.Field
	Note   *form.Field
	thanks *widget.Check
	staff  *staffPicker
	rows   []*form.Row
}

// showContactForm logs a call, text, meeting or other touch with c.
func showContactForm(u *needs, c data.Client, done func()) *ContactForm {
	f := &ContactForm{}
	var labels []string
	for _, k := range contactKinds {
		labels = append(labels, k.label)
	}
	f.Kind = widget.NewSelect(labels, nil)
	f.Kind.SetSelected(labels[0])
	f.at = form.NewWhenField(u.forms, clock.Now(), true)
	f.Note = form.NewField(u.forms, "What was said, what was promised")
	f.thanks = widget.NewCheck("It thanked them (a card or an email)", nil)
	var ids map[string]int64
	f.staff, ids = newStaffPicker(u)
	f.rows = []*form.Row{
		form.NewRow("kind", "Kind", f.Kind),
		form.NewRow(data.FieldAt, "When", f.at),
		form.NewRow("staff", "By", f.staff),
		form.NewRow("note", "Note", f.Note),
		form.NewRow("thanks", "", f.thanks),
	}
	head := widget.NewLabelWithStyle(c.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(head, widget.NewSeparator(), form.Grid(f.rows...))
	save := func() error {
		at, err := form.ReadWhen(f.at.Text)
		if err == nil {
			err = data.CheckPastDate("contact", at, clock.Now())
		}
		if err != nil {
			errs := data.ValidationError{{Field: data.FieldAt, Message: form.CapitalFirst(err.Error())}}
			form.ShowErrors(errs, f.rows...)
			return errs
		}
		kind := data.ContactOther
		for _, k := range contactKinds {
			if k.label == f.Kind.Selected {
				kind = k.kind
			}
		}
		ct := data.Contact{ClientID: c.ID, At: at, Kind: kind, Note: f.Note.Text, ThankYou: f.thanks.Checked, StaffID: ids[f.staff.Selected]}
		if _, err := u.store.LogContact(u.ctx, &ct); err != nil {
			form.ShowErrors(err, f.rows...)
			return err
		}
		if done != nil {
			done()
		}
		u.notify(fmt.Sprintf("%s logged for %s", contactLabel(kind), c.Name()), func() error { return u.store.DeleteContact(u.ctx, ct.ID) })
		return nil
	}
	f.Dialog = form.NewDialog(u.forms, "Log contact", body, "Log contact", save)
	f.Dialog.Form = f
	f.Dialog.SubmitOnEnter(f.at, f.Note)
	f.Dialog.Show(fyne.NewSize(520, 380))
	u.win.Canvas().Focus(f.Note)
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
func (u *needs) snooze(id int64, until time.Time) error {
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
func (u *needs) finishFollowUp(f data.FollowUp) error {
	if err := u.store.FinishFollowUp(u.ctx, f.ID, true); err != nil {
		return err
	}
	u.notify(fmt.Sprintf("Follow-up done for %s: %s", f.ClientName, f.What), func() error { return u.store.FinishFollowUp(u.ctx, f.ID, false) })
	return nil
}

// showSnoozeForm asks until which day to quiet a client's reminders.
func showSnoozeForm(u *needs, id int64, done func()) {
	until := form.NewDateField(u.forms, clock.Now().AddDate(0, 0, 14))
	row := form.NewRow("until", "Quiet until", until)
	save := func() error {
		day, err := form.ReadDay(until.Text)
		if err == nil {
			err = data.CheckFutureDate("snooze", day, clock.Now())
		}
		if err == nil && data.Days(clock.Now(), day, time.Local) <= 0 {
			err = fmt.Errorf("Choose a day after today")
		}
		if err != nil {
			err = fmt.Errorf("%s", form.CapitalFirst(err.Error()))
		}
		if err != nil {
			errs := data.ValidationError{{Field: "until", Message: err.Error()}}
			form.ShowErrors(errs, row)
			return errs
		}
		if err := u.snooze(id, day); err != nil {
			return err
		}
		done()
		return nil
	}
	d := form.NewDialog(u.forms, "Snooze reminders", form.Grid(row), "Snooze", save)
	d.SubmitOnEnter(until)
	d.Show(fyne.NewSize(420, 200))
	u.win.Canvas().Focus(until)
}

// showFollowUpForm records a promised call-back for c.
func showFollowUpForm(u *needs, c data.Client, done func()) {
	what := form.NewField(u.forms, "Call back about the order…")
	due := form.NewDateField(u.forms, clock.Now().AddDate(0, 0, 2))
	staff, ids := newStaffPicker(u)
	rows := []*form.Row{form.NewRow("what", "Promise", what), form.NewRow("due", "By", due), form.NewRow("staff", "Who", staff)}
	save := func() error {
		day, err := form.ReadDay(due.Text)
		if err == nil {
			err = data.CheckFutureDate("follow-up", day, clock.Now())
		}
		if err != nil {
			errs := data.ValidationError{{Field: "due", Message: form.CapitalFirst(err.Error())}}
			form.ShowErrors(errs, rows...)
			return errs
		}
		f := data.FollowUp{ClientID: c.ID, What: what.Text, Due: day, StaffID: ids[staff.Selected]}
		if _, err := u.store.AddFollowUp(u.ctx, &f); err != nil {
			form.ShowErrors(err, rows...)
			return err
		}
		done()
		u.notify(fmt.Sprintf("Follow-up for %s by %s", c.Name(), day.Format("Mon 2 Jan")), func() error { return u.store.DeleteFollowUp(u.ctx, f.ID) })
		return nil
	}
	d := form.NewDialog(u.forms, "Follow-up for "+c.Name(), form.Grid(rows...), "Add follow-up", save)
	d.SubmitOnEnter(what, due)
	d.Show(fyne.NewSize(480, 280))
	u.win.Canvas().Focus(what)
}

// showComplaintForm records an issue c raised.
func showComplaintForm(u *needs, c data.Client, done func()) {
	what := form.NewMultiLineField(u.forms, "What went wrong, in the client's words")
	on := form.NewDateField(u.forms, clock.Now())
	rows := []*form.Row{form.NewRow("description", "Complaint", what), form.NewRow("raised", "Raised on", on)}
	save := func() error {
		day, err := form.ReadDay(on.Text)
		if err == nil {
			err = data.CheckPastDate("complaint", day, clock.Now())
		}
		if err != nil {
			errs := data.ValidationError{{Field: "raised", Message: form.CapitalFirst(err.Error())}}
			form.ShowErrors(errs, rows...)
			return errs
		}
		k := data.Complaint{ClientID: c.ID, Description: what.Text, RaisedOn: day}
		if _, err := u.store.AddComplaint(u.ctx, &k); err != nil {
			form.ShowErrors(err, rows...)
			return err
		}
		done()
		u.notify("Complaint recorded for "+c.Name(), func() error { return u.store.DeleteComplaint(u.ctx, k.ID) })
		return nil
	}
	d := form.NewDialog(u.forms, "Complaint from "+c.Name(), form.Grid(rows...), "Record complaint", save)
	d.SubmitOnEnter(on)
	d.Show(fyne.NewSize(520, 320))
	u.win.Canvas().Focus(what)
}

// showResolveForm records how a complaint was made right.
func showResolveForm(u *needs, k data.Complaint, done func()) {
	how := form.NewMultiLineField(u.forms, "Redone for free, refunded, a voucher…")
	rows := []*form.Row{form.NewRow("resolution", "How it was made right", how)}
	save := func() error {
		if err := u.store.ResolveComplaint(u.ctx, k.ID, how.Text, clock.Now()); err != nil {
			form.ShowErrors(err, rows...)
			return err
		}
		done()
		u.notify("Complaint of "+k.ClientName+" resolved", func() error { return u.store.ReopenComplaint(u.ctx, k.ID) })
		return nil
	}
	intro := widget.NewLabel(fmt.Sprintf("%s: “%s”", k.ClientName, k.Description))
	intro.Wrapping = fyne.TextWrapWord
	d := form.NewDialog(u.forms, "Resolve complaint", container.NewVBox(intro, form.Grid(rows...)), "Resolved", save)
	d.Show(fyne.NewSize(520, 300))
	u.win.Canvas().Focus(how)
}

// Snooze snoozes a client's reminders until a day, with an undo.
func (b *Screen) Snooze(id int64, until time.Time) error { return b.u.snooze(id, until) }

// SnoozeUntil asks until when to snooze a client, then calls done.
func (b *Screen) SnoozeUntil(id int64, done func()) { showSnoozeForm(b.u, id, done) }

// LogContactWith opens the contact dialog of c, then calls done.
func (b *Screen) LogContactWith(c data.Client, done func()) { showContactForm(b.u, c, done) }

// FinishFollowUp marks a follow-up done, with an undo.
func (b *Screen) FinishFollowUp(f data.FollowUp) error { return b.u.finishFollowUp(f) }

// Resolve asks how a complaint was put right, then calls done.
func (b *Screen) Resolve(k data.Complaint, done func()) { showResolveForm(b.u, k, done) }
