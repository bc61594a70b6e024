package room

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// QR encodes text as a QR code's modules, true for dark, without the
// quiet zone.
func QR(text string) ([][]bool, error) {
	q, err := qrcode.New(text)
	if err != nil {
		return nil, fmt.Errorf("draw the QR code: %w", err)
	}
	var m capture
	if err := q.Save(&m); err != nil {
		return nil, fmt.Errorf("draw the QR code: %w", err)
	}
	return m.bits, nil
}

type capture struct{ bits [][]bool }

func (c *capture) Write(m qrcode.Matrix) error { c.bits = m.Bitmap(); return nil }
func (c *capture) Close() error                { return nil }

// quiet is the QR code's quiet zone, in modules.
const quiet = 4

// WriteQR draws a QR code in a terminal with half blocks (two modules per
// character cell), dark modules dark on a light quiet zone, so it scans on
// dark and light terminals alike.
func WriteQR(w io.Writer, bits [][]bool) error {
	n := len(bits)
	at := func(x, y int) bool {
		x, y = x-quiet, y-quiet
		return x >= 0 && y >= 0 && x < n && y < n && bits[y][x]
	}
	size := n + 2*quiet
	var b strings.Builder
	for y := 0; y < size; y += 2 {
		b.WriteString("\x1b[47;30m") // black on white
		for x := 0; x < size; x++ {
			top, bottom := at(x, y), at(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString("\x1b[0m\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// QRImage draws a QR code as an image, scale pixels a module, with its
// quiet zone.
func QRImage(bits [][]bool, scale int) image.Image {
	n := len(bits) + 2*quiet
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range bits {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := 0; dy < scale; dy++ {
				for dx := 0; dx < scale; dx++ {
					img.SetGray((x+quiet)*scale+dx, (y+quiet)*scale+dy, color.Gray{})
				}
			}
		}
	}
	return img
}
