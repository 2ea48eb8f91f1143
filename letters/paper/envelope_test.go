package paper

import (
	"bytes"
	"slices"
	"testing"

	"regulars/internal/cardtest"
)

// TestReturnAddressByHand: the return address is hand-written like the
// client's, in the top-left corner, in the pen's ink, not printed in a
// computer font.
func TestReturnAddressByHand(t *testing.T) {
	pn := caveat(t)
	e := Envelopes["c6"]
	card := Card{Name: "Anna", Seed: 3, Address: []string{"Anna Kowalczyk", "12 Oak Avenue", "Austin, TX 78701"}}
	ret := []string{"Blue Door Salon", "3 Mill Lane", "Austin, TX 78702"}
	gs, err := pn.envelope(card, e, ret)
	if err != nil {
		t.Fatal(err)
	}
	rb := e.ReturnBox()
	inCorner, words := 0, []string{}
	for _, g := range gs {
		if g.X >= rb.X-1 && g.X <= rb.X+rb.W && g.Y >= rb.Y-1 && g.Y <= rb.Y+rb.H {
			inCorner++
			if g.Face != pn.Face {
				t.Errorf("a return-address glyph in %s, not the hand", g.Face.Name)
			}
			if g.Text != "" {
				words = append(words, g.Text)
			}
		}
	}
	if inCorner < 30 || !slices.Contains(words, "Blue") || !slices.Contains(words, "Mill") {
		t.Fatalf("%d glyphs in the return corner, words %q", inCorner, words)
	}

	// On paper: the corner carries blue-black ink, as the address does.
	var buf bytes.Buffer
	if err := pn.Envelopes(&buf, []Card{card}, e, ret, nil); err != nil {
		t.Fatal(err)
	}
	if txt := cardtest.PDFText(t, buf.Bytes()); !bytes.Contains([]byte(txt), []byte("Blue Door Salon")) {
		t.Errorf("the return address does not extract: %q", txt)
	}
	img := cardtest.Render(t, buf.Bytes(), 150)
	px := 150 / inch
	corner := img.Bounds()
	corner.Max.X, corner.Max.Y = int((rb.X+rb.W)*px), int((rb.Y+rb.H)*px)
	ink, n := inkOf(subImage(img, corner))
	if n < 200 || ink[2]-ink[0] < 25 {
		t.Errorf("the return corner has %d dark pixels of ink %.0f: not the pen's blue-black", n, ink)
	}
}
