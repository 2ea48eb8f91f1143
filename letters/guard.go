package letters

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strings"
)

// ErrDamaged is returned when a third-party reader (the PDF library, the
// font parser, the image decoder) failed on a file in a way it did not
// foresee: the file is damaged in a way the checks before did not catch.
var ErrDamaged = errors.New("the file is damaged")

// guard turns a panic inside a third-party reader into an error saying
// which file was being read; it is deferred with the address of the
// function's error. Regulars' own defects are not hidden by it: it is
// used only around calls into code that reads outside data.
func guard(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s cannot be used (%v): %w", what, r, ErrDamaged)
	}
}

// Limits of a signature image: a scan at 600 dpi of a 15 cm wide
// signature is 3,500 pixels wide; anything far bigger is a mistake or a
// hostile file whose pixels would fill the memory.
const (
	maxSignatureSide   = 6000
	maxSignaturePixels = 12_000_000
)

// CheckPNG says whether b is a PNG image the PDF can hold: its header, its
// size (at most 6000 pixels a side and 12 million in all, checked before
// the pixels are read), all of its image data (decoded in full), and then
// a trial in the PDF library with any panic turned into an error.
func CheckPNG(b []byte) (err error) {
	if len(b) < 8 || string(b[:8]) != "\x89PNG\r\n\x1a\n" {
		return fmt.Errorf("not a PNG image")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("the PNG image cannot be read (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("the PNG image has no size")
	}
	if cfg.Width > maxSignatureSide || cfg.Height > maxSignatureSide || cfg.Width*cfg.Height > maxSignaturePixels {
		return fmt.Errorf("the PNG image is %d×%d pixels; a signature needs at most %d×%d (scan it at 300 dpi, or crop it)",
			cfg.Width, cfg.Height, maxSignatureSide, maxSignatureSide)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		msg := err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "EOF") {
			msg = "its image data is cut short"
		}
		return fmt.Errorf("the PNG image is damaged: %s", msg)
	}
	defer guard("the PNG image", &err)
	d := NewDoc("check")
	d.AddPage(50, 50)
	if err := d.Image(b, Box{W: 50, H: 50}); err != nil {
		return err
	}
	return d.Output(io.Discard)
}

// trialText has the letters a card is most often written with; a font is
// tried with it in the PDF library before it is accepted.
const trialText = "Dear Ana, thank you for your visit! ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,;:!?'\"()-&@ éàüñç"

// tryFace writes trialText in f into a scratch PDF, and draws every
// letter's outline, so that a font the PDF library or the outline reader
// cannot handle is refused when it is chosen, not when the cards are
// printed. A panic in either becomes an error.
func tryFace(f *Face) (err error) {
	defer guard("font "+f.Name, &err)
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
	d := NewDoc("check")
	d.AddPage(100, 50)
	d.Print(f, 12, 5, 20, trialText)
	return d.Output(io.Discard)
}
