package widgets

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"regulars/app/widgets/widgettest"
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
		if shown := cutAtWord(tc.text, tc.room, perRune); shown != "…" && widgettest.MidWord(tc.text, shown) {
			t.Errorf("cutAtWord(%q, %v) = %q cuts a word", tc.text, tc.room, shown)
		}
	}
}

// TestCutLabelFollowsItsWidth: a CutLabel narrowed and widened again
// shows whole words, then its whole text; SetText while narrow cuts the
// new text.
func TestCutLabelFollowsItsWidth(t *testing.T) {
	test.NewTempApp(t)
	l := NewCutLabel("visited since the last thank-you was sent")
	w := test.NewTempWindow(t, container.NewWithoutLayout(l))
	w.Resize(fyne.NewSize(800, 100))
	l.Resize(fyne.NewSize(120, l.MinSize().Height))
	if shown := widgettest.ShownText(l); !strings.HasSuffix(shown, "…") || widgettest.MidWord(l.FullText(), shown) {
		t.Errorf("at 120 wide the label shows %q", shown)
	}
	l.Resize(fyne.NewSize(700, l.MinSize().Height))
	if shown := widgettest.ShownText(l); shown != l.FullText() {
		t.Errorf("at 700 wide the label shows %q, want the whole text", shown)
	}
	l.Resize(fyne.NewSize(120, l.MinSize().Height))
	l.SetText("a second explanation that is also far too long")
	if shown := widgettest.ShownText(l); !strings.HasSuffix(shown, "…") || widgettest.MidWord(l.FullText(), shown) || !strings.HasPrefix(shown, "a second") {
		t.Errorf("after SetText at 120 wide the label shows %q", shown)
	}
}
