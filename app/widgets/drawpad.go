package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DrawPad is a box to write in with a mouse, a trackpad or a stylus: each
// drag is a stroke, a tap a dot. Points are in the pad's pixels, y down.
type DrawPad struct {
	widget.BaseWidget
	size    fyne.Size
	guides  []float32      // heights of the ruled lines (the baseline, the x-height)
	Strokes [][][2]float64 // the ink, a stroke a list of points
	drawing bool
	box     *fyne.Container
	OnDraw  func() // after each stroke
}

// NewDrawPad is a pad of w×h pixels ruled at the heights guides.
func NewDrawPad(w, h float32, guides ...float32) *DrawPad {
	p := &DrawPad{size: fyne.NewSize(w, h), guides: guides, box: &fyne.Container{}}
	p.ExtendBaseWidget(p)
	p.Redraw()
	return p
}

// CreateRenderer shows the paper, the ruled lines and the ink.
func (p *DrawPad) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

// MinSize is the pad's fixed size.
func (p *DrawPad) MinSize() fyne.Size { return p.size }

// Dragged adds to the stroke being drawn.
func (p *DrawPad) Dragged(ev *fyne.DragEvent) {
	pt := [2]float64{float64(ev.Position.X), float64(ev.Position.Y)}
	if !p.drawing {
		start := [2]float64{pt[0] - float64(ev.Dragged.DX), pt[1] - float64(ev.Dragged.DY)}
		p.Strokes = append(p.Strokes, [][2]float64{start})
		p.drawing = true
	}
	last := len(p.Strokes) - 1
	p.Strokes[last] = append(p.Strokes[last], pt)
	p.Redraw()
}

// DragEnd finishes the stroke.
func (p *DrawPad) DragEnd() {
	p.drawing = false
	if p.OnDraw != nil {
		p.OnDraw()
	}
}

// Tapped leaves a dot (an i's, a full stop).
func (p *DrawPad) Tapped(ev *fyne.PointEvent) {
	x, y := float64(ev.Position.X), float64(ev.Position.Y)
	p.Strokes = append(p.Strokes, [][2]float64{{x, y}, {x + 0.5, y + 0.5}})
	p.Redraw()
	if p.OnDraw != nil {
		p.OnDraw()
	}
}

// Clear wipes the ink.
func (p *DrawPad) Clear() {
	p.Strokes = nil
	p.Redraw()
}

// Redraw lays out the paper, the lines and the strokes.
func (p *DrawPad) Redraw() {
	paper := canvas.NewRectangle(color.NRGBA{0xfd, 0xfc, 0xf8, 0xff})
	paper.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	paper.StrokeWidth = 1
	paper.Resize(p.size)
	objs := []fyne.CanvasObject{paper}
	for _, g := range p.guides {
		l := canvas.NewLine(color.NRGBA{0x9e, 0xb8, 0xd9, 0xff})
		l.Position1, l.Position2 = fyne.NewPos(4, g), fyne.NewPos(p.size.Width-4, g)
		objs = append(objs, l)
	}
	ink := color.NRGBA{0x1a, 0x2a, 0x6c, 0xff}
	for _, st := range p.Strokes {
		for i := 1; i < len(st); i++ {
			l := canvas.NewLine(ink)
			l.StrokeWidth = 3
			l.Position1 = fyne.NewPos(float32(st[i-1][0]), float32(st[i-1][1]))
			l.Position2 = fyne.NewPos(float32(st[i][0]), float32(st[i][1]))
			objs = append(objs, l)
		}
	}
	p.box.Objects = objs
	p.box.Refresh()
}
