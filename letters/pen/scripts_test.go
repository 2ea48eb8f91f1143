package pen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/letters/paper"
	"regulars/letters/pen"
)

// namedClients are the six recipients of issue 14, one per script the
// hands must write.
var namedClients = []string{"Zoë Whitfield", "Łukasz Kowalczyk", "Nguyễn Thị Hương", "Анна Иванова", "Ελένη Παπαδοπούλου", "Siobhán O'Brien"}

func namedCard(i int, name string) paper.Card {
	first := strings.Fields(name)[0]
	return paper.Card{Name: name, Seed: paper.Seed(int64(i+1), 14),
		Text: "Dear " + first + ",\n\nThank you so much for coming in on 14 November for your cut and blow-dry. It was a real pleasure to see you, " + name + ", and Bea sends warm regards.\n\nWe hope to see you again soon!\n\nWith thanks,\nBlue Door Salon"}
}

// TestEveryScriptInAHand writes a card for each named client: every word
// is in a hand (Caveat or Playpen Sans, never the sans fallback), no word
// is in two hands, and pdftotext finds every name.
func TestEveryScriptInAHand(t *testing.T) {
	pn := caveat(t)
	var cards []paper.Card
	for i, n := range namedClients {
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
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
	for _, n := range namedClients {
		if !strings.Contains(text, n) {
			t.Errorf("pdftotext does not find %q in\n%s", n, text)
		}
	}
	if dir := os.Getenv("REGULARS_CARDS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "named.pdf"), buf.Bytes(), 0o644)
	}
}
