// Package paper puts a batch's cards on paper: the card layouts, envelope
// and label sizes, the PDF of the cards, envelopes and labels (each card
// written with the pen), the preview that is the print, the printers and
// the pen plotter's files. It takes plain values (cards, a pen, a layout);
// the client book stays with letters.
package paper

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"regulars/letters/pen"
)

// Card is one client's thank-you: who, the text, the address, and the
// seed of its hand-writing.
type Card struct {
	ClientID int64
	Name     string
	Text     string
	Address  []string // recipient lines, name first
	Seed     uint64
	// Signature is this card's own signature PNG (the staff member's who
	// signs it); none: the pen's (the owner's).
	Signature []byte
}

// signature is the PNG signed under a card, if any.
func (p Pen) signature(c Card) []byte {
	if len(c.Signature) > 0 {
		return c.Signature
	}
	return p.Signature
}

// Seed makes the hand-writing seed of a client's card in a batch, so that
// the preview is exactly what prints and a re-print is identical.
func Seed(clientID, batchID int64) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d", clientID, batchID)
	return h.Sum64()
}

// Pen is what every card of a batch is written with.
type Pen struct {
	Face      *pen.Face // the hand-writing font
	Second    *pen.Face // for words the hand lacks letters of; Playpen Sans if nil
	Fallback  *pen.Face // for words no hand writes, and the face of labels
	Ink       [3]uint8
	Size      float64 // points; 0 for the layout's
	Signature []byte  // a PNG under the text, optional
}

// hand is the pen set up for one card on a layout.
func (p Pen) hand(l Layout, seed uint64) *pen.Hand {
	size := l.Size
	if p.Size > 0 {
		size = p.Size
	}
	return &pen.Hand{Face: p.Face, Second: p.Second, Fallback: p.Fallback, Size: size, MinSize: l.MinSize, Ink: p.Ink, Seed: seed, Compose: true}
}

// mmPerPt converts a font size in points to millimetres.
const mmPerPt = 25.4 / 72

// signatureH is the height kept for the signature image, mm.
const signatureH = 16

// LayOut writes one card's glyphs on the layout, leaving room for the
// signature. A text that does not fit gives a *FitError naming the client.
func (p Pen) LayOut(c Card, l Layout) ([]pen.Glyph, error) {
	box := l.Box()
	if len(p.signature(c)) > 0 {
		box.H -= signatureH + 2
	}
	gs, _, err := p.hand(l, c.Seed).Write(c.Text, box)
	var fe *pen.FitError
	if errors.As(err, &fe) {
		fe.Who = c.Name
	}
	return gs, err
}

// CheckFit lays every card out and returns the first that does not fit.
func (p Pen) CheckFit(cards []Card, l Layout) error {
	for _, c := range cards {
		if _, err := p.LayOut(c, l); err != nil {
			return err
		}
	}
	return nil
}

// Cards writes one page per card, in the layout's exact size. progress,
// if set, is called after each card with how many are done.
func (p Pen) Cards(w io.Writer, cards []Card, l Layout, progress func(done int)) (err error) {
	// The font and the signature were checked when chosen; should the PDF
	// library still fail on them, the owner gets an error, not a crash.
	defer pen.Guard("the PDF of the cards", &err)
	if p.Fallback == nil {
		p.Fallback = pen.Fallback()
	}
	doc := NewDoc("Thank-you cards")
	doc.Shift(l.Offset)
	return inChunks(len(cards), func(i int) ([]pen.Glyph, error) {
		return p.LayOut(cards[i], l)
	}, func(i int, gs []pen.Glyph) error {
		doc.AddPage(l.W, l.H)
		doc.Write(gs)
		if sig := p.signature(cards[i]); len(sig) > 0 {
			if err := doc.Image(sig, signatureBox(gs, l)); err != nil {
				return err
			}
		}
		if progress != nil {
			progress(i + 1)
		}
		return nil
	}, func() error { return doc.Output(w) })
}

// chunk is how many pages are laid out at once, on every core, before
// they are written in order.
const chunk = 64

// inChunks lays n pages out in parallel a chunk at a time, writes each
// chunk's pages in order, and finishes; the first error stops it. A panic
// while laying out is an error, as in the caller.
func inChunks(n int, layOut func(i int) ([]pen.Glyph, error), write func(i int, gs []pen.Glyph) error, finish func() error) error {
	workers := max(1, min(runtime.NumCPU(), chunk))
	for start := 0; start < n; start += chunk {
		end := min(n, start+chunk)
		pages := make([][]pen.Glyph, end-start)
		errs := make([]error, end-start)
		var next atomic.Int64
		next.Store(int64(start))
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= end {
						return
					}
					func() {
						defer pen.Guard("laying out the page", &errs[i-start])
						pages[i-start], errs[i-start] = layOut(i)
					}()
				}
			}()
		}
		wg.Wait()
		for k, gs := range pages {
			if errs[k] != nil {
				return errs[k]
			}
			if err := write(start+k, gs); err != nil {
				return err
			}
		}
	}
	return finish()
}

