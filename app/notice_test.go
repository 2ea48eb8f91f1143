package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"regulars/app/cards"
	"regulars/app/widgets/widgettest"
)

// actionBoxes lists, in window coordinates, every visible thing on the
// screen under the notice that can be tapped or typed in (buttons, tabs,
// checks, choices, fields), but for the notice's own.
func actionBoxes(root fyne.CanvasObject, skip fyne.CanvasObject) map[string]box {
	found := map[string]box{}
	var walk func(o fyne.CanvasObject, origin fyne.Position)
	walk = func(o fyne.CanvasObject, origin fyne.Position) {
		if o == nil || !o.Visible() || o == skip {
			return
		}
		pos := origin.Add(o.Position())
		size := o.Size()
		r := box{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
		_, tappable := o.(fyne.Tappable)
		_, focusable := o.(fyne.Focusable)
		if (tappable || focusable) && size.Width > 0 && size.Height > 0 {
			name := fmt.Sprintf("%T", o)
			if b, ok := o.(*widget.Button); ok {
				name = fmt.Sprintf("button %q", b.Text)
			}
			found[fmt.Sprintf("%s at %v", name, r)] = r
		}
		switch v := o.(type) {
		case *widget.List, *widget.Table, *widget.GridWrap, *widget.Tree:
			found[fmt.Sprintf("list at %v", r)] = r
			return
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k, pos)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(v).Objects() {
				walk(k, pos)
			}
		}
	}
	walk(root, fyne.Position{})
	return found
}

// TestNoticeCoversNoAction: while "Visit logged…" shows, with its Undo,
// the batch's Print and Mark as sent, Settings' Save and every other
// button, tab and field stay uncovered, on every screen size, light and
// dark; the notice shows its buttons whole and its message in words.
func TestNoticeCoversNoAction(t *testing.T) {
	u, _ := layoutBook(t)
	c := u.cards
	screens := []struct {
		name string
		open func()
	}{
		{"Batch found", func() {
			u.tabs.Select(u.cardstab)
			c.Tabs.SelectIndex(0)
			c.Channel.SetSelected(cards.ByPost)
			c.Occasion.SetSelected(cards.OccasionLabels[0].Label)
			test.Tap(widgettest.FindButton(t, c.Content, "Find who to thank"))
		}},
		{"Today", func() { u.tabs.Select(u.todaytab) }},
		{"Clients", func() { u.tabs.Select(u.booktab) }},
		{"Settings", func() { u.tabs.Select(u.settingstab) }},
	}
	for _, variant := range []string{themeLight, themeDark} {
		u.applyTheme(variant)
		for _, size := range screenSizes {
			view := windowView(size)
			for _, sc := range screens {
				closeDialogs(u)
				u.win.Resize(view)
				sc.open()
				u.notice.show("Visit logged for Ruth Fontaine · 45.00", true)
				u.win.Resize(view)
				u.win.Content().Refresh() // lays the window out again, as a paint does
				n := u.notice.content
				np := fyne.CurrentApp().Driver().AbsolutePositionForObject(n)
				nb := box{np.X, np.Y, np.X + n.Size().Width, np.Y + n.Size().Height}
				where := fmt.Sprintf("%s, %s on %v", variant, sc.name, size)
				if !nb.inside(box{0, 0, view.Width, view.Height}) || n.Size().Width < 200 {
					t.Errorf("%s: the notice at %v is not within the window or too narrow", where, nb)
				}
				if n.Size().Height < n.MinSize().Height-1 {
					t.Errorf("%s: the notice is cut: %v drawn, needs %v", where, n.Size(), n.MinSize())
				}
				if shown := widgettest.ShownText(u.notice.text); shown != u.notice.text.FullText() {
					t.Errorf("%s: the notice says %q, not all of %q", where, shown, u.notice.text.FullText())
				}
				for what, r := range actionBoxes(u.tabs, nil) {
					if in := r.intersect(nb); in.x1-in.x0 > 0.5 && in.y1-in.y0 > 0.5 {
						t.Errorf("%s: the notice at %v covers %s", where, nb, what)
					}
				}
				if sc.name == "Batch found" {
					for _, b := range []*widget.Button{c.PrintBtn, c.MarkBtn} {
						if !b.Visible() {
							t.Errorf("%s: %q is hidden", where, b.Text)
						}
					}
				}
				u.notice.hide()
			}
		}
	}
}
