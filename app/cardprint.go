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

	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
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
	// One client's problem (the template fails on their fields, their text
	// does not fit) leaves that client out, named; the rest print.
	var cards []letters.Card
	var problems []letters.CardProblem
	members := map[int64][]int64{} // a household card's first member → everyone it is for
	if c.households.Checked {
		var due []data.DueClient
		for _, cl := range c.chosen() {
			due = append(due, data.DueClient{Client: cl, Why: c.why[cl.ID]})
		}
		groups, err := c.u.store.ByHousehold(c.u.ctx, due)
		if err != nil {
			return nil, err
		}
		var ids [][]int64
		if cards, ids, err = letters.PrepareHouseholdCards(c.u.ctx, c.u.store, c.batch, tpl, groups); err != nil {
			return nil, err
		}
		for i, k := range cards {
			members[k.ClientID] = ids[i]
		}
	} else if cards, problems, err = letters.PrepareEach(c.u.ctx, c.u.store, c.batch, tpl, c.chosen(), c.texts); err != nil {
		return nil, err
	}
	cards, unfit := pen.SplitFit(cards, letters.Layouts[paperKey(c.layout)])
	c.leftOut = append(problems, unfit...)
	c.printedIDs = nil
	for _, k := range cards {
		if m, ok := members[k.ClientID]; ok {
			c.printedIDs = append(c.printedIDs, m...)
		} else {
			c.printedIDs = append(c.printedIDs, k.ClientID)
		}
	}
	if len(cards) == 0 {
		return nil, fmt.Errorf("no card could be made: %s", problemText(c.leftOut))
	}
	out := letters.Output{Dir: strings.TrimSpace(c.folder.Text), Layout: letters.Layouts[paperKey(c.layout)]}
	if paperKey(c.envelope) != noneChoice {
		out.Envelope = paperKey(c.envelope)
	}
	if paperKey(c.labels) != noneChoice {
		out.Labels = paperKey(c.labels)
	}
	if out.Dir == "" {
		return nil, fmt.Errorf("choose a folder for the PDFs")
	}
	// The printer's offsets (Print…) go into the PDFs.
	if out.Layout.Offset, err = letters.LayoutOffset(c.u.ctx, c.u.store, out.Layout.Name); err != nil {
		return nil, err
	}
	if out.Envelope != "" {
		if out.EnvelopeOffset, err = letters.EnvelopeOffset(c.u.ctx, c.u.store, out.Envelope); err != nil {
			return nil, err
		}
	}
	files, err := pen.WriteBatch(c.u.ctx, c.u.store, c.batch, cards, out, progress)
	if err != nil || paperKey(c.plot) == noneChoice {
		return files, err
	}
	// The same cards for a pen plotter, in single strokes.
	ret, err := letters.ReturnAddress(c.u.ctx, c.u.store)
	if err != nil {
		return files, err
	}
	base := "plot-" + strings.TrimSuffix(strings.TrimPrefix(filepath.Base(files[0]), "cards-"), ".pdf")
	plots, missing, err := pen.WritePlotFiles(out.Dir, base, paperKey(c.plot), cards, out.Layout, out.Envelope, ret, letters.DefaultGCode)
	if len(missing) > 0 {
		c.leftOut = append(c.leftOut, letters.CardProblem{Name: "the plotter", Err: fmt.Errorf("its pen font has no %s; those letters are not plotted", letters.MissingText(missing))})
	}
	return append(files, plots...), err
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
	msg := fmt.Sprintf("Cards for %s written to %s. Print them at 100%% (actual size), then mark the batch as sent.", count(len(c.printedIDs), "client", "clients"), filepath.Dir(files[0]))
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
	n, err := c.u.store.MarkBatchSent(c.u.ctx, c.batch, ids, clock.Now())
	if errors.Is(err, data.ErrBatchSent) {
		// Another seat marked these cards sent first: nothing is logged
		// twice, and this batch is done here too.
		c.markBtn.Disable()
		c.printBtn.Disable()
		c.status.SetText(capitalFirst(err.Error()) + ".")
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
