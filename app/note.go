package app

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/mail"
	"regulars/letters/paper"
)

// noteForm is "Write a note…" on a client: one card for one person now,
// for any occasion, previewed exactly as it prints, then logged.
type noteForm struct {
	u        *ui
	c        data.Client
	dlg      *form.Dialog
	occasion *widget.Select
	channel  *widget.RadioGroup // a card or an email
	template *widget.Select
	layout   *widget.Select
	envelope *widget.Select
	folder   *form.Field
	preview  *canvas.Image
	info     *widget.Label
	note     letters.Note
	at       time.Time
}

// The channels of a note.
const (
	noteByCard  = "Card"
	noteByEmail = "Email"
)

// showNoteForm opens the dialog for one note to c.
func showNoteForm(u *ui, c data.Client, done func()) *noteForm {
	f := &noteForm{u: u, c: c, at: clock.Now()}
	f.template = widget.NewSelect(nil, func(string) { f.refresh() })
	f.occasion = newOccasionChoice(func(string) {
		f.fillTemplates()
		f.refresh()
	})
	// Only the channels the client can get a note by are offered, the one
	// they prefer first.
	channels := data.NoteChannels(c)
	var offered []string
	for _, ch := range channels {
		offered = append(offered, map[data.Channel]string{data.ChannelPost: noteByCard, data.ChannelEmail: noteByEmail}[ch])
	}
	f.channel = widget.NewRadioGroup(offered, func(string) { f.refresh() })
	f.channel.Horizontal = true
	f.channel.Required = true
	f.layout = widget.NewSelect(layoutChoices(), func(string) { f.refresh() })
	selectPaper(f.layout, "a2")
	f.envelope = widget.NewSelect(envelopeChoices(), nil)
	selectPaper(f.envelope, "a2")
	home, _ := os.UserHomeDir()
	f.folder = form.NewField(u.forms, "Folder for the PDF")
	f.folder.SetText(filepath.Join(home, "Documents", "Regulars cards"))
	f.preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	f.preview.FillMode = canvas.ImageFillContain
	f.preview.SetMinSize(fyne.NewSize(260, 300))
	f.info = widget.NewLabel("")
	f.info.Wrapping = fyne.TextWrapWord
	rows := []*form.Row{
		form.NewRow("occasion", "Write", f.occasion), form.NewRow("channel", "As", f.channel), form.NewRow("template", "Template", f.template),
		form.NewRow("layout", "Card", f.layout), form.NewRow("envelope", "Envelope", f.envelope), form.NewRow("folder", "Save to", f.folder),
	}
	body := container.NewBorder(nil, f.info, nil, nil, container.NewGridWithColumns(2, form.Grid(rows...), f.preview))
	f.dlg = form.NewDialog(u.forms, "A note for "+c.Name(), body, "Write the card", func() error { return f.write(done) })
	f.dlg.Form = f
	f.dlg.SubmitOnEnter(f.folder)
	if len(offered) > 0 {
		f.channel.SetSelected(offered[0])
	}
	// The note is for what the client is due, when they are due anything.
	label := occasionLabels[0].label
	if len(channels) > 0 {
		if o, _, ok, err := u.store.NoteOccasion(u.ctx, c, channels[0], f.at); err != nil {
			u.showError(err)
		} else if ok {
			for _, k := range occasionLabels {
				if k.o == o {
					label = k.label
				}
			}
		}
	}
	f.occasion.SetSelected(label)
	if len(offered) == 0 {
		f.dlg.Save.Disable()
		f.info.SetText(noNoteText(c))
	}
	f.dlg.Show(fyne.NewSize(860, 560))
	return f
}

// noNoteText says why a client can get no note.
func noNoteText(c data.Client) string {
	switch {
	case c.DoNotContact:
		return c.Name() + " is marked “do not contact”: no note can be written."
	case c.Email == "" && (c.Address.Street == "" || c.Address.City == ""):
		return c.Name() + " has neither a postal address nor an email in the book: add one to write a note."
	}
	return c.Name() + " asked not to get post or email (or has only one of the two addresses and asked not to get it): no note can be written."
}

// chosenOccasion is the occasion chosen in the dialog.
func (f *noteForm) chosenOccasion() data.Occasion { return occasionOf(f.occasion.Selected) }

