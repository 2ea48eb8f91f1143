package letters

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
)

// mmPerPt converts a font size in points to millimetres.
const mmPerPt = 25.4 / 72

// Glyph is one letter as the pen puts it down: where its baseline starts
// (mm from the top-left of the page), its size, tilt, stretch and ink.
type Glyph struct {
	R     rune
	Face  *Face
	X, Y  float64 // baseline start, mm
	Size  float64 // points
	Angle float64 // degrees, anticlockwise
	Scale float64 // horizontal and vertical stretch around 1
	Ink   [3]uint8
}

// Box is the writing area on a page, in mm from the top-left corner.
type Box struct{ X, Y, W, H float64 }

// Hand is how a card is written: the font and its fallback, the size to
// start from and the smallest still legible, the ink and the seed that
// makes every card's variation its own and repeatable.
type Hand struct {
	Face     *Face
	Fallback *Face
	Size     float64 // points to start from
	MinSize  float64 // the smallest size to shrink to
	Leading  float64 // line height as a multiple of the size (default 1.25)
	Ink      [3]uint8
	Seed     uint64
}

// BlueBlack is the ink of the cards: a fountain-pen blue-black.
var BlueBlack = [3]uint8{28, 38, 84}

// FitError says that a text does not fit its card even at the smallest
// legible size, and by how much.
type FitError struct {
	Who      string  // the client, when known
	Lines    int     // lines the text needs at the smallest size
	MaxLines int     // lines the card holds at that size
	Over     float64 // how much is over, as a share of what fits (0.2 = 20 %)
}

// Error names the client and how much is over.
func (e *FitError) Error() string {
	who := "the text"
	if e.Who != "" {
		who = "the text for " + e.Who
	}
	return fmt.Sprintf("%s does not fit on the card even at the smallest size: it needs %d lines where %d fit (%.0f%% too long); shorten it or choose a larger layout",
		who, e.Lines, e.MaxLines, e.Over*100)
}

// word is a run of letters with the face each is drawn in.
type word struct {
	runes []rune
	faces []*Face
	width float64 // in ems
}

// measure splits a paragraph into words and measures them.
func (h *Hand) words(par string) []word {
	var out []word
	for _, w := range strings.Fields(par) {
		var wd word
		for _, r := range w {
			f := h.Face
			if !f.Has(r) && !unicode.IsSpace(r) {
				f = h.Fallback
			}
			wd.runes = append(wd.runes, r)
			wd.faces = append(wd.faces, f)
			wd.width += f.Advance(r) * h.scaleFor(f)
		}
		out = append(out, wd)
	}
	return out
}

// scaleFor matches the fallback font's size to the hand-writing font's,
// by their heights, so that a borrowed letter does not stand out.
func (h *Hand) scaleFor(f *Face) float64 {
	if f == h.Face || f.Ascent == 0 {
		return 1
	}
	return h.Face.Ascent / f.Ascent * 0.9
}

// spaceEm is the width of a space between words, in ems.
func (h *Hand) spaceEm() float64 {
	if a := h.Face.Advance(' '); a > 0 {
		return a
	}
	return 0.25
}

