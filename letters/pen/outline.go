package pen

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// Variants is how many shapes the pen knows of every glyph: each is the
// font's outline bent by its own smooth warp, with its dots and accents
// set a little apart, and drawn with its own pressure. The PDF stores each
// shape once (a form XObject) and places it with a small transform of its
// own, so that a batch of a thousand cards stays small.
const Variants = 32

// outlineKey names one warped shape of a glyph.
type outlineKey struct {
	gid     font.GID
	variant int
}

// pathOp is one step of an outline: move, line, quadratic or cubic curve
// to the last point, in ems with y up.
type pathOp struct {
	op ot.SegmentOp
	p  [3][2]float64
}

// outline is one warped shape of a glyph, its box in ems, its pen weight
// (the width of the line drawn around it, in ems: the pressure), and its
// drawing in PDF operators (thousandths of an em from the box's corner,
// grown by pad), made when first needed.
type outline struct {
	ops                    []pathOp
	minX, minY, maxX, maxY float64
	weight                 float64
	pdf                    string
}

// pad is the room around an outline in its PDF form, in ems.
const pad = 0.05

// shapeOf returns the warped shape of a glyph, remembering it.
func (f *Face) shapeOf(gid font.GID, variant int) *outline {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := outlineKey{gid, variant}
	if o, ok := f.outlines[k]; ok {
		return o
	}
	o := f.warp(gid, variant)
	f.outlines[k] = o
	return o
}

// warp bends the font's outline of a glyph: a smooth displacement made of
// two slow waves on each axis and a bow, a stretch of its own, and every
// small detached part (an i's dot, an accent) moved on its own. All is in
// ems, so the variation is the same at every size.
func (f *Face) warp(gid font.GID, variant int) *outline {
	h := fnv.New64a()
	h.Write([]byte(f.Name))
	seed := h.Sum64() ^ uint64(gid)<<20 ^ uint64(variant)*0x9e3779b97f4a7c15
	r := rand.New(rand.NewPCG(seed, seed>>7|1))
	o := &outline{minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
	var segs []ot.Segment
	var advance float64
	if f.own != nil {
		if int(gid) < len(f.own.glyphs) {
			segs = f.own.glyphs[gid].segs
			advance = f.own.glyphs[gid].adv
		}
	} else {
		if g, ok := f.ot.GlyphData(gid).(font.GlyphOutline); ok {
			segs = g.Segments
		}
		advance = float64(f.ot.HorizontalAdvance(gid)) / f.upem
	}
	if len(segs) == 0 {
		o.minX, o.minY, o.maxX, o.maxY = 0, 0, 0, 0
		return o
	}
	upem := f.upem
	norm := func(sd, limit float64) float64 {
		return math.Max(-limit, math.Min(limit, r.NormFloat64()*sd))
	}
	// The warp: amplitudes in ems, frequencies in waves per em.
	type wave struct{ amp, freq, phase float64 }
	// The phases step through the circle by irrational fractions from one
	// variant to the next, so that no two variants of a glyph bend alike.
	step := []float64{0.618034, 0.414214, 0.732051, 0.236068}
	nw := 0
	newWave := func(amp float64) wave {
		ph := 2 * math.Pi * (r.Float64()*0.25 + float64(variant)*step[nw%len(step)])
		nw++
		return wave{amp: amp * (0.75 + 0.5*r.Float64()), freq: 0.8 + 1.4*r.Float64(), phase: ph}
	}
	xw := [2]wave{newWave(0.022), newWave(0.016)}
	yw := [2]wave{newWave(0.02), newWave(0.014)}
	bow := norm(0.12, 0.25)
	sx, sy := 1+norm(0.04, 0.08), 1+norm(0.05, 0.1)
	// The glyph is stretched about its middle, so that it keeps its place
	// between its neighbours.
	mid := advance / 2
	lean := norm(0.06, 0.12)
	bend := func(u, w float64) (float64, float64) {
		du := xw[0].amp*math.Sin(2*math.Pi*xw[0].freq*w+xw[0].phase) + xw[1].amp*math.Sin(2*math.Pi*xw[1].freq*u+xw[1].phase) + bow*(w-0.3)*(w-0.3)*0.3
		dw := yw[0].amp*math.Sin(2*math.Pi*yw[0].freq*u+yw[0].phase) + yw[1].amp*math.Sin(2*math.Pi*yw[1].freq*w+yw[1].phase)
		return mid + (u-mid)*sx + lean*(w-0.25) + du, w*sy + dw
	}
	// Contours and their boxes, to find the small detached parts.
	type contour struct {
		from, to               int
		minX, minY, maxX, maxY float64
	}
	var cs []contour
	for i, s := range segs {
		if s.Op == ot.SegmentOpMoveTo || i == 0 {
			cs = append(cs, contour{from: i, minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)})
		}
		c := &cs[len(cs)-1]
		c.to = i + 1
		for _, p := range s.ArgsSlice() {
			x, y := float64(p.X)/upem, float64(p.Y)/upem
			c.minX, c.minY, c.maxX, c.maxY = math.Min(c.minX, x), math.Min(c.minY, y), math.Max(c.maxX, x), math.Max(c.maxY, y)
		}
	}
	big := 0
	for i, c := range cs {
		if (c.maxX-c.minX)*(c.maxY-c.minY) > (cs[big].maxX-cs[big].minX)*(cs[big].maxY-cs[big].minY) {
			big = i
		}
	}
	// The dots and accents of a letter move together, a little, and each a
	// hair on its own: two dots of an ë stay a pair.
	accentX, accentY := norm(0.02, 0.04), norm(0.018, 0.035)+0.008
	for i, c := range cs {
		dx, dy := 0.0, 0.0
		b := cs[big]
		small := (c.maxX-c.minX)*(c.maxY-c.minY) < 0.25*(b.maxX-b.minX)*(b.maxY-b.minY)
		apart := c.minY > b.maxY-0.02 || c.maxY < b.minY+0.02 || c.minX > b.maxX || c.maxX < b.minX
		if i != big && small && apart {
			// A dot or an accent, set down on its own.
			dx, dy = accentX+norm(0.006, 0.012), accentY+norm(0.006, 0.012)
		}
		for _, s := range segs[c.from:c.to] {
			op := pathOp{op: s.Op}
			for j, p := range s.ArgsSlice() {
				x, y := bend(float64(p.X)/upem+dx, float64(p.Y)/upem+dy)
				op.p[j] = [2]float64{x, y}
				o.minX, o.minY, o.maxX, o.maxY = math.Min(o.minX, x), math.Min(o.minY, y), math.Max(o.maxX, x), math.Max(o.maxY, y)
			}
			o.ops = append(o.ops, op)
		}
	}
	// Pressure: some shapes are written heavier than others.
	o.weight = variantWeight(variant)
	return o
}

