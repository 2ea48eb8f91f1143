package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// drawPad is a box to write in with a mouse, a trackpad or a stylus: each
// drag is a stroke, a tap a dot. Points are in the pad's pixels, y down.
type drawPad struct {
	widget.BaseWidget
	size    fyne.Size
	guides  []float32 // heights of the ruled lines (the baseline, the x-height)
	strokes [][][2]float64
	drawing bool
	box     *fyne.Container
	onDraw  func() // after each stroke
}

func newDrawPad(w, h float32, guides ...float32) *drawPad {
	p := &drawPad{size: fyne.NewSize(w, h), guides: guides, box: &fyne.Container{}}
	p.ExtendBaseWidget(p)
	p.redraw()
	return p
}

// CreateRenderer shows the paper, the ruled lines and the ink.
func (p *drawPad) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.box) }

// MinSize is the pad's fixed size.
func (p *drawPad) MinSize() fyne.Size { return p.size }

// Dragged adds to the stroke being drawn.
func (p *drawPad) Dragged(ev *fyne.DragEvent) {
	pt := [2]float64{float64(ev.Position.X), float64(ev.Position.Y)}
	if !p.drawing {
		start := [2]float64{pt[0] - float64(ev.Dragged.DX), pt[1] - float64(ev.Dragged.DY)}
		p.strokes = append(p.strokes, [][2]float64{start})
		p.drawing = true
	}
	last := len(p.strokes) - 1
	p.strokes[last] = append(p.strokes[last], pt)
	p.redraw()
}

// DragEnd finishes the stroke.
func (p *drawPad) DragEnd() {
	p.drawing = false
	if p.onDraw != nil {
		p.onDraw()
	}
}

// Tapped leaves a dot (an i's, a full stop).
func (p *drawPad) Tapped(ev *fyne.PointEvent) {
	x, y := float64(ev.Position.X), float64(ev.Position.Y)
	p.strokes = append(p.strokes, [][2]float64{{x, y}, {x + 0.5, y + 0.5}})
	p.redraw()
	if p.onDraw != nil {
		p.onDraw()
	}
}

// clear wipes the ink.
func (p *drawPad) clear() {
	p.strokes = nil
	p.redraw()
}

// redraw lays out the paper, the lines and the strokes.
func (p *drawPad) redraw() {
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
	for _, st := range p.strokes {
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
