// Command mkicon draws the Two Hats icon: two hats, a steady blue one and a
// warm amber one, on a rounded tile. Run `go run ./tools/mkicon` from the
// repository root to rewrite assets/icon.png.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	bg := color.NRGBA{0xf6, 0xf4, 0xef, 0xff}
	blue := color.NRGBA{0x2f, 0x7d, 0xc4, 0xff}
	amber := color.NRGBA{0xe0, 0x7b, 0x2e, 0xff}
	ink := color.NRGBA{0x22, 0x24, 0x29, 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if inRoundRect(x, y, 16, 16, size-16, size-16, 96) {
				img.Set(x, y, bg)
			}
		}
	}
	// left: a flat cap-like manager hat (blue): crown + brim
	hat(img, 185, 360, 120, 130, blue, ink)
	// right: a taller leader hat (amber), slightly raised and overlapping
	hat(img, 340, 310, 110, 175, amber, ink)
	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
}

// hat draws a crown (rounded rectangle) of width w and height h standing
// on a brim (a flat ellipse), centred at cx with the brim at by.
func hat(img *image.NRGBA, cx, by, w, h int, fill, band color.NRGBA) {
	for y := by - h; y <= by+30; y++ {
		for x := cx - w - 30; x <= cx+w+30; x++ {
			dx := float64(x - cx)
			dy := float64(y - by)
			inBrim := dx*dx/math.Pow(float64(w)+20, 2)+dy*dy/(22*22) <= 1
			inCrown := inRoundRect(x, y, cx-w/2-10, by-h, cx+w/2+10, by, 26)
			inBand := inCrown && y > by-34 && y < by-12
			switch {
			case inBand:
				img.Set(x, y, band)
			case inCrown || inBrim:
				img.Set(x, y, fill)
			}
		}
	}
}

func inRoundRect(x, y, x0, y0, x1, y1, r int) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := clampInt(x, x0+r, x1-r)
	cy := clampInt(y, y0+r, y1-r)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= r*r
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
