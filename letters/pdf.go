package letters

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// Doc is a PDF being written: pages of exact sizes in millimetres, each
// font embedded once and subset to the letters used.
type Doc struct {
	pdf   *gofpdf.Fpdf
	fonts map[*Face]string
	tags  map[string]string // gofpdf's font name → the tagged subset name
	names map[string]bool
	font  string
	size  float64
	ink   [3]uint8
	imgs  int

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
	return &Doc{pdf: p, fonts: map[*Face]string{}, names: map[string]bool{}, tags: map[string]string{}}
}

// AddPage adds a page w by h millimetres.
func (d *Doc) AddPage(w, h float64) {
	d.endShift()
	// "P" keeps the size as given; gofpdf would swap it for "L".
	d.pdf.AddPageFormat("P", gofpdf.SizeType{Wd: w, Ht: h})
	d.font, d.size = "", 0
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
func (d *Doc) use(f *Face, size float64) {
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

// Write draws hand-written glyphs, each with its own tilt, stretch and ink.
func (d *Doc) Write(gs []Glyph) {
	k := d.pdf.GetConversionRatio()
	_, pageH := d.pdf.GetPageSize()
	for _, g := range gs {
		d.use(g.Face, g.Size)
		if g.Ink != d.ink {
			d.pdf.SetTextColor(int(g.Ink[0]), int(g.Ink[1]), int(g.Ink[2]))
			d.ink = g.Ink
		}
		a := g.Angle * math.Pi / 180
		cx, cy := g.X*k, (pageH-g.Y)*k
		m := gofpdf.TransformMatrix{
			A: g.Scale * math.Cos(a), B: g.Scale * math.Sin(a),
			C: -g.Scale * math.Sin(a), D: g.Scale * math.Cos(a),
		}
		m.E = cx - m.A*cx - m.C*cy
		m.F = cy - m.B*cx - m.D*cy
		d.pdf.TransformBegin()
		d.pdf.Transform(m)
		d.pdf.Text(g.X, g.Y, string(g.R))
		d.pdf.TransformEnd()
	}
}

// Print writes plain text (labels, return addresses) with its baseline at
// y, in a face and size, in near-black.
func (d *Doc) Print(f *Face, size, x, y float64, s string) {
	d.use(f, size)
	d.pdf.SetTextColor(30, 30, 30)
	d.ink = [3]uint8{30, 30, 30}
	d.pdf.Text(x, y, s)
}

// Width is how wide s prints in a face and size, in mm.
func Width(f *Face, size float64, s string) float64 {
	w := 0.0
	for _, r := range s {
		w += f.Advance(r)
	}
	return w * size * mmPerPt
}

// Image places a PNG (the owner's signature) in the box, keeping its
// proportions.
func (d *Doc) Image(png []byte, b Box) error {
	d.imgs++
	name := fmt.Sprintf("img%d", d.imgs)
	info := d.pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
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
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}