// variantWeight is the pen weight of a variant, in ems: the variants
// spread from light to heavy.
func variantWeight(variant int) float64 {
	return 0.003 + 0.015*float64(variant*13%Variants)/float64(Variants-1)
}

// pdfOps draws the outline in PDF operators, in thousandths of an em from
// its box's corner less pad: fill and stroke with the current colours, the
// stroke as wide as the shape's weight.
func (o *outline) pdfOps() string {
	if o.pdf != "" || len(o.ops) == 0 {
		return o.pdf
	}
	var b strings.Builder
	n := func(v float64) { b.WriteString(strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)) }
	pt := func(p [2]float64) {
		n((p[0] - o.minX + pad) * 1000)
		b.WriteByte(' ')
		n((p[1] - o.minY + pad) * 1000)
		b.WriteByte(' ')
	}
	n(o.weight * 1000)
	b.WriteString(" w 1 j 1 J\n")
	last := [2]float64{}
	for i, op := range o.ops {
		switch op.op {
		case ot.SegmentOpMoveTo:
			if i > 0 {
				b.WriteString("h ")
			}
			pt(op.p[0])
			b.WriteString("m\n")
			last = op.p[0]
		case ot.SegmentOpLineTo:
			pt(op.p[0])
			b.WriteString("l\n")
			last = op.p[0]
		case ot.SegmentOpQuadTo:
			// A quadratic curve is the cubic with its control points two
			// thirds of the way to the quadratic's.
			c1 := [2]float64{last[0] + 2.0/3*(op.p[0][0]-last[0]), last[1] + 2.0/3*(op.p[0][1]-last[1])}
			c2 := [2]float64{op.p[1][0] + 2.0/3*(op.p[0][0]-op.p[1][0]), op.p[1][1] + 2.0/3*(op.p[0][1]-op.p[1][1])}
			pt(c1)
			pt(c2)
			pt(op.p[1])
			b.WriteString("c\n")
			last = op.p[1]
		case ot.SegmentOpCubeTo:
			pt(op.p[0])
			pt(op.p[1])
			pt(op.p[2])
			b.WriteString("c\n")
			last = op.p[2]
		}
	}
	b.WriteString("h B\n")
	o.pdf = b.String()
	return o.pdf
}

