package pen

import (
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// What the tests of package pen_test look inside the pen at: they write
// whole cards through letters, which package pen's own tests cannot
// import.
const (
	SheetW         = sheetW
	SheetH         = sheetH
	MarkSide       = markSide
	FormsPerLetter = formsPerLetter
	BoxBaseline    = boxBaseline
	MmPerPt        = mmPerPt
)

var (
	SheetMarks = sheetMarks
	SheetBox   = sheetBox
	InkBox     = inkBox
	DrawGlyph  = drawGlyph
	ToGray     = toGray
	FindMarks  = findMarks
	DarkLevel  = darkLevel
	PlotFont   = plotFont
)

// FirstGID is the first glyph of word as f shapes it.
func FirstGID(f *Face, word string) font.GID { return f.shape(word).glyphs[0].gid }

// OwnForms is the glyphs of each letter of a hand from the owner's own
// writing, a form for each sample; nil for a font.
func OwnForms(f *Face) map[rune][]font.GID {
	if f.own == nil {
		return nil
	}
	return f.own.forms
}

// OutlineOps is the path operations of one warped shape of a glyph.
func OutlineOps(f *Face, gid font.GID, variant int) []ot.SegmentOp {
	var ops []ot.SegmentOp
	for _, op := range f.shapeOf(gid, variant).ops {
		ops = append(ops, op.op)
	}
	return ops
}

// GlyphStrokes is the strokes of a letter in a stroke font, font units,
// y up.
func GlyphStrokes(f *StrokeFont, r rune) [][][2]float64 { return f.glyphs[r].strokes }
