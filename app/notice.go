package app

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeTime is how long a confirmation stays on screen.
const noticeTime = 10 * time.Second

// noticeBar is the line at the bottom of the window that says what the
// last action did ("Visit logged for Ruth Fontaine · 85.00") and offers to
// undo it while it is shown; after it goes, the Edit menu and Ctrl+Z
// still undo it (see undo.go).
type noticeBar struct {
	u       *ui
	content *fyne.Container
	text    *widget.Label
	undo    *widget.Button
	close   *widget.Button
	bg      *canvas.Rectangle

	serial int // which notice is showing, so an old timer hides nothing new
}

func newNoticeBar(u *ui) *noticeBar {
	n := &noticeBar{u: u}
	n.text = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.text.Truncation = fyne.TextTruncateEllipsis
	n.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), u.undoLast)
	n.close = widget.NewButtonWithIcon("", theme.CancelIcon(), n.hide)
	n.close.Importance = widget.LowImportance
	n.bg = canvas.NewRectangle(noticeColour())
	n.bg.CornerRadius = 4
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), container.NewHBox(n.undo, n.close), n.text)
	n.content = container.NewStack(n.bg, container.NewPadded(row))
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
