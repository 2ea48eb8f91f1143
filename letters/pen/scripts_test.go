package pen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// namedCard is the card of issue 14 to the i-th named client.
func namedCard(i int, name string) paper.Card {
	return paper.Card{Name: name, Seed: paper.Seed(int64(i+1), 14), Text: cardtest.NamedNote(name)}
}

// TestEveryScriptInAHand writes a card for each named client: every word
// is in a hand (Caveat or Playpen Sans, never the sans fallback), no word
// is in two hands, and pdftotext finds every name.
func TestEveryScriptInAHand(t *testing.T) {
	pn := caveat(t)
	var cards []paper.Card
	for i, n := range cardtest.NamedClients {
		c := namedCard(i, n)
		cards = append(cards, c)
		gs, err := pn.LayOut(c, paper.Layouts["a2"])
		if err != nil {
			t.Fatal(err)
		}
		var face *pen.Face
		for _, g := range gs {
			if g.Face == pn.Fallback || g.Face.Name == "DejaVu Sans" {
				t.Errorf("%s: a glyph in %s", n, g.Face.Name)
			}
			if g.GID == 0 {
				t.Errorf("%s: a missing glyph in %s", n, g.Face.Name)
			}
			if g.Text != "" {
				face = g.Face
			} else if g.Face != face {
				t.Errorf("%s: a word in two hands (%s and %s)", n, face.Name, g.Face.Name)
			}
		}
	}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, cards, paper.Layouts["a2"], nil); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(cardtest.PDFText(t, buf.Bytes())), " ")
	for _, n := range cardtest.NamedClients {
		if !strings.Contains(text, n) {
			t.Errorf("pdftotext does not find %q in\n%s", n, text)
		}
	}
	if dir := os.Getenv("REGULARS_CARDS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "named.pdf"), buf.Bytes(), 0o644)
	}
}
