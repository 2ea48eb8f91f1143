package clients

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/data"
)

// ClientForm is the add / edit dialog of a client.
type ClientForm struct {
	u *needs
	c data.Client
	// Dialog is the form's dialog, with its message line.
	Dialog *form.Dialog
	done   func(id int64)

	// First, Last, Email, Phone, Birthday, Tags and Notes are the
	// fields of those names.
	First, Last, company, Email, Phone    *form.Field
	street, city, region, postal, country *form.Field
	Birthday, Tags, ideal, max            *form.Field
	Notes                                 *form.Field
	channel                               *widget.RadioGroup
	// PostConsent says whether the client agreed to cards by post.
	emailConsent, PostConsent *widget.Select
	doNotContact              *widget.Check
	// Rows are the form's rows, each with its message under the field.
	Rows []*form.Row
	// DupBox warns of clients who may be the same person.
	DupBox     *fyne.Container
	dupChecked bool // the user saw the duplicate warning
}

// showClientForm opens the form for c (a new client when c.ID is 0) and
// calls done with the id once it is saved.
// birthdayHint is the birthday field's placeholder, in the book's order.
func birthdayHint(o data.DayOrder) string {
	if o == data.MonthFirst {
		return "e.g. March 14 or 3/14/1990; the year is optional"
	}
	return "e.g. 14 March or 14/3/1990; the year is optional"
}

func showClientForm(u *needs, c data.Client, done func(id int64)) *ClientForm {
	f := &ClientForm{u: u, c: c, done: done}
	text := func(placeholder string) *form.Field { return form.NewField(u.forms, placeholder) }
	f.First = text("")
	f.Last = text("")
	f.company = text("")
	f.Email = text("e.g. name@example.com")
	f.Phone = text("e.g. (555) 123-4567")
	f.street = text("Street and number")
	f.city = text("City")
	f.region = text("State / county")
	f.postal = text("Postal code")
	f.country = text("Country")
	f.Birthday = text(birthdayHint(u.store.DayOrder(u.ctx)))
	f.Tags = text("e.g. VIP, wedding")
	f.ideal = text("the usual")
	f.max = text("the usual")
	f.Notes = form.NewMultiLineField(u.forms, "Anything worth remembering: allergies, favourite coffee, family…")
	f.channel = widget.NewRadioGroup([]string{"post", "email"}, nil)
	f.channel.Horizontal = true
	f.channel.Required = true
	f.PostConsent = widget.NewSelect(consentOptions, nil)
	f.emailConsent = widget.NewSelect(consentOptions, nil)
	f.doNotContact = widget.NewCheck("Do not contact (never listed for thank-yous)", nil)
	f.fill(c)

	place := container.NewGridWithColumns(3, f.city, f.region, f.postal)
	consent := container.NewGridWithColumns(4, widget.NewLabel("Post:"), f.PostConsent, widget.NewLabel("Email:"), f.emailConsent)
	cadence := container.NewGridWithColumns(4, widget.NewLabel("Ideal"), f.ideal, widget.NewLabel("At most"), f.max)
	f.Rows = []*form.Row{
		form.NewRow(data.FieldFirst, "First name", f.First),
		form.NewRow(data.FieldLast, "Last name", f.Last),
		form.NewRow("company", "Company", f.company),
		form.NewRow(data.FieldEmail, "Email", f.Email),
		form.NewRow(data.FieldPhone, "Phone", f.Phone),
		form.NewRow("street", "Address", f.street),
		form.NewRow("place", "", place),
		form.NewRow("country", "", f.country),
		form.NewRow(data.FieldBirthday, "Birthday", f.Birthday),
		form.NewRow(data.FieldTags, "Tags", f.Tags),
		form.NewRow(data.FieldChannel, "Thank by", f.channel),
		form.NewRow(data.FieldConsent, "May we write?", consent),
		form.NewRow("dnc", "", f.doNotContact),
		form.NewRow(data.FieldCadence, "Days between contacts", cadence),
		form.NewRow("notes", "Notes", f.Notes),
	}
	f.DupBox = container.NewVBox()
	title, save := "New client", "Add client"
	if c.ID != 0 {
		title, save = "Edit "+c.Name(), "Save"
	}
	body := container.NewBorder(f.DupBox, nil, nil, nil, container.NewVScroll(form.Grid(f.Rows...)))
	f.Dialog = form.NewDialog(u.forms, title, body, save, f.save)
	f.Dialog.Form = f
	f.Dialog.SubmitOnEnter(f.First, f.Last, f.company, f.Email, f.Phone, f.street, f.city, f.region, f.postal, f.country, f.Birthday, f.Tags, f.ideal, f.max)
	f.Dialog.Show(fyne.NewSize(640, 680))
	u.win.Canvas().Focus(f.First)
	return f
}

