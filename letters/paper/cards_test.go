package paper

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/pen"
)

func caveat(t testing.TB) Pen {
	return Pen{Face: cardtest.Caveat(t), Fallback: pen.Fallback(), Ink: pen.BlueBlack}
}

var hardNames = []string{"Zoë", "José", "Łukasz", "Nguyễn", "Søren", "O'Brien", "Анна"}

func TestFitsInsideEveryLayout(t *testing.T) {
	pn := caveat(t)
	for name, l := range Layouts {
		for _, text := range []string{cardtest.ShortNote, strings.Repeat("A longer note that wraps over several lines. ", 4)} {
			gs, err := pn.LayOut(Card{Name: "Zoë", Text: text, Seed: 7}, l)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			b, box := pen.Bounds(gs), l.Box()
			if b.X < box.X-0.01 || b.Y < box.Y-0.01 || b.X+b.W > box.X+box.W+0.01 || b.Y+b.H > box.Y+box.H+0.01 {
				t.Errorf("%s: glyphs %+v outside the writing area %+v", name, b, box)
			}
		}
	}
}

func TestTooLongIsRefused(t *testing.T) {
	pn := caveat(t)
	_, err := pn.LayOut(Card{Name: "Søren Kierkegaard", Text: strings.Repeat(cardtest.LongNote, 4), Seed: 1}, Layouts["postcard"])
	var fe *pen.FitError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "Søren Kierkegaard") || !strings.Contains(err.Error(), "too long") {
		t.Fatalf("error %v", err)
	}
	// The same text fits a letter, shrunk if need be.
	if _, err := pn.LayOut(Card{Text: strings.Repeat(cardtest.LongNote, 4)}, Layouts["letter"]); err != nil {
		t.Errorf("letter: %v", err)
	}
}

func TestDeterministicAndVaried(t *testing.T) {
	pn := caveat(t)
	a, _ := pn.LayOut(Card{Text: cardtest.ShortNote, Seed: 42}, Layouts["a2"])
	b, _ := pn.LayOut(Card{Text: cardtest.ShortNote, Seed: 42}, Layouts["a2"])
	c, _ := pn.LayOut(Card{Text: cardtest.ShortNote, Seed: 43}, Layouts["a2"])
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d glyphs", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("glyph %d differs with the same seed: %+v %+v", i, a[i], b[i])
		}
	}
	same := 0
	for i := range a {
		if i < len(c) && a[i].X == c[i].X && a[i].Angle == c[i].Angle {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d glyphs identical with another seed", same)
	}
	// No two "e" on the card are drawn the same.
	var es []pen.Glyph
	for _, g := range a {
		if g.R == 'e' {
			es = append(es, g)
		}
	}
	if len(es) < 3 {
		t.Fatalf("only %d e", len(es))
	}
	for i := range es {
		for j := i + 1; j < len(es); j++ {
			if es[i].Angle == es[j].Angle && es[i].Scale == es[j].Scale {
				t.Errorf("two e drawn alike: %+v %+v", es[i], es[j])
			}
		}
	}
	// The baseline drifts: glyphs of one line are not on one y.
	ys := map[float64]bool{}
	for _, g := range a[:10] {
		ys[math.Round(g.Y*100)] = true
	}
	if len(ys) < 5 {
		t.Errorf("baseline does not drift: %v", ys)
	}
}

func TestFallbackNamesSurvive(t *testing.T) {
	pn := caveat(t)
	var cards []Card
	for i, n := range hardNames {
		cards = append(cards, Card{Name: n, Text: "Dear " + n + ",\nthank you!", Seed: uint64(i), Address: []string{n + " Test", "1 Main St", "Springfield"}})
	}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, cards, Layouts["a6"], nil); err != nil {
		t.Fatal(err)
	}
	text := cardtest.PDFText(t, buf.Bytes())
	for _, n := range hardNames {
		if !strings.Contains(text, n) {
			t.Errorf("%q lost: pdftotext gave\n%s", n, text)
		}
	}
	// Letters Caveat lacks come from the fallback, never dropped.
	used := map[string]bool{}
	for _, c := range cards {
		gs, _ := pn.LayOut(c, Layouts["a6"])
		for _, g := range gs {
			used[g.Face.Name] = true
		}
	}
	if !used["Caveat"] {
		t.Error("hand-writing font unused")
	}
	out, err := exec.Command("pdffonts", cardtest.WriteTemp(t, buf.Bytes())).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		// name type encoding emb sub uni ...
		if !strings.Contains(f[0], "+") || !strings.Contains(line, " yes yes ") {
			t.Errorf("font not embedded as a subset: %s", line)
		}
	}
}

