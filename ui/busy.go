package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// newBusyBar makes the infinite progress bars; tests replace it to watch
// them.
var newBusyBar = widget.NewProgressBarInfinite

// busyBar is an infinite progress bar that stops when the app leaves the
// screen it was made on (make it once that screen is on show). Fyne animates an infinite bar at the display's frame rate until
// it is stopped, even once it is off the window or hidden, which kept a
// core half busy on screens where nothing happened (bench/idle-cpu.sh).
// A bar that goes away before the screen does is stopped with stopBar.
func (u *App) busyBar() *widget.ProgressBarInfinite {
	b := newBusyBar()
	u.bars = append(u.bars, b)
	return b
}

// showBusy shows a screen that is a busy bar (under above, if given)
// while work runs. The bar is made once the screen is on show, so that
// show, which stops the bars of the screen it replaces, leaves it running.
func (u *App) showBusy(name string, withHeader bool, above ...fyne.CanvasObject) {
	box := container.NewVBox(above...)
	u.show(name, container.NewCenter(box), withHeader)
	box.Add(u.busyBar())
}

// stopBar stops a busy bar's animation and hides it.
func stopBar(b *widget.ProgressBarInfinite) {
	b.Stop() // before Hide, which would stop it without telling its renderer
	b.Hide()
}

// stopBars stops the busy bars of the screen being left.
func (u *App) stopBars() {
	for _, b := range u.bars {
		stopBar(b)
	}
	u.bars = nil
}