// signatureBox is where the signature goes: under the last line of the
// text (the sign-off), from where that line starts.
func signatureBox(gs []pen.Glyph, l Layout) pen.Box {
	b := pen.Bounds(gs)
	x := l.Margin + 2
	if len(gs) > 0 {
		last := gs[len(gs)-1]
		em := last.Size * mmPerPt
		x = last.X
		for i := len(gs) - 1; i >= 0 && math.Abs(gs[i].Y-last.Y) < em*0.6; i-- {
			x = math.Min(x, gs[i].X)
		}
	}
	w := math.Min(l.W/2-l.Margin, l.W-l.Margin-x)
	return pen.Box{X: x, Y: b.Y + b.H + 1, W: w, H: signatureH}
}

// Envelopes addresses one envelope per card, all in hand-writing: the
// return address small in the top-left corner, the client's address
// right of the middle.
func (p Pen) Envelopes(w io.Writer, cards []Card, e Envelope, returnAddress []string, progress func(done int)) (err error) {
	// The font and the signature were checked when chosen; should the PDF
	// library still fail on them, the owner gets an error, not a crash.
	defer pen.Guard("the PDF of the envelopes", &err)
	if p.Fallback == nil {
		p.Fallback = pen.Fallback()
	}
	doc := NewDoc("Envelopes")
	doc.Shift(e.Offset)
	return inChunks(len(cards), func(i int) ([]pen.Glyph, error) {
		return p.envelope(cards[i], e, returnAddress)
	}, func(i int, gs []pen.Glyph) error {
		doc.AddPage(e.W, e.H)
		doc.Write(gs)
		if progress != nil {
			progress(i + 1)
		}
		return nil
	}, func() error { return doc.Output(w) })
}

// envelope writes one envelope by hand: the return address, then the
// client's address.
func (p Pen) envelope(c Card, e Envelope, returnAddress []string) ([]pen.Glyph, error) {
	var gs []pen.Glyph
	if len(returnAddress) > 0 {
		// Written small, as on every envelope the shop addresses by hand,
		// a little differently each time.
		h := &pen.Hand{Face: p.Face, Second: p.Second, Fallback: p.Fallback, Size: 10, MinSize: 6, Leading: 1.1, Ink: p.Ink, Seed: c.Seed ^ 0x4e7, Shapes: 8}
		ret, _, err := h.Write(strings.Join(returnAddress, "\n"), e.ReturnBox())
		if err != nil {
			return nil, fmt.Errorf("the return address (Settings, your business) on the envelope: %w", err)
		}
		gs = append(gs, ret...)
	}
	// An address is short: a few shapes of each letter suffice.
	h := &pen.Hand{Face: p.Face, Second: p.Second, Fallback: p.Fallback, Size: 16, MinSize: 9, Leading: 1.15, Ink: p.Ink, Seed: c.Seed ^ 0xe17e, Shapes: 8}
	to, _, err := h.Write(strings.Join(c.Address, "\n"), e.AddressBox())
	if err != nil {
		var fe *pen.FitError
		if errors.As(err, &fe) {
			fe.Who = c.Name
		}
		return nil, fmt.Errorf("envelope: %w", err)
	}
	return append(gs, to...), nil
}

// Labels prints the addresses on a sheet of labels, in a plain face that
// shrinks to fit each label.
func (p Pen) Labels(w io.Writer, cards []Card, s LabelSheet) (err error) {
	// The font and the signature were checked when chosen; should the PDF
	// library still fail on them, the owner gets an error, not a crash.
	defer pen.Guard("the PDF of the labels", &err)
	face := p.Fallback
	if face == nil {
		face = pen.Fallback()
	}
	doc := NewDoc("Address labels")
	page := -1
	for i, c := range cards {
		pg, x, y := s.Slot(i)
		if pg != page {
			doc.AddPage(s.PageW, s.PageH)
			page = pg
		}
		pad := 3.0
		size := 10.0
		lines := c.Address
		for size > 6 {
			ok := float64(len(lines))*size*mmPerPt*1.2 <= s.H-2*pad
			for _, l := range lines {
				ok = ok && Width(face, size, l) <= s.W-2*pad
			}
			if ok {
				break
			}
			size -= 0.5
		}
		lineH := size * mmPerPt * 1.2
		top := y + (s.H-float64(len(lines))*lineH)/2 + face.Ascent*size*mmPerPt
		for j, l := range lines {
			for Width(face, size, l) > s.W-2*pad && len([]rune(l)) > 1 {
				r := []rune(l)
				l = string(r[:len(r)-2]) + "…"
			}
			doc.Print(face, size, x+pad, top+float64(j)*lineH, l)
		}
	}
	return doc.Output(w)
}
