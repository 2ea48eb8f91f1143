package pen_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"regulars/letters/paper"
	"regulars/letters/pen"
)

// TestSignaturePNG: a drawn signature becomes a PNG with solid ink along
// its strokes (no holes where a stroke turns), cropped to the ink, that
// the signature check accepts.
func TestSignaturePNG(t *testing.T) {
	strokes := [][][2]float64{{{10, 50}, {40, 20}, {70, 60}, {100, 20}, {130, 55}}, {{20, 70}, {140, 68}}}
	b, err := pen.SignaturePNG(strokes, 200, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := paper.CheckPNG(b); err != nil {
		t.Fatalf("the signature check refuses it: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	bd := img.Bounds()
	if bd.Dx() < 240 || bd.Dx() > 300 || bd.Dy() < 100 || bd.Dy() > 140 {
		t.Errorf("size %v, want the ink's box at twice the size", bd)
	}
	// On the strokes' points the ink is solid.
	for _, st := range strokes {
		for _, p := range st {
			x, y := int((p[0]-10+6)*2), int((p[1]-20+6)*2)
			if _, _, _, a := img.At(x, y).RGBA(); a < 0xf000 {
				t.Errorf("no ink at %v (alpha %x)", p, a)
			}
		}
	}
	if _, err := pen.SignaturePNG(nil, 200, 100); err == nil {
		t.Error("an empty signature was accepted")
	}
}

// TestDrawnHandFile: letters drawn and saved become the hand again when
// the file is chosen as the hand-writing.
func TestDrawnHandFile(t *testing.T) {
	var samples []pen.Sample
	for _, r := range "abcdefghijklmnopqrstuvwxyz" {
		for k := 0; k < 3; k++ {
			d := float64(k) * 0.01
			samples = append(samples, pen.Sample{Letter: r, Strokes: [][][2]float64{{{0, 0}, {0.2 + d, 0.45}, {0.4, 0}}}})
		}
	}
	path := filepath.Join(t.TempDir(), "own-hand"+pen.DrawnHandExt)
	if err := pen.SaveSamples(path, samples); err != nil {
		t.Fatal(err)
	}
	f, err := pen.LoadFace(path)
	if err != nil {
		t.Fatalf("the drawn hand does not load: %v", err)
	}
	if f.Name != "Own hand" {
		t.Errorf("face %q", f.Name)
	}
	os.WriteFile(path, []byte("{}"), 0o644)
	if _, err := pen.LoadFace(path); err == nil {
		t.Error("a broken drawn-hand file was accepted")
	}
	if err := pen.SaveSamples(path, samples[:3]); err == nil {
		t.Error("a hand with only an a was saved")
	}
}
