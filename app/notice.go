package app

import (
	"fmt"
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
// undo it while it is shown.
type noticeBar struct {
	u       *ui
	content *fyne.Container
	text    *widget.Label
	undo    *widget.Button
	close   *widget.Button
	bg      *canvas.Rectangle

	undoFn func() error
	serial int // which notice is showing, so an old timer hides nothing new
}

func newNoticeBar(u *ui) *noticeBar {
	n := &noticeBar{u: u}
	n.text = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.text.Truncation = fyne.TextTruncateEllipsis
	n.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), n.runUndo)
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

// show says what was done; undo, when not nil, reverses it in the book.
func (n *noticeBar) show(msg string, undo func() error) {
	n.serial++
	serial := n.serial
	n.undoFn = undo
	n.text.SetText(msg)
	n.undo.Hidden = undo == nil
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

// hide takes the notice away; its undo is no longer offered.
func (n *noticeBar) hide() {
	n.undoFn = nil
	n.content.Hide()
}

// runUndo reverses the last action and says so.
func (n *noticeBar) runUndo() {
	fn := n.undoFn
	if fn == nil {
		return
	}
	n.undoFn = nil
	if err := fn(); err != nil {
		n.hide()
		n.u.showError(fmt.Errorf("could not undo: %w", err))
		return
	}
	n.u.refreshAll()
	n.show("Undone: "+n.text.Text, nil)
}
