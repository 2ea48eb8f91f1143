package cards

import (
	"fyne.io/fyne/v2/widget"

	"regulars/data"
	"regulars/internal/clock"
)

// OccasionLabels name the occasions in the batch, in the order offered.
var OccasionLabels = []struct {
	Occasion data.Occasion
	Label    string // in the choice
	Find     string // the find button
}{
	{data.OccasionThanks, "Thank-you", "Find who to thank"},
	{data.OccasionWelcome, "Welcome (first visit)", "Find newcomers"},
	{data.OccasionMiss, "We miss you (overdue)", "Find who drifted away"},
	{data.OccasionBirthday, "Birthday", "Find birthdays ahead"},
	{data.OccasionSorry, "Make it right (complaint resolved)", "Find complaints put right"},
}

// newOccasionChoice is a Select of the occasions, starting on the
// thank-you.
func newOccasionChoice(changed func(string)) *widget.Select {
	var labels []string
	for _, k := range OccasionLabels {
		labels = append(labels, k.Label)
	}
	return widget.NewSelect(labels, changed)
}

// occasionOf is the occasion of a label of the occasion choice.
func occasionOf(label string) data.Occasion {
	for _, k := range OccasionLabels {
		if k.Label == label {
			return k.Occasion
		}
	}
	return data.OccasionThanks
}

// ChosenOccasion is the occasion of the batch.
func (c *Screen) ChosenOccasion() data.Occasion { return occasionOf(c.Occasion.Selected) }

// fillTemplates offers the templates of the chosen occasion.
func (c *Screen) fillTemplates() { offerTemplates(c.Template, c.Templates, c.ChosenOccasion()) }

// setPeriod starts the period where the last batch of the occasion and
// Channel ended: each runs from its own.
func (c *Screen) setPeriod() {
	ch := data.ChannelPost
	if c.emailing() {
		ch = data.ChannelEmail
	}
	if from, to, err := c.u.store.OccasionPeriod(c.u.ctx, c.ChosenOccasion(), ch, clock.Now()); err == nil {
		c.From.SetText(from.Format("2006-01-02"))
		c.To.SetText(to.AddDate(0, 0, -1).Format("2006-01-02"))
	}
}

// offerTemplates offers in sel the templates of an occasion (all of them
// when it has none), keeping the one chosen when it still fits.
func offerTemplates(sel *widget.Select, templates []data.Template, o data.Occasion) {
	var names, all []string
	for _, t := range templates {
		all = append(all, t.Name)
		if t.Occasion == o {
			names = append(names, t.Name)
		}
	}
	if len(names) == 0 {
		names = all
	}
	sel.Options = names
	keep := false
	for _, n := range names {
		keep = keep || n == sel.Selected
	}
	if !keep && len(names) > 0 {
		sel.SetSelected(names[0])
	}
	sel.Refresh()
}