func TestEnvelopesAndLabels(t *testing.T) {
	pn := caveat(t)
	var cards []Card
	for i := 0; i < 32; i++ {
		cards = append(cards, Card{Name: "Anna", Seed: uint64(i), Address: []string{"Anna Kowalczyk", "12 Oak Avenue", "Austin, TX 78701", "USA"}})
	}
	for name, e := range Envelopes {
		var buf bytes.Buffer
		if err := pn.Envelopes(&buf, cards[:2], e, []string{"Blue Door Salon", "3 Mill Lane", "Austin, TX 78702"}, nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		txt := cardtest.PDFText(t, buf.Bytes())
		if !strings.Contains(txt, "Blue Door Salon") || !strings.Contains(txt, "Kowalczyk") {
			t.Errorf("%s envelope text:\n%s", name, txt)
		}
	}
	for name, s := range LabelSheets {
		var buf bytes.Buffer
		if err := pn.Labels(&buf, cards, s); err != nil {
			t.Fatal(err)
		}
		txt := cardtest.PDFText(t, buf.Bytes())
		if n := strings.Count(txt, "Kowalczyk"); n != 32 {
			t.Errorf("%s: %d labels", name, n)
		}
		pages := strings.Count(txt, "\f")
		want := (32 + s.Cols*s.Rows - 1) / (s.Cols * s.Rows)
		if pages != want {
			t.Errorf("%s: %d pages, want %d", name, pages, want)
		}
		// Every label lies on the sheet.
		_, x, y := s.Slot(s.Cols*s.Rows - 1)
		if x+s.W > s.PageW || y+s.H > s.PageH+0.01 {
			t.Errorf("%s: last label off the sheet", name)
		}
	}
}

func TestNotAFont(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("hello world, not a font"), append([]byte("OTTO"), make([]byte, 100)...), append([]byte("wOFF"), make([]byte, 100)...)} {
		if _, err := pen.NewFace("x", b); !errors.Is(err, pen.ErrNotTrueType) {
			t.Errorf("%q: %v", b[:min(len(b), 4)], err)
		}
	}
}

// TestRenderSample writes sample cards to $REGULARS_CARDS to look at.
func TestRenderSample(t *testing.T) {
	dir := os.Getenv("REGULARS_CARDS")
	if dir == "" {
		t.Skip("set REGULARS_CARDS=dir to write sample PDFs")
	}
	for _, face := range pen.HandNames() {
		f, _ := pen.BuiltInFace(face)
		pn := Pen{Face: f, Fallback: pen.Fallback(), Ink: pen.BlueBlack}
		var buf bytes.Buffer
		text := "Dear Zoë,\n\nThank you so much for coming in on 14 November for your cut and blow-dry. It was a real pleasure to see you, and Bea sends warm regards.\n\nWe hope to see you again soon!\n\nWith thanks,\nBlue Door Salon"
		if err := pn.Cards(&buf, []Card{{Name: "Zoë", Text: text, Seed: 3}}, Layouts["a2"], nil); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, face+".pdf"), buf.Bytes(), 0o644)
	}
}

