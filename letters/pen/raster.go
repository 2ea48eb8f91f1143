package pen

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// Picture draws glyphs on a white page w by h millimetres at dpi dots per
// inch, from the very shapes the PDF is made of (the same warped outlines,
// placed by the same transforms), so that the preview in the window is
// what prints.
func Picture(gs []Glyph, w, h, dpi float64) *image.RGBA {
	px := dpi / 25.4 // pixels per mm
	W, H := int(math.Ceil(w*px)), int(math.Ceil(h*px))
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, g := range gs {
		drawGlyph(img, g, px)
	}
	return img
}

// drawGlyph fills one glyph's outline on img, px pixels to the mm.
func drawGlyph(img *image.RGBA, g Glyph, px float64) {
	o := g.shape()
	if len(o.ops) == 0 {
		return
	}
	b := inkBox(g)
	r := image.Rect(int(math.Floor(b.X*px))-2, int(math.Floor(b.Y*px))-2, int(math.Ceil((b.X+b.W)*px))+2, int(math.Ceil((b.Y+b.H)*px))+2).Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	m := g.toPage()
	// The PDF draws a line of the shape's weight around it (the pressure);
	// the picture fills the outline grown by half that width: drawn again
	// shifted each way, once the line is wider than a tenth of a pixel.
	half := o.weight / 2 * math.Hypot(m.a, m.b) * px
	shifts := [][2]float64{{0, 0}}
	if half > 0.1 {
		shifts = append(shifts, [2]float64{half, 0}, [2]float64{-half, 0}, [2]float64{0, half}, [2]float64{0, -half})
	}
	ink := image.NewUniform(color.RGBA{g.Ink[0], g.Ink[1], g.Ink[2], 255})
	for _, s := range shifts {
		fill(img, o, r, m, px, s, ink)
	}
}

// fill rasterises an outline placed by m, shifted by s pixels, in r.
func fill(img *image.RGBA, o *outline, r image.Rectangle, m affine, px float64, s [2]float64, ink image.Image) {
	ox, oy := float64(r.Min.X)-s[0], float64(r.Min.Y)-s[1]
	pt := func(p [2]float64) (float32, float32) {
		x, y := m.apply(p)
		return float32(x*px - ox), float32(y*px - oy)
	}
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	for i, op := range o.ops {
		switch op.op {
		case ot.SegmentOpMoveTo:
			if i > 0 {
				z.ClosePath()
			}
			z.MoveTo(pt(op.p[0]))
		case ot.SegmentOpLineTo:
			z.LineTo(pt(op.p[0]))
		case ot.SegmentOpQuadTo:
			x1, y1 := pt(op.p[0])
			x2, y2 := pt(op.p[1])
			z.QuadTo(x1, y1, x2, y2)
		case ot.SegmentOpCubeTo:
			x1, y1 := pt(op.p[0])
			x2, y2 := pt(op.p[1])
			x3, y3 := pt(op.p[2])
			z.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	z.ClosePath()
	z.Draw(img, r, ink, image.Point{})
}