// wrap breaks the text into lines of words at a size; a blank line
// between paragraphs is an empty line. With breakLong, a word wider than
// the line (a 60-letter name without a space) is broken into pieces that
// fit, each but the last ending with a hyphen.
func (h *Hand) wrap(text string, width, size float64, breakLong bool) [][]word {
	emMM := size * mmPerPt
	var lines [][]word
	pars := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for _, par := range pars {
		ws := h.words(par)
		if breakLong {
			ws = h.breakWords(ws, width/emMM/1.08)
		}
		if len(ws) == 0 {
			lines = append(lines, nil)
			continue
		}
		var line []word
		used := 0.0
		for _, w := range ws {
			need := w.width * emMM
			if len(line) > 0 {
				need += h.spaceEm() * emMM * 1.35 // room for the widest word gap
			}
			if len(line) > 0 && used+need > width {
				lines = append(lines, line)
				line, used = nil, 0
				need = w.width * emMM
			}
			line = append(line, w)
			used += need
		}
		lines = append(lines, line)
	}
	// Trailing blank lines take no room.
	for len(lines) > 0 && lines[len(lines)-1] == nil {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// breakWords breaks every word wider than maxEm into pieces no wider, each
// but the last ending with a hyphen; at least one letter goes on each
// piece, so that the text always ends.
func (h *Hand) breakWords(ws []word, maxEm float64) []word {
	hyphen := h.Face.Advance('-') * h.scaleFor(h.Face)
	var out []word
	for _, w := range ws {
		if w.width <= maxEm {
			out = append(out, w)
			continue
		}
		var piece word
		for i, r := range w.runes {
			adv := w.faces[i].Advance(r) * h.scaleFor(w.faces[i])
			if len(piece.runes) > 0 && piece.width+adv+hyphen > maxEm {
				piece.runes = append(piece.runes, '-')
				piece.faces = append(piece.faces, h.Face)
				piece.width += hyphen
				out = append(out, piece)
				piece = word{}
			}
			piece.runes = append(piece.runes, r)
			piece.faces = append(piece.faces, w.faces[i])
			piece.width += adv
		}
		out = append(out, piece)
	}
	return out
}

// tooWide reports whether a single word is wider than the line.
func (h *Hand) tooWide(lines [][]word, width, size float64) bool {
	emMM := size * mmPerPt
	for _, l := range lines {
		for _, w := range l {
			if w.width*emMM*1.08 > width {
				return true
			}
		}
	}
	return false
}

// Write lays the text out in the box in hand-writing: it word-wraps, and
// shrinks the size from h.Size to h.MinSize until the text fits, then
// places every letter on its own with a little tilt, stretch and shift; the
// baseline drifts, lines slope, the left margin wanders, word gaps vary
// and the ink shifts around its colour. The same seed gives the same
// result. It returns the glyphs and the size used, or a *FitError.
func (h *Hand) Write(text string, box Box) ([]Glyph, float64, error) {
	if h.Face == nil {
		return nil, 0, fmt.Errorf("no hand-writing font chosen")
	}
	if h.Fallback == nil {
		h.Fallback = Fallback()
	}
	leading := h.Leading
	if leading <= 0 {
		leading = 1.25
	}
	minSize := h.MinSize
	if minSize <= 0 {
		minSize = 9
	}
	size := h.Size
	if size < minSize {
		size = minSize
	}
	// Room kept free for the wandering margin and the jitter.
	const slackX = 3.5
	width := box.W - slackX
	var lines [][]word
	for ; ; size -= 0.5 {
		if size < minSize {
			size = minSize
		}
		lines = h.wrap(text, width, size, false)
		if h.height(lines, size, leading) <= box.H && !h.tooWide(lines, width, size) {
			break
		}
		if size == minSize && h.tooWide(lines, width, size) {
			// Shrinking was not enough for a word longer than the line:
			// break it.
			lines = h.wrap(text, width, size, true)
			if h.height(lines, size, leading) <= box.H && !h.tooWide(lines, width, size) {
				break
			}
		}
		if size == minSize {
			lineH := size * mmPerPt * leading
			fit := int((box.H - h.Face.Ascent*size*mmPerPt - h.Face.Descent*size*mmPerPt) / lineH)
			fit++
			need := len(lines)
			if fit < 1 {
				fit = 1
			}
			over := float64(need-fit) / float64(fit)
			if over <= 0 {
				over = 0.01 // a single word too long for the line
			}
			return nil, size, &FitError{Lines: need, MaxLines: fit, Over: over}
		}
	}
	return h.place(lines, box, size, leading), size, nil
}

// height is the height the lines take: the first line's ascent, the line
// steps, and the last line's descent.
func (h *Hand) height(lines [][]word, size, leading float64) float64 {
	if len(lines) == 0 {
		return 0
	}
	em := size * mmPerPt
	return h.Face.Ascent*em + float64(len(lines)-1)*em*leading + h.Face.Descent*em + 2.2 // drift and tilt
}

// place puts every letter down with the hand's variation.
func (h *Hand) place(lines [][]word, box Box, size, leading float64) []Glyph {
	r := rand.New(rand.NewPCG(h.Seed, h.Seed^0x9e3779b97f4a7c15))
	norm := func(sd, limit float64) float64 {
		v := r.NormFloat64() * sd
		return math.Max(-limit, math.Min(limit, v))
	}
	em := size * mmPerPt
	var out []Glyph
	y := box.Y + h.Face.Ascent*em + 1
	for _, line := range lines {
		if line == nil {
			y += em * leading * 0.75
			continue
		}
		x := box.X + 1 + r.Float64()*1.5 // the left margin wanders
		slope := norm(0.35, 0.8) * math.Pi / 180
		drift := 0.0
		lineInk := [3]float64{norm(5, 9), norm(5, 9), norm(7, 12)}
		startX := x
		for wi, w := range line {
			if wi > 0 {
				x += h.spaceEm() * em * (0.85 + r.Float64()*0.5) // word gaps vary
			}
			// The ink changes a little from word to word, as a nib runs
			// dry and is dipped again.
			wordInk := [3]float64{norm(2.5, 5), norm(2.5, 5), norm(3, 6)}
			for i, ch := range w.runes {
				f := w.faces[i]
				sc := 1 + norm(0.035, 0.07)
				drift += norm(0.045, 0.12)
				drift = math.Max(-0.45, math.Min(0.45, drift))
				gx := x + norm(0.05, 0.12)
				gy := y + drift + (x-startX)*math.Tan(-slope) + norm(0.08, 0.2)
				ink := h.Ink
				if ink == ([3]uint8{}) {
					ink = BlueBlack
				}
				var c [3]uint8
				for k := range c {
					c[k] = uint8(math.Max(0, math.Min(255, float64(ink[k])+lineInk[k]+wordInk[k])))
				}
				fs := size * h.scaleFor(f)
				out = append(out, Glyph{R: ch, Face: f, X: gx, Y: gy, Size: fs, Angle: norm(1.8, 4.5), Scale: sc, Ink: c})
				x += f.Advance(ch) * fs * mmPerPt * sc
			}
		}
		y += em * leading
	}
	return out
}

// Bounds is the smallest box around the glyphs' ink extents (advance
// width by ascent and descent, grown by their tilt), for checks.
func Bounds(gs []Glyph) Box {
	if len(gs) == 0 {
		return Box{}
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, g := range gs {
		em := g.Size * mmPerPt * g.Scale
		w := g.Face.Advance(g.R) * em
		up, down := g.Face.Ascent*em, g.Face.Descent*em
		tilt := math.Abs(math.Sin(g.Angle*math.Pi/180)) * (up + w)
		minX = math.Min(minX, g.X-tilt*0.5)
		maxX = math.Max(maxX, g.X+w+tilt*0.5)
		minY = math.Min(minY, g.Y-up-tilt*0.5)
		maxY = math.Max(maxY, g.Y+down+tilt*0.5)
	}
	return Box{X: minX, Y: minY, W: maxX - minX, H: maxY - minY}
}
