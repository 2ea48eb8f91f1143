package settings

import "fyne.io/fyne/v2/widget"

// The theme choices of the window, as kept in the settings table.
const (
	ThemeSystem = "system" // follow the system's light or dark
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// themeWords are the theme choices as Settings shows them, in order.
var themeWords = []struct{ value, label string }{
	{ThemeSystem, "Follow the system"},
	{ThemeLight, "Light"},
	{ThemeDark, "Dark"},
}

// newThemeCard is the Settings section where the owner picks light, dark
// or the system's choice; the change shows at once and is kept.
func newThemeCard(u *needs) *widget.Card {
	var labels []string
	for _, w := range themeWords {
		labels = append(labels, w.label)
	}
	pick := widget.NewRadioGroup(labels, nil)
	pick.Horizontal = true
	pick.Required = true
	current := u.shell.ThemeChoice()
	for _, w := range themeWords {
		if w.value == current {
			pick.Selected = w.label
		}
	}
	pick.OnChanged = func(label string) {
		for _, w := range themeWords {
			if w.label == label && w.value != u.shell.ThemeChoice() {
				if err := u.shell.ChooseTheme(w.value); err != nil {
					u.showError(err)
				}
			}
		}
	}
	return widget.NewCard("Window", "Light or dark; “Follow the system” uses your computer's choice.",
		pick)
}
