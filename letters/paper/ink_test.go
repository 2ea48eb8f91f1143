package paper

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"io"
	"os/exec"
	"regexp"
	"testing"

	"regulars/internal/cardtest"
)

// inkOf is the mean colour of the dark pixels of a picture (those well
// below the paper's white), and how many there are.
func inkOf(img image.Image) (mean [3]float64, n int) {
	var sum [3]float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 > 0x6000 {
				continue
			}
			sum[0] += float64(r >> 8)
			sum[1] += float64(g >> 8)
			sum[2] += float64(bl >> 8)
			n++
		}
	}
	if n == 0 {
		return mean, 0
	}
	for k := range sum {
		mean[k] = sum[k] / float64(n)
	}
	return mean, n
}

// pdfStreams is the decompressed content of every stream of a PDF.
func pdfStreams(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		z, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(z)
		if err != nil && len(b) == 0 {
			continue
		}
		out = append(out, string(b))
	}
	return out
}

// previewAndPrint is a card as the preview shows it, its PDF, and the
// PDF as the printer would print it, pictures at dpi dots per inch, for a
// test to compare.
func previewAndPrint(t *testing.T, pn Pen, card Card, l Layout, dpi int) (preview *image.RGBA, pdf []byte, printed image.Image) {
	t.Helper()
	pic, err := pn.Preview(card, l, float64(dpi))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, []Card{card}, l, nil); err != nil {
		t.Fatal(err)
	}
	return pic, buf.Bytes(), cardtest.Render(t, buf.Bytes(), dpi)
}

// TestPrintInkIsPreviewInk: the printed card is written in the ink the
// preview shows, blue-black varying word to word, not in black.
func TestPrintInkIsPreviewInk(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is needed: make installs it")
	}
	pn := caveat(t)
	l := Layouts["a6"]
	card := Card{Name: "Zoë", Text: cardtest.ShortNote, Seed: 5}
	const dpi = 300
	pic, pdf, printed := previewAndPrint(t, pn, card, l, dpi)
	want, nPic := inkOf(pic)
	got, nPrint := inkOf(printed)
	t.Logf("preview ink %.0f over %d pixels; print ink %.0f over %d pixels", want, nPic, got, nPrint)
	if nPrint < 2000 {
		t.Fatalf("the print has %d dark pixels: nothing written?", nPrint)
	}
	// Blue-black: the blue channel well above the red, as in the preview.
	if got[2]-got[0] < 25 {
		t.Errorf("printed ink %.0f is not blue-black (blue %.0f, red %.0f); the preview's is %.0f", got, got[2], got[0], want)
	}
	for k := range got {
		if d := got[k] - want[k]; d > 12 || d < -12 {
			t.Errorf("printed ink %.0f differs from the preview's %.0f", got, want)
			break
		}
	}

	// The PDF fills with the same inks as the preview's glyphs, and no
	// stored shape sets its own colour.
	gs, err := pn.LayOut(card, l)
	if err != nil {
		t.Fatal(err)
	}
	inks := map[string]bool{}
	for _, g := range gs {
		inks[fmt.Sprintf("%.3f %.3f %.3f", float64(g.Ink[0])/255, float64(g.Ink[1])/255, float64(g.Ink[2])/255)] = true
	}
	fills := map[string]bool{}
	coloured := 0 // stored shapes that set their own colour
	fillRe := regexp.MustCompile(`(?m)^(?:[^\n]*\s)?([0-9.]+ [0-9.]+ [0-9.]+) rg`)
	for _, s := range pdfStreams(t, pdf) {
		isShape := regexp.MustCompile(`(?m)^[0-9.]+ w 1 j 1 J`).MatchString(s)
		for _, m := range fillRe.FindAllStringSubmatch(s, -1) {
			if isShape {
				coloured++
			}
			fills[m[1]] = true
		}
		if isShape && regexp.MustCompile(`(?m)^[0-9.]+ (g|G|rg|RG)$`).MatchString(s) {
			coloured++
		}
	}
	if coloured > 0 {
		t.Errorf("%d stored glyph shapes set their own colour, over the ink they are placed with", coloured)
	}
	if len(inks) < 5 {
		t.Fatalf("the preview has only %d inks: the ink does not vary", len(inks))
	}
	for ink := range inks {
		if !fills[ink] {
			t.Errorf("the preview's ink %s is not among the PDF's fills", ink)
		}
	}
	t.Logf("%d inks in the preview, %d fill colours in the PDF", len(inks), len(fills))
}

// subImage is the part of a picture inside r.
func subImage(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return img
}
