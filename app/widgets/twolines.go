package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// TwoLines is a list row's text: a bold line over a quieter one, both cut
// after a whole word with "…" when too long. The texts size the row template.
func TwoLines(first, second string) *fyne.Container {
	name := NewCutLabelWithStyle(first, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	detail := NewCutLabel(second)
	detail.Importance = widget.LowImportance
	return container.New(&rowLayout{}, name, detail)
}

// rowLayout stacks the two labels of a list row tightly.
type rowLayout struct{}

// rowOverlap is how much of the labels' own padding the two lines share.
const rowOverlap = 14

func (rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(fyne.Max(a.Width, b.Width), a.Height+b.Height-rowOverlap-4)
}

func (rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a := objs[0].MinSize()
	objs[0].Move(fyne.NewPos(0, -2))
	objs[0].Resize(fyne.NewSize(size.Width, a.Height))
	objs[1].Move(fyne.NewPos(0, a.Height-rowOverlap-2))
	objs[1].Resize(fyne.NewSize(size.Width, objs[1].MinSize().Height))
}