// fillTemplates offers the templates of the occasion.
func (f *noteForm) fillTemplates() {
	ts, err := f.u.store.Templates(f.u.ctx)
	if err != nil {
		f.info.SetText(err.Error())
		return
	}
	offerTemplates(f.template, ts, f.chosenOccasion())
}

// refresh merges the text and draws the card as it will print.
func (f *noteForm) refresh() {
	if f.template == nil || f.template.Selected == "" || f.layout == nil || f.channel == nil {
		return
	}
	if f.channel.Selected == "" {
		f.dlg.Save.Disable()
		f.info.SetText(noNoteText(f.c))
		return
	}
	tpl, err := f.u.store.TemplateByName(f.u.ctx, f.template.Selected)
	if err == nil {
		f.note, err = letters.PrepareNote(f.u.ctx, f.u.store, f.c, f.chosenOccasion(), tpl, f.at)
	}
	var pen paper.Pen
	if err == nil {
		pen, err = f.u.cards.penOrError()
	}
	if err != nil {
		f.info.SetText(form.CapitalFirst(err.Error()))
		f.dlg.Save.Disable()
		return
	}
	l := paper.Layouts[paperKey(f.layout)]
	pic, err := pen.Preview(f.note.Card, l, 72)
	if err != nil {
		f.info.SetText(form.CapitalFirst(err.Error()))
		f.dlg.Save.Disable()
		return
	}
	f.preview.Image = pic
	f.preview.Refresh()
	f.dlg.Save.Enable()
	f.info.SetText("")
	if f.channel.Selected == noteByEmail {
		f.dlg.Save.SetText("Send the email")
		f.info.SetText("By email to " + f.c.Email + ", with the same words, from your mailbox (Settings → Email).")
		return
	}
	f.dlg.Save.SetText("Write the card")
}

// write writes the card, logs it and says so, with an undo of the log;
// an email goes to the outbox and is logged when the server takes it.
func (f *noteForm) write(done func()) error {
	if f.channel.Selected == "" {
		return fmt.Errorf("%s", noNoteText(f.c))
	}
	if f.channel.Selected == noteByEmail {
		return f.email(done)
	}
	if f.c.DoNotContact {
		return fmt.Errorf("%s is marked “do not contact”", f.c.Name())
	}
	if f.c.PostConsent == data.ConsentUnsubscribed {
		return fmt.Errorf("%s asked not to get post", f.c.Name())
	}
	pen, err := f.u.cards.penOrError()
	if err != nil {
		return err
	}
	env := paperKey(f.envelope)
	if env == noneChoice {
		env = ""
	}
	files, err := letters.WriteNote(f.u.ctx, f.u.store, pen, f.note, f.folder.Text, paper.Layouts[paperKey(f.layout)], env, f.at)
	if err != nil {
		return err
	}
	k := f.note.Contact(clock.Now())
	if _, err := f.u.store.LogContact(f.u.ctx, &k); err != nil {
		return err
	}
	if done != nil {
		done()
	}
	f.u.notify(fmt.Sprintf("%s card for %s written: %s", words.Occasion(k.Occasion), f.c.Name(), filepath.Base(files[0])),
		func() error { return f.u.store.DeleteContact(f.u.ctx, k.ID) })
	return nil
}

// email queues the note as an email and sends it; the outbox logs it.
func (f *noteForm) email(done func()) error {
	tpl, err := f.u.store.TemplateByName(f.u.ctx, f.template.Selected)
	if err != nil {
		return err
	}
	plan, err := letters.PlanNoteEmail(f.u.ctx, f.u.store, f.c, f.chosenOccasion(), tpl, f.at)
	if err != nil {
		return err
	}
	f.u.mailer.Sender(func(*mail.Sender) {
		if err := plan.Queue(f.u.ctx, f.u.store); err != nil {
			f.u.showError(err)
			return
		}
		if done != nil {
			done()
		}
		f.u.notify(fmt.Sprintf("%s email to %s is in the outbox and going out", words.Occasion(f.chosenOccasion()), f.c.Name()), nil)
		f.u.cards.outbox.send()
	}, func(err error) {
		plan.Discard(f.u.ctx, f.u.store)
		f.u.showError(fmt.Errorf("nothing was sent: %w", err))
	})
	return nil
}
