// Package widgettest reads and drives the window's widgets, for the tests
// of the widgets and of the screens: the text as painted, whether a row
// was cut in the middle of a word, the texts and buttons shown, a
// drop-down chosen from as a person does, a background job waited for.
package widgettest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// ShownText is the text a label draws, as the painter gets it (Fyne's
// own ellipsis included).
func ShownText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			if v.Visible() {
				b.WriteString(v.Text)
			}
		case *fyne.Container:
			for _, k := range v.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(v).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return b.String()
}

// MidWord reports whether shown, drawn for full, stops inside a word:
// it ends in "…" where full goes on with a letter or digit straight after
// one.
func MidWord(full, shown string) bool {
	if shown == full || !strings.HasSuffix(shown, "…") {
		return false
	}
	prefix := strings.TrimRightFunc(strings.TrimSuffix(shown, "…"), unicode.IsSpace)
	if prefix == "" {
		return full != "" // nothing of it readable
	}
	line, _, _ := strings.Cut(full, "\n")
	if !strings.HasPrefix(line, prefix) {
		return false // Fyne's wrapping of several lines: not a cut row
	}
	rest := line[len(prefix):]
	if rest == "" {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest)
	last, _ := utf8.DecodeLastRuneInString(prefix)
	// A no-break space keeps words together: no break there.
	breaks := func(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' }
	return !breaks(next) && !breaks(last)
}
