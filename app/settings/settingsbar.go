package settings

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
)

// SaveBar is the line pinned under the page of Settings, always in view
// however far the page is scrolled: it says which sections have changes
// not saved yet and saves them all (or puts them back) at once. Each
// section keeps its own Save button too.
type SaveBar struct {
	s       *Screen
	content *fyne.Container
	// Status says which sections have changes not saved; Save saves them
	// all and Discard puts them back.
	Status  *widget.Label
	Save    *widget.Button
	Discard *widget.Button
}

func newSaveBar(s *Screen) *SaveBar {
	b := &SaveBar{s: s}
	b.Status = widget.NewLabel("")
	b.Status.Wrapping = fyne.TextWrapWord
	b.Save = widget.NewButtonWithIcon("Save changes", theme.DocumentSaveIcon(), b.saveAll)
	b.Save.Importance = widget.HighImportance
	b.Discard = widget.NewButtonWithIcon("Discard changes", theme.ContentUndoIcon(), b.discardAll)
	b.content = container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(b.Discard, b.Save), b.Status)
	b.update()
	return b
}

// watch makes every field and choice that a section saves update the bar
// as it is edited, keeping what each already did on a change.
func (b *SaveBar) watch(entries []*widget.Entry, selects []*widget.Select) {
	for _, e := range entries {
		prev := e.OnChanged
		e.OnChanged = func(v string) {
			if prev != nil {
				prev(v)
			}
			b.update()
		}
	}
	for _, sel := range selects {
		prev := sel.OnChanged
		sel.OnChanged = func(v string) {
			if prev != nil {
				prev(v)
			}
			b.update()
		}
	}
}

// update says which sections have changes not saved, and offers to save
// or discard them only when there are some.
func (b *SaveBar) update() {
	dirty := b.s.Guard.Dirty()
	if len(dirty) == 0 {
		b.Status.SetText("Every change here is saved.")
		b.Status.Importance = widget.LowImportance
		b.Status.Refresh()
		b.Save.Disable()
		b.Discard.Disable()
		return
	}
	b.Status.SetText(fmt.Sprintf("Not saved yet: %s.", form.SectionNames(dirty)))
	b.Status.Importance = widget.WarningImportance
	b.Status.Refresh()
	b.Save.Enable()
	b.Discard.Enable()
}

// saveAll saves every section with changes; a section that cannot be
// saved keeps its changes and its message on the page, and the bar says
// which it is.
func (b *SaveBar) saveAll() {
	if b.s.Guard.SaveDirty() {
		b.update()
		b.Status.SetText("Saved.")
		b.Status.Importance = widget.SuccessImportance
		b.Status.Refresh()
		return
	}
	b.update()
	if dirty := b.s.Guard.Dirty(); len(dirty) > 0 {
		b.Status.SetText(fmt.Sprintf("Not saved: %s has a mistake, shown in red on the page above.", dirty[0].Name))
		b.Status.Importance = widget.DangerImportance
		b.Status.Refresh()
	}
}

// discardAll puts back the saved values of every section.
func (b *SaveBar) discardAll() {
	b.s.Reload()
	b.update()
}
