package letters

import (
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
)

func TestOffsetKeptInBook(t *testing.T) {
	s := cardtest.Book(t)
	if o, err := LayoutOffset(ctx, s, "a2"); err != nil || !o.Zero() {
		t.Fatalf("a new book's offset = %v, %v", o, err)
	}
	if err := SetLayoutOffset(ctx, s, "a2", paper.Offset{X: 1.5, Y: -0.5}); err != nil {
		t.Fatal(err)
	}
	if err := SetEnvelopeOffset(ctx, s, "a2", paper.Offset{X: -3, Y: 0}); err != nil {
		t.Fatal(err)
	}
	if o, err := LayoutOffset(ctx, s, "a2"); err != nil || o != (paper.Offset{X: 1.5, Y: -0.5}) {
		t.Errorf("card a2 offset = %v, %v", o, err)
	}
	if o, err := EnvelopeOffset(ctx, s, "a2"); err != nil || o != (paper.Offset{X: -3, Y: 0}) {
		t.Errorf("envelope a2 offset = %v, %v", o, err)
	}
	if o, err := LayoutOffset(ctx, s, "a7"); err != nil || !o.Zero() {
		t.Errorf("another layout's offset = %v, %v", o, err)
	}
	s.SetSetting(ctx, offsetKey("card", "a6"), "99,0")
	if _, err := LayoutOffset(ctx, s, "a6"); err == nil {
		t.Error("a damaged offset in the book was read without an error")
	}
}
