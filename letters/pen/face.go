// Package pen writes text in a hand that looks like ink: the faces
// (the built-in hand-writing fonts, a font file, the owner's own hand from
// a sample sheet or drawn letters), OpenType shaping, each glyph's warped
// shapes and where a card's words fall on it, as plain glyphs for the PDF,
// the preview and the plotter to draw. It takes plain values; it knows
// nothing of the client book or of paper sizes.
package pen

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // scans of the sample sheet
	_ "image/png"
	"os"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"regulars/assets/fonts"
)

// Face is a TrueType font ready for writing: its name in the PDF, its
// bytes, and its metrics for laying text out.
type Face struct {
	Name    string
	TTF     []byte
	sf      *sfnt.Font
	buf     sfnt.Buffer
	upem    float64
	Ascent  float64 // above the baseline, in ems
	Descent float64 // below the baseline, in ems (positive)
	XHeight float64 // the height of an x, in ems, to match two hands
	adv     map[rune]float64

	// The shaper's view of the font, and what it has shaped and drawn,
	// behind one lock (a Face is shared by the preview and the PDF).
	mu       sync.Mutex
	ot       *font.Face
	shaper   shaping.HarfbuzzShaper
	shaped   map[string]*shapedWord
	outlines map[outlineKey]*outline

	// A hand built from the owner's own writing has no font file: its
	// glyphs are traced outlines, several forms of each letter.
	own *ownGlyphs
}

// ErrNotTrueType is returned for a font file that cannot be used.
var ErrNotTrueType = errors.New("not a usable TrueType font")

// NewFace reads a TrueType font (.ttf with TrueType outlines, which the
// PDF writer embeds and subsets). A font chosen by the owner is tried in
// the PDF library before it is accepted (tryFace), and a panic in the font
// reader is an error, so that a damaged font is refused here and never
// reaches a card.
func NewFace(name string, ttf []byte) (*Face, error) {
	f, err := newFace(name, ttf)
	if err != nil {
		return nil, err
	}
	if err := tryFace(f); err != nil {
		if !errors.Is(err, ErrNotTrueType) {
			err = fmt.Errorf("%w: %w", err, ErrNotTrueType)
		}
		return nil, err
	}
	return f, nil
}

// newFace is NewFace without the trial in the PDF library, for the fonts
// built into Regulars.
func newFace(name string, ttf []byte) (f *Face, err error) {
	defer Guard("font "+name, &err)
	if len(ttf) < 12 {
		return nil, fmt.Errorf("font %s: the file is too short: %w", name, ErrNotTrueType)
	}
	switch string(ttf[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, fmt.Errorf("font %s is an OpenType font with PostScript (CFF) outlines; choose a TrueType .ttf file: %w", name, ErrNotTrueType)
	case "wOFF", "wOF2":
		return nil, fmt.Errorf("font %s is a web font (WOFF); choose a TrueType .ttf file: %w", name, ErrNotTrueType)
	default:
		return nil, fmt.Errorf("font %s is not a font file: %w", name, ErrNotTrueType)
	}
	if !bytes.Contains(ttf[:min(len(ttf), 1024)], []byte("glyf")) {
		return nil, fmt.Errorf("font %s has no TrueType outlines: %w", name, ErrNotTrueType)
	}
	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s cannot be read (%v): %w", name, err, ErrNotTrueType)
	}
	f = &Face{Name: name, TTF: ttf, sf: sf, upem: float64(sf.UnitsPerEm()), adv: map[rune]float64{}}
	m, err := sf.Metrics(&f.buf, fixed.I(int(f.upem)), xfont.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("font %s has no metrics (%v): %w", name, err, ErrNotTrueType)
	}
	f.Ascent = float64(m.Ascent) / 64 / f.upem
	f.Descent = float64(m.Descent) / 64 / f.upem
	ot, err := parseTTF(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s cannot be shaped (%v): %w", name, err, ErrNotTrueType)
	}
	f.ot = ot
	f.shaped = map[string]*shapedWord{}
	f.outlines = map[outlineKey]*outline{}
	f.XHeight = float64(ot.LineMetric(font.XHeight)) / f.upem
	if f.XHeight <= 0 || f.XHeight > 1 {
		f.XHeight = 0.5
	}
	if !f.Has('a') || !f.Has('e') {
		return nil, fmt.Errorf("font %s has no Latin letters: %w", name, ErrNotTrueType)
	}
	return f, nil
}

// parseTTF reads the font for shaping; a panic in the reader on a
// damaged file is an error.
func parseTTF(ttf []byte) (f *font.Face, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return font.ParseTTF(bytes.NewReader(ttf))
}

