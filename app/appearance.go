package app

import (
	"fmt"
	"os"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"regulars/app/settings"
	"regulars/data"
)

// The theme choices of the window, as kept in the settings table.
const (
	themeSystem = settings.ThemeSystem // follow the system's light or dark
	themeLight  = settings.ThemeLight
	themeDark   = settings.ThemeDark
)

// systemTold is set once the desktop has said whether it prefers light
// or dark (see watchSystemTheme); until then Fyne shows dark, which is
// not what a desktop without a preference looks like.
var systemTold atomic.Bool

// themeByEnv is set when FYNE_THEME chooses the variant, read once: the
// colours are asked for at every paint.
var themeByEnv atomic.Bool

func init() { themeByEnv.Store(os.Getenv("FYNE_THEME") != "") }

// followSystem is the variant the window shows when it follows the
// system: Fyne's when the desktop told it, or FYNE_THEME chose it; light
// when nothing did.
func followSystem(v fyne.ThemeVariant) fyne.ThemeVariant {
	if themeByEnv.Load() || systemTold.Load() {
		return v
	}
	return theme.VariantLight
}

// themeChoice reads the window's theme choice from the book; anything
// unknown follows the system.
func (u *ui) themeChoice() string {
	v, err := u.store.Setting(u.ctx, data.SettingWindowTheme)
	if err != nil {
		return themeSystem
	}
	switch v {
	case themeLight, themeDark:
		return v
	}
	return themeSystem
}

// applyTheme shows the window in the chosen theme at once.
func (u *ui) applyTheme(choice string) {
	u.app.Settings().SetTheme(regularsTheme{variant: choice})
	if u.notice != nil {
		u.notice.bg.FillColor = noticeColour()
		u.notice.bg.Refresh()
	}
}

// chooseTheme keeps the theme choice in the book and applies it.
func (u *ui) chooseTheme(choice string) error {
	if err := u.store.SetSetting(u.ctx, data.SettingWindowTheme, choice); err != nil {
		return fmt.Errorf("the theme was not saved: %w", err)
	}
	u.applyTheme(choice)
	return nil
}
