package app

import (
	"fmt"
	"regulars/app/form"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// saveBar is the line pinned under the page of Settings, always in view
// however far the page is scrolled: it says which sections have changes
// not saved yet and saves them all (or puts them back) at once. Each
// section keeps its own Save button too.
type saveBar struct {
	s       *settingsScreen
	content *fyne.Container
	status  *widget.Label
	save    *widget.Button
	discard *widget.Button
}

func newSaveBar(s *settingsScreen) *saveBar {
	b := &saveBar{s: s}
	b.status = widget.NewLabel("")
	b.status.Wrapping = fyne.TextWrapWord
	b.save = widget.NewButtonWithIcon("Save changes", theme.DocumentSaveIcon(), b.saveAll)
	b.save.Importance = widget.HighImportance
	b.discard = widget.NewButtonWithIcon("Discard changes", theme.ContentUndoIcon(), b.discardAll)
	b.content = container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(b.discard, b.save), b.status)
	b.update()
	return b
}

// watch makes every field and choice that a section saves update the bar
// as it is edited, keeping what each already did on a change.
func (b *saveBar) watch(entries []*widget.Entry, selects []*widget.Select) {
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
func (b *saveBar) update() {
	dirty := b.s.guard.Dirty()
	if len(dirty) == 0 {
		b.status.SetText("Every change here is saved.")
		b.status.Importance = widget.LowImportance
		b.status.Refresh()
		b.save.Disable()
		b.discard.Disable()
		return
	}
	b.status.SetText(fmt.Sprintf("Not saved yet: %s.", form.SectionNames(dirty)))
	b.status.Importance = widget.WarningImportance
	b.status.Refresh()
	b.save.Enable()
	b.discard.Enable()
}

// saveAll saves every section with changes; a section that cannot be
// saved keeps its changes and its message on the page, and the bar says
// which it is.
func (b *saveBar) saveAll() {
	if b.s.guard.SaveDirty() {
		b.update()
		b.status.SetText("Saved.")
		b.status.Importance = widget.SuccessImportance
		b.status.Refresh()
		return
	}
	b.update()
	if dirty := b.s.guard.Dirty(); len(dirty) > 0 {
		b.status.SetText(fmt.Sprintf("Not saved: %s has a mistake, shown in red on the page above.", dirty[0].Name))
		b.status.Importance = widget.DangerImportance
		b.status.Refresh()
	}
}

// discardAll puts back the saved values of every section.
func (b *saveBar) discardAll() {
	b.s.reload()
	b.update()
}
