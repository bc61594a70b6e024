// Command bare is the baseline for bench/startup.sh: a one-label Fyne
// window built with the same toolchain and Fyne version as Two Hats.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.twohats.bare")
	w := a.NewWindow("Bare")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(1100, 760))
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()
	w.ShowAndRun()
}
