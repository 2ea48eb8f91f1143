package pen

import (
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// shapedGlyph is one glyph of a shaped word: which glyph of the font,
// where its origin sits from the word's start (in ems, y up), how far it
// moves the pen, and the letter it writes.
type shapedGlyph struct {
	gid  font.GID
	x, y float64
	adv  float64
	r    rune // the first letter of its cluster; 0 for a mark
	mark bool // drawn over the previous letter (an accent, a dot)
}

// shapedWord is a word as the font's OpenType rules write it: contextual
// alternates (Caveat rotates three forms of each letter), ligatures, and
// accents placed on their letters.
type shapedWord struct {
	glyphs  []shapedGlyph
	width   float64 // ems
	missing bool    // the font lacks a letter of the word
}

// maxShaped bounds the words a face remembers; a batch repeats its
// template's words, so a few thousand cover it.
const maxShaped = 20000

// shape shapes a word in the face, remembering the result.
func (f *Face) shape(word string) *shapedWord {
	f.mu.Lock()
	defer f.mu.Unlock()
	if w, ok := f.shaped[word]; ok {
		return w
	}
	if f.own != nil {
		return f.own.shape(f, word)
	}
	text := []rune(word)
	script := language.Latin
	for _, r := range text {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited && s != language.Unknown {
			script = s
			break
		}
	}
	out := f.shaper.Shape(shaping.Input{
		Text: text, RunStart: 0, RunEnd: len(text),
		Direction: di.DirectionLTR, Face: f.ot,
		Size:   fixed.I(int(f.upem)),
		Script: script,
	})
	w := &shapedWord{}
	pen := 0.0
	unit := func(v fixed.Int26_6) float64 { return float64(v) / 64 / f.upem }
	for _, g := range out.Glyphs {
		if g.GlyphID == 0 {
			w.missing = true
		}
		sg := shapedGlyph{gid: g.GlyphID, x: pen + unit(g.XOffset), y: unit(g.YOffset), adv: unit(g.XAdvance)}
		if g.ClusterIndex < len(text) {
			sg.r = text[g.ClusterIndex]
		}
		// A glyph that does not move the pen after the first of its
		// cluster is a mark set on its letter.
		if g.XAdvance == 0 && len(w.glyphs) > 0 {
			sg.mark = true
		}
		w.glyphs = append(w.glyphs, sg)
		pen += sg.adv
	}
	w.width = pen
	if len(f.shaped) >= maxShaped {
		clear(f.shaped)
	}
	f.shaped[word] = w
	return w
}
