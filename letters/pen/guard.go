package pen

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// ErrDamaged is returned when a third-party reader (the PDF library, the
// font parser, the image decoder) failed on a file in a way it did not
// foresee: the file is damaged in a way the checks before did not catch.
var ErrDamaged = errors.New("the file is damaged")

// Guard turns a panic inside a third-party reader or writer (the font
// parser, the image decoder, the PDF library) into an error saying which
// file was being read or written; it is deferred, as itself so that it
// recovers, with the address of the function's error. Regulars' own
// defects are not hidden by it: it is used only around calls into code
// that reads outside data. The PDF writers of letters/paper use it too.
func Guard(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s cannot be used (%v): %w", what, r, ErrDamaged)
	}
}

// trialText has the letters a card is most often written with; a font is
// tried with it in the PDF library before it is accepted.
const trialText = "Dear Ana, thank you for your visit! ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,;:!?'\"()-&@ éàüñç"

// tryFace writes trialText in f into a scratch PDF, and draws every
// letter's outline, so that a font the PDF library or the outline reader
// cannot handle is refused when it is chosen, not when the cards are
// printed. A panic in either becomes an error.
func tryFace(f *Face) (err error) {
	defer Guard("font "+f.Name, &err)
	for _, r := range trialText {
		f.Advance(r)
		if i, gerr := f.sf.GlyphIndex(&f.buf, r); gerr == nil && i != 0 {
			if _, lerr := f.sf.LoadGlyph(&f.buf, i, 1<<6*12, nil); lerr != nil {
				return fmt.Errorf("font %s: the letter %q cannot be drawn (%v): %w", f.Name, r, lerr, ErrNotTrueType)
			}
		}
	}
	// Shaped and drawn as a card draws it.
	for _, word := range strings.Fields(trialText) {
		for _, g := range f.shape(word).glyphs {
			f.shapeOf(g.gid, 0)
		}
	}
	// Shaped and drawn as a card draws it.
	for _, word := range strings.Fields(trialText) {
		for _, g := range f.shape(word).glyphs {
			f.shapeOf(g.gid, 0)
		}
	}
	// Written as a PDF writes plain text (Doc.Print in letters/paper).
	d := gofpdf.New("P", "mm", "A4", "")
	d.SetCompression(true)
	d.AddPageFormat("P", gofpdf.SizeType{Wd: 100, Ht: 50})
	d.AddUTF8FontFromBytes("trial", "", f.TTF)
	d.SetFont("trial", "", 12)
	d.SetTextColor(30, 30, 30)
	d.Text(5, 20, trialText)
	if err := d.Output(io.Discard); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}