// TestPictureMatchesPDF compares the preview with poppler's rendering of
// the same card, signature included: the ink must fall in the same places,
// and the signature must be in both.
func TestPictureMatchesPDF(t *testing.T) {
	sig := image.NewRGBA(image.Rect(0, 0, 300, 90))
	for x := 20; x < 280; x++ {
		y := 45 + int(25*math.Sin(float64(x)/18))
		for d := -3; d <= 3; d++ {
			sig.Set(x, y+d, color.RGBA{20, 30, 90, 255})
		}
	}
	var sb bytes.Buffer
	png.Encode(&sb, sig)
	pn := caveat(t)
	pn.Signature = sb.Bytes()
	l := Layouts["a6"]
	card := Card{Name: "Zoë", Text: cardtest.ShortNote, Seed: 5}
	const dpi = 100
	pic, _, ref := previewAndPrint(t, pn, card, l, dpi)
	gs, _ := pn.LayOut(card, l)
	sb2 := signatureBox(gs, l)
	px := dpi / inch
	inSig := func(x, y int) bool {
		return float64(x) >= sb2.X*px && float64(x) < (sb2.X+sb2.W)*px && float64(y) >= sb2.Y*px && float64(y) < (sb2.Y+sb2.H)*px
	}
	dark := func(c color.Color) bool { r, g, b, _ := c.RGBA(); return r+g+b < 3*0xc000 }
	inkBoth, inkEither, sigPic, sigRef := 0, 0, 0, 0
	for y := 0; y < min(pic.Bounds().Dy(), ref.Bounds().Dy()); y++ {
		for x := 0; x < min(pic.Bounds().Dx(), ref.Bounds().Dx()); x++ {
			a, b := dark(pic.At(x, y)), dark(ref.At(x, y))
			if a || b {
				inkEither++
			}
			if a && b {
				inkBoth++
			}
			if inSig(x, y) && a {
				sigPic++
			}
			if inSig(x, y) && b {
				sigRef++
			}
		}
	}
	if inkEither == 0 || float64(inkBoth)/float64(inkEither) < 0.8 {
		t.Errorf("preview and print overlap on %d of %d inked pixels", inkBoth, inkEither)
	}
	if sigPic < 100 || sigRef < 100 || math.Abs(float64(sigPic-sigRef)) > 0.25*float64(sigRef) {
		t.Errorf("signature ink: %d pixels in the preview, %d in the print", sigPic, sigRef)
	}
	t.Logf("preview and print share %d of %d inked pixels; signature %d / %d", inkBoth, inkEither, sigPic, sigRef)
}

func TestSignatureAndOwnFont(t *testing.T) {
	// A signature PNG goes under the text.
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := 10; x < 110; x++ {
		img.Set(x, 20+int(8*math.Sin(float64(x)/8)), color.Black)
	}
	var sig bytes.Buffer
	png.Encode(&sig, img)
	if err := CheckPNG(sig.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := CheckPNG([]byte("GIF89a not a png")); err == nil {
		t.Error("a GIF passed as PNG")
	}
	// The owner's own font, read from a file.
	own := filepath.Join(t.TempDir(), "my-hand.ttf")
	kalam, _ := pen.BuiltInFace("Kalam")
	os.WriteFile(own, kalam.TTF, 0o644)
	face, err := pen.LoadFace(own)
	if err != nil {
		t.Fatal(err)
	}
	pn := Pen{Face: face, Fallback: pen.Fallback(), Signature: sig.Bytes()}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, []Card{{Name: "Zoë", Text: cardtest.ShortNote, Seed: 2}}, Layouts["a7"], nil); err != nil {
		t.Fatal(err)
	}
	path := cardtest.WriteTemp(t, buf.Bytes())
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), " image     120    40 ") {
		t.Errorf("signature not in the PDF; pdfimages -list:\n%s", out)
	}
	gs, err := pn.LayOut(Card{Name: "Zoë", Text: cardtest.ShortNote, Seed: 2}, Layouts["a7"])
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gs {
		if g.Face != face {
			t.Errorf("%q written in %s, not the own font", g.R, g.Face.Name)
			break
		}
	}
	// A missing file is a clear error.
	if _, err := pen.LoadFace(filepath.Join(t.TempDir(), "nope.ttf")); err == nil || !strings.Contains(err.Error(), "read font") {
		t.Errorf("missing font: %v", err)
	}
}
