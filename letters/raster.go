package letters

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Picture draws glyphs on a white page w by h millimetres at dpi dots per
// inch, from the very glyphs the PDF is made of, so that the preview in
// the window is what prints.
func Picture(gs []Glyph, w, h, dpi float64) *image.RGBA {
	px := dpi / inch // pixels per mm
	W, H := int(math.Ceil(w*px)), int(math.Ceil(h*px))
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	var buf sfnt.Buffer
	for _, g := range gs {
		idx, err := g.Face.sf.GlyphIndex(&buf, g.R)
		if err != nil || idx == 0 {
			continue
		}
		upem := fixed.I(int(g.Face.upem))
		segs, err := g.Face.sf.LoadGlyph(&buf, idx, upem, nil)
		if err != nil || len(segs) == 0 {
			continue
		}
		// Font units (y down in sfnt's segments) → mm on the page → pixels,
		// tilted and stretched around the glyph's baseline start.
		unit := g.Size * mmPerPt / g.Face.upem * g.Scale
		a := -g.Angle * math.Pi / 180 // the page's y axis points down
		sin, cos := math.Sin(a), math.Cos(a)
		pt := func(p fixed.Point26_6) (float32, float32) {
			x, y := float64(p.X)/64*unit, float64(p.Y)/64*unit
			rx, ry := x*cos-y*sin, x*sin+y*cos
			return float32((g.X + rx) * px), float32((g.Y + ry) * px)
		}
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, s := range segs {
			for _, p := range s.Args {
				x, y := pt(p)
				minX, minY = math.Min(minX, float64(x)), math.Min(minY, float64(y))
				maxX, maxY = math.Max(maxX, float64(x)), math.Max(maxY, float64(y))
			}
		}
		r := image.Rect(int(math.Floor(minX))-1, int(math.Floor(minY))-1, int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(img.Bounds())
		if r.Empty() {
			continue
		}
		z := vector.NewRasterizer(r.Dx(), r.Dy())
		ox, oy := float32(r.Min.X), float32(r.Min.Y)
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				x, y := pt(s.Args[0])
				z.MoveTo(x-ox, y-oy)
			case sfnt.SegmentOpLineTo:
				x, y := pt(s.Args[0])
				z.LineTo(x-ox, y-oy)
			case sfnt.SegmentOpQuadTo:
				x1, y1 := pt(s.Args[0])
				x2, y2 := pt(s.Args[1])
				z.QuadTo(x1-ox, y1-oy, x2-ox, y2-oy)
			case sfnt.SegmentOpCubeTo:
				x1, y1 := pt(s.Args[0])
				x2, y2 := pt(s.Args[1])
				x3, y3 := pt(s.Args[2])
				z.CubeTo(x1-ox, y1-oy, x2-ox, y2-oy, x3-ox, y3-oy)
			}
		}
		z.ClosePath()
		ink := image.NewUniform(color.RGBA{g.Ink[0], g.Ink[1], g.Ink[2], 255})
		z.Draw(img, r, ink, image.Point{})
	}
	return img
}

// inkBox is the box around a glyph's outline on the page, in mm.
func inkBox(g Glyph) Box {
	var buf sfnt.Buffer
	idx, err := g.Face.sf.GlyphIndex(&buf, g.R)
	if err != nil || idx == 0 {
		return Box{X: g.X, Y: g.Y}
	}
	segs, err := g.Face.sf.LoadGlyph(&buf, idx, fixed.I(int(g.Face.upem)), nil)
	if err != nil {
		return Box{X: g.X, Y: g.Y}
	}
	unit := g.Size * mmPerPt / g.Face.upem * g.Scale
	a := -g.Angle * math.Pi / 180
	sin, cos := math.Sin(a), math.Cos(a)
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range segs {
		n := map[sfnt.SegmentOp]int{sfnt.SegmentOpMoveTo: 1, sfnt.SegmentOpLineTo: 1, sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[s.Op]
		for _, p := range s.Args[:n] {
			x, y := float64(p.X)/64*unit, float64(p.Y)/64*unit
			rx, ry := g.X+x*cos-y*sin, g.Y+x*sin+y*cos
			minX, minY, maxX, maxY = math.Min(minX, rx), math.Min(minY, ry), math.Max(maxX, rx), math.Max(maxY, ry)
		}
	}
	return Box{X: minX, Y: minY, W: maxX - minX, H: maxY - minY}
}
