package pen_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// syntheticSheet fills in the sample sheet as a person would, in Kalam's
// letters (each of the three samples a different warped shape), at 6
// pixels a mm, then photographs it: turned by 2°, shrunk and shifted, in
// a shadow that darkens one side by a quarter, with noise.
func syntheticSheet(t *testing.T) image.Image {
	t.Helper()
	kalam, err := pen.BuiltInFace("Kalam")
	if err != nil {
		t.Fatal(err)
	}
	const px = 6.0
	sheet := image.NewRGBA(image.Rect(0, 0, int(pen.SheetW*px), int(pen.SheetH*px)))
	draw.Draw(sheet, sheet.Bounds(), image.White, image.Point{}, draw.Src)
	rect := func(x, y, w, h float64, c color.Color) {
		draw.Draw(sheet, image.Rect(int(x*px), int(y*px), int((x+w)*px), int((y+h)*px)), image.NewUniform(c), image.Point{}, draw.Src)
	}
	for _, m := range pen.SheetMarks {
		rect(m[0]-pen.MarkSide/2, m[1]-pen.MarkSide/2, pen.MarkSide, pen.MarkSide, color.Black)
	}
	grey := color.Gray{205}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range len(pen.SheetLetters) * pen.FormsPerLetter {
		b := pen.SheetBox(i)
		rect(b.X, b.Y, b.W, 0.2, grey)
		rect(b.X, b.Y, 0.2, b.H, grey)
		rect(b.X+1, b.Y+pen.BoxBaseline, b.W-2, 0.2, color.Gray{215})
		g := pen.Glyph{Face: kalam, GID: pen.FirstGID(kalam, string(pen.SheetLetters[i/pen.FormsPerLetter])), Variant: i % pen.FormsPerLetter,
			X: b.X + 3 + r.Float64(), Y: b.Y + pen.BoxBaseline + r.NormFloat64()*0.2, Size: 10.5 / pen.MmPerPt * (0.95 + 0.1*r.Float64()),
			Scale: 1, Angle: r.NormFloat64() * 2, Ink: [3]uint8{20, 25, 60}}
		pen.DrawGlyph(sheet, g, px)
	}
	// The photograph.
	photo := image.NewRGBA(image.Rect(0, 0, 1300, 1800))
	draw.Draw(photo, photo.Bounds(), image.NewUniform(color.Gray{120}), image.Point{}, draw.Src)
	a := 2 * math.Pi / 180
	s := 0.95
	m := f64.Aff3{s * math.Cos(a), -s * math.Sin(a), 60, s * math.Sin(a), s * math.Cos(a), 20}
	draw.BiLinear.Transform(photo, m, sheet, sheet.Bounds(), draw.Src, nil)
	for y := 0; y < 1800; y++ {
		for x := 0; x < 1300; x++ {
			c := photo.RGBAAt(x, y)
			shade := 1 - 0.25*float64(x)/1300
			f := func(v uint8) uint8 {
				return uint8(math.Max(0, math.Min(255, float64(v)*shade+r.NormFloat64()*8)))
			}
			photo.SetRGBA(x, y, color.RGBA{f(c.R), f(c.G), f(c.B), 255})
		}
	}
	return photo
}

// TestOwnHandFromSampleSheet reads a synthesised, photographed sample
// sheet, builds the owner's hand from it and writes a card in it.
func TestOwnHandFromSampleSheet(t *testing.T) {
	photo := syntheticSheet(t)
	own, err := pen.ReadSampleSheet(photo)
	if err != nil {
		t.Fatal(err)
	}
	kalam, _ := pen.BuiltInFace("Kalam")
	for _, r := range pen.SheetLetters {
		if n := len(pen.OwnForms(own)[r]); n != pen.FormsPerLetter {
			t.Errorf("%q: %d forms read, want %d", r, n, pen.FormsPerLetter)
		}
	}
	// The traced letters keep their proportions and their holes.
	for _, r := range "aoWg" {
		ops := pen.OutlineOps(own, pen.OwnForms(own)[r][0], 0)
		want := kalam.Advance(r) / kalam.Ascent
		got := own.Advance(r) / own.Ascent
		if got < want*0.6 || got > want*1.6 {
			t.Errorf("%q traced %.2f ems wide for its height, Kalam %.2f", r, got, want)
		}
		if r == 'o' {
			loops := 0
			for _, op := range ops {
				if op == 0 {
					loops++
				}
			}
			if loops != 2 {
				t.Errorf("o traced as %d loops, want an outline and its hole", loops)
			}
		}
	}
	pn := paper.Pen{Face: own, Ink: pen.BlueBlack}
	card := paper.Card{Name: "Siobhán O'Brien", Seed: 5, Text: "Dear Siobhan,\n\nThank you so much for coming in on 14 November. It was lovely to see you again!\n\nWarm wishes,\nBea"}
	gs, err := pn.LayOut(card, paper.Layouts["a2"])
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Face != own {
			t.Errorf("%q written in %s", g.R, g.Face.Name)
		}
	}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, []paper.Card{card}, paper.Layouts["a2"], nil); err != nil {
		t.Fatal(err)
	}
	if text := cardtest.PDFText(t, buf.Bytes()); !strings.Contains(text, "Thank you so much") {
		t.Errorf("pdftotext: %q", text)
	}
	if dir := os.Getenv("REGULARS_CARDS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "own.pdf"), buf.Bytes(), 0o644)
		f, _ := os.Create(filepath.Join(dir, "sheet-photo.png"))
		png.Encode(f, photo)
		f.Close()
	}
	// Chosen in Settings as the hand, a scan of the sheet is read the same.
	path := filepath.Join(t.TempDir(), "sheet.png")
	sf, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	png.Encode(sf, photo)
	sf.Close()
	loaded, err := pen.LoadFace(path)
	if err != nil || pen.OwnForms(loaded) == nil || len(pen.OwnForms(loaded)['a']) != pen.FormsPerLetter {
		t.Errorf("LoadFace of a sheet: %v", err)
	}
	// A picture with no sheet in it is told as such.
	blank := image.NewGray(image.Rect(0, 0, 400, 600))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	if _, err := pen.ReadSampleSheet(blank); !errors.Is(err, pen.ErrNoSheet) {
		t.Errorf("a blank picture: %v", err)
	}
}

// TestSampleSheetPrints writes the sample sheet and reads its rendering
// back: the marks are found where they were printed.
func TestSampleSheetPrints(t *testing.T) {
	var buf bytes.Buffer
	if err := pen.WriteSampleSheet(&buf); err != nil {
		t.Fatal(err)
	}
	img := cardtest.Render(t, buf.Bytes(), 100)
	g, w, h := pen.ToGray(img)
	marks, err := pen.FindMarks(g, w, h, pen.DarkLevel(g))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range marks {
		want := pen.SheetMarks[i]
		if math.Abs(m[0]/100*inch-want[0]) > 0.5 || math.Abs(m[1]/100*inch-want[1]) > 0.5 {
			t.Errorf("mark %d at %.1f, %.1f mm, printed at %v", i, m[0]/100*inch, m[1]/100*inch, want)
		}
	}
}
