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

// isDark reports whether the theme currently renders dark.
func isDark(a fyne.App, t *appTheme) bool {
	switch t.variant {
	case ThemeDark:
		return true
	case ThemeLight:
		return false
	}
	return a.Settings().ThemeVariant() == theme.VariantDark
}

// card is the surface colour of a card on the background.
func cardColor(dark bool) color.Color {
	if dark {
		return color.NRGBA{0x26, 0x2a, 0x32, 0xff}
	}
	return color.NRGBA{0xff, 0xff, 0xff, 0xff}
}

func cardHoverColor(dark bool) color.Color {
	if dark {
		return color.NRGBA{0x31, 0x36, 0x40, 0xff}
	}
	return color.NRGBA{0xee, 0xf2, 0xf8, 0xff}
}

func borderColor(dark bool) color.Color {
	if dark {
		return color.NRGBA{0x3a, 0x3f, 0x4a, 0xff}
	}
	return color.NRGBA{0xdd, 0xd8, 0xcf, 0xff}
}

func mutedColor(dark bool) color.Color {
	if dark {
		return color.NRGBA{0xa8, 0xa9, 0xae, 0xff}
	}
	return color.NRGBA{0x5f, 0x62, 0x6b, 0xff}
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
