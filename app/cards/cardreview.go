package cards

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"regulars/app/widgets"
	"regulars/data"
)

// The review list of a batch: a row per client, its whole line over the
// card shown, and the card shown larger.

// updateRow fills a row of the review list.
func (c *Screen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	cl := c.Clients[i]
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widgets.CutLabel)
	check := box.Objects[1].(*widget.Check)
	edit := box.Objects[2].(*widget.Button)
	label.SetText(c.rowText(cl))
	if i == c.current && c.shownRow.Visible() {
		c.shownRow.SetText(c.rowText(cl))
	}
	check.OnChanged = nil
	check.SetChecked(c.included[cl.ID])
	check.OnChanged = func(on bool) {
		c.included[cl.ID] = on
		if i == c.current {
			c.IncludeShown.SetChecked(on)
		}
		c.count()
	}
	edit.OnTapped = func() { c.EditText(i) }
}

// rowText is what the review list says of a client: the name, the town
// (or the address an email goes to), why they are listed and whether
// their card has its own text. A narrow row shows its first words; the
// whole line shows under the list for the card in the preview.
func (c *Screen) rowText(cl data.Client) string {
	txt := cl.Name()
	if cl.Address.City != "" {
		txt += "  ·  " + cl.Address.City
	}
	if c.emailing() {
		txt = cl.Name() + "  ·  " + cl.Email
	}
	if why := c.Why[cl.ID]; why != "" {
		txt += "  ·  " + why
	}
	if _, ok := c.texts[cl.ID]; ok {
		txt += "  ·  own text"
	}
	return txt
}

// showLarger shows the card in the preview as large as the window allows
// (up to its size at 72 dots an inch), with whose card it is.
func (c *Screen) showLarger() {
	if c.current < 0 || c.current >= len(c.Clients) || c.Preview.Image == nil {
		return
	}
	b := c.Preview.Image.Bounds()
	if b.Dx() < 2 {
		return
	}
	room := c.u.win.Canvas().Size()
	w, h := float32(b.Dx()), float32(b.Dy())
	scale := min(float32(1), (room.Height-170)/h, (room.Width-80)/w)
	pic := canvas.NewImageFromImage(c.Preview.Image)
	pic.FillMode = canvas.ImageFillContain
	pic.SetMinSize(fyne.NewSize(w*scale, h*scale))
	d := dialog.NewCustom(c.PreviewInfo.FullText(), "Close", pic, c.u.win)
	c.Larger = d
	d.Show()
}
