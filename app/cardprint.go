package app

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
func (c *cardsScreen) print() {
	files, err := c.renderShowing()
	fyne.Do(func() { c.printed(files, err) })
}

// renderShowing renders the batch off the UI thread with the progress bar
// on screen.
func (c *cardsScreen) renderShowing() ([]string, error) {
	fyne.Do(func() {
		c.printBtn.Disable()
		c.progress.SetValue(0)
		c.progress.Show()
		c.status.SetText("Writing the cards…")
	})
	return c.render(func(done, total int) {
		fyne.Do(func() { c.progress.SetValue(float64(done) / float64(total)) })
	})
}

// render writes the PDFs of the chosen clients into the folder.
func (c *cardsScreen) render(progress func(done, total int)) ([]string, error) {
	pen, err := c.penOrError()
	if err != nil {
		return nil, err
	}
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.batch.Template)
	if err != nil {
		return nil, err
	}
	var due []data.DueClient
	for _, cl := range c.chosen() {
		due = append(due, data.DueClient{Client: cl, Why: c.why[cl.ID]})
	}
	run := letters.CardRun{Batch: c.batch, Template: tpl, Due: due, Texts: c.texts, Households: c.households.Checked,
		Layout: paper.Layouts[paperKey(c.layout)], Dir: c.folder.Text, GCode: paper.DefaultGCode, Progress: progress}
	if paperKey(c.envelope) != noneChoice {
		run.Envelope = paperKey(c.envelope)
	}
	if paperKey(c.labels) != noneChoice {
		run.Labels = paperKey(c.labels)
	}
	if paperKey(c.plot) != noneChoice {
		run.Plot = paperKey(c.plot)
	}
	res, err := letters.PrintBatch(c.u.ctx, c.u.store, pen, run)
	c.batch, c.leftOut, c.printedIDs = res.Batch, res.LeftOut, res.Printed
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

// printed shows the files written, with buttons to open them.
func (c *cardsScreen) printed(files []string, err error) {
	c.progress.Hide()
	c.printBtn.Enable()
	if err != nil {
		c.status.SetText("Nothing was printed: " + err.Error())
		return
	}
	c.files = files
	msg := fmt.Sprintf("Cards for %s written to %s. Print them at 100%% (actual size), then mark the batch as sent.", words.Count(len(c.printedIDs), "client", "clients"), filepath.Dir(files[0]))
	if len(c.leftOut) > 0 {
		msg += " Left out: " + problemText(c.leftOut) + "."
	}
	c.status.SetText(msg)
	c.openBox.RemoveAll()
	for _, f := range files {
		f := f
		c.openBox.Add(widget.NewButtonWithIcon(filepath.Base(f), theme.FileIcon(), func() {
			if err := c.u.app.OpenURL(&url.URL{Scheme: "file", Path: f}); err != nil {
				c.u.showError(err)
			}
		}))
	}
	c.markBtn.Enable()
}

// confirmMarkSent asks before logging the cards as sent.
func (c *cardsScreen) confirmMarkSent() {
	n := len(c.chosen())
	dialog.ShowConfirm("Mark as sent?", fmt.Sprintf("This logs a thank-you card for each of the %d clients, so they are not thanked twice.", n),
		func(ok bool) {
			if ok {
				c.markSent()
			}
		}, c.u.win)
}

// markSent logs a card contact for every chosen client.
func (c *cardsScreen) markSent() {
	ids := c.printedIDs // only the cards that were printed
	if ids == nil {
		for _, cl := range c.chosen() {
			ids = append(ids, cl.ID)
		}
	}
	n, err := letters.CardResult{Batch: c.batch, Printed: ids}.MarkSent(c.u.ctx, c.u.store, clock.Now())
	if errors.Is(err, data.ErrBatchSent) {
		// Another seat marked these cards sent first: nothing is logged
		// twice, and this batch is done here too.
		c.markBtn.Disable()
		c.printBtn.Disable()
		c.status.SetText(form.CapitalFirst(err.Error()) + ".")
		c.clients = nil
		c.list.Refresh()
		c.clearPreview()
		return
	}
	if err != nil {
		c.u.showError(err)
		return
	}
	c.markBtn.Disable()
	c.printBtn.Disable()
	c.status.SetText(fmt.Sprintf("Done: %d clients are logged as thanked by card (batch %d).", n, c.batch.ID))
	c.clients = nil
	c.list.Refresh()
	c.clearPreview()
}
