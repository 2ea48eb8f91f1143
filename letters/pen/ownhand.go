package pen

import (
	"errors"
	"fmt"
	"hash/fnv"
	"image"
	"io"
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/jung-kurt/gofpdf"
)

// SheetLetters are the letters, digits and punctuation of the sample
// sheet, each written three times by the owner.
var SheetLetters = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-")

// The sample sheet, in mm on A4: four square marks at the corners to find
// and straighten the scan by, and a grid of boxes, three for each letter,
// with a light baseline to write on. An em of the traced hand is 12 mm of
// the sheet: the baseline lies 10.5 mm below a box's top.
const (
	sheetW, sheetH   = 210.0, 297.0
	markSide         = 7.0
	markInset        = 12.0 // from the page's edges to a mark's centre
	gridX, gridY     = 21.0, 24.0
	boxW, boxH       = 14.0, 15.0
	gridCols         = 12
	boxBaseline      = 10.5
	sheetEm          = 12.0
	formsPerLetter   = 3
	ownSideBearing   = 0.05 // ems each side of the ink
	ownSpace         = 0.3  // the width of a space, ems
	ownAscent        = boxBaseline / sheetEm
	ownDescent       = (boxH - boxBaseline) / sheetEm
	sampleMMPerPixel = 1.0 / 8 // the resolution boxes are read at
)

// sheetMarks are the centres of the corner marks: top-left, top-right,
// bottom-left, bottom-right.
var sheetMarks = [4][2]float64{{markInset, markInset}, {sheetW - markInset, markInset}, {markInset, sheetH - markInset}, {sheetW - markInset, sheetH - markInset}}

// sheetBox is the box of the i-th sample (letter i/3, form i%3), mm.
func sheetBox(i int) Box {
	return Box{X: gridX + float64(i%gridCols)*boxW, Y: gridY + float64(i/gridCols)*boxH, W: boxW, H: boxH}
}

// WriteSampleSheet writes the A4 sample sheet as a PDF to print, fill in
// with a pen and scan (or photograph) for ReadSampleSheet.
func WriteSampleSheet(w io.Writer) error {
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetTitle("Regulars: sample sheet of your hand", true)
	p.AddUTF8FontFromBytes("dejavu", "", Fallback().TTF)
	p.AddPage()
	p.SetFillColor(0, 0, 0)
	for _, m := range sheetMarks {
		p.Rect(m[0]-markSide/2, m[1]-markSide/2, markSide, markSide, "F")
	}
	p.SetFont("dejavu", "", 7)
	p.SetTextColor(170, 170, 170)
	p.Text(gridX, gridY-3, "Write each letter three times, one in a box, on the line, with a dark pen. Keep clear of the black squares.")
	p.SetLineWidth(0.2)
	for i := range len(SheetLetters) * formsPerLetter {
		b := sheetBox(i)
		p.SetDrawColor(205, 205, 205)
		p.Rect(b.X, b.Y, b.W, b.H, "D")
		p.SetDrawColor(215, 225, 240)
		p.Line(b.X+1, b.Y+boxBaseline, b.X+b.W-1, b.Y+boxBaseline)
		p.Text(b.X+0.8, b.Y+2.6, string(SheetLetters[i/formsPerLetter]))
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("write the sample sheet: %w", err)
	}
	return nil
}

// ownGlyphs are the traced letters of the owner's hand: glyph 0 is empty,
// and forms lists the glyphs of each letter, a form for each sample.
type ownGlyphs struct {
	glyphs []ownGlyph
	forms  map[rune][]font.GID
}

type ownGlyph struct {
	segs    []ot.Segment   // in thousandths of an em, y up
	adv     float64        // ems
	strokes [][][2]float64 // the lines drawn, in ems, for a plotter; none for a traced letter
}

// shape writes a word in the owner's forms, turning through a letter's
// forms as it comes again, as Caveat's contextual alternates do.
func (o *ownGlyphs) shape(f *Face, word string) *shapedWord {
	w := &shapedWord{}
	seen := map[rune]int{}
	// Each word starts the turn of forms at its own place.
	h := fnv.New32a()
	h.Write([]byte(word))
	start := int(h.Sum32() % 7)
	for _, r := range word {
		forms := o.forms[r]
		g := shapedGlyph{r: r, x: w.width}
		if len(forms) == 0 {
			w.missing = true
		} else {
			g.gid = forms[(seen[r]+start)%len(forms)]
			g.adv = o.glyphs[g.gid].adv
		}
		seen[r]++
		w.glyphs = append(w.glyphs, g)
		w.width += g.adv
	}
	return w
}

