package pen

import (
	"math"
	"math/rand/v2"

	"github.com/go-text/typesetting/font"
)

// place writes every glyph down as a hand does, each variation in ems so
// that it is the same at every size: every instance of a letter takes one
// of the glyph's warped shapes (never the same twice running) and its own
// tilt, stretch and slant; accents and dots sit a little differently each
// time; the baseline drifts and each line slopes its own way; lines are
// not evenly spaced; the left margin drifts from line to line and the
// right one is ragged; word gaps vary; the ink changes from word to word
// and pales along a line, and the pressure swells and eases; and the
// whole block is turned by a fraction of a degree. With Compose the block
// is balanced on the card and a short last paragraph (the sign-off) is
// set in from the left.
func (h *Hand) place(lines [][]word, box Box, size, leading float64) []Glyph {
	r := rand.New(rand.NewPCG(h.Seed, h.Seed^0x9e3779b97f4a7c15))
	norm := func(sd, limit float64) float64 {
		v := r.NormFloat64() * sd
		return math.Max(-limit, math.Min(limit, v))
	}
	em := size * mmPerPt
	width := box.W - h.slack(size)
	ink := h.Ink
	if ink == ([3]uint8{}) {
		ink = BlueBlack
	}

	// Where each line's baseline falls: uneven steps whose jitter sums to
	// nothing, so that the block keeps the height it was fitted to.
	ys := make([]float64, len(lines))
	jit := make([]float64, len(lines))
	mean := 0.0
	for i := 1; i < len(lines); i++ {
		jit[i] = norm(0.04, 0.08)
		mean += jit[i]
	}
	if len(lines) > 1 {
		mean /= float64(len(lines) - 1)
	}
	for i := 1; i < len(lines); i++ {
		step := em * leading
		if lines[i] == nil {
			step *= 0.75
		}
		ys[i] = ys[i-1] + step*(1+jit[i]-mean)
	}

	// The sign-off: a last paragraph of up to three short lines.
	signOff := len(lines)
	indent := 0.0
	if h.Compose {
		last := len(lines)
		for last > 0 && lines[last-1] != nil {
			last--
		}
		widest := 0.0
		for _, l := range lines[last:] {
			widest = math.Max(widest, h.lineWidth(l)*em)
		}
		if last > 0 && len(lines)-last <= 3 && widest < width*0.6 {
			signOff = last
			indent = math.Min(width*(0.2+0.12*r.Float64()), width-widest-em)
			indent = math.Max(0, indent)
		}
	}

	// The block balanced on the card: a little above the middle, and a
	// short block a little right of the left edge, never centred line by
	// line.
	blockW := 0.0
	for i, l := range lines {
		w := h.lineWidth(l) * em
		if i >= signOff {
			w += indent
		}
		blockW = math.Max(blockW, w)
	}
	top := box.Y + h.Face.Ascent*em + 1
	left := box.X + 1
	if h.Compose {
		free := box.H - h.height(lines, size, leading)
		top += math.Max(0, free*0.42)
		left += math.Max(0, (width-blockW)*0.3)
	}

	var out []Glyph
	margin := r.Float64() * 0.25 * em
	deck := map[glyphKey]*variantDeck{}
	for li, line := range lines {
		// The left margin drifts from line to line.
		margin = math.Max(0, math.Min(0.5*em, margin+norm(0.12*em, 0.25*em)))
		if line == nil {
			continue
		}
		x := left + margin
		if li >= signOff {
			x += indent
		}
		y := top + ys[li]
		startX := x
		lineW := math.Max(h.lineWidth(line)*em, em)
		slope := norm(0.35, 0.8) * math.Pi / 180
		drift := 0.0
		lineInk := [3]float64{norm(5, 9), norm(5, 9), norm(7, 12)}
		phase := r.Float64() * 2 * math.Pi
		for wi, w := range line {
			if wi > 0 {
				x += h.spaceEm() * em * (0.85 + r.Float64()*0.5) * w.squeeze // word gaps vary
			}
			// The ink changes a little from word to word, as a nib runs
			// dry and is dipped again.
			wordInk := [3]float64{norm(2.5, 5), norm(2.5, 5), norm(3, 6)}
			// A squeezed word is written narrower, and a little smaller.
			narrow := math.Sqrt(w.squeeze)
			wEm := em * w.scale * w.squeeze
			fs := size * w.scale * narrow
			wordX := x
			// The second hand is upright; it leans a little to sit among
			// the first hand's slanted words.
			wordLean := 0.0
			if w.face != h.Face {
				wordLean = 0.1
			}
			// The letter the next accent sits on, and where the font put it.
			var base Glyph
			var baseAt shapedGlyph
			haveBase := false
			for gi, sg := range w.shaped.glyphs {
				drift = math.Max(-0.07, math.Min(0.07, drift+norm(0.007, 0.018)))
				along := (x - startX) / lineW
				gx := wordX + sg.x*wEm + norm(0.008, 0.018)*em
				gy := y + drift*em + (x-startX)*math.Tan(-slope) - sg.y*wEm + norm(0.012, 0.03)*em
				angle := norm(1.8, 4.5)
				var markX, markY float64
				if sg.mark {
					// An accent is set down on its own, a hair off where the
					// font puts it.
					markX = norm(0.03, 0.06) * wEm
					markY = norm(0.025, 0.05)*wEm + 0.01*wEm
					gx += markX
					gy -= markY
					angle = norm(3, 8)
				}
				var c [3]uint8
				for k := range c {
					// The ink pales along the line until the pen is dipped.
					v := float64(ink[k]) + lineInk[k] + wordInk[k] + along*14
					c[k] = uint8(math.Max(0, math.Min(255, v)))
				}
				// Pressure swells and eases along the line; of the next
				// shapes of the letter's deck, the one nearest it is used.
				p := 0.5 + 0.3*math.Sin(phase+(x-startX)/em*0.5) + norm(0.1, 0.2)
				k := glyphKey{w.face, sg.gid}
				d := deck[k]
				if d == nil {
					d = &variantDeck{shapes: h.Shapes}
					deck[k] = d
				}
				v := d.deal(r, p)
				slant, angle := d.lean(v, wordLean+norm(0.065, 0.13), angle)
				g := Glyph{R: sg.r, Face: w.face, GID: sg.gid, Variant: v, X: gx, Y: gy, Size: fs,
					Angle: angle, Scale: 1 + norm(0.035, 0.07), Slant: slant, Narrow: narrow, Ink: c}
				if sg.mark {
					g.R = 0
				}
				if sg.mark && haveBase {
					// The accent sits on its letter: where the font puts it
					// over the letter as that letter is written — turned,
					// leaning and sized with it — give or take a hair, so it
					// never drifts over the next letter or a comma.
					at := base.toPage()
					g.X, g.Y = at.apply([2]float64{sg.x - baseAt.x, sg.y - baseAt.y})
					g.X += markX * 0.15
					g.Y -= markY * 0.15
					g.Angle, g.Slant, g.Scale, g.Narrow, g.Size = base.Angle+(angle-base.Angle)*0.1, base.Slant, base.Scale, base.Narrow, base.Size
				} else if !sg.mark {
					base, baseAt, haveBase = g, sg, true
				}
				if gi == 0 {
					g.Text, g.TextW = w.text, w.width*em*w.squeeze
				}
				out = append(out, g)
				if gi+1 < len(w.shaped.glyphs) {
					x = wordX + w.shaped.glyphs[gi+1].x*wEm
				}
			}
			x = wordX + w.shaped.width*wEm
		}
	}
	// The whole block is turned by a fraction of a degree about its middle.
	if len(out) > 0 {
		b := Bounds(out)
		cx, cy := b.X+b.W/2, b.Y+b.H/2
		th := norm(0.3, 0.6)
		s, c := math.Sin(th*math.Pi/180), math.Cos(th*math.Pi/180)
		for i := range out {
			dx, dy := out[i].X-cx, out[i].Y-cy
			out[i].X, out[i].Y = cx+dx*c+dy*s, cy-dx*s+dy*c
			out[i].Angle += th
		}
	}
	return out
}

