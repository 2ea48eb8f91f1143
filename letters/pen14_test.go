package letters

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestShaping checks what OpenType shaping gives the cards: Caveat's
// contextual alternates rotate the forms of a repeated letter, ligatures
// join letters, an accented letter the font lacks is built from its base
// and a mark set above it, and a word the hand lacks a letter of is found
// missing (so it goes to the second hand).
func TestShaping(t *testing.T) {
	caveat, err := BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	kalam, err := BuiltInFace("Kalam")
	if err != nil {
		t.Fatal(err)
	}
	forms := map[uint16]bool{}
	for _, g := range caveat.shape("eeeeee").glyphs {
		forms[uint16(g.gid)] = true
	}
	if len(forms) < 3 {
		t.Errorf("eeeeee in Caveat uses %d forms of e, want 3 (calt)", len(forms))
	}
	if n := len(caveat.shape("office").glyphs); n >= 6 {
		t.Errorf("office in Caveat is %d glyphs: no ligature", n)
	}
	if caveat.Has('ễ') {
		t.Fatal("Caveat has a precomposed ễ; the test needs a font without")
	}
	w := caveat.shape("ễ")
	if w.missing || len(w.glyphs) != 2 || !w.glyphs[1].mark || w.glyphs[1].y <= 0 {
		t.Errorf("ễ in Caveat: %+v; want a base and a mark raised above it", w.glyphs)
	}
	if !kalam.shape("Hương").missing {
		t.Error("Kalam writes Hương, which it lacks letters of")
	}
	h := &Hand{Face: kalam, Second: SecondHand(), Fallback: Fallback()}
	for _, tc := range []struct {
		text string
		want []string // the face of each word
	}{
		{"Dear Hương, thanks", []string{"Kalam", "Playpen Sans", "Kalam"}},
		{"Thanks, Mai Hương Trần. See you", []string{"Kalam", "Playpen Sans", "Playpen Sans", "Playpen Sans", "Kalam", "Kalam"}}, // the name, not the next sentence
		{"see you, Nguyễn Thị Hương!", []string{"Kalam", "Kalam", "Playpen Sans", "Playpen Sans", "Playpen Sans"}},
		{"Ελένη and Łukasz", []string{"Playpen Sans", "Kalam", "Kalam"}},
		{"你好 Ana", []string{"DejaVu Sans", "Kalam"}}, // no hand writes it
	} {
		var got []string
		for _, w := range h.words(tc.text) {
			got = append(got, w.face.Name)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q written in %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestShapesReused writes a batch of cards and counts the shapes the PDF
// stores: far fewer than the glyphs it draws, each shape drawn as a path
// (no font draws a visible letter), and the words still in the text.
func TestShapesReused(t *testing.T) {
	pen := caveat(t)
	var cards []Card
	glyphs := 0
	for i := 0; i < 40; i++ {
		c := namedCard(i, namedClients[i%len(namedClients)])
		cards = append(cards, c)
		gs, err := pen.LayOut(c, Layouts["a2"])
		if err != nil {
			t.Fatal(err)
		}
		glyphs += len(gs)
	}
	var buf bytes.Buffer
	pen.Ink = BlueBlack
	if err := pen.Cards(&buf, cards, Layouts["a2"], nil); err != nil {
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
	text := pdfText(t, buf.Bytes())
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
		f, err := BuiltInFace(tc.hand)
		if err != nil {
			t.Fatal(err)
		}
		m := measureLikenessSeed(t, Pen{Face: f, Fallback: Fallback()}, 'e', tc.seed)
		t.Logf("%s, seed %d: %v", tc.hand, tc.seed, m)
		if m.Max > 0.90 || m.Median > 0.80 {
			t.Errorf("%s, seed %d: e's too alike: %v", tc.hand, tc.seed, m)
		}
	}
}
