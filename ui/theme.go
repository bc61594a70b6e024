// Package ui is the Two Hats desktop app: Fyne screens and widgets that
// present the game. It never opens files or SQL itself; everything it
// reads or writes goes through the interfaces in deps.go.
package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/twohats/twohats/game"
)

// Theme preferences.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// Text sizes offered in Settings, as a factor of Fyne's default.
var textSizes = []struct {
	Label string
	Scale float32
}{
	{"Small", 0.9}, {"Normal", 1.0}, {"Large", 1.15}, {"Extra large", 1.3},
}

// appTheme is Fyne's default theme with our accent colours, an optional
// forced light/dark variant and a text scale.
type appTheme struct {
	variant string // ThemeSystem, ThemeLight or ThemeDark
	scale   float32
}

var _ fyne.Theme = (*appTheme)(nil)

func (t *appTheme) v(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.variant {
	case ThemeLight:
		return theme.VariantLight
	case ThemeDark:
		return theme.VariantDark
	}
	return v
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.v(v)
	dark := v == theme.VariantDark
	if c, ok := palette(n, dark); ok {
		return c
	}
	switch n {
	case theme.ColorNamePrimary:
		if dark {
			return color.NRGBA{0x7a, 0xa7, 0xe8, 0xff}
		}
		return color.NRGBA{0x2f, 0x5d, 0xa8, 0xff}
	case theme.ColorNameBackground:
		if dark {
			return color.NRGBA{0x1b, 0x1e, 0x24, 0xff}
		}
		return color.NRGBA{0xf6, 0xf4, 0xef, 0xff}
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		if dark {
			return color.NRGBA{0x26, 0x2a, 0x32, 0xff}
		}
		return color.NRGBA{0xff, 0xff, 0xff, 0xff}
	case theme.ColorNameFocus:
		// Fyne tints a focused radio, check or select with it; the app's
		// controls draw a ring in colorFocusRing as well
		if dark {
			return color.NRGBA{0x7a, 0xa7, 0xe8, 0x66}
		}
		return color.NRGBA{0x2f, 0x5d, 0xa8, 0x55}
	case theme.ColorNameForeground:
		if dark {
			return color.NRGBA{0xe8, 0xe6, 0xe1, 0xff}
		}
		return color.NRGBA{0x22, 0x24, 0x29, 0xff}
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return s * t.scale
	}
	return s
}

// The app's own colour names: custom widgets resolve them from the current
// theme each time they refresh, so a light/dark switch — chosen in Settings
// or by the operating system — repaints them without rebuilding a screen.
const (
	colorCard      fyne.ThemeColorName = "twohats-card"       // a card's surface on the background
	colorCardHover fyne.ThemeColorName = "twohats-card-hover" // a card under the pointer
	colorBorder    fyne.ThemeColorName = "twohats-border"     // card outlines, chart tracks and grid lines
	colorMuted     fyne.ThemeColorName = "twohats-muted"      // secondary text drawn on canvases
	colorFocusRing fyne.ThemeColorName = "twohats-focus-ring" // the ring around the control with the keyboard focus
)

// palette holds the app's own colours for a variant.
func palette(n fyne.ThemeColorName, dark bool) (color.Color, bool) {
	pick := func(light, darkC color.NRGBA) (color.Color, bool) {
		if dark {
			return darkC, true
		}
		return light, true
	}
	switch n {
	case colorCard:
		return pick(color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0x26, 0x2a, 0x32, 0xff})
	case colorCardHover:
		return pick(color.NRGBA{0xee, 0xf2, 0xf8, 0xff}, color.NRGBA{0x31, 0x36, 0x40, 0xff})
	case colorBorder:
		return pick(color.NRGBA{0xdd, 0xd8, 0xcf, 0xff}, color.NRGBA{0x3a, 0x3f, 0x4a, 0xff})
	case colorMuted:
		return pick(color.NRGBA{0x5f, 0x62, 0x6b, 0xff}, color.NRGBA{0xa8, 0xa9, 0xae, 0xff})
	case colorFocusRing:
		// at least 7:1 against the background and the cards in both
		// variants, and unlike any button's fill
		return pick(color.NRGBA{0x0b, 0x3d, 0x91, 0xff}, color.NRGBA{0xb4, 0xd0, 0xff, 0xff})
	case theme.ColorNameWarning:
		// warnings are read as text: Fyne's orange is too faint on the
		// light background (1.9:1); this amber reads at 5:1
		return pick(color.NRGBA{0x9a, 0x5a, 0x00, 0xff}, color.NRGBA{0xf0, 0xa0, 0x30, 0xff})
	}
	return nil, false
}

// themed resolves one of the app's colour names in the current theme and
// variant; under a theme that does not know it (a bare test app), from the
// palette for the current variant.
func themed(n fyne.ThemeColorName) color.Color {
	app := fyne.CurrentApp()
	if app == nil {
		c, _ := palette(n, false)
		return c
	}
	s := app.Settings()
	if t, ok := s.Theme().(*appTheme); ok {
		return t.Color(n, s.ThemeVariant())
	}
	c, _ := palette(n, s.ThemeVariant() == theme.VariantDark)
	return c
}

// hatColor is the colour that stands for a hat throughout the app.
func hatColor(h game.Hat) color.Color {
	switch h {
	case game.Manage:
		return color.NRGBA{0x2f, 0x7d, 0xc4, 0xff} // steady blue
	case game.Lead:
		return color.NRGBA{0xe0, 0x7b, 0x2e, 0xff} // warm amber
	case game.Both:
		return color.NRGBA{0x8a, 0x5c, 0xc9, 0xff} // violet
	}
	return color.NRGBA{0x8a, 0x8d, 0x94, 0xff}
}

// meterColor is the colour of a meter's bar.
func meterColor(name string) color.Color {
	switch name {
	case game.Stability:
		return color.NRGBA{0x2f, 0x7d, 0xc4, 0xff}
	case game.Morale:
		return color.NRGBA{0xe0, 0x7b, 0x2e, 0xff}
	case game.Trust:
		return color.NRGBA{0x2e, 0x9e, 0x6b, 0xff}
	}
	return color.Gray{0x88}
}

func goodColor() color.Color { return color.NRGBA{0x2e, 0x9e, 0x6b, 0xff} }
func badColor() color.Color  { return color.NRGBA{0xc8, 0x45, 0x3c, 0xff} }
func midColor() color.Color  { return color.NRGBA{0xc9, 0x9a, 0x1e, 0xff} }

// fitColor grades a fit score.
func fitColor(fit int) color.Color {
	switch game.FitBand(fit) {
	case game.Fits:
		return goodColor()
	case game.Partial:
		return midColor()
	}
	return badColor()
}