// variantDeck deals the shapes of one glyph on a card: every shape once
// before any comes again, in an order of chance, the pressure choosing
// among the next few.
type variantDeck struct {
	shapes int // how many shapes to deal from: Variants when 0
	order  []int
	next   int
	round  int // how many times the deck has been dealt through
	// The slant and tilt each shape was last written with: a shape dealt
	// again is written leaning and turned clearly otherwise.
	slant, angle map[int]float64
	dealt        map[int]int
}

// lean returns the slant and tilt for shape v: chance's the first time,
// and each time the shape is dealt again the first ones moved by the next
// of a set of steps that lean and turn it clearly otherwise.
func (d *variantDeck) lean(v int, slant, angle float64) (float64, float64) {
	if d.slant == nil {
		d.slant, d.angle, d.dealt = map[int]float64{}, map[int]float64{}, map[int]int{}
	}
	n := d.dealt[v]
	d.dealt[v] = n + 1
	if n == 0 {
		d.slant[v], d.angle[v] = slant, angle
		return slant, angle
	}
	step := reLean[n%len(reLean)]
	return d.slant[v] + step[0], d.angle[v] + step[1]
}

// reLean are the steps of slant and tilt (degrees) for a shape dealt again
// on one card: each leaves the shape leaning or turned clearly otherwise
// than every other step.
var reLean = [][2]float64{{0, 0}, {0.09, -2.5}, {-0.09, 2.5}, {0.045, 4}, {-0.045, -4}, {0.13, 1.2}, {-0.13, -1.2}}

// deal returns the next shape, the nearest to pressure p (0 light, 1
// heavy) among the next three.
func (d *variantDeck) deal(r *rand.Rand, p float64) int {
	if d.next >= len(d.order) {
		n := d.shapes
		if n <= 0 || n > Variants {
			n = Variants
		}
		if d.order != nil {
			d.round++
		}
		d.order = r.Perm(n)
		d.next = 0
	}
	want := variantWeight(0) + (variantWeight(Variants-1)-variantWeight(0))*math.Max(0, math.Min(1, p))
	best := d.next
	for i := d.next + 1; i < min(d.next+3, len(d.order)); i++ {
		if math.Abs(variantWeight(d.order[i])-want) < math.Abs(variantWeight(d.order[best])-want) {
			best = i
		}
	}
	d.order[d.next], d.order[best] = d.order[best], d.order[d.next]
	v := d.order[d.next]
	d.next++
	// A letter written more often than there are shapes (a long letter's
	// e's) takes fresh shapes, up to maxRounds decks, before any shape
	// comes again.
	if d.shapes <= 0 || d.shapes >= Variants {
		v += Variants * min(d.round, maxRounds-1)
	}
	return v
}

// maxRounds is how many decks of Variants shapes a glyph may have on one
// card.
const maxRounds = 4

// glyphKey is one glyph of one face.
type glyphKey struct {
	face *Face
	gid  font.GID
}
