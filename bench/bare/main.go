// Command bare is the baseline for bench/startup.sh and bench/idle-cpu.sh:
// a one-label Fyne window built with the same toolchain and Fyne version as
// Two Hats. With --entry it also holds a focused Entry, whose cursor blinks:
// the baseline for screens with a focused text field.
package main

import (
	"flag"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	entry := flag.Bool("entry", false, "add a focused text field (its cursor blinks)")
	flag.Parse()
	a := app.NewWithID("app.twohats.bare")
	w := a.NewWindow("Bare")
	if *entry {
		e := widget.NewEntry()
		w.SetContent(container.NewVBox(widget.NewLabel("Hello"), e))
		w.Canvas().Focus(e)
	} else {
		w.SetContent(widget.NewLabel("Hello"))
	}
	w.Resize(fyne.NewSize(1100, 760))
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()
	w.ShowAndRun()
}
