package pen_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// TestShapesReused writes a batch of cards and counts the shapes the PDF
// stores: far fewer than the glyphs it draws, each shape drawn as a path
// (no font draws a visible letter), and the words still in the text.
func TestShapesReused(t *testing.T) {
	pn := caveat(t)
	var cards []paper.Card
	glyphs := 0
	for i := 0; i < 40; i++ {
		c := namedCard(i, cardtest.NamedClients[i%len(cardtest.NamedClients)])
		cards = append(cards, c)
		gs, err := pn.LayOut(c, paper.Layouts["a2"])
		if err != nil {
			t.Fatal(err)
		}
		glyphs += len(gs)
	}
	var buf bytes.Buffer
	pn.Ink = pen.BlueBlack
	if err := pn.Cards(&buf, cards, paper.Layouts["a2"], nil); err != nil {
		t.Fatal(err)
	}
	forms := len(regexp.MustCompile(`/Subtype /Form`).FindAll(buf.Bytes(), -1))
	if forms == 0 || forms*3 > glyphs {
		t.Errorf("%d shapes stored for %d glyphs drawn", forms, glyphs)
	}
	if per := buf.Len() / len(cards); per > 100_000 {
		t.Errorf("%d bytes a card", per)
	}
	// A form lists no font: a reader would load it for every letter.
	if bytes.Contains(buf.Bytes(), []byte("/Formtype 1\n/BBox")) && regexp.MustCompile(`/Subtype /Form\n[^>]*/Font <<`).Match(buf.Bytes()) {
		t.Error("a form XObject lists the fonts")
	}
	text := cardtest.PDFText(t, buf.Bytes())
	if !strings.Contains(text, "Thank you so much") || !strings.Contains(text, "Ελένη Παπαδοπούλου") {
		t.Errorf("the words are not in the PDF's text:\n%.400s", text)
	}
	t.Logf("%d cards, %d glyphs, %d shapes, %d bytes", len(cards), glyphs, forms, buf.Len())
}

// TestLikenessTarget is issue 14's measure held to its target: on a page
// of repeated e's at 600 dpi, no pair of instances overlaps more than
// 0.90 and the median pair at most 0.80.
func TestLikenessTarget(t *testing.T) {
	for _, tc := range []struct {
		hand string
		seed uint64
	}{{"Caveat", 11}, {"Caveat", 1}, {"Caveat", 2}, {"Kalam", 11}, {"Playpen Sans", 11}} {
		f, err := pen.BuiltInFace(tc.hand)
		if err != nil {
			t.Fatal(err)
		}
		m := measureLikenessSeed(t, paper.Pen{Face: f, Fallback: pen.Fallback()}, 'e', tc.seed)
		t.Logf("%s, seed %d: %v", tc.hand, tc.seed, m)
		if m.Max > 0.90 || m.Median > 0.80 {
			t.Errorf("%s, seed %d: e's too alike: %v", tc.hand, tc.seed, m)
		}
	}
}
