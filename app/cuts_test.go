package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/widgets"
	"regulars/app/widgets/widgettest"
)

// fullText is the whole text of a label.
func fullText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widgets.CutLabel:
		return v.FullText()
	case *widget.Label:
		return v.Text
	}
	return ""
}

// midWordCuts walks everything drawn on the window, list rows included,
// and lists every label in view whose text is cut in the middle of a word.
func midWordCuts(u *ui, screen fyne.Size) []string {
	var problems []string
	win := box{0, 0, screen.Width, screen.Height}
	var walk func(o fyne.CanvasObject, origin fyne.Position, clip box)
	walk = func(o fyne.CanvasObject, origin fyne.Position, clip box) {
		if o == nil || !o.Visible() {
			return
		}
		pos := origin.Add(o.Position())
		size := o.Size()
		r := box{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
		seen := r.intersect(clip)
		if seen.x1 <= seen.x0 || seen.y1 <= seen.y0 {
			return // out of view
		}
		switch o.(type) {
		case *widget.Label, *widgets.CutLabel:
			full, shown := fullText(o), widgettest.ShownText(o)
			if widgettest.MidWord(full, shown) {
				problems = append(problems, fmt.Sprintf("label %q shows %q at %v: cut in the middle of a word", full, shown, r))
			}
			return
		}
		kids := drawnKids(o)
		if _, ok := o.(*container.Scroll); ok {
			clip = clip.intersect(r)
		}
		for _, k := range kids {
			walk(k, pos, clip)
		}
	}
	c := u.win.Canvas()
	if top := c.Overlays().Top(); top != nil {
		walk(top, fyne.Position{}, win)
		return problems
	}
	walk(c.Content(), fyne.Position{}, win)
	return problems
}

// drawnKids is what o draws inside it: a container's objects, a widget's
// renderer's.
func drawnKids(o fyne.CanvasObject) []fyne.CanvasObject {
	switch v := o.(type) {
	case *fyne.Container:
		return v.Objects
	case fyne.Widget:
		return test.WidgetRenderer(v).Objects()
	}
	return nil
}
