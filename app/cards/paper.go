package cards

import (
	"fyne.io/fyne/v2/widget"

	"regulars/letters/paper"
)

// The paper drop-downs show cards, envelopes, label sheets and plotter
// files in a shop's words with their sizes ("A2 folded card, 4¼ × 5½ in
// (108 × 140 mm)"); the rest of the window works with the names the
// letters package knows ("a2"), read with PaperKey.

// The "nothing of this" choices, each read as noneChoice.
const (
	noEnvelopes = "No envelopes"
	noLabels    = "No labels"
	noPlot      = "No pen plotter files"
)

// plotWords are the pen plotter files offered, by format.
var plotWords = map[string]string{"svg": "Pen plotter drawing (SVG)", "gcode": "Pen plotter program (G-code)"}

// PaperKeys maps the words of every paper choice to its name.
var PaperKeys = func() map[string]string {
	m := map[string]string{noEnvelopes: noneChoice, noLabels: noneChoice, noPlot: noneChoice}
	for _, n := range paper.LayoutOrder {
		m[paper.LayoutWords(n)] = n
	}
	for _, n := range paper.EnvelopeOrder {
		m[paper.EnvelopeWords(n)] = n
	}
	for _, n := range paper.LabelOrder {
		m[paper.LabelWords(n)] = n
	}
	for k, w := range plotWords {
		m[w] = k
	}
	return m
}()

// layoutChoices are the cards and letters, in words.
func layoutChoices() []string {
	var out []string
	for _, n := range paper.LayoutOrder {
		out = append(out, paper.LayoutWords(n))
	}
	return out
}

// envelopeChoices are the envelopes, in words, after "No envelopes".
func envelopeChoices() []string {
	out := []string{noEnvelopes}
	for _, n := range paper.EnvelopeOrder {
		out = append(out, paper.EnvelopeWords(n))
	}
	return out
}

// labelChoices are the label sheets, in words, after "No labels".
func labelChoices() []string {
	out := []string{noLabels}
	for _, n := range paper.LabelOrder {
		out = append(out, paper.LabelWords(n))
	}
	return out
}

// plotChoices are the plotter files, in words, after "No pen plotter
// files".
func plotChoices() []string {
	return []string{noPlot, plotWords["svg"], plotWords["gcode"]}
}

// paperKey is the name of the paper chosen ("a2", "10", "5160", "svg"),
// or noneChoice for none.
func paperKey(s *widget.Select) string {
	if k, ok := PaperKeys[s.Selected]; ok {
		return k
	}
	return s.Selected
}

// selectPaper chooses the option of a paper drop-down named key
// (noneChoice for its "No …" choice).
func selectPaper(s *widget.Select, key string) {
	for _, o := range s.Options {
		if PaperKeys[o] == key {
			s.SetSelected(o)
			return
		}
	}
}
