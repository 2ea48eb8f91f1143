package paper

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strings"

	"regulars/letters/pen"
)

// Limits of a signature image: a scan at 600 dpi of a 15 cm wide
// signature is 3,500 pixels wide; anything far bigger is a mistake or a
// hostile file whose pixels would fill the memory.
const (
	maxSignatureSide   = 6000
	maxSignaturePixels = 12_000_000
)

// CheckPNG says whether b is a PNG image the PDF can hold: its header, its
// size (at most 6000 pixels a side and 12 million in all, checked before
// the pixels are read), all of its image data (decoded in full), and then
// a trial in the PDF library with any panic turned into an error.
func CheckPNG(b []byte) (err error) {
	if len(b) < 8 || string(b[:8]) != "\x89PNG\r\n\x1a\n" {
		return fmt.Errorf("not a PNG image")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("the PNG image cannot be read (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("the PNG image has no size")
	}
	if cfg.Width > maxSignatureSide || cfg.Height > maxSignatureSide || cfg.Width*cfg.Height > maxSignaturePixels {
		return fmt.Errorf("the PNG image is %d×%d pixels; a signature needs at most %d×%d (scan it at 300 dpi, or crop it)",
			cfg.Width, cfg.Height, maxSignatureSide, maxSignatureSide)
	}
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		msg := err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "EOF") {
			msg = "its image data is cut short"
		}
		return fmt.Errorf("the PNG image is damaged: %s", msg)
	}
	defer pen.Guard("the PNG image", &err)
	d := NewDoc("check")
	d.AddPage(50, 50)
	if err := d.Image(b, pen.Box{W: 50, H: 50}); err != nil {
		return err
	}
	return d.Output(io.Discard)
}
