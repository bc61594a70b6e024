package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/twohats/twohats/assets"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
	"github.com/twohats/twohats/ui"
)

// appID is the desktop app's identity (preferences, desktop file).
const appID = "app.twohats.game"

func init() {
	defaultCommand = runApp
}

// runApp opens the desktop app: `twohats [--data DIR] [--screen NAME,...]`.
func runApp(e *env, args []string) int {
	fs := flag.NewFlagSet("twohats", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { usage(e.stderr) }
	data := dataFlag(fs)
	screenList := fs.String("screen", "", "open these screens in turn, a second apart, and stay on the last (for screenshots and benchmarks)")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	var screens []string
	if *screenList != "" {
		screens = strings.Split(*screenList, ",")
		for _, s := range screens {
			if !slices.Contains(ui.Screens, s) {
				fmt.Fprintf(e.stderr, "twohats: %q is not a screen; choose from %s.\n", s, strings.Join(ui.Screens, ", "))
				return 2
			}
		}
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
	var rooms *roomPlay
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
			rooms = newRoomPlay(db)
			libs := &libraryCache{dir: dir, lib: lib, fresh: true}
			u.Boot(ui.Deps{
				Store:       db,
				Facilitator: newFacilitator(db, libs.current),
				Room:        rooms,
				Library:     libs.load,
				DataDir:     dir,
				OpenFolder:  openFolder,
				Prefs:       a.Preferences(),
				Notice:      string(notice),
			})
		})
		openScreens(u, screens, e)
	}()
	defer func() {
		if rooms != nil {
			rooms.stopAll() // a room still served stays resumable
		}
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

// openScreens opens each screen in turn, a second apart, once the first
// screen is on show, and says on standard output when the last one was
// opened ("screen NAME"), for scripts that wait for it.
func openScreens(u *ui.App, screens []string, e *env) {
	if len(screens) == 0 {
		return
	}
	for {
		var s string
		fyne.DoAndWait(func() { s = u.Screen() })
		if s == "failed" {
			return
		}
		if s != "starting" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, name := range screens {
		time.Sleep(time.Second)
		var err error
		fyne.DoAndWait(func() { err = u.Open(name) })
		if err != nil {
			fmt.Fprintf(e.stderr, "twohats: %v.\n", err)
			return
		}
	}
	fmt.Fprintf(e.stdout, "screen %s\n", screens[len(screens)-1])
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

// libraryCache holds the library the app shows, so the Facilitator area
// checks imports and writes exports against the same scenarios instead of
// reading the folder again each time.
type libraryCache struct {
	mu    sync.Mutex
	dir   string
	lib   *scenarios.Library
	fresh bool // lib was loaded at start-up and not yet handed out
}

// load is the app's Library: the start-up library first, then the folder
// read again on each reload.
func (c *libraryCache) load() *scenarios.Library {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fresh {
		c.fresh = false
		return c.lib
	}
	c.lib = loadLibrary(c.dir)
	return c.lib
}

// current is the library the app shows now.
func (c *libraryCache) current() *scenarios.Library {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lib
}
