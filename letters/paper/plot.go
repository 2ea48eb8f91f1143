package paper

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"regulars/letters/pen"
)

// Plot is a card or an envelope as a pen plotter draws it: strokes of
// points in mm from the page's top-left corner, and the letters the
// single-stroke font has no stroke for (it covers Latin-1 only), which
// are left out and must be told to the owner.
type Plot struct {
	Name    string // the layer's name: the client
	W, H    float64
	Strokes [][][2]float64
	Missing []rune
}

// strokes is the font the plotter writes with: the owner's drawn hand
// when there is one, else EMS Allure.
func (p Pen) strokes() (*pen.StrokeFont, error) { return pen.StrokesOf(p.Face) }

// plotText lays a text out in the stroke font in box on a page w by h,
// the plot of the client name.
func plotText(f *pen.StrokeFont, name, text string, w, h float64, box pen.Box, size, minSize float64, seed uint64, compose bool) (Plot, error) {
	pl := Plot{Name: name, W: w, H: h}
	var err error
	pl.Strokes, pl.Missing, err = f.Strokes(text, box, size, minSize, seed, compose)
	var fe *pen.FitError
	if errors.As(err, &fe) {
		fe.Who = name
	}
	return pl, err
}

// PlotCard writes a card for a pen plotter in the owner's drawn hand, or
// else the single-stroke font: the
// size chosen for the card and the note, the block balanced, the sign-off
// set in, lines sloping and the margin wandering as in the PDF.
func (p Pen) PlotCard(c Card, l Layout) (Plot, error) {
	f, err := p.strokes()
	if err != nil {
		return Plot{}, err
	}
	return plotText(f, c.Name, c.Text, l.W, l.H, l.Box(), l.Size, l.MinSize, c.Seed, true)
}

// PlotEnvelope writes the client's address on an envelope for a pen
// plotter, and the return address small in the top-left corner.
func (p Pen) PlotEnvelope(c Card, e Envelope, returnAddress []string) (Plot, error) {
	f, err := p.strokes()
	if err != nil {
		return Plot{}, err
	}
	box := pen.Box{X: e.W * 0.42, Y: e.H * 0.45, W: e.W*0.58 - 10, H: e.H*0.55 - 8}
	pl, err := plotText(f, c.Name, strings.Join(c.Address, "\n"), e.W, e.H, box, 16, 9, c.Seed^0xe17e, false)
	if err != nil {
		return pl, err
	}
	if len(returnAddress) > 0 {
		ret, err := plotText(f, c.Name, strings.Join(returnAddress, "\n"), e.W, e.H, pen.Box{X: 8, Y: 6, W: e.W * 0.35, H: e.H * 0.3}, 10, 7, c.Seed^0x5e7, false)
		if err != nil {
			return pl, err
		}
		pl.Strokes = append(ret.Strokes, pl.Strokes...)
		pl.Missing = mergeRunes(pl.Missing, ret.Missing)
	}
	return pl, nil
}

// mergeRunes is the sorted union of two sorted lists of letters.
func mergeRunes(a, b []rune) []rune {
	m := map[rune]bool{}
	for _, r := range append(append([]rune(nil), a...), b...) {
		m[r] = true
	}
	var out []rune
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// WriteSVG writes plots as one SVG for AxiDraw-class plotters: the page
// in mm (the size of the first plot), each card or envelope a layer of
// its own (Inkscape's layers, which the AxiDraw software plots one at a
// time), every stroke a plain path with no fill and no text.
func WriteSVG(w io.Writer, plots []Plot) error {
	if len(plots) == 0 {
		return fmt.Errorf("nothing to plot")
	}
	bw := bufio.NewWriter(w)
	W, H := plots[0].W, plots[0].H
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="%smm" height="%smm" viewBox="0 0 %s %s">
`, mm(W), mm(H), mm(W), mm(H))
	for i, pl := range plots {
		var name bytes.Buffer
		xml.EscapeText(&name, []byte(pl.Name))
		fmt.Fprintf(bw, `<g inkscape:groupmode="layer" inkscape:label="%d %s" id="layer%d" fill="none" stroke="black" stroke-width="0.35" stroke-linecap="round" stroke-linejoin="round">`+"\n", i+1, name.String(), i+1)
		for _, s := range pl.Strokes {
			if len(s) < 2 {
				continue
			}
			bw.WriteString(`<path d="M`)
			for j, p := range s {
				if j == 1 {
					bw.WriteString(" L")
				}
				fmt.Fprintf(bw, " %s %s", mm(p[0]), mm(p[1]))
			}
			bw.WriteString(`"/>` + "\n")
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write SVG: %w", err)
	}
	return nil
}

// mm formats a length in mm to a hundredth.
func mm(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// GCode is how a plotter is driven: the commands that lift and lower the
// pen, and the speeds in mm a minute.
type GCode struct {
	PenUp, PenDown string  // e.g. "M5" and "M3 S1000", or a servo's "M280 P0 S90"
	Feed           float64 // drawing speed
}

// DefaultGCode suits a GRBL plotter with a servo pen lift on the spindle
// output.
var DefaultGCode = GCode{PenUp: "M5", PenDown: "M3 S1000", Feed: 1500}

// WriteGCode writes plots as G-code: millimetres, absolute; G0 moves with
// the pen up, G1 strokes with the pen down. The y axis points away from
// the operator, so the page's top is at y = H. Each plot begins with a
// comment naming it, and the machine waits (M0) for the next card between
// plots.
func WriteGCode(w io.Writer, plots []Plot, g GCode) error {
	if g.PenUp == "" || g.PenDown == "" || g.Feed <= 0 {
		return fmt.Errorf("G-code needs pen-up and pen-down commands and a feed rate")
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("G21\nG90\n" + g.PenUp + "\n")
	for i, pl := range plots {
		if i > 0 {
			bw.WriteString("M0 (next card)\n")
		}
		fmt.Fprintf(bw, "(%d %s)\n", i+1, strings.NewReplacer("(", "", ")", "", "\n", " ").Replace(pl.Name))
		for _, s := range pl.Strokes {
			if len(s) < 2 {
				continue
			}
			fmt.Fprintf(bw, "G0 X%s Y%s\n%s\n", mm(s[0][0]), mm(pl.H-s[0][1]), g.PenDown)
			for j, p := range s[1:] {
				if j == 0 {
					fmt.Fprintf(bw, "G1 X%s Y%s F%s\n", mm(p[0]), mm(pl.H-p[1]), mm(g.Feed))
				} else {
					fmt.Fprintf(bw, "G1 X%s Y%s\n", mm(p[0]), mm(pl.H-p[1]))
				}
			}
			bw.WriteString(g.PenUp + "\n")
		}
	}
	bw.WriteString("G0 X0 Y0\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write G-code: %w", err)
	}
	return nil
}
