package pen_test

import (
	"io"
	"strings"
	"testing"

	"regulars/assets/fonts"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// The fuzzers below feed the readers of outside files and text with
// arbitrary input; `make test` runs each for a few seconds. None may
// panic, and what they accept must then print.

func FuzzNewFace(f *testing.F) {
	f.Add(fonts.Caveat[:4096])
	f.Add([]byte("\x00\x01\x00\x00\x00\x0aglyf"))
	f.Add([]byte("OTTO"))
	kalam := append([]byte(nil), fonts.Kalam...)
	kalam[200]++
	f.Add(kalam)
	l, err := paper.FindLayout("a7")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		face, err := pen.NewFace("Own hand", b)
		if err != nil {
			return
		}
		p := paper.Pen{Face: face, Fallback: pen.Fallback()}
		if err := p.Cards(io.Discard, []paper.Card{{Name: "Ana", Text: "Thank you, Ana!"}}, l, nil); err != nil && strings.Contains(err.Error(), "cannot be used") {
			t.Errorf("an accepted font fails in the PDF library: %v", err)
		}
	})
}

func FuzzHandWrite(f *testing.F) {
	for _, s := range []string{"Dear Ana,\n\nThank you!", strings.Repeat("W", 200), "\r\n\r\n", "ȺȺȺ 😀 \u200b\u00ad", strings.Repeat("word ", 300)} {
		f.Add(s)
	}
	face, err := pen.BuiltInFace("Caveat")
	if err != nil {
		f.Fatal(err)
	}
	fallback := pen.Fallback()
	f.Fuzz(func(t *testing.T, text string) {
		h := &pen.Hand{Face: face, Fallback: fallback, Size: 14, MinSize: 9, Seed: 7}
		gs, _, err := h.Write(text, pen.Box{X: 5, Y: 5, W: 90, H: 60})
		if err == nil && len(gs) > 4*len(text)+8 {
			t.Errorf("%d glyphs for %d bytes", len(gs), len(text))
		}
	})
}
