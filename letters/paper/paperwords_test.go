package paper

import "testing"

// TestPaperWords: every card, envelope and label sheet is named as a shop
// buys it, with its size in inches and millimetres.
func TestPaperWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{LayoutWords("a2"), "A2 folded card, 4¼ × 5½ in (108 × 140 mm)"},
		{LayoutWords("a7"), "A7 card, 5 × 7 in (127 × 178 mm)"},
		{LayoutWords("postcard"), "Postcard, 6 × 4 in (152 × 102 mm)"},
		{LayoutWords("a6"), "A6 card, 105 × 148 mm (4⅛ × 5⅞ in)"},
		{LayoutWords("letter"), "US Letter sheet, 8½ × 11 in (216 × 279 mm)"},
		{LayoutWords("a4"), "A4 sheet, 210 × 297 mm (8¼ × 11¾ in)"},
		{EnvelopeWords("a2"), "A2 envelope, 5¾ × 4⅜ in (146 × 111 mm)"},
		{EnvelopeWords("a7"), "A7 envelope, 7¼ × 5¼ in (184 × 133 mm)"},
		{EnvelopeWords("10"), "#10 envelope, 9½ × 4⅛ in (241 × 105 mm)"},
		{EnvelopeWords("c6"), "C6 envelope, 162 × 114 mm (6⅜ × 4½ in)"},
		{EnvelopeWords("dl"), "DL envelope, 220 × 110 mm (8⅝ × 4⅜ in)"},
		{LabelWords("5160"), "Avery 5160, 2⅝ × 1 in (67 × 25 mm), 30 a sheet"},
		{LabelWords("l7160"), "Avery L7160, 63.5 × 38.1 mm (2½ × 1½ in), 21 a sheet"},
		{LayoutWords("nope"), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %q\nwant %q", tc.got, tc.want)
		}
	}
	for _, n := range LayoutOrder {
		if LayoutWords(n) == "" {
			t.Errorf("layout %s has no words", n)
		}
	}
	if len(LayoutOrder) != len(Layouts) || len(EnvelopeOrder) != len(Envelopes) || len(LabelOrder) != len(LabelSheets) {
		t.Error("a size is not offered")
	}
}
