package ui

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"sync"

	"github.com/twohats/twohats/assets"
)

// logoPixels is the header icon's size in pixels: twice its 32 units, so
// it stays sharp on a doubled display.
const logoPixels = 64

// logoImage is the app's icon decoded and scaled down once. The header is
// rebuilt with every screen and Fyne refreshes its image then: from the
// 512-pixel PNG that meant decoding and scaling it again on every screen
// change, a fifth of the time a change took.
var logoImage = sync.OnceValue(func() image.Image {
	src, err := png.Decode(bytes.NewReader(assets.Icon.Content()))
	if err != nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1)) // TestLogoImage fails on this
	}
	return shrink(src, logoPixels)
})

// shrink scales a square image down to n pixels a side by averaging the
// source pixels each destination pixel covers, in premultiplied colour so
// transparent edges do not darken.
func shrink(src image.Image, n int) *image.RGBA {
	b := src.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), src, b.Min, draw.Src)
	out := image.NewRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		y0, y1 := y*b.Dy()/n, (y+1)*b.Dy()/n
		for x := 0; x < n; x++ {
			x0, x1 := x*b.Dx()/n, (x+1)*b.Dx()/n
			var sum [4]int
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					i := rgba.PixOffset(sx, sy)
					for c := 0; c < 4; c++ {
						sum[c] += int(rgba.Pix[i+c])
					}
				}
			}
			count := (y1 - y0) * (x1 - x0)
			if count == 0 {
				continue
			}
			i := out.PixOffset(x, y)
			for c := 0; c < 4; c++ {
				out.Pix[i+c] = uint8((sum[c] + count/2) / count)
			}
		}
	}
	return out
}
