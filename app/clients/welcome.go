package clients

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/assets"
	"regulars/data/demo"
)

// Sample data loaded from the welcome screen: a small shop's worth.
const (
	sampleClients = 240
	sampleVisits  = 2600
)

// newWelcome is what an empty book shows, as a shop first meets
// Regulars: start the book by adding the first client, bring the clients
// in from a file, or open the book another computer of the shop shares.
func (b *Screen) newWelcome() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	title := widget.NewLabelWithStyle("Welcome to Regulars", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabelWithStyle("Keep your client book, log every visit at the counter,\nand notice who you have not thanked in a while.", fyne.TextAlignCenter, fyne.TextStyle{})
	create := widget.NewButtonWithIcon("Create my client book", theme.ContentAddIcon(), b.NewClient)
	create.Importance = widget.HighImportance
	imp := widget.NewButtonWithIcon("Import my clients…", theme.UploadIcon(), b.u.chooseImport)
	shared := widget.NewButtonWithIcon("Open a shared book…", theme.FolderOpenIcon(), b.u.shell.ChooseSharedBook)
	where := widget.NewLabelWithStyle("Your book: "+b.u.store.Path(), fyne.TextAlignCenter, fyne.TextStyle{})
	where.Importance = widget.LowImportance
	sample := widget.NewButtonWithIcon("Load sample data", theme.DownloadIcon(), b.loadSample)
	sample.Importance = widget.LowImportance
	note := widget.NewLabelWithStyle(fmt.Sprintf("Sample data: %d made-up clients with %d visits, to try things out.", sampleClients, sampleVisits),
		fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	note.Importance = widget.LowImportance
	return container.NewCenter(container.NewVBox(
		container.NewCenter(icon), title, text,
		container.NewCenter(container.NewVBox(create, imp, shared)), where,
		container.NewCenter(sample), note))
}

// loadSample fills the book with made-up clients, with a progress bar.
func (b *Screen) loadSample() {
	if b.u.forms.Open != nil {
		return
	}
	bar := widget.NewProgressBar()
	d := form.NewDialog(b.u.forms, "Loading sample data", container.NewPadded(bar), "OK", func() error { return nil })
	d.Save.Disable()
	d.Cancel.Hide()
	d.Show(fyne.NewSize(420, 160))
	go func() {
		_, err := demo.Make(b.u.ctx, b.u.store, demo.Options{
			Clients: sampleClients, Visits: sampleVisits, Seed: 2026,
			Progress: func(f float64) { fyne.Do(func() { bar.SetValue(f) }) },
		})
		fyne.Do(func() {
			d.Close()
			if err != nil {
				b.u.showError(err)
			}
			b.Reload()
		})
	}()
}
