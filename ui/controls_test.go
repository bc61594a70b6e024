package ui

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// luminance is a colour's relative luminance (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestFocusRingIsVisible: the focus highlight on blue buttons changed
// their colour by a few values, so a keyboard player could not see where
// the focus was. Every control of the app draws a ring around itself when
// focused: the test renders each one focused and unfocused, in light and
// dark, and counts the pixels that change with a contrast of at least 3:1
// (WCAG 2.2's focus appearance), which must go all round the control.
func TestFocusRingIsVisible(t *testing.T) {
	for _, variant := range []string{ThemeLight, ThemeDark} {
		a := test.NewTempApp(t)
		a.Settings().SetTheme(&appTheme{variant: variant, scale: 1})
		primary := newButton("Continue", nil)
		primary.Importance = widget.HighImportance
		plain := newButton("Keep playing", nil)
		low := newButton("Menu", nil)
		low.Importance = widget.LowImportance
		radio := newRadioGroup([]string{"Small", "Normal"}, nil)
		radio.Horizontal = true
		radio.SetSelected("Normal")
		w := test.NewTempWindow(t, container.NewPadded(container.NewVBox(primary, plain, low, radio)))
		w.Resize(fyne.NewSize(360, 260))
		radio.Refresh()
		for name, c := range map[string]fyne.Focusable{"high-importance button": primary, "button": plain,
			"low-importance button": low, "radio option": radio.items[1]} {
			o := c.(fyne.CanvasObject)
			w.Canvas().Unfocus()
			before := w.Canvas().Capture()
			w.Canvas().Focus(c)
			after := w.Canvas().Capture()
			w.Canvas().Unfocus()

			// the ring's band: 1–6 px outside the control, all round
			// the test driver gives positions inside the canvas's inset
			inset, _ := w.Canvas().InteractiveArea()
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(inset)
			size := o.Size()
			sc := float64(w.Canvas().Scale())
			px := func(v float32) int { return int(math.Round(float64(v) * sc)) }
			outer := image.Rect(px(pos.X)-6, px(pos.Y)-6, px(pos.X+size.Width)+6, px(pos.Y+size.Height)+6)
			inner := image.Rect(px(pos.X)-1, px(pos.Y)-1, px(pos.X+size.Width)+1, px(pos.Y+size.Height)+1)
			sides := map[string]int{}
			for y := outer.Min.Y; y < outer.Max.Y; y++ {
				for x := outer.Min.X; x < outer.Max.X; x++ {
					if image.Pt(x, y).In(inner) {
						continue
					}
					if contrast(before.At(x, y), after.At(x, y)) < 3 {
						continue
					}
					switch {
					case y < inner.Min.Y:
						sides["top"]++
					case y >= inner.Max.Y:
						sides["bottom"]++
					case x < inner.Min.X:
						sides["left"]++
					default:
						sides["right"]++
					}
				}
			}
			for side, n := range map[string]int{"top": inner.Dx(), "bottom": inner.Dx(), "left": inner.Dy() / 2, "right": inner.Dy() / 2} {
				if sides[side] < n {
					t.Errorf("%s, %s: the focus ring changes %d pixels on the %s side with 3:1 contrast, want at least %d",
						variant, name, sides[side], side, n)
				}
			}
		}
	}
}
