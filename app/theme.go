package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// regularsTheme is Fyne's theme with colours a shop can read at the
// counter: darker text, secondary text (list details, captions, hints,
// labels of low importance) at least 4.5:1 against its background in both
// variants (the WCAG AA figure), a primary blue white text reads on, a
// focus colour that shows on every control, the blue button included, and
// placeholders lighter than values (their text also starts with "e.g.").
//
// variant is the owner's choice in Settings (themeLight, themeDark); any
// other value follows the system.
type regularsTheme struct{ variant string }

var _ fyne.Theme = regularsTheme{}

// The colours that differ from Fyne's, per variant.
var (
	lightColours = map[fyne.ThemeColorName]color.NRGBA{
		theme.ColorNameForeground:  {0x1f, 0x1f, 0x1f, 0xff},
		theme.ColorNameDisabled:    {0x5f, 0x5f, 0x5f, 0xff}, // secondary text
		theme.ColorNamePlaceHolder: {0x6e, 0x6e, 0x6e, 0xff},
		theme.ColorNamePrimary:     {0x15, 0x65, 0xc0, 0xff},
		theme.ColorNameFocus:       {0xff, 0xa0, 0x00, 0xa0},
		theme.ColorNameSelection:   {0x15, 0x65, 0xc0, 0x30},
		theme.ColorNameError:       {0xc6, 0x28, 0x28, 0xff},
		theme.ColorNameWarning:     {0xa8, 0x5a, 0x00, 0xff},
		theme.ColorNameSuccess:     {0x2e, 0x7d, 0x32, 0xff},
		theme.ColorNameInputBorder: {0x9e, 0x9e, 0x9e, 0xff},
	}
	darkColours = map[fyne.ThemeColorName]color.NRGBA{
		theme.ColorNameForeground:  {0xf3, 0xf3, 0xf3, 0xff},
		theme.ColorNameDisabled:    {0xa8, 0xa8, 0xa8, 0xff},
		theme.ColorNamePlaceHolder: {0x9a, 0x9a, 0x9a, 0xff},
		theme.ColorNamePrimary:     {0x1e, 0x6f, 0xd0, 0xff},
		theme.ColorNameFocus:       {0xff, 0xb3, 0x00, 0x90},
		theme.ColorNameSelection:   {0x42, 0x8f, 0xf0, 0x50},
		theme.ColorNameError:       {0xff, 0x6e, 0x62, 0xff},
		theme.ColorNameWarning:     {0xff, 0xa7, 0x26, 0xff},
		theme.ColorNameSuccess:     {0x66, 0xbb, 0x6a, 0xff},
		theme.ColorNameInputBorder: {0x6a, 0x6a, 0x6a, 0xff},
	}
)

// Color returns the Regulars colour of a name, else Fyne's.
func (t regularsTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	default:
		v = followSystem(v)
	}
	m := lightColours
	if v == theme.VariantDark {
		m = darkColours
	}
	if c, ok := m[n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font is Fyne's.
func (regularsTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon is Fyne's.
func (regularsTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size is Fyne's.
func (regularsTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// luminance is the WCAG relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two opaque colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over blends a translucent colour over an opaque one, as the screen
// shows it.
func over(top, bottom color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{mix(t.R, b.R), mix(t.G, b.G), mix(t.B, b.B), 0xff}
}
