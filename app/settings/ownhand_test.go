package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"regulars/app/widgets"
	"regulars/data"
	"regulars/letters"
	"regulars/letters/paper"
)

// drawOn draws strokes on a pad as a hand would: press, drag, let go.
func drawOn(p *widgets.DrawPad, strokes [][][2]float32) {
	for _, st := range strokes {
		for i := 1; i < len(st); i++ {
			p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(st[i][0], st[i][1])},
				Dragged: fyne.NewDelta(st[i][0]-st[i-1][0], st[i][1]-st[i-1][1])})
		}
		p.DragEnd()
	}
}

// TestDrawMyOwnHand: the owner writes every small letter three times on
// the pad and saves; the cards are written in that hand, and the
// signature drawn goes under them.
func TestDrawMyOwnHand(t *testing.T) {
	scr, s, _ := newTestScreen(t, data.Client{FirstName: "Zoë", LastName: "Whitfield", Address: data.Address{Street: "1 Elm St", City: "Austin"}})
	u := scr.u
	f := showOwnHandForm(u, nil)
	if !strings.Contains(f.prompt.Text, "Write “a” — 1 of 3") {
		t.Fatalf("prompt %q", f.prompt.Text)
	}
	for i := 0; i < 26*handForms; i++ {
		k := float32(i % handForms)
		drawOn(f.pad, [][][2]float32{{{40, baseY}, {60 + k, baseY - 50}, {90, baseY}}, {{50, baseY - 25}, {80, baseY - 25 - k}}})
		f.move(1)
	}
	if !strings.Contains(f.prompt.Text, "Write “A”") {
		t.Fatalf("after the small letters the prompt is %q", f.prompt.Text)
	}
	f.move(-1) // back to z: its ink is still there
	if len(f.pad.Strokes) != 2 {
		t.Fatalf("going back shows %d strokes", len(f.pad.Strokes))
	}
	f.dlg.Submit()
	if u.forms.Open != nil {
		t.Fatalf("not saved: %q", f.dlg.Message.Text)
	}
	font, _ := s.Setting(ctx, data.SettingHandFont)
	if filepath.Base(font) != DrawnHandFile {
		t.Fatalf("hand-writing setting %q", font)
	}
	pen, err := letters.PenFromSettings(ctx, s)
	if err != nil || pen.Face == nil || pen.Face.Name != "Own hand" {
		t.Fatalf("the pen: %v", err)
	}

	sig := showSignatureForm(u, nil)
	drawOn(sig, [][][2]float32{{{30, 100}, {80, 60}, {130, 110}, {200, 70}, {300, 105}}})
	u.forms.Open.Submit()
	if u.forms.Open != nil {
		t.Fatalf("signature not saved: %q", u.forms.Open.Message.Text)
	}
	sigPath, _ := s.Setting(ctx, data.SettingSignature)
	b, err := os.ReadFile(sigPath)
	if err != nil || paper.CheckPNG(b) != nil {
		t.Fatalf("signature file %q: %v", sigPath, err)
	}

	// A card in the drawn hand, signed.
	pen, err = letters.PenFromSettings(ctx, s)
	if err != nil || len(pen.Signature) == 0 {
		t.Fatalf("pen with the signature: %v", err)
	}
	card := paper.Card{Name: "Zoë Whitfield", Text: "Dear zoe, thank you", Seed: 7}
	if _, err := pen.Preview(card, paper.Layouts["a2"], 72); err != nil {
		t.Fatalf("a card in the drawn hand: %v", err)
	}
}
