package pen_test

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"regulars/letters/paper"
	"regulars/letters/pen"
)

// Likeness is how alike the instances of one letter are on a printed page:
// the ink overlap (intersection over union) of every pair of instances,
// each cut to its box and scaled to 64×64.
type likeness struct {
	Instances int
	Max       float64 // the most alike pair
	Median    float64
	Over90    float64 // share of pairs above 0.90
}

func (l likeness) String() string {
	return fmt.Sprintf("%d instances: highest pair %.3f, median %.3f, %.0f %% of pairs above 0.90", l.Instances, l.Max, l.Median, l.Over90*100)
}

// repeatedLetters is the page of the measure: many e's in words of six.
var repeatedLetters = strings.TrimSpace(strings.Repeat("eeeeee eeeeee eeeeee\n", 6))

// measureLikeness writes the page of repeated letters as a card, renders
// it at 600 dpi with poppler and measures the instances of letter r.
func measureLikeness(t testing.TB, pn paper.Pen, r rune) likeness {
	return measureLikenessSeed(t, pn, r, 11)
}

// measureLikenessSeed is measureLikeness with the card's seed.
func measureLikenessSeed(t testing.TB, pn paper.Pen, r rune, seed uint64) likeness {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm (poppler-utils) is needed: make installs it")
	}
	l := paper.Layouts["a6"]
	card := paper.Card{Name: "Likeness", Text: repeatedLetters, Seed: seed}
	gs, err := pn.LayOut(card, l)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, []paper.Card{card}, l, nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "e.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	const dpi = 600
	if out, err := exec.Command("pdftoppm", "-gray", "-r", fmt.Sprint(dpi), "-singlefile", pdf, filepath.Join(dir, "e")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	page, err := readPGM(filepath.Join(dir, "e.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	px := dpi / inch
	var shapes [][]bool
	var which []pen.Glyph
	for _, g := range gs {
		if g.R != r {
			continue
		}
		b := pen.InkBox(g)
		rect := image.Rect(int(b.X*px), int(b.Y*px), int(math.Ceil((b.X+b.W)*px)), int(math.Ceil((b.Y+b.H)*px)))
		shapes = append(shapes, cut64(page, rect))
		which = append(which, g)
	}
	if len(shapes) < 2 {
		t.Fatalf("only %d instances of %q on the page", len(shapes), r)
	}
	var ious []float64
	for i := range shapes {
		for j := i + 1; j < len(shapes); j++ {
			v := iou(shapes[i], shapes[j])
			ious = append(ious, v)
			if v > 0.88 && os.Getenv("LIKENESS_DEBUG") != "" {
				t.Logf("%.3f: gid %d/%d variant %d/%d angle %.1f/%.1f slant %.2f/%.2f", v, which[i].GID, which[j].GID, which[i].Variant, which[j].Variant, which[i].Angle, which[j].Angle, which[i].Slant, which[j].Slant)
			}
		}
	}
	sort.Float64s(ious)
	over := 0
	for _, v := range ious {
		if v > 0.90 {
			over++
		}
	}
	return likeness{Instances: len(shapes), Max: ious[len(ious)-1], Median: ious[len(ious)/2], Over90: float64(over) / float64(len(ious))}
}

// readPGM reads poppler's binary greyscale output.
func readPGM(path string) (*image.Gray, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(br, &magic, &w, &h, &maxv); err != nil || magic != "P5" || maxv != 255 {
		return nil, fmt.Errorf("%s: not an 8-bit PGM (%v)", path, err)
	}
	if _, err := br.ReadByte(); err != nil { // the one whitespace before the pixels
		return nil, err
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(br, img.Pix); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// cut64 cuts the ink inside rect to its tight box and scales it to 64×64.
func cut64(page *image.Gray, rect image.Rectangle) []bool {
	rect = rect.Intersect(page.Rect)
	ink := func(x, y int) bool { return page.Pix[y*page.Stride+x] < 128 }
	minX, minY, maxX, maxY := rect.Max.X, rect.Max.Y, rect.Min.X-1, rect.Min.Y-1
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if ink(x, y) {
				minX, minY = min(minX, x), min(minY, y)
				maxX, maxY = max(maxX, x), max(maxY, y)
			}
		}
	}
	out := make([]bool, 64*64)
	if maxX < minX {
		return out
	}
	w, h := float64(maxX-minX+1), float64(maxY-minY+1)
	for v := 0; v < 64; v++ {
		for u := 0; u < 64; u++ {
			x := minX + int((float64(u)+0.5)*w/64)
			y := minY + int((float64(v)+0.5)*h/64)
			out[v*64+u] = ink(x, y)
		}
	}
	return out
}

// iou is the intersection over union of two masks.
func iou(a, b []bool) float64 {
	both, either := 0, 0
	for i := range a {
		if a[i] && b[i] {
			both++
		}
		if a[i] || b[i] {
			either++
		}
	}
	if either == 0 {
		return 1
	}
	return float64(both) / float64(either)
}

// BenchmarkLikeness is the measure of issue 14 in make bench: the ink
// overlap of every pair of e's on a page of them at 600 dpi (target: no
// pair above 0.90, median at most 0.80).
func BenchmarkLikeness(b *testing.B) {
	pn := caveat(b)
	var m likeness
	for i := 0; i < b.N; i++ {
		m = measureLikeness(b, pn, 'e')
	}
	b.ReportMetric(m.Max, "max-IoU")
	b.ReportMetric(m.Median, "median-IoU")
	b.ReportMetric(m.Over90*100, "%>0.90")
	b.Log(m)
}
