package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestThemeContrast computes the WCAG contrast of the theme's text colours
// against the backgrounds they are drawn on, in both variants.
func TestThemeContrast(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		th := regularsTheme{variant: name} // the owner's choice, as in Settings
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		bg, input, button := c(theme.ColorNameBackground), c(theme.ColorNameInputBackground), c(theme.ColorNameButton)
		selected := over(c(theme.ColorNameSelection), bg)
		cases := []struct {
			what   string
			fg, bg color.Color
			min    float64
		}{
			{"text", c(theme.ColorNameForeground), bg, 7},
			{"secondary text (details, captions, hints)", c(theme.ColorNameDisabled), bg, 4.5},
			{"secondary text on a selected row", c(theme.ColorNameDisabled), selected, 4.5},
			{"text on a selected row", c(theme.ColorNameForeground), selected, 7},
			{"placeholder in a field", c(theme.ColorNamePlaceHolder), input, 4.5},
			{"text in a field", c(theme.ColorNameForeground), input, 7},
			{"button text", c(theme.ColorNameForeground), button, 7},
			{"primary button text", c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary), 4.5},
			{"error text", c(theme.ColorNameError), bg, 4.5},
			{"warning text", c(theme.ColorNameWarning), bg, 4.5},
			{"success text", c(theme.ColorNameSuccess), bg, 4.5},
			// A focused control must look different from an unfocused one.
			{"focused primary button against unfocused", over(c(theme.ColorNameFocus), c(theme.ColorNamePrimary)), c(theme.ColorNamePrimary), 1.4},
			{"focused button against unfocused", over(c(theme.ColorNameFocus), button), button, 1.4},
		}
		for _, k := range cases {
			if r := contrast(k.fg, k.bg); r < k.min {
				t.Errorf("%s: %s contrast %.2f:1, want at least %.1f:1", name, k.what, r, k.min)
			} else {
				t.Logf("%s: %s %.2f:1", name, k.what, r)
			}
		}
		// Placeholders are lighter than values, so they cannot pass for them.
		if contrast(c(theme.ColorNamePlaceHolder), input) >= contrast(c(theme.ColorNameForeground), input)*0.75 {
			t.Errorf("%s: placeholders look as strong as typed values", name)
		}
	}
}

func TestContrastFormula(t *testing.T) {
	black, white := color.NRGBA{0, 0, 0, 255}, color.NRGBA{255, 255, 255, 255}
	if r := contrast(black, white); r < 20.99 || r > 21.01 {
		t.Errorf("black on white %.3f, want 21", r)
	}
	if r := contrast(color.NRGBA{0x76, 0x76, 0x76, 255}, white); r < 4.5 || r > 4.6 {
		t.Errorf("#767676 on white %.3f, want 4.54", r)
	}
}
