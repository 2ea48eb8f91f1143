package paper

import (
	"io"
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/pen"
)

// FuzzCheckPNG feeds the check of a signature image arbitrary input;
// `make test` runs it for a few seconds. It may not panic, and what it
// accepts must then print.
func FuzzCheckPNG(f *testing.F) {
	good := cardtest.SignaturePNG(f)
	f.Add(good)
	f.Add(good[:40])
	f.Add(withSize(good, 100000, 100000))
	f.Fuzz(func(t *testing.T, b []byte) {
		if CheckPNG(b) != nil {
			return
		}
		face, err := pen.BuiltInFace("Caveat")
		if err != nil {
			t.Fatal(err)
		}
		l, _ := FindLayout("a7")
		p := Pen{Face: face, Fallback: pen.Fallback(), Signature: b}
		if err := p.Cards(io.Discard, []Card{{Name: "Ana", Text: "Thanks!"}}, l, nil); err != nil {
			t.Errorf("an accepted signature does not print: %v", err)
		}
	})
}
