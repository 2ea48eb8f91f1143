package paper

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"

	"golang.org/x/image/draw"

	"regulars/letters/pen"
)

// Preview draws one card as it prints, at dpi dots per inch: the same
// glyphs and shapes as the PDF (Picture) and the signature in the same
// box, scaled the same way. The window shows this, so that the preview is
// the print.
func (p Pen) Preview(c Card, l Layout, dpi float64) (*image.RGBA, error) {
	gs, err := p.LayOut(c, l)
	if err != nil {
		return nil, err
	}
	img := pen.Picture(gs, l.W, l.H, dpi)
	if sig := p.signature(c); len(sig) > 0 {
		if err := drawSignature(img, sig, signatureBox(gs, l), dpi/inch); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// drawSignature puts the signature PNG in box b (mm) on img (px pixels to
// the mm), keeping its proportions and its top-left corner at the box's,
// as the PDF does.
func drawSignature(img *image.RGBA, sig []byte, b pen.Box, px float64) error {
	src, err := png.Decode(bytes.NewReader(sig))
	if err != nil {
		return fmt.Errorf("signature image: %w", err)
	}
	sw, sh := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	if sw <= 0 || sh <= 0 {
		return fmt.Errorf("signature image has no size")
	}
	scale := math.Min(b.W/sw, b.H/sh) // mm per source pixel
	r := image.Rect(int(math.Round(b.X*px)), int(math.Round(b.Y*px)),
		int(math.Round((b.X+sw*scale)*px)), int(math.Round((b.Y+sh*scale)*px)))
	draw.ApproxBiLinear.Scale(img, r, src, src.Bounds(), draw.Over, nil)
	return nil
}
