package paper

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"regulars/letters/pen"
)

// Offset moves everything printed on a page by X mm to the right and Y mm
// down, to correct a printer that does not put the page where the PDF
// says.
type Offset struct{ X, Y float64 }

// Zero reports whether the offset moves nothing.
func (o Offset) Zero() bool { return o.X == 0 && o.Y == 0 }

// String writes the offset as the book keeps it: "X,Y" in mm.
func (o Offset) String() string {
	return strconv.FormatFloat(o.X, 'f', -1, 64) + "," + strconv.FormatFloat(o.Y, 'f', -1, 64)
}

// MaxOffset is the largest correction accepted, in mm either way: a
// printer further off than that is fed the wrong paper, not misaligned.
const MaxOffset = 20.0

// ParseOffset reads an offset as typed or kept: "X,Y" in mm, or "" for
// none. A comma decimal needs the other separator: "1,5;-2" or "1.5,-2".
func ParseOffset(s string) (Offset, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Offset{}, nil
	}
	sep := ","
	if strings.Contains(s, ";") {
		sep = ";"
	}
	parts := strings.Split(s, sep)
	if len(parts) != 2 {
		return Offset{}, fmt.Errorf("offset %q: write it as right,down in mm, like 1.5,-2", s)
	}
	var v [2]float64
	for i, p := range parts {
		p = strings.ReplaceAll(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "mm")), ",", ".")
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return Offset{}, fmt.Errorf("offset %q: %q is not a number of mm", s, parts[i])
		}
		if math.Abs(f) > MaxOffset {
			return Offset{}, fmt.Errorf("offset %q: %g mm is more than %g mm; check the paper size instead", s, f, MaxOffset)
		}
		v[i] = f
	}
	return Offset{X: v[0], Y: v[1]}, nil
}

// Paper is the size a PDF is printed on, in mm, portrait.
type Paper struct{ W, H float64 }

// Media is the paper as CUPS names it: a standard size when it is one,
// else a custom size in mm.
func (p Paper) Media() string {
	w, h := math.Min(p.W, p.H), math.Max(p.W, p.H)
	for _, m := range []struct {
		name string
		w, h float64
	}{{"A4", 210, 297}, {"Letter", 8.5 * inch, 11 * inch}, {"A6", 105, 148}, {"A5", 148, 210}, {"Legal", 8.5 * inch, 14 * inch}} {
		if math.Abs(w-m.w) < 0.5 && math.Abs(h-m.h) < 0.5 {
			return m.name
		}
	}
	return fmt.Sprintf("Custom.%sx%smm", strconv.FormatFloat(math.Round(w*10)/10, 'f', -1, 64), strconv.FormatFloat(math.Round(h*10)/10, 'f', -1, 64))
}

// Printer is a printer the system knows.
type Printer struct {
	Name    string
	Default bool
}

// Job is what to print: a PDF on a printer, on paper of a size, at actual
// size (never shrunk to the printer's margins, which would move the
// writing off the card).
type Job struct {
	File    string
	Printer string // "" for the system's default
	Paper   Paper
	Title   string
}

// PrintFiles prints every PDF of a batch, each on its own paper, and
// returns what the print system said of each job.
func PrintFiles(ctx context.Context, jobs []Job) ([]string, error) {
	var said []string
	for _, j := range jobs {
		if _, err := os.Stat(j.File); err != nil {
			return said, fmt.Errorf("print %s: %w", j.File, err)
		}
		out, err := Print(ctx, j)
		if err != nil {
			return said, err
		}
		said = append(said, out)
	}
	return said, nil
}

// AlignmentPage writes a one-page PDF the size of a card layout that shows
// where the printer puts things: the card's outline 5 mm inside its edge,
// its writing area, marks 10 mm from each edge, and an envelope's address
// window drawn where the envelope prints the address, scaled to the card
// when the envelope is the larger. Measured with a ruler, the difference
// from 10 mm is the offset to type.
func AlignmentPage(w io.Writer, l Layout, e *Envelope) (err error) {
	defer pen.Guard("the alignment page", &err)
	doc := NewDoc("Printer alignment")
	doc.AddPage(l.W, l.H)
	doc.Shift(l.Offset)
	pdf := doc.pdf
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.3)
	pdf.Rect(5, 5, l.W-10, l.H-10, "D")
	pdf.SetDashPattern([]float64{2, 1.5}, 0)
	b := l.Box()
	pdf.Rect(b.X, b.Y, b.W, b.H, "D")
	pdf.SetDashPattern(nil, 0)
	// Marks 10 mm from each edge, crossing in the middle of each side.
	mark := func(x1, y1, x2, y2 float64) { pdf.Line(x1, y1, x2, y2) }
	mark(10, l.H/2-6, 10, l.H/2+6)
	mark(l.W-10, l.H/2-6, l.W-10, l.H/2+6)
	mark(l.W/2-6, 10, l.W/2+6, 10)
	mark(l.W/2-6, l.H-10, l.W/2+6, l.H-10)
	f := pen.Fallback()
	doc.Print(f, 7, 12, l.H/2+1, "10 mm")
	doc.Print(f, 7, l.W/2-4, 14, "10 mm")
	lines := []string{
		"Printer alignment — " + l.Label,
		"Each short line should be 10 mm from the paper's edge.",
		"Too far right or down: type a negative offset;",
		"too far left or up: a positive one (mm).",
		"Print at actual size (100 %).",
	}
	y := b.Y + 12
	for _, s := range lines {
		doc.Print(f, 8, b.X+3, y, s)
		y += 4.2
	}
	if e != nil {
		a := e.AddressBox()
		scale := math.Min(1, math.Min((l.W-20)/e.W, (l.H-y-10)/e.H))
		x0, y0 := (l.W-e.W*scale)/2, y+4
		pdf.SetLineWidth(0.2)
		pdf.Rect(x0, y0, e.W*scale, e.H*scale, "D")
		pdf.SetFillColor(235, 235, 235)
		pdf.Rect(x0+a.X*scale, y0+a.Y*scale, a.W*scale, a.H*scale, "FD")
		doc.Print(f, 7, x0+2, y0+4, fmt.Sprintf("%s, address window (%.0f %% size)", e.Label, scale*100))
	}
	return doc.Output(w)
}
