package pen_test

import (
	"math"
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// TestAccentSitsOnItsLetter: the diaeresis of "Zoë," lies over the e, not
// over the comma after it, on every seed and in every size a card takes.
func TestAccentSitsOnItsLetter(t *testing.T) {
	marks := 0
	for _, name := range pen.HandNames() {
		f, err := pen.BuiltInFace(name)
		if err != nil {
			t.Fatal(err)
		}
		pn := paper.Pen{Face: f, Fallback: pen.Fallback(), Ink: pen.BlueBlack}
		for _, text := range []string{"Dear Zoë, see you soon!", "Zoë,", "Dear Zoe\u0308, thank you for coming in on Friday. " + cardtest.LongNote[:120]} {
			for _, layout := range []string{"a6", "a2", "postcard"} {
				for seed := uint64(0); seed < 40; seed++ {
					gs, err := pn.LayOut(paper.Card{Name: "Zoë", Text: text, Seed: seed}, paper.Layouts[layout])
					if err != nil {
						t.Fatal(err)
					}
					for i, g := range gs {
						if g.R != 0 || i == 0 || i+1 >= len(gs) || gs[i-1].R != 'ë' && gs[i-1].R != 'e' {
							continue
						}
						marks++
						base, mark, next := pen.InkBox(gs[i-1]), pen.InkBox(g), pen.InkBox(gs[i+1])
						mid := mark.X + mark.W/2
						if mid < base.X || mid > base.X+base.W {
							t.Errorf("%s %s seed %d: the accent's middle %.2f is not over its letter %.2f–%.2f", name, layout, seed, mid, base.X, base.X+base.W)
						}
						// Over the e, not the comma: the accent's middle is
						// nearer the e's middle than the comma's.
						if gs[i+1].R == ',' && math.Abs(mid-(next.X+next.W/2)) < math.Abs(mid-(base.X+base.W/2)) {
							t.Errorf("%s %s seed %d: the accent (%.2f) sits over the comma (%.2f–%.2f)", name, layout, seed, mid, next.X, next.X+next.W)
						}
					}
				}
			}
		}
	}
	if marks == 0 {
		t.Fatal("no hand wrote the diaeresis as an accent on its letter: nothing was checked")
	}
	t.Logf("%d accents checked", marks)
}