// LoadFace reads a font file chosen by the owner, such as a font made from
// their own hand-writing, or a scan or photo (PNG or JPEG) of the filled-in
// sample sheet (ReadSampleSheet), from which the owner's hand is built.
func LoadFace(path string) (*Face, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read font: %w", err)
	}
	if bytes.HasPrefix(b, []byte("\x89PNG")) || bytes.HasPrefix(b, []byte("\xff\xd8\xff")) {
		return loadSheet(path, b)
	}
	if isDrawnHand(path) {
		return loadDrawn(path, b)
	}
	return NewFace("Own hand", b)
}

// maxSheetPixels bounds a scanned sample sheet: A4 at 600 dpi is 35
// million pixels.
const maxSheetPixels = 60_000_000

// loadSheet builds the owner's hand from a picture of the sample sheet,
// checking its size before its pixels are read.
func loadSheet(path string, b []byte) (f *Face, err error) {
	defer Guard("the sample sheet "+path, &err)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("the sample sheet %s cannot be read: %w", path, err)
	}
	if cfg.Width*cfg.Height > maxSheetPixels {
		return nil, fmt.Errorf("the sample sheet %s is %d × %d pixels; scan it at 300 dpi", path, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("the sample sheet %s cannot be read: %w", path, err)
	}
	f, err = ReadSampleSheet(img)
	if err != nil {
		return nil, fmt.Errorf("the sample sheet %s: %w", path, err)
	}
	return f, nil
}

// Has reports whether the font draws r.
func (f *Face) Has(r rune) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.own != nil {
		return len(f.own.forms[r]) > 0
	}
	i, err := f.sf.GlyphIndex(&f.buf, r)
	return err == nil && i != 0
}

// Advance is how far r moves the pen, in ems.
func (f *Face) Advance(r rune) float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a
	}
	if f.own != nil {
		if forms := f.own.forms[r]; len(forms) > 0 {
			return f.own.glyphs[forms[0]].adv
		}
		return 0
	}
	a := 0.0
	if i, err := f.sf.GlyphIndex(&f.buf, r); err == nil && i != 0 {
		if adv, err := f.sf.GlyphAdvance(&f.buf, i, fixed.I(int(f.upem)), xfont.HintingNone); err == nil {
			a = float64(adv) / 64 / f.upem
		}
	}
	f.adv[r] = a
	return a
}

// The faces that come with Regulars.
var (
	handNames = []string{"Caveat", "Kalam", "Playpen Sans"}
	builtIn   = map[string][]byte{"Caveat": fonts.Caveat, "Kalam": fonts.Kalam, "Playpen Sans": fonts.PlaypenSans, "DejaVu Sans": fonts.DejaVuSans}
)

// HandNames lists the built-in hand-writing fonts, the default first.
func HandNames() []string { return append([]string(nil), handNames...) }

// IsBuiltIn says whether name is one of the embedded faces rather than a
// font file of the owner's.
func IsBuiltIn(name string) bool { return builtIn[name] != nil }

// BuiltInFace returns one of the embedded faces by name ("Caveat",
// "Kalam", "DejaVu Sans").
func BuiltInFace(name string) (*Face, error) {
	b, ok := builtIn[name]
	if !ok {
		return nil, fmt.Errorf("no built-in font is called %q (there are Caveat, Kalam and Playpen Sans)", name)
	}
	return newFace(name, b)
}

// Fallback is the face that draws the letters a hand-writing font lacks.
// It is read once and shared.
func Fallback() *Face {
	fallbackOnce.Do(func() {
		f, err := newFace("DejaVu Sans", fonts.DejaVuSans)
		if err != nil {
			panic("embedded DejaVu Sans: " + err.Error()) // a build defect, not a user error
		}
		fallbackFace = f
	})
	return fallbackFace
}

// The faces every card shares, read once: parsing a font and shaping with
// it is worth doing only once per run.
var (
	secondOnce sync.Once
	secondFace *Face

	fallbackOnce sync.Once
	fallbackFace *Face
)

// SecondHand is the hand that writes the words the chosen hand lacks
// letters for: Playpen Sans, which covers Latin Extended, Vietnamese,
// Cyrillic and Greek. A word is written wholly in one hand or the other.
func SecondHand() *Face {
	secondOnce.Do(func() {
		f, err := newFace("Playpen Sans", fonts.PlaypenSans)
		if err != nil {
			panic("embedded Playpen Sans: " + err.Error()) // a build defect, not a user error
		}
		secondFace = f
	})
	return secondFace
}
