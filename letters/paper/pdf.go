package paper

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"regulars/letters/pen"
)

// Doc is a PDF being written: pages of exact sizes in millimetres, each
// font embedded once and subset to the letters used.
type Doc struct {
	pdf   *gofpdf.Fpdf
	fonts map[*pen.Face]string
	tags  map[string]string // gofpdf's font name → the tagged subset name
	names map[string]bool
	font  string
	size  float64
	ink   [3]uint8
	inked bool // ink holds the page's current fill and stroke colour
	mode  int  // the page's text rendering mode: 0 fill, 3 invisible
	imgs  int
	forms map[pen.FormKey]string // the shapes drawn so far, by form XObject name

	offset  Offset // the printer's correction, on every page
	shifted bool   // the page's content is inside the offset's transform
}

// NewDoc starts an empty PDF.
func NewDoc(title string) *Doc {
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetCompression(true)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetTitle(title, true)
	p.SetCreator("Regulars", true)
	return &Doc{pdf: p, fonts: map[*pen.Face]string{}, names: map[string]bool{}, tags: map[string]string{}, forms: map[pen.FormKey]string{}}
}

// AddPage adds a page w by h millimetres.
func (d *Doc) AddPage(w, h float64) {
	d.endShift()
	// "P" keeps the size as given; gofpdf would swap it for "L".
	d.pdf.AddPageFormat("P", gofpdf.SizeType{Wd: w, Ht: h})
	d.font, d.size = "", 0
	d.inked, d.mode = false, 0
	d.beginShift()
}

// Shift moves everything drawn on the pages added from now on (and on the
// page just added, if nothing is drawn on it yet) by the printer's offset,
// so that a printer that prints a little off lands on the card.
func (d *Doc) Shift(o Offset) {
	d.endShift()
	d.offset = o
	if d.pdf.PageNo() > 0 {
		d.beginShift()
	}
}

func (d *Doc) beginShift() {
	if !d.offset.Zero() {
		d.pdf.TransformBegin()
		d.pdf.TransformTranslate(d.offset.X, d.offset.Y)
		d.shifted = true
	}
}

func (d *Doc) endShift() {
	if d.shifted {
		d.pdf.TransformEnd()
		d.shifted = false
		d.font, d.size = "", 0
	}
}

// use selects a face and size, embedding the face the first time.
func (d *Doc) use(f *pen.Face, size float64) {
	name, ok := d.fonts[f]
	if !ok {
		// The PDF names a subset font "ABCDEF+Name" (ISO 32000, 9.6.4).
		// gofpdf names it "utf8" + the family, so the family is padded to
		// the length of the tagged name, which Output puts in its place
		// byte for byte, keeping every offset of the file.
		n := len(d.fonts) + 1
		tagged := fmt.Sprintf("%c%c%c%c%c%c+%s", 'A'+n%26, 'B'+n%25, 'R', 'G', 'L', 'A'+n/26%26, strings.ReplaceAll(f.Name, " ", ""))
		name = fmt.Sprintf("f%d", n)
		name += strings.Repeat("x", max(0, len(tagged)-4-len(name)))
		d.pdf.AddUTF8FontFromBytes(name, "", f.TTF)
		d.fonts[f] = name
		d.tags["/utf8"+strings.ToLower(name)] = "/" + tagged
	}
	if name != d.font || size != d.size {
		d.pdf.SetFont(name, "", size)
		d.font, d.size = name, size
	}
}

// Write draws hand-written glyphs as filled paths, each shape stored
// once in the document as a form XObject and placed with the glyph's own
// transform and ink; over them, each word is written in invisible text
// (rendering mode 3), so that the card's text extracts, searches and
// copies.
func (d *Doc) Write(gs []pen.Glyph) {
	k := d.pdf.GetConversionRatio()
	_, pageH := d.pdf.GetPageSize()
	var b strings.Builder
	// Four decimals for the scales (a glyph's are about 0.02), two for
	// the places (points).
	num := func(v float64, prec int) {
		b.WriteString(strconv.FormatFloat(v, 'f', prec, 64))
		b.WriteByte(' ')
	}
	for _, g := range gs {
		fm, ok := g.Form()
		if !ok {
			continue
		}
		name := d.form(fm)
		if !d.inked || g.Ink != d.ink {
			c := fmt.Sprintf("%.3f %.3f %.3f", float64(g.Ink[0])/255, float64(g.Ink[1])/255, float64(g.Ink[2])/255)
			b.WriteString(c + " rg " + c + " RG\n")
			d.ink, d.inked = g.Ink, true
		}
		// The form's units are thousandths of an em from its corner (the
		// outline's box less pad); the page's are points from the bottom.
		m := g.Place()
		u0, w0 := fm.Corner[0], fm.Corner[1]
		b.WriteString("q ")
		num(k*m[0]/1000, 5)
		num(-k*m[1]/1000, 5)
		num(k*m[2]/1000, 5)
		num(-k*m[3]/1000, 5)
		num(k*(m[0]*u0+m[2]*w0+m[4]), 2)
		num(k*(pageH-(m[1]*u0+m[3]*w0+m[5])), 2)
		b.WriteString("cm " + name + " Do Q\n")
	}
	d.pdf.RawWriteStr(b.String())
	// The invisible words, each as wide as it is written.
	for _, g := range gs {
		if g.Text == "" {
			continue
		}
		f := pen.Fallback()
		w := Width(f, 1, g.Text)
		if w <= 0 {
			continue
		}
		d.setMode(3)
		d.use(f, math.Max(2, math.Min(72, g.TextW/w)))
		d.pdf.Text(g.X, g.Y, g.Text)
	}
}