// ErrNoSheet is returned for a scan in which the sample sheet's corner
// marks cannot be found.
var ErrNoSheet = errors.New("the four black squares of the sample sheet are not found in the image")

// ReadSampleSheet builds a hand from a scan or photograph of a filled-in
// sample sheet (see WriteSampleSheet): it finds the corner marks, undoes
// the turn, tilt and perspective of the picture by them, reads every box,
// and traces the ink of each into an outline, the owner's own forms of
// each letter. Boxes left empty are left out; a word with a letter that
// has no form is written in the second hand.
func ReadSampleSheet(img image.Image) (*Face, error) {
	gray, w, h := toGray(img)
	dark := darkLevel(gray)
	marks, err := findMarks(gray, w, h, dark)
	if err != nil {
		return nil, err
	}
	H, err := homography(sheetMarks, marks)
	if err != nil {
		return nil, err
	}
	own := &ownGlyphs{glyphs: []ownGlyph{{}}, forms: map[rune][]font.GID{}}
	xs := []float64{}
	for i := range len(SheetLetters) * formsPerLetter {
		r := SheetLetters[i/formsPerLetter]
		g, top, ok := traceBox(gray, w, h, dark, H, sheetBox(i))
		if !ok {
			continue
		}
		own.forms[r] = append(own.forms[r], font.GID(len(own.glyphs)))
		own.glyphs = append(own.glyphs, g)
		if r == 'x' {
			xs = append(xs, top)
		}
	}
	return ownFace(own, xs, "the sample sheet has no %q: fill in at least the letters, then scan it again")
}

// ownFace finishes the owner's hand from its glyphs, whether traced from a
// sheet or drawn: it needs at least a, e and o (missing says so, with the
// letter), gets a space, and takes its x-height from the x's drawn.
func ownFace(own *ownGlyphs, xs []float64, missing string) (*Face, error) {
	for _, r := range "aeo" {
		if len(own.forms[r]) == 0 {
			return nil, fmt.Errorf(missing, r)
		}
	}
	own.forms[' '] = []font.GID{font.GID(len(own.glyphs))}
	own.glyphs = append(own.glyphs, ownGlyph{adv: ownSpace})
	f := &Face{Name: "Own hand", upem: 1000, Ascent: ownAscent, Descent: ownDescent, XHeight: 0.4,
		adv: map[rune]float64{}, shaped: map[string]*shapedWord{}, outlines: map[outlineKey]*outline{}, own: own}
	if len(xs) > 0 {
		sum := 0.0
		for _, v := range xs {
			sum += v
		}
		f.XHeight = sum / float64(len(xs))
	}
	return f, nil
}

// toGray reads an image's luminance, 0 black to 255 white.
func toGray(img image.Image) ([]uint8, int, int) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			out[y*w+x] = uint8((299*r + 587*g + 114*bl) / 1000 >> 8)
		}
	}
	return out, w, h
}

// darkLevel is the grey below which a pixel is ink: half way between the
// paper (the brightest tenth) and the marks (the darkest hundredth), so
// that a dim photo or a shadow still reads, and the sheet's light grey
// printing does not.
func darkLevel(g []uint8) uint8 {
	var hist [256]int
	for _, v := range g {
		hist[v]++
	}
	at := func(share float64) int {
		n := int(share * float64(len(g)))
		for v, c := range hist {
			n -= c
			if n < 0 {
				return v
			}
		}
		return 255
	}
	ink, paper := at(0.005), at(0.9)
	return uint8(ink + (paper-ink)*2/5)
}

