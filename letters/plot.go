package letters

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"

	"regulars/assets/fonts"
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

// strokeFont is a single-stroke SVG font (EMS Allure): each glyph is lines
// for the pen to follow, not an outline to fill.
type strokeFont struct {
	upem, ascent, descent float64
	glyphs                map[rune]strokeGlyph
	forms                 map[rune][]strokeGlyph // several forms of a letter, taken in turn
	space                 float64
}

// glyph is the n-th writing of r in a word.
func (f *strokeFont) glyph(r rune, n int) (strokeGlyph, bool) {
	if fs := f.forms[r]; len(fs) > 0 {
		return fs[n%len(fs)], true
	}
	g, ok := f.glyphs[r]
	return g, ok
}

type strokeGlyph struct {
	adv     float64
	strokes [][][2]float64 // font units, y up
}

var (
	strokeOnce sync.Once
	strokeFace *strokeFont
	strokeErr  error
)

// plotFont reads the embedded EMS Allure once.
func plotFont() (*strokeFont, error) {
	strokeOnce.Do(func() { strokeFace, strokeErr = readStrokeFont(fonts.EMSAllure) })
	return strokeFace, strokeErr
}

// readStrokeFont reads an SVG font whose glyphs are open paths (M, L and
// C commands, absolute).
func readStrokeFont(b []byte) (*strokeFont, error) {
	var doc struct {
		Font struct {
			Adv  float64 `xml:"horiz-adv-x,attr"`
			Face struct {
				Upem    float64 `xml:"units-per-em,attr"`
				Ascent  float64 `xml:"ascent,attr"`
				Descent float64 `xml:"descent,attr"`
			} `xml:"font-face"`
			Glyphs []struct {
				Unicode string  `xml:"unicode,attr"`
				Adv     float64 `xml:"horiz-adv-x,attr"`
				D       string  `xml:"d,attr"`
			} `xml:"glyph"`
		} `xml:"defs>font"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("single-stroke font: %w", err)
	}
	f := &strokeFont{upem: doc.Font.Face.Upem, ascent: doc.Font.Face.Ascent, descent: -doc.Font.Face.Descent, glyphs: map[rune]strokeGlyph{}}
	if f.upem <= 0 {
		return nil, fmt.Errorf("single-stroke font: no units per em")
	}
	for _, g := range doc.Font.Glyphs {
		rs := []rune(g.Unicode)
		if len(rs) != 1 {
			continue
		}
		adv := g.Adv
		if adv == 0 {
			adv = doc.Font.Adv
		}
		strokes, err := svgStrokes(g.D)
		if err != nil {
			return nil, fmt.Errorf("single-stroke font, glyph %q: %w", g.Unicode, err)
		}
		f.glyphs[rs[0]] = strokeGlyph{adv: adv, strokes: strokes}
	}
	f.space = f.glyphs[' '].adv
	return f, nil
}

// svgStrokes reads a path of absolute M, L and C commands into strokes,
// a cubic curve flattened into eight lines.
func svgStrokes(d string) ([][][2]float64, error) {
	fs := pathTokens(d)
	var out [][][2]float64
	cmd := ""
	num := func(i int) (float64, error) {
		if i >= len(fs) {
			return 0, fmt.Errorf("path ends early")
		}
		return strconv.ParseFloat(fs[i], 64)
	}
	for i := 0; i < len(fs); {
		if c := fs[i]; c == "M" || c == "L" || c == "C" {
			cmd = c
			i++
			continue
		}
		switch cmd {
		case "M", "L":
			x, err := num(i)
			if err != nil {
				return nil, err
			}
			y, err := num(i + 1)
			if err != nil {
				return nil, err
			}
			i += 2
			if cmd == "M" || len(out) == 0 {
				out = append(out, nil)
			}
			out[len(out)-1] = append(out[len(out)-1], [2]float64{x, y})
			cmd = map[string]string{"M": "L", "L": "L"}[cmd]
		case "C":
			var p [6]float64
			for k := range p {
				v, err := num(i + k)
				if err != nil {
					return nil, err
				}
				p[k] = v
			}
			i += 6
			if len(out) == 0 || len(out[len(out)-1]) == 0 {
				return nil, fmt.Errorf("a curve with no start")
			}
			s := out[len(out)-1]
			p0 := s[len(s)-1]
			for k := 1; k <= 8; k++ {
				t := float64(k) / 8
				u := 1 - t
				x := u*u*u*p0[0] + 3*u*u*t*p[0] + 3*u*t*t*p[2] + t*t*t*p[4]
				y := u*u*u*p0[1] + 3*u*u*t*p[1] + 3*u*t*t*p[3] + t*t*t*p[5]
				s = append(s, [2]float64{x, y})
			}
			out[len(out)-1] = s
		default:
			return nil, fmt.Errorf("path command %q not understood", fs[i])
		}
	}
	return out, nil
}

// pathTokens splits SVG path data into commands and numbers: "M1,2L-3 4"
// is M 1 2 L -3 4.
func pathTokens(d string) []string {
	var out []string
	cur := []rune{}
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, c := range d {
		switch {
		case c == 'e' || c == 'E':
			cur = append(cur, c) // an exponent
		case (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'):
			flush()
			out = append(out, string(c))
		case c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r':
			flush()
		case c == '-' && len(cur) > 0 && cur[len(cur)-1] != 'e' && cur[len(cur)-1] != 'E':
			flush()
			cur = append(cur, c)
		default:
			cur = append(cur, c)
		}
	}
	flush()
	return out
}

// width is how wide s is written, in ems.
func (f *strokeFont) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if g, ok := f.glyphs[r]; ok {
			w += g.adv
		}
	}
	return w / f.upem
}

// strokes is the font the plotter writes with: the owner's drawn hand
// when there is one, else EMS Allure.
func (p Pen) strokes() (*strokeFont, error) {
	if f := ownStrokeFont(p.Face); f != nil {
		return f, nil
	}
	return plotFont()
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
	box := Box{X: e.W * 0.42, Y: e.H * 0.45, W: e.W*0.58 - 10, H: e.H*0.55 - 8}
	pl, err := plotText(f, c.Name, strings.Join(c.Address, "\n"), e.W, e.H, box, 16, 9, c.Seed^0xe17e, false)
	if err != nil {
		return pl, err
	}
	if len(returnAddress) > 0 {
		ret, err := plotText(f, c.Name, strings.Join(returnAddress, "\n"), e.W, e.H, Box{X: 8, Y: 6, W: e.W * 0.35, H: e.H * 0.3}, 10, 7, c.Seed^0x5e7, false)
		if err != nil {
			return pl, err
		}
		pl.Strokes = append(ret.Strokes, pl.Strokes...)
		pl.Missing = mergeRunes(pl.Missing, ret.Missing)
	}
	return pl, nil
}

// plotText lays a text out in the stroke font in box on a page w by h.
func plotText(f *strokeFont, name, text string, w, h float64, box Box, size, minSize float64, seed uint64, compose bool) (Plot, error) {
	pl := Plot{Name: name, W: w, H: h}
	missing := map[rune]bool{}
	for _, r := range text {
		if _, ok := f.glyphs[r]; !ok && r != '\n' && r != '\r' {
			missing[r] = true
		}
	}
	for r := range missing {
		pl.Missing = append(pl.Missing, r)
	}
	sort.Slice(pl.Missing, func(i, j int) bool { return pl.Missing[i] < pl.Missing[j] })
	asc, desc := f.ascent/f.upem, f.descent/f.upem
	const leading = 1.3
	top := size
	if compose {
		top = size * 1.4
	}
	var lines [][]string
	var em float64
	for s := top; ; s -= 0.5 {
		em = s * mmPerPt
		width := box.W - 0.7*em - 1.5
		lines = lines[:0]
		wide := false
		for _, par := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			var line []string
			used := 0.0
			for _, wd := range strings.Fields(par) {
				need := f.width(wd) * em
				wide = wide || need > width
				gap := 0.0
				if len(line) > 0 {
					gap = f.space / f.upem * em * 1.3
				}
				if len(line) > 0 && used+gap+need > width {
					lines = append(lines, line)
					line, used, gap = nil, 0, 0
				}
				line = append(line, wd)
				used += gap + need
			}
			lines = append(lines, line)
		}
		hgt := asc*em + float64(len(lines)-1)*em*leading + desc*em
		if hgt <= box.H && !wide && (!compose || s <= size || hgt <= box.H*0.7) {
			break
		}
		if s <= minSize {
			return pl, &FitError{Who: name, Lines: len(lines), MaxLines: int(box.H / (em * leading)), Over: hgt/box.H - 1}
		}
	}
	r := rand.New(rand.NewPCG(seed, seed^0x51e7))
	norm := func(sd, limit float64) float64 { return math.Max(-limit, math.Min(limit, r.NormFloat64()*sd)) }
	hgt := asc*em + float64(len(lines)-1)*em*leading + desc*em
	y := box.Y + asc*em
	if compose {
		y += (box.H - hgt) * 0.42
	}
	signOff := len(lines)
	for signOff > 0 && len(lines[signOff-1]) > 0 {
		signOff--
	}
	if !compose || len(lines)-signOff > 3 {
		signOff = len(lines)
	}
	margin := 0.0
	for li, line := range lines {
		margin = math.Max(0, math.Min(0.4*em, margin+norm(0.1*em, 0.2*em)))
		x := box.X + margin + 0.2*em // room for a capital's swash
		if li >= signOff {
			x += box.W * 0.25
		}
		slope := norm(0.3, 0.6) * math.Pi / 180
		startX := x
		for wi, wd := range line {
			if wi > 0 {
				x += f.space / f.upem * em * (0.9 + 0.4*r.Float64())
			}
			seen := map[rune]int{}
			for _, ch := range wd {
				g, ok := f.glyph(ch, seen[ch]+len(wd))
				seen[ch]++
				if !ok {
					continue
				}
				k := em / f.upem
				by := y + (x-startX)*math.Tan(-slope)
				for _, s := range g.strokes {
					var out [][2]float64
					for _, pt := range s {
						out = append(out, [2]float64{x + pt[0]*k, by - pt[1]*k})
					}
					pl.Strokes = append(pl.Strokes, out)
				}
				x += g.adv * k
			}
		}
		y += em * leading * (1 + norm(0.03, 0.06))
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
