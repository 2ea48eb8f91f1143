package cards

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/words"
	"regulars/data"
	"regulars/letters"
	"regulars/letters/paper"
)

// defaultPrinter is how the printer list names the system's default.
const defaultPrinter = "The default printer"

// printDialog is the batch's Print: the printer (remembered), the
// printer's offset for this card and envelope, a one-page alignment test,
// and the print itself.
type printDialog struct {
	c        *Screen
	printers []paper.Printer
	choice   *widget.Select
	card     *form.Field // offset of the card layout, "right,down" in mm
	Envelope *form.Field // offset of the envelope, if any
	Status   *widget.Label
}

// printOnPrinter opens the Print dialog of the batch on screen.
func (c *Screen) printOnPrinter() {
	if c.emailing() {
		c.u.showError(fmt.Errorf("the batch is by email: choose Thank by post to print cards"))
		return
	}
	if len(c.chosen()) == 0 {
		c.u.showError(fmt.Errorf("no cards to print: find who to thank first"))
		return
	}
	p := &printDialog{c: c}
	var err error
	if p.printers, err = paper.Printers(c.u.ctx); err != nil {
		c.u.showError(err)
		return
	}
	if len(p.printers) == 0 {
		c.u.showError(fmt.Errorf("no printer is set up on this computer: add one in the system's printer settings, or use Print to folder"))
		return
	}
	p.show()
}

func (p *printDialog) show() {
	u, c := p.c.u, p.c
	cs, _ := u.store.CardSettings(u.ctx) // the printer and its offsets, read once
	remembered := cs.Printer
	var names []string
	selected := ""
	for _, pr := range p.printers {
		n := pr.Name
		if n == "" {
			n = defaultPrinter
		}
		names = append(names, n)
		if pr.Name == remembered || (selected == "" && pr.Default) {
			selected = n
		}
	}
	p.choice = widget.NewSelect(names, nil)
	if selected == "" {
		selected = names[0]
	}
	p.choice.SetSelected(selected)

	layout := paper.Layouts[paperKey(c.layout)]
	p.card = form.NewField(u.forms, "0,0")
	if o, err := letters.PrintOffset(cs, "card", layout.Name); err == nil {
		p.card.SetText(o.String())
	}
	rows := []*form.Row{form.NewRow("printer", "Printer", p.choice), form.NewRow("card_offset", "Card offset (mm right, down)", p.card)}
	if env := paperKey(c.Envelope); env != noneChoice {
		p.Envelope = form.NewField(u.forms, "0,0")
		if o, err := letters.PrintOffset(cs, "envelope", env); err == nil {
			p.Envelope.SetText(o.String())
		}
		rows = append(rows, form.NewRow("envelope_offset", "Envelope offset (mm)", p.Envelope))
	}
	p.Status = widget.NewLabel(fmt.Sprintf("Print the alignment test first on a new printer or card stock: "+
		"measure where its lines land and type the difference as the offset. %s, printed at actual size.", layout.Label))
	p.Status.Wrapping = fyne.TextWrapWord
	test := widget.NewButton("Print alignment test", p.alignment)
	var d dialog.Dialog
	d = dialog.NewCustomConfirm("Print the batch", fmt.Sprintf("Print %d cards", len(c.chosen())), "Cancel",
		container.NewVBox(form.Grid(rows...), container.NewHBox(test), p.Status), func(ok bool) {
			if ok {
				go p.printBatch()
			}
		}, u.win)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

// printer is the name of the chosen printer, "" for the default.
func (p *printDialog) printer() string {
	if p.choice.Selected == defaultPrinter {
		return ""
	}
	return p.choice.Selected
}

// saveChoices keeps the printer and the offsets in the book.
func (p *printDialog) saveChoices() error {
	u, c := p.c.u, p.c
	card, err := paper.ParseOffset(p.card.Text)
	if err != nil {
		return fmt.Errorf("card offset: %w", err)
	}
	var env paper.Offset
	if p.Envelope != nil {
		if env, err = paper.ParseOffset(p.Envelope.Text); err != nil {
			return fmt.Errorf("envelope offset: %w", err)
		}
	}
	if err := letters.SetLayoutOffset(u.ctx, u.store, paperKey(c.layout), card); err != nil {
		return err
	}
	if p.Envelope != nil {
		if err := letters.SetEnvelopeOffset(u.ctx, u.store, paperKey(c.Envelope), env); err != nil {
			return err
		}
	}
	return u.store.SetSetting(u.ctx, data.SettingPrinter, p.printer())
}

// alignment prints the one-page test with the offsets typed.
func (p *printDialog) alignment() {
	if err := p.saveChoices(); err != nil {
		p.Status.SetText(err.Error())
		return
	}
	c := p.c
	l := paper.Layouts[paperKey(c.layout)]
	l.Offset, _ = paper.ParseOffset(p.card.Text)
	var env *paper.Envelope
	if e, ok := paper.Envelopes[paperKey(c.Envelope)]; ok {
		env = &e
	}
	path := filepath.Join(os.TempDir(), "regulars-alignment-"+l.Name+".pdf")
	f, err := os.Create(path)
	if err == nil {
		err = paper.AlignmentPage(f, l, env)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		_, err = paper.Print(c.u.ctx, paper.Job{File: path, Printer: p.printer(), Paper: paper.Paper{W: l.W, H: l.H}, Title: "Regulars alignment test"})
	}
	if err != nil {
		p.Status.SetText("The alignment test was not printed: " + err.Error())
		return
	}
	p.Status.SetText("Alignment test sent to " + p.choice.Selected + ". Each short line should land 10 mm from the edge: type the difference as the offset, then print the test again or the cards.")
}

// printBatch writes the batch's PDFs (with the offsets) and prints each on
// its own paper; it runs in the background.
func (p *printDialog) printBatch() {
	c := p.c
	if err := p.saveChoices(); err != nil {
		fyne.Do(func() { c.u.showError(err) })
		return
	}
	files, err := c.renderShowing()
	if err == nil {
		_, err = paper.PrintFiles(c.u.ctx, printJobs(files, paperKey(c.layout), paperKey(c.Envelope), paperKey(c.Labels), p.printer()))
	}
	fyne.Do(func() {
		c.Printed(files, err)
		if err == nil {
			c.Status.SetText(fmt.Sprintf("Cards for %s sent to %s (the PDFs are in %s). Once they are out, mark the batch as sent.",
				words.Count(len(c.printedIDs), "client", "clients"), p.choice.Selected, filepath.Dir(files[0])))
		}
	})
}

// printJobs names the paper of each PDF of a batch from its file name.
func printJobs(files []string, layout, envelope, labels, printer string) []paper.Job {
	var jobs []paper.Job
	for _, f := range files {
		j := paper.Job{File: f, Printer: printer, Title: strings.TrimSuffix(filepath.Base(f), ".pdf")}
		base := filepath.Base(f)
		switch {
		case strings.HasPrefix(base, "cards-"):
			l := paper.Layouts[layout]
			j.Paper = paper.Paper{W: l.W, H: l.H}
		case strings.HasPrefix(base, "envelopes-"):
			e := paper.Envelopes[envelope]
			j.Paper = paper.Paper{W: e.W, H: e.H}
		case strings.HasPrefix(base, "labels-"):
			s := paper.LabelSheets[labels]
			j.Paper = paper.Paper{W: s.PageW, H: s.PageH}
		}
		jobs = append(jobs, j)
	}
	return jobs
}
