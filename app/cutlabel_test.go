package app

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestCutAtWord: a line too long for its room ends after the last whole
// word that fits, with "…"; one that fits is left whole.
func TestCutAtWord(t *testing.T) {
	perRune := func(s string) float32 { return float32(utf8.RuneCountInString(s)) }
	cases := []struct {
		text string
		room float32
		want string
	}{
		{"visited since the last thank-you", 40, "visited since the last thank-you"},
		{"visited since the last thank-you", 22, "visited since the…"},
		{"visited since the last thank-you", 23, "visited since the last…"},
		{"555 010 · ruth@example.com", 12, "555 010…"}, // no dangling "·"
		{"Austin, TX 78701", 10, "Austin,…"},
		{"unbreakable", 5, "…"},
		{"first line\nsecond line", 40, "first line …"},
		{"", 10, ""},
		{"Ana  ·  Austin  ·  visited 3 November 2026, never thanked", 36, "Ana  ·  Austin  ·  visited…"}, // a date whole
		{"last visit 133 days ago", 18, "last visit…"},
		{"due  ·  07924\u00a0645\u00a0779  ·  a@b.c", 14, "due…"}, // a phone number whole or not at all
	}
	for _, tc := range cases {
		if got := cutAtWord(tc.text, tc.room, perRune); got != tc.want {
			t.Errorf("cutAtWord(%q, %v) = %q, want %q", tc.text, tc.room, got, tc.want)
		}
		if shown := cutAtWord(tc.text, tc.room, perRune); shown != "…" && midWord(tc.text, shown) {
			t.Errorf("cutAtWord(%q, %v) = %q cuts a word", tc.text, tc.room, shown)
		}
	}
}

// TestCutLabelFollowsItsWidth: a cutLabel narrowed and widened again
// shows whole words, then its whole text; SetText while narrow cuts the
// new text.
func TestCutLabelFollowsItsWidth(t *testing.T) {
	test.NewTempApp(t)
	l := newCutLabel("visited since the last thank-you was sent")
	w := test.NewTempWindow(t, container.NewWithoutLayout(l))
	w.Resize(fyne.NewSize(800, 100))
	l.Resize(fyne.NewSize(120, l.MinSize().Height))
	if shown := shownText(l); !strings.HasSuffix(shown, "…") || midWord(l.FullText(), shown) {
		t.Errorf("at 120 wide the label shows %q", shown)
	}
	l.Resize(fyne.NewSize(700, l.MinSize().Height))
	if shown := shownText(l); shown != l.FullText() {
		t.Errorf("at 700 wide the label shows %q, want the whole text", shown)
	}
	l.Resize(fyne.NewSize(120, l.MinSize().Height))
	l.SetText("a second explanation that is also far too long")
	if shown := shownText(l); !strings.HasSuffix(shown, "…") || midWord(l.FullText(), shown) || !strings.HasPrefix(shown, "a second") {
		t.Errorf("after SetText at 120 wide the label shows %q", shown)
	}
}

// shownText is the text a label draws, as the painter gets it (Fyne's
// own ellipsis included).
func shownText(o fyne.CanvasObject) string {
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

// fullText is the whole text of a label.
func fullText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *cutLabel:
		return v.FullText()
	case *widget.Label:
		return v.Text
	}
	return ""
}

// midWord reports whether shown, drawn for full, stops inside a word:
// it ends in "…" where full goes on with a letter or digit straight after
// one.
func midWord(full, shown string) bool {
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
	breaks := func(r rune) bool { return unicode.IsSpace(r) && r != nbsp }
	return !breaks(next) && !breaks(last)
}

// midWordCuts walks everything drawn on the window, list rows included,
// and lists every label in view whose text is cut in the middle of a word.
func midWordCuts(u *ui, screen fyne.Size) []string {
	var problems []string
	win := box{0, 0, screen.Width, screen.Height}
	var walk func(o fyne.CanvasObject, origin fyne.Position, clip box)
	walk = func(o fyne.CanvasObject, origin fyne.Position, clip box) {
		if o == nil || !o.Visible() {
			return
		}
		pos := origin.Add(o.Position())
		size := o.Size()
		r := box{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
		seen := r.intersect(clip)
		if seen.x1 <= seen.x0 || seen.y1 <= seen.y0 {
			return // out of view
		}
		switch o.(type) {
		case *widget.Label, *cutLabel:
			full, shown := fullText(o), shownText(o)
			if midWord(full, shown) {
				problems = append(problems, fmt.Sprintf("label %q shows %q at %v: cut in the middle of a word", full, shown, r))
			}
			return
		}
		var kids []fyne.CanvasObject
		switch v := o.(type) {
		case *fyne.Container:
			kids = v.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(v).Objects()
		}
		if _, ok := o.(*container.Scroll); ok {
			clip = clip.intersect(r)
		}
		for _, k := range kids {
			walk(k, pos, clip)
		}
	}
	c := u.win.Canvas()
	if top := c.Overlays().Top(); top != nil {
		walk(top, fyne.Position{}, win)
		return problems
	}
	walk(c.Content(), fyne.Position{}, win)
	return problems
}
