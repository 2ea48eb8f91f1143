package settings

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"regulars/app/form"
	"regulars/app/widgets"
	"regulars/data"
	"regulars/letters/pen"
)

// handLetters are what the owner writes for their own hand: every small
// letter first (enough for a hand), then capitals, digits, punctuation.
const handLetters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-&"

// handForms is how many times each letter is written: a hand varies.
const handForms = 3

// The writing pad of a letter: its size and where the ruled lines are, in
// pixels; one em is emPx pixels, the baseline at baseY.
const (
	padW, padH    = 360, 240
	baseY, emPx   = 165, 120
	xHeightOfEm   = 0.45
	signW, signH  = 460, 170
	DrawnHandFile = "own-hand" + pen.DrawnHandExt
)

// ownHandForm is "Draw my own hand": the owner writes each letter three
// times on a pad, and the letters become the hand of their cards.
type ownHandForm struct {
	u       *needs
	dlg     *form.Dialog
	pad     *widgets.DrawPad
	prompt  *widget.Label
	step    int // which letter and form is on the pad: step/handForms, step%handForms
	samples map[int]pen.Sample
	done    func()
}

// showOwnHandForm opens the writing pad.
func showOwnHandForm(u *needs, done func()) *ownHandForm {
	f := &ownHandForm{u: u, samples: map[int]pen.Sample{}, done: done}
	f.pad = widgets.NewDrawPad(padW, padH, baseY, baseY-emPx*xHeightOfEm)
	f.prompt = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	back := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { f.move(-1) })
	next := widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { f.move(1) })
	clear := widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), f.pad.Clear)
	help := widget.NewLabel("Write the letter between the lines as you write with a pen: its body between the blue lines, sitting on the lower one. Three times each, so your hand varies. Every small letter is needed; capitals, digits and punctuation you skip are written in the second hand. Save whenever you like.")
	help.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(help, f.prompt, container.NewCenter(f.pad), container.NewCenter(container.NewHBox(back, clear, next)))
	f.dlg = form.NewDialog(u.forms, "Draw my own hand", body, "Save my hand", f.save)
	f.dlg.Form = f
	f.show()
	f.dlg.Show(fyne.NewSize(620, 560))
	return f
}

// show puts the current letter's prompt and ink on the pad.
func (f *ownHandForm) show() {
	r := []rune(handLetters)[f.step/handForms]
	f.prompt.SetText(fmt.Sprintf("Write “%c” — %d of %d   (letter %d of %d)", r, f.step%handForms+1, handForms, f.step/handForms+1, len([]rune(handLetters))))
	f.pad.Strokes = nil
	if s, ok := f.samples[f.step]; ok {
		f.pad.Strokes = f.toPad(s.Strokes)
	}
	f.pad.Redraw()
}

// keep takes what is on the pad as the current letter's form.
func (f *ownHandForm) keep() {
	if len(f.pad.Strokes) == 0 {
		delete(f.samples, f.step)
		return
	}
	f.samples[f.step] = pen.Sample{Letter: []rune(handLetters)[f.step/handForms], Strokes: f.toEms(f.pad.Strokes)}
}

// move keeps the letter and goes to the next or previous one.
func (f *ownHandForm) move(d int) {
	f.keep()
	n := len([]rune(handLetters)) * handForms
	f.step = (f.step + d + n) % n
	f.show()
}

// toEms turns pad pixels (y down) into ems from the baseline (y up).
func (f *ownHandForm) toEms(strokes [][][2]float64) [][][2]float64 {
	out := make([][][2]float64, len(strokes))
	for i, st := range strokes {
		for _, p := range st {
			out[i] = append(out[i], [2]float64{p[0] / emPx, (baseY - p[1]) / emPx})
		}
	}
	return out
}

// toPad turns ems back into pad pixels.
func (f *ownHandForm) toPad(strokes [][][2]float64) [][][2]float64 {
	out := make([][][2]float64, len(strokes))
	for i, st := range strokes {
		for _, p := range st {
			out[i] = append(out[i], [2]float64{p[0] * emPx, baseY - p[1]*emPx})
		}
	}
	return out
}

// save builds the hand from what was written, keeps it beside the book
// and makes it the hand of the cards.
func (f *ownHandForm) save() error {
	f.keep()
	var samples []pen.Sample
	for i := 0; i < len([]rune(handLetters))*handForms; i++ {
		if s, ok := f.samples[i]; ok {
			samples = append(samples, s)
		}
	}
	path := filepath.Join(f.u.store.Folder(), DrawnHandFile)
	if err := pen.SaveSamples(path, samples); err != nil {
		return err
	}
	if err := f.u.store.SetSetting(f.u.ctx, data.SettingHandFont, path); err != nil {
		return err
	}
	f.u.shell.CardsChanged()
	if f.done != nil {
		f.done()
	}
	f.u.notify(fmt.Sprintf("Your own hand (%d letters drawn) writes your cards now", len(samples)), nil)
	return nil
}

// showSignatureForm is "Draw my signature": signed on a pad, it goes
// under every card.
func showSignatureForm(u *needs, done func()) *widgets.DrawPad {
	pad := widgets.NewDrawPad(signW, signH, signH-40)
	clear := widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), pad.Clear)
	help := widget.NewLabel("Sign on the line as you sign a card.")
	body := container.NewVBox(help, container.NewCenter(pad), container.NewCenter(clear))
	save := func() error {
		b, err := pen.SignaturePNG(pad.Strokes, signW, signH)
		if err != nil {
			return err
		}
		path := filepath.Join(u.store.Folder(), "signature.png")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return fmt.Errorf("save the signature: %w", err)
		}
		if err := u.store.SetSetting(u.ctx, data.SettingSignature, path); err != nil {
			return err
		}
		u.shell.CardsChanged()
		if done != nil {
			done()
		}
		u.notify("Your signature goes under your cards now", nil)
		return nil
	}
	d := form.NewDialog(u.forms, "Draw my signature", body, "Save my signature", save)
	d.Form = pad
	d.Show(fyne.NewSize(560, 360))
	return pad
}
