package pen_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"regulars/internal/cardtest"
	"regulars/letters/paper"
	"regulars/letters/pen"
)

// drawnSamples stands for an owner drawing every letter three times on
// the canvas: EMS Allure's strokes, each sample turned, stretched and
// shaken a little of its own, as a hand with a mouse would.
func drawnSamples(t *testing.T) []pen.Sample {
	t.Helper()
	sf, err := pen.PlotFont()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(8, 9))
	var out []pen.Sample
	for _, letter := range pen.SheetLetters {
		g := pen.GlyphStrokes(sf, letter)
		for range 3 {
			a := r.NormFloat64() * 0.04
			sx := 1.4 * (1 + r.NormFloat64()*0.04)
			s := pen.Sample{Letter: letter}
			for _, st := range g {
				var line [][2]float64
				for _, p := range st {
					x, y := p[0]/1000*sx, p[1]/1000*1.4
					line = append(line, [2]float64{x*math.Cos(a) - y*math.Sin(a) + r.NormFloat64()*0.006, x*math.Sin(a) + y*math.Cos(a) + r.NormFloat64()*0.006})
				}
				s.Strokes = append(s.Strokes, line)
			}
			out = append(out, s)
		}
	}
	return out
}

// TestOwnHandFromStrokes builds the owner's hand from drawn letters,
// writes a card in it (every letter in the own hand, every word in the
// PDF's text) and plots the card with the owner's own strokes.
func TestOwnHandFromStrokes(t *testing.T) {
	own, err := pen.HandFromStrokes(drawnSamples(t), 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pen.OwnForms(own)['e']); n != 3 {
		t.Fatalf("%d forms of e, want 3", n)
	}
	pn := paper.Pen{Face: own, Ink: pen.BlueBlack}
	card := paper.Card{Name: "Zoe", Seed: 4, Text: "Dear Zoe,\n\nThank you so much for coming in on 14 November. It was lovely to see you again! Please come back next week, we are here every day.\n\nWarm wishes,\nBea"}
	gs, err := pn.LayOut(card, paper.Layouts["a2"])
	if err != nil {
		t.Fatal(err)
	}
	forms := map[uint16]bool{}
	for _, g := range gs {
		if g.Face != own {
			t.Fatalf("%q written in %s", g.R, g.Face.Name)
		}
		if g.R == 'e' {
			forms[uint16(g.GID)] = true
		}
	}
	if len(forms) != 3 {
		t.Errorf("the card uses %d of the 3 forms of e: %v", len(forms), forms)
	}
	var buf bytes.Buffer
	if err := pn.Cards(&buf, []paper.Card{card}, paper.Layouts["a2"], nil); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(strings.Fields(cardtest.PDFText(t, buf.Bytes())), " "); !strings.Contains(text, "lovely to see you again!") {
		t.Errorf("pdftotext: %q", text)
	}
	// The plotter follows the owner's own lines, not EMS Allure's.
	pl, err := pn.PlotCard(card, paper.Layouts["a2"])
	if err != nil {
		t.Fatal(err)
	}
	allure, err := paper.Pen{Face: caveat(t).Face}.PlotCard(card, paper.Layouts["a2"])
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Strokes) == 0 || len(pl.Missing) > 0 || len(pl.Strokes) == len(allure.Strokes) && pl.Strokes[0][0] == allure.Strokes[0][0] {
		t.Errorf("plot of the own hand: %d strokes, missing %q", len(pl.Strokes), string(pl.Missing))
	}
	if dir := os.Getenv("REGULARS_CARDS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "drawn.pdf"), buf.Bytes(), 0o644)
		var svg bytes.Buffer
		paper.WriteSVG(&svg, []paper.Plot{pl})
		os.WriteFile(filepath.Join(dir, "drawn.svg"), svg.Bytes(), 0o644)
	}
	if _, err := pen.HandFromStrokes([]pen.Sample{{Letter: 'x'}}, 0.05); err == nil {
		t.Error("a hand with no letters drawn is accepted")
	}
}
