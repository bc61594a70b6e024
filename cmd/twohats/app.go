package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/twohats/twohats/assets"
	"github.com/twohats/twohats/game/store"
	"github.com/twohats/twohats/scenarios"
	"github.com/twohats/twohats/ui"
)

// appID is the desktop app's identity (preferences, desktop file).
const appID = "app.twohats.game"

func init() {
	defaultCommand = runApp
}

// runApp opens the desktop app: `twohats [--data DIR]`.
func runApp(e *env, args []string) int {
	fs := flag.NewFlagSet("twohats", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { usage(e.stderr) }
	data := dataFlag(fs)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	dir, err := resolveDataDir(*data, e.getenv)
	if err != nil {
		return failer(e, "")(err)
	}
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	// the window maps at once with a start-up screen; the database (with its
	// integrity check and backup) and the scenarios load meanwhile
	u := ui.NewWindow(a, a.Preferences())
	u.Window().SetIcon(assets.Icon)
	var db *store.Store
	failed := false // the start failed: exit non-zero once the window closes
	go func() {
		libc := make(chan *scenarios.Library, 1)
		go func() { libc <- loadLibrary(dir) }()
		opened, notice, err := store.Open(dir, store.Options{})
		lib := <-libc
		_ = os.MkdirAll(filepath.Join(dir, "scenarios"), 0o755)
		fyne.Do(func() {
			if err != nil {
				failed = true
				u.Fail("Two Hats cannot open your progress file", err)
				return
			}
			db = opened
			first := true
			u.Boot(ui.Deps{
				Store:       db,
				Facilitator: newFacilitator(db, dir),
				Library: func() *scenarios.Library {
					if first { // the library loaded at start-up; reloads read the folder again
						first = false
						return lib
					}
					return loadLibrary(dir)
				},
				DataDir:    dir,
				OpenFolder: openFolder,
				Prefs:      a.Preferences(),
				Notice:     string(notice),
			})
		})
	}()
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	// quit cleanly on SIGTERM or Ctrl-C: the window closes and the database
	// is closed by the deferred Close
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()
	u.Window().ShowAndRun()
	if failed {
		return 1
	}
	return 0
}

// openFolder shows a folder in the platform's file manager, creating it if
// it does not exist yet.
func openFolder(path string) error {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("create the folder %s: %w", path, err)
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", path)
	case "windows":
		cmd = exec.Command("explorer", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("no file manager could open %s (%v); open it yourself", path, err)
	}
	go cmd.Wait()
	return nil
}