// fill shows c in the form's fields.
func (f *ClientForm) fill(c data.Client) {
	f.First.SetText(c.FirstName)
	f.Last.SetText(c.LastName)
	f.company.SetText(c.Company)
	f.Email.SetText(c.Email)
	f.Phone.SetText(c.Phone)
	f.street.SetText(c.Address.Street)
	f.city.SetText(c.Address.City)
	f.region.SetText(c.Address.Region)
	f.postal.SetText(c.Address.PostalCode)
	f.country.SetText(c.Address.Country)
	f.Birthday.SetText(c.Birthday.String())
	f.Tags.SetText(strings.Join(c.Tags, ", "))
	f.ideal.SetText(numText(c.Cadence.Ideal))
	f.max.SetText(numText(c.Cadence.Max))
	f.Notes.SetText(c.Notes)
	f.channel.SetSelected(string(orDefault(c.PreferredChannel, data.ChannelPost)))
	f.PostConsent.SetSelected(consentWords(c.PostConsent))
	f.emailConsent.SetSelected(consentWords(c.EmailConsent))
	f.doNotContact.SetChecked(c.DoNotContact)
}

func orDefault[T ~string](v, def T) T {
	if v == "" {
		return def
	}
	return v
}

func numText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// read collects the typed values into a client; values that cannot even
// be read (a birthday, a number) are reported per field.
func (f *ClientForm) read() (data.Client, data.ValidationError) {
	c := f.c
	c.FirstName, c.LastName, c.Company = f.First.Text, f.Last.Text, f.company.Text
	c.Email, c.Phone = strings.TrimSpace(f.Email.Text), strings.TrimSpace(f.Phone.Text)
	c.Address = data.Address{Street: f.street.Text, City: f.city.Text, Region: f.region.Text, PostalCode: f.postal.Text, Country: f.country.Text}
	c.Notes = f.Notes.Text
	c.Tags = strings.Split(f.Tags.Text, ",")
	c.PreferredChannel = data.Channel(f.channel.Selected)
	c.PostConsent = consentOf(f.PostConsent.Selected)
	c.EmailConsent = consentOf(f.emailConsent.Selected)
	c.DoNotContact = f.doNotContact.Checked
	var errs data.ValidationError
	b, err := data.ReadBirthday(f.Birthday.Text, f.u.store.DayOrder(f.u.ctx))
	if err != nil {
		errs = append(errs, data.FieldError{Field: data.FieldBirthday, Message: err.Error()})
	}
	c.Birthday = b
	num := func(e *form.Field, label string) int {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			errs = append(errs, data.FieldError{Field: data.FieldCadence, Message: fmt.Sprintf("%s days must be a whole number above 0, not %q", label, s)})
			return 0
		}
		return n
	}
	c.Cadence = data.Cadence{Ideal: num(f.ideal, "Ideal"), Max: num(f.max, "Maximum")}
	return c, errs
}

// save validates, warns once about likely duplicates of a new client, and
// saves.
func (f *ClientForm) save() error {
	c, errs := f.read()
	if err := c.Validate(); err != nil {
		errs = append(errs, err.(data.ValidationError)...)
	}
	if len(errs) > 0 {
		form.ShowErrors(errs, f.Rows...)
		return errs
	}
	form.ShowErrors(nil, f.Rows...)
	ctx := f.u.ctx
	if c.ID == 0 && !f.dupChecked {
		dups, err := f.u.store.Duplicates(ctx, c)
		if err != nil {
			return err
		}
		if len(dups) > 0 {
			f.showDuplicates(dups)
			return fmt.Errorf("This may be someone already in the book. Open them, or press “Add anyway”.")
		}
	}
	before := f.c
	if c.ID == 0 {
		if _, err := f.u.store.AddClient(ctx, &c); err != nil {
			form.ShowErrors(err, f.Rows...)
			return err
		}
	} else if err := f.u.store.UpdateClient(ctx, &c); err != nil {
		var changed *data.ChangedError
		if errors.As(err, &changed) {
			// Another seat saved meanwhile: both are shown, and what was
			// typed stays in the form until the person chooses.
			f.showConflict(changed.Theirs, c)
			return errors.New("Changed on another computer meanwhile: see above, then choose")
		}
		form.ShowErrors(err, f.Rows...)
		return err
	}
	f.c = c
	if f.done != nil {
		f.done(c.ID)
	}
	if before.ID == 0 {
		f.u.notify(c.Name()+" added to the book", func() error { return f.u.store.UnaddClient(f.u.ctx, c.ID) })
	} else {
		f.u.notify("Changes to "+c.Name()+" saved", func() error {
			before.Version = c.Version // undoing is a save on top of this one
			return f.u.store.UpdateClient(f.u.ctx, &before)
		})
	}
	return nil
}

