package paper

import (
	"fmt"
	"sort"
	"strings"

	"regulars/letters/pen"
)

const inch = 25.4

// Layout is a card or letter: the page is the exact size of the writing
// face, so that printing at 100 % on that stock lands inside it.
type Layout struct {
	Name    string
	Label   string
	W, H    float64 // mm
	Margin  float64 // mm on every side
	Size    float64 // the writing size to start from, points
	MinSize float64 // the smallest legible size, points
	Offset  Offset  // the printer's correction for this card (Settings)
}

// Box is the writing area of the layout.
func (l Layout) Box() pen.Box {
	return pen.Box{X: l.Margin, Y: l.Margin, W: l.W - 2*l.Margin, H: l.H - 2*l.Margin}
}

// Layouts are the cards and letters Regulars prints.
var Layouts = map[string]Layout{
	"a2":       {Name: "a2", Label: "Folded A2 card, 4¼ × 5½ in", W: 4.25 * inch, H: 5.5 * inch, Margin: 10, Size: 19, MinSize: 12},
	"a7":       {Name: "a7", Label: "A7 card, 5 × 7 in", W: 5 * inch, H: 7 * inch, Margin: 12, Size: 21, MinSize: 12},
	"postcard": {Name: "postcard", Label: "Postcard, 6 × 4 in", W: 6 * inch, H: 4 * inch, Margin: 9, Size: 18, MinSize: 11},
	"a6":       {Name: "a6", Label: "A6 card, 105 × 148 mm", W: 105, H: 148, Margin: 10, Size: 19, MinSize: 12},
	"letter":   {Name: "letter", Label: "US Letter, 8½ × 11 in", W: 8.5 * inch, H: 11 * inch, Margin: 25, Size: 22, MinSize: 13},
	"a4":       {Name: "a4", Label: "A4 letter, 210 × 297 mm", W: 210, H: 297, Margin: 25, Size: 22, MinSize: 13},
}

// Envelope is an envelope size; addresses are written on its face.
type Envelope struct {
	Name   string
	Label  string
	W, H   float64 // mm, landscape
	Offset Offset  // the printer's correction for this envelope
}

// AddressBox is where the client's address is written on the envelope:
// right of the middle, in the lower half.
func (e Envelope) AddressBox() pen.Box {
	return pen.Box{X: e.W * 0.42, Y: e.H * 0.45, W: e.W*0.58 - 10, H: e.H*0.55 - 8}
}

// ReturnBox is where the business's return address is written: the
// top-left corner, clear of the client's address.
func (e Envelope) ReturnBox() pen.Box {
	return pen.Box{X: 10, Y: 7, W: e.W*0.42 - 14, H: e.H*0.45 - 10}
}

// Envelopes are the envelopes Regulars addresses.
var Envelopes = map[string]Envelope{
	"a2": {Name: "a2", Label: "A2 envelope, 5¾ × 4⅜ in", W: 5.75 * inch, H: 4.375 * inch},
	"a7": {Name: "a7", Label: "A7 envelope, 7¼ × 5¼ in", W: 7.25 * inch, H: 5.25 * inch},
	"10": {Name: "10", Label: "#10 envelope, 9½ × 4⅛ in", W: 9.5 * inch, H: 4.125 * inch},
	"c6": {Name: "c6", Label: "C6 envelope, 162 × 114 mm", W: 162, H: 114},
	"dl": {Name: "dl", Label: "DL envelope, 220 × 110 mm", W: 220, H: 110},
}

// LabelSheet is a sheet of address labels.
type LabelSheet struct {
	Name           string
	Label          string
	PageW, PageH   float64
	Cols, Rows     int
	W, H           float64 // one label
	Left, Top      float64 // the first label's corner
	PitchX, PitchY float64 // from one label to the next
}

// LabelSheets are the label sheets Regulars prints on.
var LabelSheets = map[string]LabelSheet{
	"5160":  {Name: "5160", Label: "Avery 5160 (Letter, 30 labels)", PageW: 8.5 * inch, PageH: 11 * inch, Cols: 3, Rows: 10, W: 2.625 * inch, H: 1 * inch, Left: 0.1875 * inch, Top: 0.5 * inch, PitchX: 2.75 * inch, PitchY: 1 * inch},
	"l7160": {Name: "l7160", Label: "Avery L7160 (A4, 21 labels)", PageW: 210, PageH: 297, Cols: 3, Rows: 7, W: 63.5, H: 38.1, Left: 7.2, Top: 15.15, PitchX: 66.04, PitchY: 38.1},
}

// Slot is the corner of label number i (0-based) on its sheet.
func (s LabelSheet) Slot(i int) (page int, x, y float64) {
	per := s.Cols * s.Rows
	page, i = i/per, i%per
	return page, s.Left + float64(i%s.Cols)*s.PitchX, s.Top + float64(i/s.Cols)*s.PitchY
}

// names lists the keys of a map, sorted, for messages.
func names[V any](m map[string]V) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// FindLayout, FindEnvelope and FindLabels look a size up by name, with a
// message listing the choices.
func FindLayout(name string) (Layout, error) {
	l, ok := Layouts[strings.ToLower(name)]
	if !ok {
		return l, fmt.Errorf("no card layout %q (choose one of %s)", name, names(Layouts))
	}
	return l, nil
}

// FindEnvelope looks an envelope up by name.
func FindEnvelope(name string) (Envelope, error) {
	e, ok := Envelopes[strings.TrimPrefix(strings.ToLower(name), "#")]
	if !ok {
		return e, fmt.Errorf("no envelope %q (choose one of %s)", name, names(Envelopes))
	}
	return e, nil
}

// FindLabels looks a label sheet up by name.
func FindLabels(name string) (LabelSheet, error) {
	l, ok := LabelSheets[strings.ToLower(name)]
	if !ok {
		return l, fmt.Errorf("no label sheet %q (choose one of %s)", name, names(LabelSheets))
	}
	return l, nil
}
