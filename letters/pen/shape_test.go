package pen

import (
	"fmt"
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
