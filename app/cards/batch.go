// The batch on the screen: finding who is due in the period, the draft
// batch it starts, and going through its cards one by one.

package cards

import (
	"fmt"
	"image"
	"time"

	"fyne.io/fyne/v2"

	"regulars/app/form"
	"regulars/data"
	"regulars/internal/clock"
	"regulars/letters"
	"regulars/letters/paper"
)

// ClearBatch forgets the found clients when the choices change.
func (c *Screen) ClearBatch() {
	if c.List == nil {
		return
	}
	c.dropDraft()
	c.Clients = nil
	c.List.Refresh()
	c.clearPreview()
	if c.PrintBtn != nil {
		c.PrintBtn.Disable()
		c.MarkBtn.Disable()
	}
}

// dropDraft takes back the draft batch started when the clients were
// listed, once that listing is left with nothing printed or queued (a
// Batch with contacts or emails stays: store.Store.DiscardDraft).
func (c *Screen) dropDraft() {
	if c.ownDraft {
		c.u.store.DiscardDraft(c.u.ctx, c.Batch)
		c.ownDraft = false
	}
}

// clearPreview empties the preview and its "Card 3 of 4" line, once the
// Batch it showed is gone (done, or its choices changed).
func (c *Screen) clearPreview() {
	if c.Preview == nil {
		return
	}
	c.List.UnselectAll()
	c.current = 0
	c.Preview.Image = image.NewRGBA(image.Rect(0, 0, 1, 1))
	c.Preview.Refresh()
	c.PreviewInfo.SetText("")
	c.LargerBtn.Disable()
	c.shownRow.SetText("")
	c.shownRow.Hide()
	c.PreviewText.SetText("")
	on := c.IncludeShown.OnChanged
	c.IncludeShown.OnChanged = nil
	c.IncludeShown.SetChecked(false)
	c.IncludeShown.OnChanged = on
	c.IncludeShown.Disable()
}

// period reads the two dates; the second is inclusive.
func (c *Screen) period() (from, to time.Time, err error) {
	from, err = form.ReadDay(c.From.Text)
	if err == nil {
		to, err = form.ReadDay(c.To.Text)
	}
	if err != nil {
		return from, to, err
	}
	to = to.AddDate(0, 0, 1)
	if !from.Before(to) {
		return from, to, fmt.Errorf("the period must end on or after its first day")
	}
	return from, to, nil
}

// Find lists who to thank in the period and starts a draft batch.
func (c *Screen) Find() {
	c.pen = paper.Pen{} // read Settings again
	c.dropDraft()
	from, to, err := c.period()
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.Template.Selected)
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	ch := data.ChannelPost
	if c.emailing() {
		ch = data.ChannelEmail
	}
	o := c.ChosenOccasion()
	due, err := c.u.store.DueFor(c.u.ctx, o, ch, from, to, clock.Now())
	if err != nil {
		c.u.showError(err)
		return
	}
	clients := make([]data.Client, len(due))
	c.Why = map[int64]string{}
	for i, d := range due {
		clients[i] = d.Client
		c.Why[d.ID] = d.Why
	}
	c.Batch = data.Batch{Occasion: o, Channel: ch, From: from, To: to, Template: tpl.Name, Layout: paperKey(c.layout)}
	if c.emailing() {
		c.Batch.Layout = ""
	}
	if len(clients) > 0 {
		// The draft's id seeds the hand-writing of the previews (preview =
		// print); a listing left before anything is printed takes back
		// the draft it started.
		if c.ownDraft, err = c.u.store.StartDraftBatch(c.u.ctx, &c.Batch); err != nil {
			c.u.showError(err)
			return
		}
	}
	c.Clients = clients
	c.printedIDs, c.leftOut = nil, nil
	c.included = map[int64]bool{}
	c.texts = map[int64]string{}
	for _, cl := range clients {
		c.included[cl.ID] = true
	}
	c.files = nil
	c.openBox.RemoveAll()
	c.MarkBtn.Disable()
	c.List.Refresh()
	if len(clients) == 0 {
		c.PrintBtn.Disable()
		c.Status.SetText(nobodyDue(o, ch))
		c.clearPreview()
		return
	}
	c.PrintBtn.Enable()
	c.count()
	c.List.Select(0)
}

