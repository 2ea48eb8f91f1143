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
	return readOffset(ctx, s, offsetKey("card", layout))
}

// EnvelopeOffset reads the offset kept for an envelope size.
func EnvelopeOffset(ctx context.Context, s *store.Store, envelope string) (paper.Offset, error) {
	return readOffset(ctx, s, offsetKey("envelope", envelope))
}

// SetLayoutOffset and SetEnvelopeOffset keep an offset in the book.
func SetLayoutOffset(ctx context.Context, s *store.Store, layout string, o paper.Offset) error {
	return s.SetSetting(ctx, offsetKey("card", layout), o.String())
}

// SetEnvelopeOffset keeps the offset of an envelope size.
func SetEnvelopeOffset(ctx context.Context, s *store.Store, envelope string, o paper.Offset) error {
	return s.SetSetting(ctx, offsetKey("envelope", envelope), o.String())
}

// readOffset reads the offset kept under a setting key.
func readOffset(ctx context.Context, s *store.Store, key string) (paper.Offset, error) {
	v, err := s.Setting(ctx, key)
	if err != nil {
		return paper.Offset{}, err
	}
	o, err := paper.ParseOffset(v)
	if err != nil {
		return paper.Offset{}, fmt.Errorf("printer offset in the book: %w", err)
	}
	return o, nil
}