// fieldNamed returns the entry of a data field (data.FieldFirst…), or nil.
func (f *ClientForm) fieldNamed(name string) *form.Field {
	switch name {
	case data.FieldFirst:
		return f.First
	case data.FieldLast:
		return f.Last
	case data.FieldEmail:
		return f.Email
	case data.FieldPhone:
		return f.Phone
	}
	return nil
}

// showDuplicates lists the look-alikes with a button to open each, and
// turns the main button into "Add anyway".
// showConflict shows, above the form, what another seat saved since the
// form was opened beside what is typed: the details they changed (kept,
// where this person did not touch them) and those both changed, with the
// two ways out: keep mine (their changes plus mine, mine where both
// changed) or take theirs (the form shows the book's version).
func (f *ClientForm) showConflict(theirs, own data.Client) {
	m := data.MergeClient(f.c, theirs, own)
	f.DupBox.RemoveAll()
	warn := widget.NewLabelWithStyle(theirs.Name()+" was changed on another computer (or by a command) after you opened this form. Nothing of yours is saved yet.",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	warn.Importance = widget.WarningImportance
	warn.Wrapping = fyne.TextWrapWord
	f.DupBox.Add(warn)
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	grid := container.NewGridWithColumns(3, bold(""), bold("Saved there"), bold("Yours"))
	row := func(field, theirs, yours string) {
		a, b := widget.NewLabel(orDash(theirs)), widget.NewLabel(yours)
		a.Wrapping, b.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
		grid.Add(widget.NewLabel(field))
		grid.Add(a)
		grid.Add(b)
	}
	for _, d := range m.BothChanged {
		row(d.Field, d.Theirs, orDash(d.Own))
	}
	for _, d := range m.TheirChanges {
		row(d.Field, d.Theirs, "not changed by you: theirs is kept")
	}
	if len(m.BothChanged)+len(m.TheirChanges) == 0 {
		f.DupBox.Add(widget.NewLabel("Their save changed none of these details, or changed them as you did."))
	} else {
		f.DupBox.Add(grid)
	}
	label := "Keep mine"
	switch {
	case len(m.BothChanged) > 0:
	case len(m.TheirChanges) > 0:
		label = "Save both"
	default:
		label = "Save mine"
	}
	keep := widget.NewButton(label, func() {
		f.c = m.Merged
		f.fill(m.Merged)
		f.DupBox.RemoveAll()
		f.Dialog.Submit()
	})
	keep.Importance = widget.HighImportance
	take := widget.NewButton("Take theirs", func() {
		f.Dialog.Close()
		showClientForm(f.u, theirs, f.done)
	})
	f.DupBox.Add(container.NewHBox(keep, take))
	f.DupBox.Add(widget.NewSeparator())
}

// orDash shows an empty detail as a dash.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (f *ClientForm) showDuplicates(dups []data.Duplicate) {
	f.dupChecked = true
	f.DupBox.RemoveAll()
	warn := widget.NewLabelWithStyle("Already in the book?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	warn.Importance = widget.WarningImportance
	f.DupBox.Add(warn)
	for _, d := range dups {
		d := d
		label := fmt.Sprintf("%s — %s", d.Client.Name(), d.Reason)
		if d.Client.Phone != "" {
			label += "  ·  " + f.u.phone(d.Client.Phone)
		}
		if d.Client.Email != "" {
			label += "  ·  " + d.Client.Email
		}
		open := widget.NewButton("Open", func() {
			f.Dialog.Close()
			f.u.openClient(d.Client.ID)
		})
		f.DupBox.Add(container.NewBorder(nil, nil, nil, open, widget.NewLabel(label)))
	}
	f.DupBox.Add(widget.NewSeparator())
	f.Dialog.Save.SetText("Add anyway")
}
