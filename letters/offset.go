package letters

import (
	"context"
	"fmt"

	"regulars/data"
	"regulars/data/store"
	"regulars/letters/paper"
)

// offsetKey is the setting that keeps the offset of a paper: a card
// layout ("card", "a6") or an envelope ("envelope", "dl").
func offsetKey(kind, name string) string { return data.SettingPrintOffset(kind, name) }

// LayoutOffset and EnvelopeOffset read the offset kept in the book for a
// card layout or an envelope size.
func LayoutOffset(ctx context.Context, s *store.Store, layout string) (paper.Offset, error) {
	return readOffset(ctx, s, "card", layout)
}

// EnvelopeOffset reads the offset kept for an envelope size.
func EnvelopeOffset(ctx context.Context, s *store.Store, envelope string) (paper.Offset, error) {
	return readOffset(ctx, s, "envelope", envelope)
}

// SetLayoutOffset and SetEnvelopeOffset keep an offset in the book.
func SetLayoutOffset(ctx context.Context, s *store.Store, layout string, o paper.Offset) error {
	return s.SetSetting(ctx, offsetKey("card", layout), o.String())
}

// SetEnvelopeOffset keeps the offset of an envelope size.
func SetEnvelopeOffset(ctx context.Context, s *store.Store, envelope string, o paper.Offset) error {
	return s.SetSetting(ctx, offsetKey("envelope", envelope), o.String())
}

// readOffset reads the offset kept for a paper (kind and name as in
// offsetKey).
func readOffset(ctx context.Context, s *store.Store, kind, name string) (paper.Offset, error) {
	cs, err := s.CardSettings(ctx)
	if err != nil {
		return paper.Offset{}, err
	}
	return PrintOffset(cs, kind, name)
}

// PrintOffset is the printer's offset kept in the card settings for a
// paper: kind "card" names a card layout, "envelope" an envelope size. A
// paper with none has the zero offset.
func PrintOffset(cs data.CardSettings, kind, name string) (paper.Offset, error) {
	o, err := paper.ParseOffset(cs.PrintOffset(kind, name))
	if err != nil {
		return paper.Offset{}, fmt.Errorf("printer offset in the book: %w", err)
	}
	return o, nil
}
