package today

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/words"
	"regulars/data"
)

// Tile is a count on the dashboard that chooses its list when tapped.
type Tile struct {
	widget.BaseWidget
	title string
	// Count is the number shown, and Note the line under it.
	Count   *canvas.Text
	label   *widget.Label
	Note    *widget.Label
	bg      *canvas.Rectangle
	onTap   func()
	chosen  bool
	focused bool
	imp     widget.Importance
}

var _ fyne.Focusable = (*Tile)(nil)

// FocusGained shows the focus ring, so the tiles can be used with Tab.
func (t *Tile) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost hides the focus ring.
func (t *Tile) FocusLost() {
	t.focused = false
	t.Refresh()
}

// TypedRune chooses the Tile with the space bar.
func (t *Tile) TypedRune(r rune) {
	if r == ' ' {
		t.Tapped(nil)
	}
}

// TypedKey chooses the Tile with Enter.
func (t *Tile) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || ev.Name == fyne.KeySpace {
		t.Tapped(nil)
	}
}

func newTile(title string, onTap func()) *Tile {
	t := &Tile{title: title, onTap: onTap}
	t.Count = canvas.NewText("0", theme.Color(theme.ColorNameForeground))
	t.Count.TextSize = 30
	t.Count.TextStyle = fyne.TextStyle{Bold: true}
	t.label = widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Note = widget.NewLabel("")
	t.Note.Importance = widget.LowImportance
	// The note explains the count: it wraps onto a second line rather
	// than lose its last words on a small screen.
	t.Note.Wrapping = fyne.TextWrapWord
	t.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	t.bg.CornerRadius = 8
	t.ExtendBaseWidget(t)
	return t
}

// set shows the count and colours it by importance.
func (t *Tile) set(n int, note string, imp widget.Importance, chosen bool) {
	t.Count.Text = words.Thousands(n)
	t.imp = imp
	t.Note.SetText(note)
	t.chosen = chosen
	t.Refresh()
}

func (t *Tile) setChosen(c bool) {
	t.chosen = c
	t.Refresh()
}

// Tapped chooses the tile's list.
func (t *Tile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Refresh recolours the tile.
func (t *Tile) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := t.Theme()
	col := th.Color(theme.ColorNameForeground, v)
	if t.Count.Text != "0" {
		switch t.imp {
		case widget.DangerImportance:
			col = th.Color(theme.ColorNameError, v)
		case widget.WarningImportance:
			col = th.Color(theme.ColorNameWarning, v)
		case widget.SuccessImportance:
			col = th.Color(theme.ColorNameSuccess, v)
		case widget.HighImportance:
			col = th.Color(theme.ColorNamePrimary, v)
		}
	}
	t.Count.Color = col
	switch {
	case t.focused:
		t.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
		if t.chosen {
			t.bg.FillColor = th.Color(theme.ColorNameSelection, v)
		}
		ring := color.NRGBAModel.Convert(th.Color(theme.ColorNameFocus, v)).(color.NRGBA)
		ring.A = 0xff // a solid ring: the focus colour is a tint
		t.bg.StrokeColor = ring
		t.bg.StrokeWidth = 3
	case t.chosen:
		t.bg.FillColor = th.Color(theme.ColorNameSelection, v)
		t.bg.StrokeColor = th.Color(theme.ColorNamePrimary, v)
		t.bg.StrokeWidth = 2
	default:
		t.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
		t.bg.StrokeWidth = 0
	}
	t.BaseWidget.Refresh()
	t.Count.Refresh()
	t.bg.Refresh()
}

// CreateRenderer lays the Tile out: the number over its title and note.
func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	body := container.NewPadded(container.NewVBox(container.NewPadded(t.Count), t.label, t.Note))
	return widget.NewSimpleRenderer(container.NewStack(t.bg, body))
}

// barChart draws visits per month as bars with the month under each.
type barChart struct {
	widget.BaseWidget
	months []data.MonthCount
	box    *fyne.Container
}

func newBarChart() *barChart {
	c := &barChart{box: container.NewWithoutLayout()}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the figures.
func (c *barChart) set(m []data.MonthCount) {
	c.months = m
	c.Refresh()
}

// CreateRenderer draws the bars in a box that follows the widget's size.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	return &barRenderer{c: c}
}

