package cards

import (
	"regulars/app/widgets/widgettest"
	"regulars/internal/booktest"
	"regulars/letters/paper"
	"strings"
	"testing"
)

// TestPaperInShopWords: cards, envelopes, labels and plotter files are
// offered by the names they are sold under, with their sizes; the batch
// still gets the paper chosen.
func TestPaperInShopWords(t *testing.T) {
	u, _ := newTestUI(t, booktest.Clients...)
	u.tabs.Select(u.cardstab)
	c := u.cards
	if c.layout.Selected != "A2 folded card, 4¼ × 5½ in (108 × 140 mm)" || c.Labels.Selected != "No labels" ||
		c.plot.Selected != "No pen plotter files" || c.Envelope.Selected != "A2 envelope, 5¾ × 4⅜ in (146 × 111 mm)" {
		t.Errorf("shown: %q, %q, %q, %q", c.layout.Selected, c.Labels.Selected, c.plot.Selected, c.Envelope.Selected)
	}
	for _, opts := range [][]string{c.layout.Options, c.Envelope.Options, c.Labels.Options, c.plot.Options} {
		for _, o := range opts {
			if !strings.Contains(o, " ") {
				t.Errorf("option %q is a code, not words", o)
			}
		}
	}
	widgettest.Choose(t, u.win, c.Labels, paper.LabelWords("l7160"))
	widgettest.Choose(t, u.win, c.layout, paper.LayoutWords("a6"))
	widgettest.Choose(t, u.win, c.plot, "Pen plotter program (G-code)")
	if paperKey(c.Labels) != "l7160" || paperKey(c.layout) != "a6" || paperKey(c.plot) != "gcode" {
		t.Errorf("read back: %q %q %q", paperKey(c.Labels), paperKey(c.layout), paperKey(c.plot))
	}
	if !strings.Contains(strings.Join(widgettest.Labels(c.Content), "|"), "Pen plotter") {
		t.Error("no Pen plotter row")
	}
}
