package cards

import (
	"path/filepath"
	"testing"

	"regulars/data"
	"regulars/internal/booktest"
	"regulars/letters"
	"regulars/letters/paper"
)

func TestPrintJobsPaper(t *testing.T) {
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "cards-2026-11-a2.pdf"), filepath.Join(dir, "envelopes-2026-11-dl.pdf"), filepath.Join(dir, "labels-2026-11-l7160.pdf")}
	jobs := printJobs(files, "a2", "dl", "l7160", "Office")
	want := []paper.Paper{{W: paper.Layouts["a2"].W, H: paper.Layouts["a2"].H}, {W: 220, H: 110}, {W: 210, H: 297}}
	for i, j := range jobs {
		if j.Paper != want[i] || j.Printer != "Office" || j.File != files[i] {
			t.Errorf("job %d = %+v, want paper %+v", i, j, want[i])
		}
	}
	if jobs[0].Title != "cards-2026-11-a2" {
		t.Errorf("title %q", jobs[0].Title)
	}
}

func TestPrintOffsetsGoIntoThePDFs(t *testing.T) {
	u, s := newTestUI(t, booktest.Clients...)
	c := u.cards
	if err := letters.SetLayoutOffset(ctx, s, "a6", paper.Offset{X: 2, Y: -1}); err != nil {
		t.Fatal(err)
	}
	if err := letters.SetEnvelopeOffset(ctx, s, "dl", paper.Offset{X: -3, Y: 0}); err != nil {
		t.Fatal(err)
	}
	// What render hands the pen: the offsets kept for this layout and envelope.
	selectPaper(c.layout, "a6")
	selectPaper(c.Envelope, "dl")
	got, err := letters.LayoutOffset(ctx, s, paperKey(c.layout))
	if err != nil || got != (paper.Offset{X: 2, Y: -1}) {
		t.Errorf("card offset %v, %v", got, err)
	}
	p := &printDialog{c: c, printers: []paper.Printer{{Name: "Office"}, {Name: "Front_Desk", Default: true}}}
	p.show()
	if p.choice.Selected != "Front_Desk" {
		t.Errorf("with nothing remembered the default printer is chosen, not %q", p.choice.Selected)
	}
	if p.card.Text != "2,-1" || p.Envelope == nil || p.Envelope.Text != "-3,0" {
		t.Errorf("the dialog shows offsets %q and %v", p.card.Text, p.Envelope)
	}
	p.choice.SetSelected("Office")
	p.card.SetText("1.5,0.5")
	if err := p.saveChoices(); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting(ctx, data.SettingPrinter); v != "Office" {
		t.Errorf("printer remembered: %q", v)
	}
	if o, _ := letters.LayoutOffset(ctx, s, "a6"); o != (paper.Offset{X: 1.5, Y: 0.5}) {
		t.Errorf("card offset saved: %v", o)
	}
	p.card.SetText("99,0")
	if err := p.saveChoices(); err == nil {
		t.Error("an offset of 99 mm was saved")
	}
	p2 := &printDialog{c: c, printers: p.printers}
	p2.show()
	if p2.choice.Selected != "Office" {
		t.Errorf("the remembered printer is not chosen again: %q", p2.choice.Selected)
	}
}
