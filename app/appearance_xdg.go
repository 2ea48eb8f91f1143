//go:build linux || freebsd || openbsd || netbsd

package app

import (
	"fyne.io/fyne/v2"
	"github.com/rymdport/portal/settings/appearance"
)

// watchSystemTheme asks the desktop (its settings portal) whether it has a
// colour scheme, away from the window since the question hangs on some
// desktops. When it answers, the window follows the variant Fyne then
// reads from it; without an answer the window stays light.
func watchSystemTheme(a fyne.App) {
	go func() {
		if _, err := appearance.GetColorScheme(); err != nil {
			return
		}
		systemTold.Store(true)
		fyne.Do(func() { a.Settings().SetTheme(a.Settings().Theme()) })
	}()
}
