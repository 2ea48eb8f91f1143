package letters

import (
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// caveat is the pen of the built-in hand, Caveat, in blue-black.
func caveat(t testing.TB) paper.Pen {
	return paper.Pen{Face: cardtest.Caveat(t), Fallback: pen.Fallback(), Ink: pen.BlueBlack}
}
