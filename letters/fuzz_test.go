package letters

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

func FuzzCheckPNG(f *testing.F) {
	good := signaturePNG(f)
	f.Add(good)
	f.Add(good[:40])
	f.Add(withSize(good, 100000, 100000))
	f.Fuzz(func(t *testing.T, b []byte) {
		if paper.CheckPNG(b) != nil {
			return
		}
		face, err := pen.BuiltInFace("Caveat")
		if err != nil {
			t.Fatal(err)
		}
		l, _ := paper.FindLayout("a7")
		p := paper.Pen{Face: face, Fallback: pen.Fallback(), Signature: b}
		if err := p.Cards(io.Discard, []paper.Card{{Name: "Ana", Text: "Thanks!"}}, l, nil); err != nil {
			t.Errorf("an accepted signature does not print: %v", err)
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

func FuzzReadable(f *testing.F) {
	f.Add([]byte("From: Shop <shop@example.com>\r\nTo: Ana <ana@example.com>\r\nSubject: Thanks\r\nContent-Type: text/plain\r\n\r\nThank you!\r\n"))
	f.Add([]byte("Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n--x--\r\n"))
	f.Add([]byte("Subject: =?utf-8?q?=E2=82=AC?=\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		Readable(raw)
	})
}

func FuzzOwnWords(f *testing.F) {
	f.Add([]byte("From: Ana <ana@example.com>\r\nSubject: Re: Thanks\r\nContent-Type: text/plain\r\n\r\nSee you soon!\r\n\r\nOn 3 May, Shop wrote:\r\n> Thank you\r\n"))
	f.Add([]byte("Content-Type: text/html\r\n\r\n<p>Hi<br>there</p><blockquote>x</blockquote>"))
	f.Add([]byte("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nMerci =E0 vous\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		own, err := ownWords(raw)
		if err == nil && len(own) > len(raw)+64<<10 {
			t.Errorf("own words longer than the message")
		}
	})
}
