package letters

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/font"
)

// mmPerPt converts a font size in points to millimetres.
const mmPerPt = 25.4 / 72

// Glyph is one shape the pen puts down: a glyph of a font in one of its
// warped variants, where its origin sits (mm from the top-left of the
// page, on the baseline), its size, tilt, stretch, slant and ink. The
// first glyph of each word also carries the word, which the PDF writes
// invisibly over it so that its text can be found and copied.
type Glyph struct {
	R       rune // the letter it writes (the first of a ligature); 0 for a mark
	Face    *Face
	GID     font.GID
	Variant int     // which warped shape: 0 to Variants-1, more for a letter written very often
	X, Y    float64 // origin, mm
	Size    float64 // points
	Angle   float64 // degrees, anticlockwise
	Scale   float64 // stretch around 1
	Slant   float64 // horizontal shear, as a share of the height
	Narrow  float64 // horizontal squeeze, 1 (or 0) for none
	Ink     [3]uint8
	Text    string  // on a word's first glyph: the word
	TextW   float64 // the word's width, mm
}

// Box is the writing area on a page, in mm from the top-left corner.
type Box struct{ X, Y, W, H float64 }

// Hand is how a card is written: the font and its fallback, the size to
// start from and the smallest still legible, the ink and the seed that
// makes every card's variation its own and repeatable.
type Hand struct {
	Face     *Face
	Second   *Face   // the hand for words the first lacks letters of (Playpen Sans)
	Fallback *Face   // the last resort, for scripts no hand writes
	Size     float64 // points to start from
	MinSize  float64 // the smallest size to shrink to
	Leading  float64 // line height as a multiple of the size (default 1.25)
	Ink      [3]uint8
	Seed     uint64
	// Compose sets the text as a person writes a card: a size chosen for
	// the card and the length of the note, the block balanced on the
	// page, the sign-off set in. Without it the text starts at the top
	// left at the largest size that fits (an envelope's address).
	Compose bool
	// Shapes is how many of each glyph's warped shapes the hand deals
	// from; all Variants when 0. Fewer keep a batch of short texts (the
	// addresses of envelopes) small.
	Shapes int
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

// word is a word as one hand writes it, never two: its text, its face,
// its shaped glyphs, the scale that matches the face's x-height to the
// first hand's, and its width in ems of the writing size.
type word struct {
	text    string
	face    *Face
	shaped  *shapedWord
	scale   float64
	width   float64 // ems
	squeeze float64 // 1, or less for a last word squeezed in at a line's end
}

// word shapes one word in the first hand that writes all of its letters:
// the hand, else the second hand, else the fallback.
func (h *Hand) word(text string) word {
	for _, f := range []*Face{h.Face, h.Second, h.Fallback} {
		if f == nil {
			continue
		}
		sw := f.shape(text)
		if sw.missing && f != h.Fallback {
			continue
		}
		sc := h.scaleFor(f)
		return word{text: text, face: f, shaped: sw, scale: sc, width: sw.width * sc, squeeze: 1}
	}
	return word{text: text, squeeze: 1} // no face at all: Write refuses this earlier
}

// words splits a paragraph into words and shapes them. A name is kept in
// one hand: when a word must be written in the second hand, the
// capitalised words next to it (the rest of the name) go with it, but
// not across punctuation, nor the paragraph's first word.
func (h *Hand) words(par string) []word {
	var out []word
	for _, w := range strings.Fields(par) {
		out = append(out, h.word(w))
	}
	for changed := true; changed; {
		changed = false
		for i, w := range out {
			if w.face == nil || w.face == h.Face || !capitalised(w.text) {
				continue
			}
			for _, j := range []int{i - 1, i + 1} {
				if j < 0 || j >= len(out) || out[j].face != h.Face || !capitalised(out[j].text) {
					continue
				}
				// A name does not run over a comma or a full stop, and
				// the paragraph's first word is its greeting ("Dear").
				left := out[min(i, j)].text
				if j == 0 || strings.ContainsAny(left[len(left)-1:], ",.;:!?") {
					continue
				}
				if sw := w.face.shape(out[j].text); !sw.missing {
					sc := h.scaleFor(w.face)
					out[j] = word{text: out[j].text, face: w.face, shaped: sw, scale: sc, width: sw.width * sc, squeeze: 1}
					changed = true
				}
			}
		}
	}
	return out
}

// capitalised reports whether a word starts with a capital letter (after
// any opening punctuation), as the words of a name do.
func capitalised(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// scaleFor matches another face's size to the hand's by the height of
// their small letters, so that a word in the second hand does not stand
// out.
func (h *Hand) scaleFor(f *Face) float64 {
	if f == h.Face || f.XHeight <= 0 {
		return 1
	}
	return math.Max(0.7, math.Min(1.3, h.Face.XHeight/f.XHeight))
}

// spaceEm is the width of a space between words, in ems.
func (h *Hand) spaceEm() float64 {
	if a := h.Face.Advance(' '); a > 0 {
		return a
	}
	return 0.25
}

// squeezeMost is how much a last word may be condensed to stay on its
// line: people squeeze it in rather than wrap early.
const squeezeMost = 0.86

// wrap breaks the text into lines of words at a size; a blank line
// between paragraphs is an empty line. A word that overflows the line by
// a little is squeezed in; one wider than the line (a 60-letter name
// without a space), with breakLong, is broken into pieces that fit, each
// but the last ending with a hyphen.
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
			gap := 0.0
			if len(line) > 0 {
				gap = h.spaceEm() * emMM * 1.35 // room for the widest word gap
			}
			need := w.width * emMM
			if len(line) > 0 && used+gap+need > width {
				if used+gap*0.8+need*squeezeMost <= width {
					w.squeeze = math.Max(squeezeMost, (width-used-gap*0.8)/need)
					line = append(line, w)
					lines = append(lines, line)
					line, used = nil, 0
					continue
				}
				lines = append(lines, line)
				line, used, gap = nil, 0, 0
			}
			line = append(line, w)
			used += gap + need
		}
		if len(line) > 0 {
			lines = append(lines, line)
		}
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
	var out []word
	for _, w := range ws {
		if w.width <= maxEm {
			out = append(out, w)
			continue
		}
		rs := []rune(w.text)
		for len(rs) > 0 {
			// The longest head that fits with its hyphen, at least one letter.
			n := 1
			for n < len(rs) && h.word(string(rs[:n+1])+"-").width <= maxEm {
				n++
			}
			if n == len(rs) {
				out = append(out, h.word(string(rs)))
				break
			}
			out = append(out, h.word(string(rs[:n])+"-"))
			rs = rs[n:]
		}
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

// Write lays the text out in the box in hand-writing: it word-wraps and
// picks the size (with Compose, larger for a short note, up to 1.4 times
// h.Size, down to h.MinSize for a long one), then writes every glyph as a
// person would (see place). The same seed gives the same result. It
// returns the glyphs and the size used, or a *FitError.
func (h *Hand) Write(text string, box Box) ([]Glyph, float64, error) {
	if h.Face == nil {
		return nil, 0, fmt.Errorf("no hand-writing font chosen")
	}
	if h.Fallback == nil {
		h.Fallback = Fallback()
	}
	if h.Second == nil {
		h.Second = SecondHand()
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
	normal := size
	if h.Compose {
		size = math.Round(size*1.4*2) / 2
	}
	var lines [][]word
	for ; ; size -= 0.5 {
		if size < minSize {
			size = minSize
		}
		width := box.W - h.slack(size)
		lines = h.wrap(text, width, size, false)
		hgt := h.height(lines, size, leading)
		fits := hgt <= box.H && !h.tooWide(lines, width, size)
		// A composed card leaves air around a note written larger than
		// the usual size.
		if fits && (!h.Compose || size <= normal || hgt <= box.H*0.7) {
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

// slack is the room kept free at the right of the box for the wandering
// margin, the jitter and the turn of the block, in mm.
func (h *Hand) slack(size float64) float64 { return 0.7*size*mmPerPt + 1.5 }

// height is the height the lines take: the first line's ascent, the line
// steps, and the last line's descent.
func (h *Hand) height(lines [][]word, size, leading float64) float64 {
	if len(lines) == 0 {
		return 0
	}
	em := size * mmPerPt
	steps := 0.0
	for _, l := range lines[1:] {
		if l == nil {
			steps += 0.75
		} else {
			steps++
		}
	}
	return h.Face.Ascent*em + steps*em*leading + h.Face.Descent*em + 2.2 // drift and tilt
}

// lineWidth is how wide a line is written, in ems, without its gap jitter.
func (h *Hand) lineWidth(l []word) float64 {
	w := 0.0
	for i, wd := range l {
		if i > 0 {
			w += h.spaceEm() * 1.1
		}
		w += wd.width * wd.squeeze
	}
	return w
}

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
			for gi, sg := range w.shaped.glyphs {
				drift = math.Max(-0.07, math.Min(0.07, drift+norm(0.007, 0.018)))
				along := (x - startX) / lineW
				gx := wordX + sg.x*wEm + norm(0.008, 0.018)*em
				gy := y + drift*em + (x-startX)*math.Tan(-slope) - sg.y*wEm + norm(0.012, 0.03)*em
				angle := norm(1.8, 4.5)
				if sg.mark {
					// An accent is set down on its own.
					gx += norm(0.03, 0.06) * wEm
					gy -= norm(0.025, 0.05)*wEm + 0.01*wEm
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

// Bounds is the smallest box around the glyphs' outlines, for checks and
// to set the signature under the text.
func Bounds(gs []Glyph) Box {
	if len(gs) == 0 {
		return Box{}
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, g := range gs {
		b := inkBox(g)
		minX, minY = math.Min(minX, b.X), math.Min(minY, b.Y)
		maxX, maxY = math.Max(maxX, b.X+b.W), math.Max(maxY, b.Y+b.H)
	}
	return Box{X: minX, Y: minY, W: maxX - minX, H: maxY - minY}
}