// setMode sets the text rendering mode: 0 to fill letters, 3 for text
// that is there but not seen.
func (d *Doc) setMode(m int) {
	if d.mode != m {
		d.pdf.RawWriteStr(fmt.Sprintf("%d Tr", m))
		d.mode = m
	}
}

// form returns the name of the form XObject of a glyph's shape, writing
// the shape into the document the first time.
func (d *Doc) form(fm pen.Form) string {
	key := fm.Key
	if name, ok := d.forms[key]; ok {
		return name
	}
	k := d.pdf.GetConversionRatio()
	size := gofpdf.SizeType{Wd: fm.W * 1000 / k, Ht: fm.H * 1000 / k}
	ops := fm.Ops()
	made := d.pdf.CreateTemplateCustom(gofpdf.PointType{}, size, func(t *gofpdf.Tpl) { t.RawWriteStr(ops) })
	// gofpdf starts every form's page with the colours it had (black):
	// the shape is stored with its own operators only, so that it is
	// filled with the ink set where it is placed, as the preview shows.
	t := &inkless{Template: made, content: []byte(ops)}
	// gofpdf lists a form among the page resources once it is used; it is
	// used here once, a speck off the page, and from then on placed with
	// the glyph's own transform.
	d.pdf.UseTemplateScaled(t, gofpdf.PointType{X: -50, Y: -50}, gofpdf.SizeType{Wd: 0.001, Ht: 0.001})
	name := "/TPL" + t.ID()
	d.forms[key] = name
	return name
}

// inkless is a glyph's stored shape without the colours gofpdf puts
// at the start of a form: its content is the outline's operators alone,
// so it draws in the ink current where it is placed.
type inkless struct {
	gofpdf.Template
	content []byte
}

// Bytes is the form's content: the shape, without colours.
func (t *inkless) Bytes() []byte { return t.content }

// Print writes plain text (labels, return addresses) with its baseline at
// y, in a face and size, in near-black.
func (d *Doc) Print(f *pen.Face, size, x, y float64, s string) {
	d.setMode(0)
	d.use(f, size)
	d.pdf.SetTextColor(30, 30, 30)
	d.pdf.Text(x, y, s)
}

// Width is how wide s prints in a face and size, in mm.
func Width(f *pen.Face, size float64, s string) float64 {
	w := 0.0
	for _, r := range s {
		w += f.Advance(r)
	}
	return w * size * mmPerPt
}

// Image places a PNG (a signature) in the box, keeping its proportions.
// The same picture is embedded once however many pages show it.
func (d *Doc) Image(png []byte, b pen.Box) error {
	h64 := fnv.New64a()
	h64.Write(png)
	name := fmt.Sprintf("img%x", h64.Sum64())
	info := d.pdf.GetImageInfo(name)
	if info == nil {
		d.imgs++
		info = d.pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("signature image: %w", err)
	}
	w, h := info.Width(), info.Height()
	if w <= 0 || h <= 0 {
		return fmt.Errorf("signature image has no size")
	}
	scale := math.Min(b.W/w, b.H/h)
	d.pdf.ImageOptions(name, b.X, b.Y, w*scale, h*scale, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return d.pdf.Error()
}

// Output finishes the PDF.
func (d *Doc) Output(w io.Writer) error {
	d.endShift()
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	b := buf.Bytes()
	for from, to := range d.tags {
		if len(from) == len(to) {
			b = bytes.ReplaceAll(b, []byte(from), []byte(to))
		}
	}
	unlistFonts(b)
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}

// unlistFonts blanks the font list gofpdf gives every form XObject: the
// shapes draw no text, and a reader (poppler) loads the fonts a form
// lists every time the form is drawn, which made a page of 180 letters
// take half a second to open. The list is overwritten with spaces, so
// that every offset of the file stays where it was.
func unlistFonts(b []byte) {
	const form = "/Subtype /Form\n"
	const fonts = "/Font <<\n"
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(form))
		if j < 0 {
			return
		}
		i += j + len(form)
		res := bytes.Index(b[i:min(len(b), i+300)], []byte("/Resources"))
		if res < 0 {
			continue
		}
		k := bytes.Index(b[i:min(len(b), i+400)], []byte(fonts))
		if k < 0 {
			continue
		}
		start := i + k
		end := bytes.Index(b[start:], []byte(">>"))
		if end < 0 {
			return
		}
		end += start + 2
		for p := start; p < end; p++ {
			b[p] = ' '
		}
		i = end
	}
}
