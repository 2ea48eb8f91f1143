// Package assets holds what Regulars embeds in its binary: the app icon
// (and, with the cards, the hand-writing fonts), each with its licence
// next to it.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the Regulars app icon: a thank-you envelope with a heart.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
