package pen

import (
	"encoding/xml"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"

	"regulars/assets/fonts"
)

// StrokeFont is a single-stroke font a pen plotter writes with: EMS
// Allure (an SVG font) or the owner's drawn hand. Each glyph is lines for
// the pen to follow, not an outline to fill.
type StrokeFont struct {
	upem, ascent, descent float64
	glyphs                map[rune]strokeGlyph
	forms                 map[rune][]strokeGlyph // several forms of a letter, taken in turn
	space                 float64
}

// glyph is the n-th writing of r in a word.
func (f *StrokeFont) glyph(r rune, n int) (strokeGlyph, bool) {
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
	strokeFace *StrokeFont
	strokeErr  error
)

// plotFont reads the embedded EMS Allure once.
func plotFont() (*StrokeFont, error) {
	strokeOnce.Do(func() { strokeFace, strokeErr = readStrokeFont(fonts.EMSAllure) })
	return strokeFace, strokeErr
}

// readStrokeFont reads an SVG font whose glyphs are open paths (M, L and
// C commands, absolute).
func readStrokeFont(b []byte) (*StrokeFont, error) {
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
	f := &StrokeFont{upem: doc.Font.Face.Upem, ascent: doc.Font.Face.Ascent, descent: -doc.Font.Face.Descent, glyphs: map[rune]strokeGlyph{}}
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
func (f *StrokeFont) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if g, ok := f.glyphs[r]; ok {
			w += g.adv
		}
	}
	return w / f.upem
}

// StrokesOf is the font the plotter writes with for a hand: the owner's
// drawn hand when f is one, else the embedded EMS Allure.
func StrokesOf(f *Face) (*StrokeFont, error) {
	if sf := ownStrokeFont(f); sf != nil {
		return sf, nil
	}
	return plotFont()
}

// Strokes lays text out in the stroke font in box, as a card or an
// envelope is written, and returns the pen's strokes (mm from the page's
// top-left corner) and the letters the font has no stroke for, sorted.
// compose sets the text as a card (see Hand.Compose). A text that does not
// fit even at minSize gives a *FitError, with the missing letters.
func (f *StrokeFont) Strokes(text string, box Box, size, minSize float64, seed uint64, compose bool) (strokes [][][2]float64, missing []rune, err error) {
	lacks := map[rune]bool{}
	for _, r := range text {
		if _, ok := f.glyphs[r]; !ok && r != '\n' && r != '\r' {
			lacks[r] = true
		}
	}
	for r := range lacks {
		missing = append(missing, r)
	}
	sort.Slice(missing, func(i, j int) bool { return missing[i] < missing[j] })
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
			return nil, missing, &FitError{Lines: len(lines), MaxLines: int(box.H / (em * leading)), Over: hgt/box.H - 1}
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
					strokes = append(strokes, out)
				}
				x += g.adv * k
			}
		}
		y += em * leading * (1 + norm(0.03, 0.06))
	}
	return strokes, missing, nil
}
