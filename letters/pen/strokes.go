package pen

import (
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// Sample is one letter as the owner drew it on the window's canvas with a
// mouse, trackpad or stylus: its strokes, each a line of points in ems
// from where the letter sits on the baseline (y up).
type Sample struct {
	Letter  rune
	Strokes [][][2]float64
}

// HandFromStrokes builds the owner's hand from drawn letters: every sample
// is a form of its letter (three of each make the hand vary as a pen
// does), its strokes drawn as a line weight ems wide, and kept as they
// are for a pen plotter. A word with a letter that has no sample is
// written in the second hand.
func HandFromStrokes(samples []Sample, weight float64) (*Face, error) {
	if weight <= 0 {
		weight = 0.06
	}
	own := &ownGlyphs{glyphs: []ownGlyph{{}}, forms: map[rune][]font.GID{}}
	xs := []float64{}
	for _, s := range samples {
		minX, maxX, maxY := math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, st := range s.Strokes {
			for _, p := range st {
				minX, maxX, maxY = math.Min(minX, p[0]), math.Max(maxX, p[0]), math.Max(maxY, p[1])
			}
		}
		if math.IsInf(minX, 0) {
			continue // an empty sample
		}
		shift := ownSideBearing + weight/2 - minX
		g := ownGlyph{adv: maxX - minX + weight + 2*ownSideBearing}
		for _, st := range s.Strokes {
			line := make([][2]float64, len(st))
			for i, p := range st {
				line[i] = [2]float64{p[0] + shift, p[1]}
			}
			g.strokes = append(g.strokes, line)
			g.segs = append(g.segs, strokeOutline(line, weight)...)
		}
		own.forms[s.Letter] = append(own.forms[s.Letter], font.GID(len(own.glyphs)))
		own.glyphs = append(own.glyphs, g)
		if s.Letter == 'x' {
			xs = append(xs, maxY+weight/2)
		}
	}
	return ownFace(own, xs, "no %q drawn: draw at least every small letter")
}

// strokeOutline draws a line of points as a pen of width w does: a band
// along every step and a round dot at every point, each wound the same
// way so that the non-zero fill joins them into one shape (thousandths
// of an em, y up).
func strokeOutline(line [][2]float64, w float64) []ot.Segment {
	var segs []ot.Segment
	poly := func(ps [][2]float64) {
		// Anticlockwise, so that every piece adds to the ink.
		area := 0.0
		for i, p := range ps {
			q := ps[(i+1)%len(ps)]
			area += p[0]*q[1] - q[0]*p[1]
		}
		if area < 0 {
			for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
				ps[i], ps[j] = ps[j], ps[i]
			}
		}
		for i, p := range ps {
			op := ot.SegmentOpLineTo
			if i == 0 {
				op = ot.SegmentOpMoveTo
			}
			segs = append(segs, ot.Segment{Op: op, Args: [3]ot.SegmentPoint{{X: float32(p[0] * 1000), Y: float32(p[1] * 1000)}}})
		}
	}
	r := w / 2
	for i, p := range line {
		dot := make([][2]float64, 8)
		for k := range dot {
			a := float64(k) * math.Pi / 4
			dot[k] = [2]float64{p[0] + r*math.Cos(a), p[1] + r*math.Sin(a)}
		}
		poly(dot)
		if i == 0 {
			continue
		}
		q := line[i-1]
		dx, dy := p[0]-q[0], p[1]-q[1]
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*r, dx/l*r
		poly([][2]float64{{q[0] + nx, q[1] + ny}, {p[0] + nx, p[1] + ny}, {p[0] - nx, p[1] - ny}, {q[0] - nx, q[1] - ny}})
	}
	return segs
}

// ownStrokeFont is the owner's drawn hand as a single-stroke font for the
// plotter, or nil when the hand has no strokes (a traced sheet or a font).
func ownStrokeFont(f *Face) *StrokeFont {
	if f == nil || f.own == nil {
		return nil
	}
	sf := &StrokeFont{upem: 1000, ascent: ownAscent * 1000, descent: ownDescent * 1000, glyphs: map[rune]strokeGlyph{}, forms: map[rune][]strokeGlyph{}, space: ownSpace * 1000}
	for r, gids := range f.own.forms {
		for _, gid := range gids {
			g := f.own.glyphs[gid]
			if len(g.strokes) == 0 && r != ' ' {
				return nil
			}
			sg := strokeGlyph{adv: g.adv * 1000}
			for _, st := range g.strokes {
				line := make([][2]float64, len(st))
				for i, p := range st {
					line[i] = [2]float64{p[0] * 1000, p[1] * 1000}
				}
				sg.strokes = append(sg.strokes, line)
			}
			sf.forms[r] = append(sf.forms[r], sg)
		}
		sf.glyphs[r] = sf.forms[r][0]
	}
	return sf
}
