package paper

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Paper sizes in the words of a shop: what the card, envelope or label
// sheet is called where it is bought, and its size in inches and in
// millimetres (the size of the country it comes from first).

// LayoutOrder is the order cards and letters are offered in.
var LayoutOrder = []string{"a2", "a7", "postcard", "a6", "letter", "a4"}

// EnvelopeOrder is the order envelopes are offered in.
var EnvelopeOrder = []string{"a2", "a7", "10", "c6", "dl"}

// LabelOrder is the order label sheets are offered in.
var LabelOrder = []string{"5160", "l7160"}

var layoutNames = map[string]string{
	"a2": "A2 folded card", "a7": "A7 card", "postcard": "Postcard", "a6": "A6 card",
	"letter": "US Letter sheet", "a4": "A4 sheet",
}

var envelopeNames = map[string]string{
	"a2": "A2 envelope", "a7": "A7 envelope", "10": "#10 envelope", "c6": "C6 envelope", "dl": "DL envelope",
}

// metricPaper are the sizes sold in millimetres.
var metricPaper = map[string]bool{"a6": true, "a4": true, "c6": true, "dl": true, "l7160": true}

// LayoutWords names a card or letter layout with its size:
// "A2 folded card, 4¼ × 5½ in (108 × 140 mm)"; "" for an unknown one.
func LayoutWords(name string) string {
	l, ok := Layouts[name]
	if !ok {
		return ""
	}
	return layoutNames[name] + ", " + sizeWords(l.W, l.H, metricPaper[name])
}

// EnvelopeWords names an envelope with its size:
// "#10 envelope, 9½ × 4⅛ in (241 × 105 mm)"; "" for an unknown one.
func EnvelopeWords(name string) string {
	e, ok := Envelopes[name]
	if !ok {
		return ""
	}
	return envelopeNames[name] + ", " + sizeWords(e.W, e.H, metricPaper[name])
}

// LabelWords names a label sheet with the size of its labels and how
// many a sheet holds: "Avery 5160, 2⅝ × 1 in (67 × 25 mm), 30 a sheet";
// "" for an unknown one.
func LabelWords(name string) string {
	s, ok := LabelSheets[name]
	if !ok {
		return ""
	}
	return fmt.Sprintf("Avery %s, %s, %d a sheet", strings.ToUpper(name), sizeWords(s.W, s.H, metricPaper[name]), s.Cols*s.Rows)
}

// sizeWords writes a size in both units, the one it is sold in first.
func sizeWords(w, h float64, metric bool) string {
	in := inches(w) + " × " + inches(h) + " in"
	mm := fmt.Sprintf("%.0f × %.0f mm", w, h)
	if metric {
		// Sold in millimetres: as labelled, to the tenth.
		mm = millimetres(w) + " × " + millimetres(h) + " mm"
		return mm + " (" + in + ")"
	}
	return in + " (" + mm + ")"
}

// millimetres writes a metric length as labelled: "105", "63.5".
func millimetres(mm float64) string {
	return strconv.FormatFloat(math.Round(mm*10)/10, 'f', -1, 64)
}

// inches writes a length in mm as inches to the nearest eighth, the way
// paper is labelled: "4¼", "5", "4⅜".
func inches(mm float64) string {
	eighths := int(math.Round(mm / inch * 8))
	whole, rest := eighths/8, eighths%8
	frac := []string{"", "⅛", "¼", "⅜", "½", "⅝", "¾", "⅞"}[rest]
	if whole == 0 && frac != "" {
		return frac
	}
	return fmt.Sprint(whole) + frac
}
