// Package assets bundles the app's icon into the binary.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the Two Hats icon: two hats on a rounded tile.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