// findMarks finds the four corner marks: in each quarter of the image the
// largest dark blob that is about square and solid, by its centre.
func findMarks(g []uint8, w, h int, dark uint8) ([4][2]float64, error) {
	var out [4][2]float64
	seen := make([]bool, w*h)
	type blob struct {
		area             int
		sx, sy           float64
		minX, minY, maxX int
		maxY             int
	}
	best := [4]blob{}
	stack := []int{}
	for start := range g {
		if seen[start] || g[start] >= dark {
			continue
		}
		b := blob{minX: w, minY: h}
		stack = append(stack[:0], start)
		seen[start] = true
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := p%w, p/w
			b.area++
			b.sx += float64(x)
			b.sy += float64(y)
			b.minX, b.maxX, b.minY, b.maxY = min(b.minX, x), max(b.maxX, x), min(b.minY, y), max(b.maxY, y)
			for _, q := range [4]int{p - 1, p + 1, p - w, p + w} {
				if q < 0 || q >= len(g) || seen[q] || g[q] >= dark || (q == p-1 && x == 0) || (q == p+1 && x == w-1) {
					continue
				}
				seen[q] = true
				stack = append(stack, q)
			}
		}
		bw, bh := b.maxX-b.minX+1, b.maxY-b.minY+1
		if float64(bw)/float64(bh) < 0.6 || float64(bw)/float64(bh) > 1.6 || float64(b.area) < 0.6*float64(bw*bh) || b.area < 30 {
			continue
		}
		cx, cy := b.sx/float64(b.area), b.sy/float64(b.area)
		q := 0
		if cx > float64(w)/2 {
			q++
		}
		if cy > float64(h)/2 {
			q += 2
		}
		if b.area > best[q].area {
			best[q] = b
		}
	}
	for q, b := range best {
		if b.area == 0 {
			return out, ErrNoSheet
		}
		out[q] = [2]float64{b.sx / float64(b.area), b.sy / float64(b.area)}
	}
	return out, nil
}

// homography is the projective map taking the sheet's points (mm) to the
// image's (pixels), from four pairs.
func homography(from, to [4][2]float64) ([9]float64, error) {
	var a [8][9]float64
	for i := range 4 {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := range 8 {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return [9]float64{}, ErrNoSheet
		}
		a[c], a[p] = a[p], a[c]
		for r := range 8 {
			if r != c {
				k := a[r][c] / a[c][c]
				for j := c; j < 9; j++ {
					a[r][j] -= k * a[c][j]
				}
			}
		}
	}
	var H [9]float64
	for i := range 8 {
		H[i] = a[i][8] / a[i][i]
	}
	H[8] = 1
	return H, nil
}

// project maps a sheet point (mm) into the image (pixels).
func project(H [9]float64, x, y float64) (float64, float64) {
	d := H[6]*x + H[7]*y + H[8]
	return (H[0]*x + H[1]*y + H[2]) / d, (H[3]*x + H[4]*y + H[5]) / d
}

// traceBox reads one box of the sheet at 8 pixels a mm and traces its ink:
// the outline in thousandths of an em from the ink's left (less a side
// bearing) and the box's baseline, the advance, and the top of the ink
// above the baseline in ems. ok is false for an empty box.
func traceBox(g []uint8, w, h int, dark uint8, H [9]float64, b Box) (ownGlyph, float64, bool) {
	const inset = 1.0
	nx, ny := int((b.W-2*inset)/sampleMMPerPixel), int((b.H-2*inset)/sampleMMPerPixel)
	ink := make([]bool, nx*ny)
	for j := range ny {
		for i := range nx {
			x, y := project(H, b.X+inset+(float64(i)+0.5)*sampleMMPerPixel, b.Y+inset+(float64(j)+0.5)*sampleMMPerPixel)
			xi, yi := int(x), int(y)
			if xi < 0 || yi < 0 || xi >= w || yi >= h {
				continue
			}
			ink[j*nx+i] = g[yi*w+xi] < dark
		}
	}
	despeckle(ink, nx, ny, 12)
	minX, maxX, minY := nx, -1, ny
	for j := range ny {
		for i := range nx {
			if ink[j*nx+i] {
				minX, maxX, minY = min(minX, i), max(maxX, i), min(minY, j)
			}
		}
	}
	if maxX < 0 {
		return ownGlyph{}, 0, false
	}
	unit := sampleMMPerPixel / sheetEm * 1000 // thousandths of an em per pixel
	left := float64(minX) - ownSideBearing*1000/unit
	base := (boxBaseline - inset) / sampleMMPerPixel
	var segs []ot.Segment
	for _, loop := range traceLoops(ink, nx, ny) {
		loop = smooth(simplify(loop, 0.7))
		if len(loop) < 3 {
			continue
		}
		for k, p := range loop {
			op := ot.SegmentOpLineTo
			if k == 0 {
				op = ot.SegmentOpMoveTo
			}
			segs = append(segs, ot.Segment{Op: op, Args: [3]ot.SegmentPoint{{X: float32((p[0] - left) * unit), Y: float32((base - p[1]) * unit)}}})
		}
	}
	adv := (float64(maxX-minX+1)*unit + 2*ownSideBearing*1000) / 1000
	return ownGlyph{segs: segs, adv: adv}, (base - float64(minY)) * unit / 1000, true
}

