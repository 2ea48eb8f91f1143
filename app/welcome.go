package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/assets"
	"regulars/data"
)

// Sample data loaded from the welcome screen: a small shop's worth.
const (
	sampleClients = 240
	sampleVisits  = 2600
)

// newWelcome is what an empty book shows: what Regulars is for and the two
// ways to start.
func (b *bookScreen) newWelcome() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	title := widget.NewLabelWithStyle("Welcome to Regulars", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabelWithStyle("Keep your client book, log every visit at the counter,\nand notice who you have not thanked in a while.", fyne.TextAlignCenter, fyne.TextStyle{})
	first := widget.NewButtonWithIcon("Add your first client", theme.ContentAddIcon(), b.newClient)
	first.Importance = widget.HighImportance
	sample := widget.NewButtonWithIcon("Load sample data", theme.DownloadIcon(), b.loadSample)
	note := widget.NewLabelWithStyle(fmt.Sprintf("Sample data: %d made-up clients with %d visits, to try things out.", sampleClients, sampleVisits),
		fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	note.Importance = widget.LowImportance
	return container.NewCenter(container.NewVBox(
		container.NewCenter(icon), title, text,
		container.NewCenter(container.NewHBox(first, sample)), note))
}

// loadSample fills the book with made-up clients, with a progress bar.
func (b *bookScreen) loadSample() {
	if b.u.dialog != nil {
		return
	}
	bar := widget.NewProgressBar()
	d := newFormDialog(b.u, "Loading sample data", container.NewPadded(bar), "OK", func() error { return nil })
	d.save.Disable()
	d.cancel.Hide()
	d.show(fyne.NewSize(420, 160))
	go func() {
		_, err := b.u.store.MakeDemo(b.u.ctx, data.DemoOptions{
			Clients: sampleClients, Visits: sampleVisits, Seed: 2026,
			Progress: func(f float64) { fyne.Do(func() { bar.SetValue(f) }) },
		})
		fyne.Do(func() {
			d.close()
			if err != nil {
				b.u.showError(err)
			}
			b.reload()
		})
	}()
}
