package cards

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

// NoteForm is "Write a note…" on a client: one card for one person now,
// for any occasion, previewed exactly as it prints, then logged.
type NoteForm struct {
	u *needs
	c data.Client
	// Dialog is the form; in it the choices of the note (Occasion,
	// Channel: a card or an email, Template, card layout, Envelope and
	// the Folder of the PDF), its Preview as it prints, Info on it, and
	// the Note as merged.
	Dialog   *form.Dialog
	Occasion *widget.Select
	Channel  *widget.RadioGroup
	Template *widget.Select
	layout   *widget.Select
	Envelope *widget.Select
	Folder   *form.Field
	Preview  *canvas.Image
	Info     *widget.Label
	Note     letters.Note
	at       time.Time
}

// The channels of a note, as its Channel choice names them.
const (
	NoteByCard  = "Card"
	NoteByEmail = "Email"
)

// showNoteForm opens the dialog for one note to c.
func showNoteForm(u *needs, c data.Client, done func()) *NoteForm {
	f := &NoteForm{u: u, c: c, at: clock.Now()}
	f.Template = widget.NewSelect(nil, func(string) { f.refresh() })
	f.Occasion = newOccasionChoice(func(string) {
		f.fillTemplates()
		f.refresh()
	})
	// Only the channels the client can get a note by are offered, the one
	// they prefer first.
	channels := data.NoteChannels(c)
	var offered []string
	for _, ch := range channels {
		offered = append(offered, map[data.Channel]string{data.ChannelPost: NoteByCard, data.ChannelEmail: NoteByEmail}[ch])
	}
	f.Channel = widget.NewRadioGroup(offered, func(string) { f.refresh() })
	f.Channel.Horizontal = true
	f.Channel.Required = true
	f.layout = widget.NewSelect(layoutChoices(), func(string) { f.refresh() })
	selectPaper(f.layout, "a2")
	f.Envelope = widget.NewSelect(envelopeChoices(), nil)
	selectPaper(f.Envelope, "a2")
	home, _ := os.UserHomeDir()
	f.Folder = form.NewField(u.forms, "Folder for the PDF")
	f.Folder.SetText(filepath.Join(home, "Documents", "Regulars cards"))
	f.Preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	f.Preview.FillMode = canvas.ImageFillContain
	f.Preview.SetMinSize(fyne.NewSize(260, 300))
	f.Info = widget.NewLabel("")
	f.Info.Wrapping = fyne.TextWrapWord
	rows := []*form.Row{
		form.NewRow("occasion", "Write", f.Occasion), form.NewRow("channel", "As", f.Channel), form.NewRow("template", "Template", f.Template),
		form.NewRow("layout", "Card", f.layout), form.NewRow("envelope", "Envelope", f.Envelope), form.NewRow("folder", "Save to", f.Folder),
	}
	body := container.NewBorder(nil, f.Info, nil, nil, container.NewGridWithColumns(2, form.Grid(rows...), f.Preview))
	f.Dialog = form.NewDialog(u.forms, "A note for "+c.Name(), body, "Write the card", func() error { return f.write(done) })
	f.Dialog.Form = f
	f.Dialog.SubmitOnEnter(f.Folder)
	if len(offered) > 0 {
		f.Channel.SetSelected(offered[0])
	}
	// The note is for what the client is due, when they are due anything.
	label := OccasionLabels[0].Label
	if len(channels) > 0 {
		if o, _, ok, err := u.store.NoteOccasion(u.ctx, c, channels[0], f.at); err != nil {
			u.showError(err)
		} else if ok {
			for _, k := range OccasionLabels {
				if k.Occasion == o {
					label = k.Label
				}
			}
		}
	}
	f.Occasion.SetSelected(label)
	if len(offered) == 0 {
		f.Dialog.Save.Disable()
		f.Info.SetText(noNoteText(c))
	}
	f.Dialog.Show(fyne.NewSize(860, 560))
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

// ChosenOccasion is the occasion chosen in the dialog.
func (f *NoteForm) ChosenOccasion() data.Occasion { return occasionOf(f.Occasion.Selected) }

// fillTemplates offers the templates of the occasion.
func (f *NoteForm) fillTemplates() {
	ts, err := f.u.store.Templates(f.u.ctx)
	if err != nil {
		f.Info.SetText(err.Error())
		return
	}
	offerTemplates(f.Template, ts, f.ChosenOccasion())
}

// refresh merges the text and draws the card as it will print.
func (f *NoteForm) refresh() {
	if f.Template == nil || f.Template.Selected == "" || f.layout == nil || f.Channel == nil {
		return
	}
	if f.Channel.Selected == "" {
		f.Dialog.Save.Disable()
		f.Info.SetText(noNoteText(f.c))
		return
	}
	tpl, err := f.u.store.TemplateByName(f.u.ctx, f.Template.Selected)
	if err == nil {
		f.Note, err = letters.PrepareNote(f.u.ctx, f.u.store, f.c, f.ChosenOccasion(), tpl, f.at)
	}
	var pen paper.Pen
	if err == nil {
		pen, err = f.u.cards.penOrError()
	}
	if err != nil {
		f.Info.SetText(form.CapitalFirst(err.Error()))
		f.Dialog.Save.Disable()
		return
	}
	l := paper.Layouts[paperKey(f.layout)]
	pic, err := pen.Preview(f.Note.Card, l, 72)
	if err != nil {
		f.Info.SetText(form.CapitalFirst(err.Error()))
		f.Dialog.Save.Disable()
		return
	}
	f.Preview.Image = pic
	f.Preview.Refresh()
	f.Dialog.Save.Enable()
	f.Info.SetText("")
	if f.Channel.Selected == NoteByEmail {
		f.Dialog.Save.SetText("Send the email")
		f.Info.SetText("By email to " + f.c.Email + ", with the same words, from your mailbox (Settings → Email).")
		return
	}
	f.Dialog.Save.SetText("Write the card")
}

// write writes the card, logs it and says so, with an undo of the log;
// an email goes to the outbox and is logged when the server takes it.
func (f *NoteForm) write(done func()) error {
	if f.Channel.Selected == "" {
		return fmt.Errorf("%s", noNoteText(f.c))
	}
	if f.Channel.Selected == NoteByEmail {
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
	env := paperKey(f.Envelope)
	if env == noneChoice {
		env = ""
	}
	files, err := letters.WriteNote(f.u.ctx, f.u.store, pen, f.Note, f.Folder.Text, paper.Layouts[paperKey(f.layout)], env, f.at)
	if err != nil {
		return err
	}
	k := f.Note.Contact(clock.Now())
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
func (f *NoteForm) email(done func()) error {
	tpl, err := f.u.store.TemplateByName(f.u.ctx, f.Template.Selected)
	if err != nil {
		return err
	}
	plan, err := letters.PlanNoteEmail(f.u.ctx, f.u.store, f.c, f.ChosenOccasion(), tpl, f.at)
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
		f.u.notify(fmt.Sprintf("%s email to %s is in the outbox and going out", words.Occasion(f.ChosenOccasion()), f.c.Name()), nil)
		f.u.cards.Outbox.send()
	}, func(err error) {
		plan.Discard(f.u.ctx, f.u.store)
		f.u.showError(fmt.Errorf("nothing was sent: %w", err))
	})
	return nil
}
