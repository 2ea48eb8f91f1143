package widgets

import (
	"regexp"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// CutLabel is a one-line label that, when it is drawn narrower than its
// text, ends at the last whole word that fits followed by "…" — never in
// the middle of a word, as Fyne's own ellipsis does ("since the las…").
// Whoever shows a CutLabel shows the whole text elsewhere too (the
// preview, the client's pane, the line under a list).
type CutLabel struct {
	widget.Label
	full string // the whole text; Label.Text is what fits
}

// NewCutLabel returns a label showing text, cut at a word when narrow.
func NewCutLabel(text string) *CutLabel {
	l := &CutLabel{full: text}
	l.Text = text
	// Fyne's ellipsis stays on so that the label asks for little room; the
	// text it is given always fits, so Fyne never cuts it itself.
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// NewCutLabelWithStyle is NewCutLabel with an alignment and a style.
func NewCutLabelWithStyle(text string, align fyne.TextAlign, style fyne.TextStyle) *CutLabel {
	l := NewCutLabel(text)
	l.Alignment = align
	l.TextStyle = style
	return l
}

// SetText sets the whole text; the label shows as much of it as fits.
func (l *CutLabel) SetText(text string) {
	l.full = text
	l.fit(l.Size().Width)
	l.Label.Refresh()
}

// FullText is the whole text, as set, whatever is shown.
func (l *CutLabel) FullText() string { return l.full }

// Resize lays the label out and cuts its text to the new width.
func (l *CutLabel) Resize(size fyne.Size) {
	if size == l.Size() {
		return
	}
	l.Label.Resize(size)
	if l.fit(size.Width) {
		l.Label.Refresh()
	}
}

// Refresh recuts the text (the theme's text size may have changed) and
// redraws it.
func (l *CutLabel) Refresh() {
	l.fit(l.Size().Width)
	l.Label.Refresh()
}

// fit sets the shown text for a label width (0: not laid out yet, the
// whole text) and reports whether it changed.
func (l *CutLabel) fit(width float32) bool {
	shown := l.full
	if width > 0 {
		th := l.Theme()
		size := th.Size(theme.SizeNameText)
		if l.SizeName != "" {
			size = th.Size(l.SizeName)
		}
		// A few pixels kept spare: Fyne cuts a text that measures a hair
		// over its room (rounding), and then it would cut mid-word.
		room := width - 2*th.Size(theme.SizeNameInnerPadding) - 4
		style := l.TextStyle
		shown = cutAtWord(l.full, room, func(s string) float32 { return fyne.MeasureText(s, size, style).Width })
	}
	if shown == l.Text {
		return false
	}
	l.Text = shown
	return true
}

// cutAtWord returns text whole when its first line fits in room (as
// measured), or else as many whole words as fit followed by "…". Only the
// first line is shown: a row has one. A first word too long for the room
// on its own is shown as "…" alone rather than in part.
func cutAtWord(text string, room float32, measure func(string) float32) string {
	line, _, more := strings.Cut(text, "\n")
	if !more && measure(line) <= room {
		return text
	}
	if more && measure(line+" …") <= room {
		return strings.TrimRightFunc(line, unicode.IsSpace) + " …"
	}
	// A cut falls before a space only: after a whole word, which may end
	// in its own punctuation ("Austin,"); a separator left dangling at
	// the end ("·", "-") goes too.
	// Nor inside a phrase read as one: "3 November 2026", "133 days".
	inside := map[int]bool{}
	for _, m := range together.FindAllStringIndex(line, -1) {
		for i := m[0]; i < m[1]; i++ {
			inside[i] = true
		}
	}
	best := ""
	for i, r := range line {
		if !unicode.IsSpace(r) || r == nbsp || inside[i] {
			continue
		}
		cut := strings.TrimRightFunc(line[:i], func(r rune) bool { return unicode.IsSpace(r) || r == '·' || r == '-' || r == '–' || r == '—' })
		if cut == "" {
			continue
		}
		if measure(cut+"…") > room {
			break
		}
		best = cut
	}
	return best + "…"
}

// together finds the phrases a row is never cut inside: a date ("3
// November 2026", "12 Mar") and a number with its word ("133 days",
// "2 visits").
var together = regexp.MustCompile(`\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: \d{4})?|\d[\d.,]* \pL+`)

// nbsp is the no-break space: a row is never cut at one.
const nbsp = '\u00a0'

// KeepTogether joins the words of s with no-break spaces, so that a
// cut row never splits a phone number ("07924 645…") or a count from
// its noun ("38…" for "38 visits").
func KeepTogether(s string) string {
	return strings.ReplaceAll(s, " ", string(nbsp))
}
