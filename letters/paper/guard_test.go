package paper

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"regulars/assets/fonts"
	"regulars/internal/cardtest"
	"regulars/letters/pen"
)

// withSize rewrites the width and height in a PNG's IHDR chunk (and its
// checksum), as a hostile or broken file would declare them.
func withSize(b []byte, w, h uint32) []byte {
	out := append([]byte(nil), b...)
	binary.BigEndian.PutUint32(out[16:], w)
	binary.BigEndian.PutUint32(out[20:], h)
	binary.BigEndian.PutUint32(out[29:], crc32.ChecksumIEEE(out[12:29]))
	return out
}

func TestCheckPNGRefusesBadImages(t *testing.T) {
	good := cardtest.SignaturePNG(t)
	idat := bytes.Index(good, []byte("IDAT"))
	cases := []struct {
		name string
		png  []byte
		want string
	}{
		{"not a PNG", []byte("GIF89a"), "not a PNG"},
		{"header only", good[:8], "cannot be read"},
		{"image data cut short", good[:idat+12], "damaged"},
		{"100000×100000", withSize(good, 100000, 100000), "100000×100000 pixels"},
		{"100000×1", withSize(good, 100000, 1), "100000×1 pixels"},
		{"declared bigger than its data", withSize(good, 400, 400), "damaged"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPNG(tc.png)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("CheckPNG = %v; want an error with %q", err, tc.want)
			}
		})
	}
	if err := CheckPNG(good); err != nil {
		t.Fatalf("a good signature is refused: %v", err)
	}
}

// TestDamagedFontRefused changes one byte of a font at places where it made
// the font parser or the PDF library panic; each must be an error when the
// font is chosen, and a font that passes must print without a panic.
func TestDamagedFontRefused(t *testing.T) {
	l, err := FindLayout("a2")
	if err != nil {
		t.Fatal(err)
	}
	// The table directory, where one changed byte sends the readers
	// astray (bytes 149 to 221 each made a panic before).
	for off := 140; off < 240; off++ {
		b := append([]byte(nil), fonts.Caveat...)
		b[off]++
		f, err := pen.NewFace("Own hand", b)
		if err != nil {
			if !errors.Is(err, pen.ErrNotTrueType) {
				t.Errorf("byte %d: %v is not ErrNotTrueType", off, err)
			}
			continue
		}
		p := Pen{Face: f, Fallback: pen.Fallback()}
		if err := p.Cards(io.Discard, []Card{{Name: "Ana", Text: "Thank you for coming, Ana!"}}, l, nil); err != nil && !errors.Is(err, pen.ErrDamaged) {
			var fe *pen.FitError
			if !errors.As(err, &fe) {
				t.Errorf("byte %d: accepted font fails with %v", off, err)
			}
		}
	}
	for _, off := range []int{149, 197, 198, 220, 221} { // each panicked before
		b := append([]byte(nil), fonts.Caveat...)
		b[off]++
		if _, err := pen.NewFace("Own hand", b); err == nil {
			t.Errorf("byte %d changed: the font is accepted", off)
		}
	}
}

// TestPDFLibraryPanicIsAnError feeds the PDF writer a signature that was
// never checked; the panic inside the library must come back as an error.
func TestPDFLibraryPanicIsAnError(t *testing.T) {
	face, err := pen.BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := FindLayout("a2")
	good := cardtest.SignaturePNG(t)
	idat := bytes.Index(good, []byte("IDAT"))
	for _, sig := range [][]byte{good[:idat+12], withSize(good, 100000, 100000)} {
		p := Pen{Face: face, Fallback: pen.Fallback(), Signature: sig}
		err := p.Cards(io.Discard, []Card{{Name: "Ana", Text: "Thank you!"}}, l, nil)
		if err == nil {
			t.Errorf("a damaged signature printed without an error")
		}
	}
}

// TestUnbreakableWordIsBroken writes a 60-letter name without a space on
// every layout: it used to stop every layout with "needs 10 lines where 22
// fit"; now the word is broken with hyphens and every letter is written.
func TestUnbreakableWordIsBroken(t *testing.T) {
	face, err := pen.BuiltInFace("Caveat")
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Repeat("Abcdefghij", 6)
	text := "Dear " + name + ",\n\nThank you for your visit last week. We hope to see you again soon!"
	for _, l := range Layouts {
		t.Run(l.Name, func(t *testing.T) {
			p := Pen{Face: face, Fallback: pen.Fallback()}
			gs, err := p.LayOut(Card{Name: name, Text: text}, l)
			if err != nil {
				t.Fatalf("%v", err)
			}
			letters := 0
			for _, g := range gs {
				if g.R != '-' {
					letters++
				}
			}
			if want := len([]rune(strings.Join(strings.Fields(text), ""))); letters != want {
				t.Errorf("%d letters written, want %d", letters, want)
			}
		})
	}
}
