package widgettest

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// FindButton is the button under o that says text; the test fails if
// there is none, as a person would find nothing to press.
func FindButton(t testing.TB, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// fullTexter is a label that may draw its text cut, and says it whole:
// the window's row label (widgets.CutLabel), named by its method so that
// the widgets' own tests can use this package.
type fullTexter interface {
	FullText() string
}

// Texts lists the texts shown in o: its labels' (a row's label whole)
// and its canvas texts.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		switch v := obj.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case fullTexter: // a row's, whole
			out = append(out, v.FullText())
		case *canvas.Text:
			out = append(out, v.Text)
		}
	}
	return out
}

// HasText reports whether a label or text in o shows s (as part of its
// text).
func HasText(o fyne.CanvasObject, s string) bool {
	for _, t := range Texts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// ShowsText reports whether the widget w draws exactly text: a canvas
// text, label or rich text of its renderer.
func ShowsText(w fyne.Widget, text string) bool {
	for _, o := range test.WidgetRenderer(w).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Text == text {
			return true
		}
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return true
		}
		if r, ok := o.(*widget.RichText); ok && r.String() == text {
			return true
		}
	}
	return false
}

// Choose picks option in the drop-down sel of win as a person does:
// tapping it open, then tapping the option, which closes the list. Setting
// the selection directly would skip what the tap does.
func Choose(t testing.TB, win fyne.Window, sel *widget.Select, option string) {
	t.Helper()
	test.Tap(sel)
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("the list of %q did not open", option)
	}
	for _, o := range test.LaidOutObjects(top) {
		w, ok := o.(fyne.Widget)
		tap, tappable := o.(fyne.Tappable)
		if !ok || !tappable || !ShowsText(w, option) {
			continue
		}
		if _, isSelect := o.(*widget.Select); isSelect {
			continue
		}
		tap.Tapped(&fyne.PointEvent{})
		if win.Canvas().Overlays().Top() == top {
			t.Fatalf("tapping %q did not close the list", option)
		}
		return
	}
	t.Fatalf("no choice %q", option)
}

// WaitClosed waits for a background job of the window to have shown its
// result (the channel is closed then); the test fails if nothing was
// started or the job takes over 20 seconds.
func WaitClosed(t testing.TB, done <-chan struct{}) {
	t.Helper()
	if done == nil {
		t.Fatal("nothing was started")
	}
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the background job did not finish")
	}
}

// Labels lists the texts of the visible labels laid out under o, a row's
// label whole with its no-break spaces as plain spaces, as a person reads
// them.
func Labels(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
		if l, ok := obj.(fullTexter); ok && obj.Visible() { // a row's, whole
			out = append(out, strings.ReplaceAll(l.FullText(), "\u00a0", " "))
		}
	}
	return out
}

// Press sends the key k to the widget w as the keyboard would.
func Press(w fyne.Focusable, k fyne.KeyName) {
	w.TypedKey(&fyne.KeyEvent{Name: k})
}
