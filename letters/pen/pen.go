package pen

import (
	"fmt"
	"math"
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