// nobodyDue says why a batch found nobody, for its occasion.
func nobodyDue(o data.Occasion, ch data.Channel) string {
	how := map[data.Channel]string{data.ChannelPost: "no postal address", data.ChannelEmail: "no email address or prefer post"}[ch]
	switch o {
	case data.OccasionWelcome:
		return "Nobody new to welcome in this period: newcomers are welcomed once, ever."
	case data.OccasionMiss:
		return "Nobody has drifted away: no one is past their maximum days (and silent less than a year) without a we-miss-you since."
	case data.OccasionBirthday:
		return "No birthdays in the window ahead that have not had a card this year."
	case data.OccasionSorry:
		return "No complaint was put right in this period without a note since."
	}
	return "Nobody to thank in this period: everyone who visited has been thanked, has asked not to be contacted, or has " + how + "."
}

// count says how many cards will print.
func (c *Screen) count() {
	n := len(c.chosen())
	what := "a card"
	if c.emailing() {
		what = "an email"
	}
	c.Status.SetText(fmt.Sprintf("%d of %d clients will get %s. Untick anyone you would rather not thank this time; “Edit text…” writes one by hand.", n, len(c.Clients), what))
}

// chosen is the clients still included.
func (c *Screen) chosen() []data.Client {
	var out []data.Client
	for _, cl := range c.Clients {
		if c.included[cl.ID] {
			out = append(out, cl)
		}
	}
	return out
}

// cardsFor merges the template for the given clients.
func (c *Screen) cardsFor(clients []data.Client) ([]paper.Card, error) {
	tpl, err := c.u.store.TemplateByName(c.u.ctx, c.Batch.Template)
	if err != nil {
		return nil, err
	}
	return letters.PrepareCards(c.u.ctx, c.u.store, c.Batch, tpl, clients, c.texts)
}

// showCard previews client i's card exactly as it prints.
func (c *Screen) showCard(i int) {
	if i < 0 || i >= len(c.Clients) {
		return
	}
	c.current = i
	c.shownRow.SetText(c.rowText(c.Clients[i]))
	c.shownRow.Show()
	on := c.IncludeShown.OnChanged
	c.IncludeShown.OnChanged = nil
	c.IncludeShown.SetChecked(c.included[c.Clients[i].ID])
	c.IncludeShown.OnChanged = on
	c.IncludeShown.Enable()
	if c.emailing() {
		c.showEmail(i)
		return
	}
	c.Preview.Show()
	c.LargerBtn.Enable()
	c.PreviewText.Hide()
	pen, err := c.penOrError()
	if err != nil {
		return
	}
	cards, err := c.cardsFor(c.Clients[i : i+1])
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	l := paper.Layouts[paperKey(c.layout)]
	pic, err := pen.Preview(cards[0], l, 72)
	if err != nil {
		c.Status.SetText(err.Error())
		return
	}
	c.Preview.Image = pic
	c.Preview.Refresh()
	c.PreviewInfo.SetText(fmt.Sprintf("Card %d of %d — %s", i+1, len(c.Clients), c.Clients[i].Name()))
}

// step moves the preview to the next or previous card.
func (c *Screen) step(d int) {
	if len(c.Clients) == 0 {
		return
	}
	i := (c.current + d + len(c.Clients)) % len(c.Clients)
	c.List.Select(i)
}

// EditText lets the owner write one client's card by hand.
func (c *Screen) EditText(i int) {
	cl := c.Clients[i]
	cards, err := c.cardsFor([]data.Client{cl})
	if err != nil {
		c.u.showError(err)
		return
	}
	e := form.NewMultiLineField(c.u.forms, "")
	e.SetMinRowsVisible(10)
	e.SetText(cards[0].Text)
	row := form.NewRow("text", "Text", e)
	d := form.NewDialog(c.u.forms, "Card for "+cl.Name(), form.Grid(row), "Use this text", func() error {
		pen, err := c.penOrError()
		if err != nil {
			return err
		}
		card := cards[0]
		card.Text = e.Text
		if _, err := pen.LayOut(card, paper.Layouts[paperKey(c.layout)]); err != nil {
			row.SetError(err.Error())
			return err
		}
		c.texts[cl.ID] = e.Text
		c.List.Refresh()
		c.showCard(i)
		return nil
	})
	d.Show(fyne.NewSize(560, 460))
}