// despeckle clears blobs of ink smaller than n pixels: dust and noise.
func despeckle(ink []bool, w, h, n int) {
	seen := make([]bool, len(ink))
	for s := range ink {
		if !ink[s] || seen[s] {
			continue
		}
		blob := []int{s}
		seen[s] = true
		for k := 0; k < len(blob); k++ {
			p := blob[k]
			x := p % w
			for _, q := range [4]int{p - 1, p + 1, p - w, p + w} {
				if q < 0 || q >= len(ink) || seen[q] || !ink[q] || (q == p-1 && x == 0) || (q == p+1 && x == w-1) {
					continue
				}
				seen[q] = true
				blob = append(blob, q)
			}
		}
		if len(blob) < n {
			for _, p := range blob {
				ink[p] = false
			}
		}
	}
}

// traceLoops follows the edges between ink and paper into closed loops,
// ink always on the same hand, so that holes wind the other way round
// from the outlines around them (which the non-zero fill needs). Points
// are pixel corners.
func traceLoops(ink []bool, w, h int) [][][2]float64 {
	at := func(x, y int) bool { return x >= 0 && y >= 0 && x < w && y < h && ink[y*w+x] }
	type pt struct{ x, y int }
	next := map[pt][]pt{}
	for y := range h {
		for x := range w {
			if !at(x, y) {
				continue
			}
			// Each side of an ink pixel that faces paper is an edge, going
			// clockwise round the pixel (y down).
			if !at(x, y-1) {
				next[pt{x, y}] = append(next[pt{x, y}], pt{x + 1, y})
			}
			if !at(x+1, y) {
				next[pt{x + 1, y}] = append(next[pt{x + 1, y}], pt{x + 1, y + 1})
			}
			if !at(x, y+1) {
				next[pt{x + 1, y + 1}] = append(next[pt{x + 1, y + 1}], pt{x, y + 1})
			}
			if !at(x-1, y) {
				next[pt{x, y + 1}] = append(next[pt{x, y + 1}], pt{x, y})
			}
		}
	}
	var loops [][][2]float64
	for y := 0; y <= h; y++ {
		for x := 0; x <= w; x++ {
			start := pt{x, y}
			for len(next[start]) > 0 {
				var loop [][2]float64
				p := start
				for {
					ns := next[p]
					if len(ns) == 0 {
						break
					}
					q := ns[len(ns)-1]
					next[p] = ns[:len(ns)-1]
					loop = append(loop, [2]float64{float64(p.x), float64(p.y)})
					p = q
					if p == start {
						break
					}
				}
				if len(loop) >= 4 {
					loops = append(loops, loop)
				}
			}
		}
	}
	return loops
}

// simplify drops the points of a closed loop that lie within tol of the
// line through their neighbours (Douglas-Peucker on each half).
func simplify(loop [][2]float64, tol float64) [][2]float64 {
	if len(loop) < 8 {
		return loop
	}
	var dp func(a, b int, out *[]int)
	dp = func(a, b int, out *[]int) {
		far, d := -1, tol
		ax, ay, bx, by := loop[a][0], loop[a][1], loop[b%len(loop)][0], loop[b%len(loop)][1]
		l := math.Hypot(bx-ax, by-ay)
		for i := a + 1; i < b; i++ {
			px, py := loop[i][0], loop[i][1]
			var e float64
			if l == 0 {
				e = math.Hypot(px-ax, py-ay)
			} else {
				e = math.Abs((bx-ax)*(ay-py)-(ax-px)*(by-ay)) / l
			}
			if e > d {
				far, d = i, e
			}
		}
		if far < 0 {
			return
		}
		dp(a, far, out)
		*out = append(*out, far)
		dp(far, b, out)
	}
	half := len(loop) / 2
	idx := []int{0}
	dp(0, half, &idx)
	idx = append(idx, half)
	dp(half, len(loop), &idx)
	out := make([][2]float64, 0, len(idx))
	for _, i := range idx {
		out = append(out, loop[i])
	}
	return out
}

// smooth rounds the corners of a closed loop once (Chaikin), so that the
// traced pixels read as a pen's line.
func smooth(loop [][2]float64) [][2]float64 {
	if len(loop) < 3 {
		return loop
	}
	out := make([][2]float64, 0, 2*len(loop))
	for i, p := range loop {
		q := loop[(i+1)%len(loop)]
		out = append(out, [2]float64{0.75*p[0] + 0.25*q[0], 0.75*p[1] + 0.25*q[1]}, [2]float64{0.25*p[0] + 0.75*q[0], 0.25*p[1] + 0.75*q[1]})
	}
	return out
}
