package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/widgets"
)

// noticeTime is how long a confirmation stays on screen.
const noticeTime = 10 * time.Second

// noticeBar is the line in the tab bar, right of the tabs, that says what the
// last action did ("Visit logged for Ruth Fontaine · 85.00") and offers to
// undo it while it is shown; after it goes, the Edit menu and Ctrl+Z
// still undo it (see undo.go).
type noticeBar struct {
	u       *ui
	content *fyne.Container
	text    *widgets.CutLabel
	undo    *widget.Button
	close   *widget.Button
	bg      *canvas.Rectangle

	serial int // which notice is showing, so an old timer hides nothing new
}

func newNoticeBar(u *ui) *noticeBar {
	n := &noticeBar{u: u}
	n.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), u.undoLast)
	n.close = widget.NewButtonWithIcon("", theme.CancelIcon(), n.hide)
	n.close.Importance = widget.LowImportance
	n.bg = canvas.NewRectangle(noticeColour())
	n.bg.CornerRadius = 4
	n.text = widgets.NewCutLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), container.NewHBox(n.undo, n.close), n.text)
	n.content = container.NewStack(n.bg, row)
	n.content.Hide()
	return n
}

// noticeColour is the selection tint laid on the background, opaque so
// that nothing under the notice shows through.
func noticeColour() color.Color {
	return over(theme.Color(theme.ColorNameSelection), theme.Color(theme.ColorNameBackground))
}

// show says what was done, with an Undo button when it can be undone
// (the newest action on the window's undo stack).
func (n *noticeBar) show(msg string, undoable bool) {
	n.serial++
	serial := n.serial
	n.text.SetText(msg)
	n.undo.Hidden = !undoable
	n.bg.FillColor = noticeColour()
	n.content.Show()
	n.content.Refresh()
	n.u.lastNotice = msg
	go func() {
		time.Sleep(noticeTime)
		fyne.Do(func() {
			if n.serial == serial {
				n.hide()
			}
		})
	}()
}

// hide takes the notice away; what it said stays undoable from the Edit
// menu and Ctrl+Z.
func (n *noticeBar) hide() {
	n.content.Hide()
}

// noticeLayout lays the window out: the tabs fill it, and the notice sits
// in the tab bar, from the end of the tabs' titles to the right edge, so
// that it covers none of a screen's buttons (the batch's Print and Mark as
// sent at the bottom, Save in Settings).
type noticeLayout struct {
	tabs   *container.AppTabs
	notice fyne.CanvasObject
}

// MinSize is the tabs' own: the notice takes no room of its own.
func (l *noticeLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return l.tabs.MinSize()
}

// Layout gives the tabs the whole window and the notice the free end of
// the tab bar.
func (l *noticeLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.tabs.Resize(size)
	l.tabs.Move(fyne.NewPos(0, 0))
	x, h := l.tabsEnd(), l.barHeight()
	pad := theme.Padding()
	w := size.Width - x - pad
	if w < 0 {
		w = 0
	}
	l.notice.Move(fyne.NewPos(x, 0))
	l.notice.Resize(fyne.NewSize(w, h))
}

// tabsEnd is where the tabs' titles end, with room to spare: each tab
// is its icon and its bold title, padded.
func (l *noticeLayout) tabsEnd() float32 {
	pad := theme.Padding()
	end := 2 * pad
	for _, it := range l.tabs.Items {
		w := fyne.MeasureText(it.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		end += w + theme.IconInlineSize() + 5*pad
	}
	return end + 4*pad
}

// barHeight is the height of the tab bar: the screen below it starts a
// padding under it.
func (l *noticeLayout) barHeight() float32 {
	if sel := l.tabs.Selected(); sel != nil && sel.Content.Position().Y > 0 {
		return sel.Content.Position().Y - theme.Padding()
	}
	return theme.IconInlineSize() + 4*theme.Padding()
}