// affine maps (u, w) to (a·u + c·w + e, b·u + d·w + f).
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(p [2]float64) (float64, float64) {
	return m.a*p[0] + m.c*p[1] + m.e, m.b*p[0] + m.d*p[1] + m.f
}

// toPage maps the glyph's shape (ems, y up, from its origin) to the page
// (mm from the top-left, y down): sized, stretched, slanted and turned.
func (g Glyph) toPage() affine {
	e := g.Size * mmPerPt * g.Scale
	ang := -g.Angle * math.Pi / 180
	c, s := math.Cos(ang), math.Sin(ang)
	n := g.Narrow
	if n <= 0 {
		n = 1
	}
	return affine{a: e * n * c, c: e * (g.Slant*c + s), e: g.X, b: e * n * s, d: e * (g.Slant*s - c), f: g.Y}
}

// shape is the glyph's warped outline.
func (g Glyph) shape() *outline { return g.Face.shapeOf(g.GID, g.Variant) }

// inkBox is the box around a glyph's outline on the page, in mm: the
// outline's own box turned with the glyph (a glyph turns by a few degrees,
// so this is close to the ink).
func inkBox(g Glyph) Box {
	o := g.shape()
	if len(o.ops) == 0 {
		return Box{X: g.X, Y: g.Y}
	}
	m := g.toPage()
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [4][2]float64{{o.minX, o.minY}, {o.maxX, o.minY}, {o.minX, o.maxY}, {o.maxX, o.maxY}} {
		x, y := m.apply(p)
		minX, minY, maxX, maxY = math.Min(minX, x), math.Min(minY, y), math.Max(maxX, x), math.Max(maxY, y)
	}
	return Box{X: minX, Y: minY, W: maxX - minX, H: maxY - minY}
}

// Form is one warped shape of a glyph as a PDF stores it: once, as a form
// XObject, placed by every glyph that has it with the glyph's own
// transform (Place), so that a batch of a thousand cards stays small.
type Form struct {
	Key    FormKey    // the same key, the same shape
	Corner [2]float64 // the form's corner in ems from the glyph's origin, y up (its box less a pad)
	W, H   float64    // the form's size in ems, the pad included
	o      *outline
}

// FormKey names one warped shape of one glyph of one face.
type FormKey struct {
	face *Face
	key  outlineKey
}

// Ops draws the shape in PDF operators, in thousandths of an em from the
// form's corner: filled and stroked with the colours current where it is
// placed, the stroke as wide as the shape's pen weight (its pressure).
func (f Form) Ops() string { return f.o.pdfOps() }

// Form is the glyph's shape for a PDF; false for a glyph with nothing to
// draw (a space).
func (g Glyph) Form() (Form, bool) {
	o := g.shape()
	if len(o.ops) == 0 {
		return Form{}, false
	}
	return Form{
		Key:    FormKey{g.Face, outlineKey{g.GID, g.Variant}},
		Corner: [2]float64{o.minX - pad, o.minY - pad},
		W:      o.maxX - o.minX + 2*pad,
		H:      o.maxY - o.minY + 2*pad,
		o:      o,
	}, true
}

// Place is where the glyph's shape goes on the page, as the affine map
// [a b c d e f]: a point (u, w) of the shape, in ems with y up from the
// glyph's origin, is drawn at (a·u + c·w + e, b·u + d·w + f), in mm from
// the page's top-left corner with y down; sized, stretched, slanted and
// turned as the glyph is.
func (g Glyph) Place() [6]float64 {
	m := g.toPage()
	return [6]float64{m.a, m.b, m.c, m.d, m.e, m.f}
}
