package pen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/vector"
)

// DrawnHandExt ends the name of the file that keeps the letters the owner
// drew in the window; chosen as the hand-writing, it is their own hand.
const DrawnHandExt = ".strokes.json"

// drawnFile is the form of that file: the samples, as drawn.
type drawnFile struct {
	Version int      `json:"version"`
	Samples []Sample `json:"samples"`
}

// SaveSamples writes the drawn letters to path (under a temporary name,
// renamed when whole), after checking that they make a hand.
func SaveSamples(path string, samples []Sample) error {
	if _, err := HandFromStrokes(samples, 0); err != nil {
		return err
	}
	b, err := json.Marshal(drawnFile{Version: 1, Samples: samples})
	if err != nil {
		return err
	}
	tmp := path + ".part"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("save the drawn hand: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save the drawn hand: %w", err)
	}
	return nil
}

// loadDrawn builds the hand kept in a drawn-hand file.
func loadDrawn(path string, b []byte) (*Face, error) {
	var f drawnFile
	if err := json.Unmarshal(b, &f); err != nil || f.Version != 1 {
		return nil, fmt.Errorf("%s is not a hand drawn in Regulars", filepath.Base(path))
	}
	return HandFromStrokes(f.Samples, 0)
}

// isDrawnHand reports whether a hand-writing path is a drawn hand.
func isDrawnHand(path string) bool { return strings.HasSuffix(strings.ToLower(path), DrawnHandExt) }

// SignaturePNG draws a signature from strokes (points in pixels of a pad
// w by h, y down) as a PNG in dark blue ink on a transparent ground,
// cropped to the ink, at twice the pad's size so it prints sharp.
func SignaturePNG(strokes [][][2]float64, w, h int) ([]byte, error) {
	const scale, pen = 2.0, 3.0
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, st := range strokes {
		for _, p := range st {
			minX, minY = math.Min(minX, p[0]), math.Min(minY, p[1])
			maxX, maxY = math.Max(maxX, p[0]), math.Max(maxY, p[1])
		}
	}
	if math.IsInf(minX, 0) {
		return nil, fmt.Errorf("the signature is empty: sign in the box first")
	}
	pad := pen * 2
	W := int((maxX-minX+2*pad)*scale) + 1
	H := int((maxY-minY+2*pad)*scale) + 1
	if W < 8 || H < 8 || W > 4000 || H > 4000 {
		return nil, fmt.Errorf("the signature is too small or too large to print (%d × %d)", W, H)
	}
	r := vector.NewRasterizer(W, H)
	xy := func(p [2]float64) (float32, float32) {
		return float32((p[0] - minX + pad) * scale), float32((p[1] - minY + pad) * scale)
	}
	for _, st := range strokes {
		for i := range st {
			a := st[i]
			b := a
			if i+1 < len(st) {
				b = st[i+1]
			}
			band(r, xy, a, b, pen/2)
		}
	}
	img := image.NewNRGBA(image.Rect(0, 0, W, H))
	r.Draw(img, img.Bounds(), image.NewUniform(color.NRGBA{R: 0x1a, G: 0x2a, B: 0x6c, A: 0xff}), image.Point{})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// band adds to r the stroke of a round pen of radius rad from a to b.
func band(r *vector.Rasterizer, xy func([2]float64) (float32, float32), a, b [2]float64, rad float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l := math.Hypot(dx, dy)
	if l > 0 {
		nx, ny := -dy/l*rad, dx/l*rad
		p := func(x, y float64) (float32, float32) { return xy([2]float64{x, y}) }
		x0, y0 := p(a[0]+nx, a[1]+ny)
		r.MoveTo(x0, y0)
		r.LineTo(p(b[0]+nx, b[1]+ny))
		r.LineTo(p(b[0]-nx, b[1]-ny))
		r.LineTo(p(a[0]-nx, a[1]-ny))
		r.ClosePath()
	}
	// A round dot at the point, as a pen leaves.
	const n = 12
	for i := 0; i <= n; i++ {
		t := -2 * math.Pi * float64(i) / n // wound as the bands are, so the two add up
		x, y := xy([2]float64{a[0] + rad*math.Cos(t), a[1] + rad*math.Sin(t)})
		if i == 0 {
			r.MoveTo(x, y)
		} else {
			r.LineTo(x, y)
		}
	}
	r.ClosePath()
}
