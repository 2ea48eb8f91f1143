package cards

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/words"
	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/paper"
)

// print writes the PDFs with a progress bar; it runs in the background.
func (c *Screen) print() {
	files, err := c.renderShowing()
	fyne.Do(func() { c.Printed(files, err) })
}

// renderShowing renders the batch off the UI thread with the progress bar
// on screen.
func (c *Screen) renderShowing() ([]string, error) {
	fyne.Do(func() {
		c.PrintBtn.Disable()
		c.progress.SetValue(0)
		c.progress.Show()
		c.Status.SetText("Writing the cards…")
	})
	return c.Render(func(done, total int) {
		fyne.Do(func() { c.progress.SetValue(float64(done) / float64(total)) })
	})
}

// Render writes the PDFs of the chosen clients into the folder.
func (c *Screen) Render(progress func(done, total int)) ([]string, error) {
	pen, err := c.penOrError()
	if err != nil {
		return nil, err
	}
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.Batch.Template)
	if err != nil {
		return nil, err
	}
	var due []data.DueClient
	for _, cl := range c.chosen() {
		due = append(due, data.DueClient{Client: cl, Why: c.Why[cl.ID]})
	}
	run := letters.CardRun{Batch: c.Batch, Template: tpl, Due: due, Texts: c.texts, Households: c.Households.Checked,
		Layout: paper.Layouts[paperKey(c.layout)], Dir: c.Folder.Text, GCode: paper.DefaultGCode, Progress: progress}
	if paperKey(c.Envelope) != noneChoice {
		run.Envelope = paperKey(c.Envelope)
	}
	if paperKey(c.Labels) != noneChoice {
		run.Labels = paperKey(c.Labels)
	}
	if paperKey(c.plot) != noneChoice {
		run.Plot = paperKey(c.plot)
	}
	res, err := letters.PrintBatch(c.u.ctx, c.u.store, pen, run)
	c.Batch, c.leftOut, c.printedIDs = res.Batch, res.LeftOut, res.Printed
	if err == nil {
		c.ownDraft = false // printed: the batch stays, to be marked sent or printed again the same
	}
	if len(res.PlotMissing) > 0 {
		c.leftOut = append(c.leftOut, letters.CardProblem{Name: "the plotter", Err: fmt.Errorf("its pen font has no %s; those letters are not plotted", paper.MissingText(res.PlotMissing))})
	}
	return res.Files, err
}

// problemText names the clients left out and why.
func problemText(ps []letters.CardProblem) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Name+" ("+p.Err.Error()+")")
	}
	return strings.Join(parts, "; ")
}

// Printed shows the files written, with buttons to open them.
func (c *Screen) Printed(files []string, err error) {
	c.progress.Hide()
	c.PrintBtn.Enable()
	if err != nil {
		c.Status.SetText("Nothing was printed: " + err.Error())
		return
	}
	c.files = files
	msg := fmt.Sprintf("Cards for %s written to %s. Print them at 100%% (actual size), then mark the batch as sent.", words.Count(len(c.printedIDs), "client", "clients"), filepath.Dir(files[0]))
	if len(c.leftOut) > 0 {
		msg += " Left out: " + problemText(c.leftOut) + "."
	}
	c.Status.SetText(msg)
	c.openBox.RemoveAll()
	for _, f := range files {
		f := f
		c.openBox.Add(widget.NewButtonWithIcon(filepath.Base(f), theme.FileIcon(), func() {
			if err := c.u.shell.OpenURL(&url.URL{Scheme: "file", Path: f}); err != nil {
				c.u.showError(err)
			}
		}))
	}
	c.MarkBtn.Enable()
}

// ConfirmMarkSent asks before logging the cards as sent.
func (c *Screen) ConfirmMarkSent() {
	n := len(c.chosen())
	dialog.ShowConfirm("Mark as sent?", fmt.Sprintf("This logs a thank-you card for each of the %d clients, so they are not thanked twice.", n),
		func(ok bool) {
			if ok {
				c.MarkSent()
			}
		}, c.u.win)
}

// MarkSent logs a card contact for every chosen client.
func (c *Screen) MarkSent() {
	ids := c.printedIDs // only the cards that were printed
	if ids == nil {
		for _, cl := range c.chosen() {
			ids = append(ids, cl.ID)
		}
	}
	n, err := letters.CardResult{Batch: c.Batch, Printed: ids}.MarkSent(c.u.ctx, c.u.store, clock.Now())
	if errors.Is(err, data.ErrBatchSent) {
		// Another seat marked these cards sent first: nothing is logged
		// twice, and this batch is done here too.
		c.MarkBtn.Disable()
		c.PrintBtn.Disable()
		c.Status.SetText(form.CapitalFirst(err.Error()) + ".")
		c.Clients = nil
		c.List.Refresh()
		c.clearPreview()
		return
	}
	if err != nil {
		c.u.showError(err)
		return
	}
	c.MarkBtn.Disable()
	c.PrintBtn.Disable()
	c.Status.SetText(fmt.Sprintf("Done: %d clients are logged as thanked by card (batch %d).", n, c.Batch.ID))
	c.Clients = nil
	c.List.Refresh()
	c.clearPreview()
}