type barRenderer struct {
	c    *barChart
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(360, 220) }

func (r *barRenderer) Layout(s fyne.Size) {
	r.size = s
	r.draw()
}

func (r *barRenderer) Refresh() {
	r.draw()
	canvas.Refresh(r.c)
}

func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barRenderer) Destroy()                     {}

// draw makes the rectangles and labels for the current size.
func (r *barRenderer) draw() {
	r.objs = r.objs[:0]
	months := r.c.months
	if len(months) == 0 || r.size.Width == 0 {
		return
	}
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	max := 1
	for _, m := range months {
		if m.Visits > max {
			max = m.Visits
		}
	}
	labelH := float32(18)
	top := float32(18)
	plotH := r.size.Height - labelH - top
	slot := r.size.Width / float32(len(months))
	barW := slot * 0.64
	axis := canvas.NewLine(th.Color(theme.ColorNameSeparator, v))
	axis.Position1 = fyne.NewPos(0, top+plotH)
	axis.Position2 = fyne.NewPos(r.size.Width, top+plotH)
	r.objs = append(r.objs, axis)
	for i, m := range months {
		h := plotH * float32(m.Visits) / float32(max)
		x := float32(i)*slot + (slot-barW)/2
		col := th.Color(theme.ColorNamePrimary, v)
		if i != len(months)-1 {
			col = fade(col, 0.75)
		}
		bar := canvas.NewRectangle(col)
		bar.CornerRadius = 3
		bar.Move(fyne.NewPos(x, top+plotH-h))
		bar.Resize(fyne.NewSize(barW, h))
		r.objs = append(r.objs, bar)
		count := canvas.NewText(fmt.Sprint(m.Visits), th.Color(theme.ColorNameForeground, v))
		count.TextSize = 10
		count.Alignment = fyne.TextAlignCenter
		count.Move(fyne.NewPos(float32(i)*slot, top+plotH-h-15))
		count.Resize(fyne.NewSize(slot, 14))
		r.objs = append(r.objs, count)
		label := canvas.NewText(m.Month.Format("Jan"), th.Color(theme.ColorNamePlaceHolder, v))
		label.TextSize = 11
		label.Alignment = fyne.TextAlignCenter
		label.Move(fyne.NewPos(float32(i)*slot, top+plotH+2))
		label.Resize(fyne.NewSize(slot, labelH))
		r.objs = append(r.objs, label)
	}
}

// fade mixes a colour with transparency.
func fade(c color.Color, alpha float32) color.Color {
	r, g, b, a := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(float32(a>>8) * alpha)}
}

// activeBar is one bar split into active and lapsed clients.
type activeBar struct {
	widget.BaseWidget
	active, lapsed int
	a, l           *canvas.Rectangle
}

func newActiveBar() *activeBar {
	b := &activeBar{a: canvas.NewRectangle(color.Transparent), l: canvas.NewRectangle(color.Transparent)}
	b.ExtendBaseWidget(b)
	return b
}

func (b *activeBar) set(active, lapsed int) {
	b.active, b.lapsed = active, lapsed
	b.Refresh()
}

// CreateRenderer draws the two parts of the bar.
func (b *activeBar) CreateRenderer() fyne.WidgetRenderer {
	return &activeRenderer{b: b}
}

type activeRenderer struct{ b *activeBar }

func (r *activeRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 22) }
func (r *activeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.a, r.b.l} }
func (r *activeRenderer) Destroy()                     {}
func (r *activeRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.b.a.FillColor = th.Color(theme.ColorNameSuccess, v)
	r.b.l.FillColor = th.Color(theme.ColorNameError, v)
	if r.b.active+r.b.lapsed == 0 {
		r.b.l.FillColor = th.Color(theme.ColorNameDisabled, v)
	}
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *activeRenderer) Layout(s fyne.Size) {
	total := r.b.active + r.b.lapsed
	w := float32(0)
	if total > 0 {
		w = s.Width * float32(r.b.active) / float32(total)
	}
	r.b.a.Move(fyne.NewPos(0, 0))
	r.b.a.Resize(fyne.NewSize(w, s.Height))
	r.b.l.Move(fyne.NewPos(w, 0))
	r.b.l.Resize(fyne.NewSize(s.Width-w, s.Height))
}
