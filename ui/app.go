package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/scenarios"
)

// Preference keys.
const (
	prefTheme    = "theme"
	prefTextSize = "textScale"
	prefProfile  = "profile"
)

// App is the Two Hats window and its navigation.
type App struct {
	fyne  fyne.App
	win   fyne.Window
	deps  Deps
	theme *appTheme

	lib     *scenarios.Library
	profile *game.Profile

	// keys handles a key press for the screen on show; it reports whether
	// it used the key.
	keys  func(*fyne.KeyEvent) bool
	runes func(rune) bool
	// escape opens the screen's menu, if it has one
	escape func()
	// enter is the screen's primary action, which Enter takes, if it has
	// one; a screen being built names it in primary, and show moves it here
	enter, primary func()
	// current screen name, for tests and the header
	screen string
	// the attempt on screen, while playing
	playing *playScreen
	// focus goes here once the next screen is on show
	focus fyne.Focusable
	// typeInto takes what is typed on the next screen while nothing has the
	// focus: the field is focused at the first key, not when the screen
	// opens, because a focused field blinks its cursor, and every blink
	// repaints the whole window (2.3 times a bare window's idle CPU on the
	// welcome screen under software rendering, bench/idle-cpu.sh)
	typeInto *entry
	// keyClock times key presses (the held-key guard); tests replace it
	keyClock func() time.Time
	// nav counts screen changes, so background work that finishes after
	// the player moved on can tell and leave the screen alone
	nav int
	// the Facilitator area, once opened
	facil *facilArea
	// logo is the header's icon, one image for every screen (logo.go)
	logo *canvas.Image
	// afterFrame runs a function on the UI goroutine after the window has
	// drawn what is on it now (fyne.Do); tests replace it
	afterFrame func(func())
	// bars are the busy bars on show, stopped when the screen changes
	bars []*widget.ProgressBarInfinite
}

// New builds the app's window with its dependencies. Call Start to show
// the first screen.
func New(a fyne.App, deps Deps) *App {
	u := NewWindow(a, deps.Prefs)
	u.setDeps(deps)
	return u
}

// NewWindow builds the window before the store is open, showing a quiet
// start-up screen, so the window appears at once; Boot finishes the start.
func NewWindow(a fyne.App, prefs Prefs) *App {
	if prefs == nil {
		prefs = &memPrefs{s: map[string]string{}, f: map[string]float64{}}
	}
	u := &App{fyne: a, deps: Deps{Prefs: prefs}, keyClock: time.Now, afterFrame: fyne.Do}
	u.theme = &appTheme{variant: prefs.String(prefTheme), scale: float32(prefs.Float(prefTextSize))}
	if u.theme.variant == "" {
		u.theme.variant = ThemeSystem
	}
	if u.theme.scale <= 0 {
		u.theme.scale = 1
	}
	a.Settings().SetTheme(u.theme)
	u.win = a.NewWindow("Two Hats")
	u.win.Resize(fyne.NewSize(1100, 760))
	u.win.SetMaster()
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.win.Canvas().SetOnTypedRune(u.typedRune)
	// a light/dark switch — in Settings or by the operating system — makes
	// Fyne refresh every widget on screen; custom widgets resolve their
	// colours from theme names in Refresh, so no screen is rebuilt
	u.showBusy("starting", false, widget.NewLabelWithStyle("Two Hats", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	return u
}

// Boot gives the window its dependencies once they are ready and shows the
// first screen. Call it on the UI goroutine.
func (u *App) Boot(deps Deps) {
	if deps.Prefs == nil {
		deps.Prefs = u.deps.Prefs
	}
	u.setDeps(deps)
	u.Start()
}

// Fail shows a start-up error that leaves nothing to do but quit.
func (u *App) Fail(title string, err error) {
	quit := newButton("Quit", u.fyne.Quit)
	u.show("failed", page(heading(title), para(sentence(err)), container.NewHBox(quit)), false)
}

func (u *App) setDeps(deps Deps) {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Seed == nil {
		deps.Seed = func() int64 { return rand.Int64N(1 << 62) }
	}
	if deps.Async == nil {
		deps.Async = func(work func(), then func()) {
			go func() {
				work()
				fyne.Do(then)
			}()
		}
	}
	if deps.Prefs == nil {
		deps.Prefs = &memPrefs{s: map[string]string{}, f: map[string]float64{}}
	}
	u.deps = deps
}

// Window is the app's main window.
func (u *App) Window() fyne.Window { return u.win }

// Screen names the screen on show.
func (u *App) Screen() string { return u.screen }

// Start loads the library and shows the first screen: profile creation on a
// first run, else home for the last player.
func (u *App) Start() {
	var profiles []game.Profile
	var lib *scenarios.Library
	var err error
	// the store is read off the UI goroutine, as every screen does
	u.async(func() {
		lib = u.deps.Library()
		profiles, err = u.deps.Store.Profiles(false)
	}, func() {
		u.lib = lib
		if u.deps.Notice != "" {
			defer dialog.ShowInformation("Your progress file was damaged", u.deps.Notice, u.win)
		}
		u.start(profiles, err)
	})
}

func (u *App) start(profiles []game.Profile, err error) {
	if err != nil {
		u.Fail("Two Hats could not read your profiles", err)
		return
	}
	if len(profiles) == 0 {
		if u.deps.Facilitator != nil && u.deps.Prefs.String(prefStartIn) == "facilitator" {
			u.showFacilitator() // a facilitator's computer: no player needed
			return
		}
		u.showWelcome()
		return
	}
	last := u.deps.Prefs.String(prefProfile)
	p := profiles[0]
	for _, q := range profiles {
		if q.ID == last {
			p = q
		}
	}
	u.setProfile(p)
	u.showHome()
}

func (u *App) setProfile(p game.Profile) {
	u.profile = &p
	u.deps.Prefs.SetString(prefProfile, p.ID)
}

// typedKey is the screen's key handler. Fyne calls it while nothing has
// the focus; the app's focusable controls hand it the keys they do not use
// (keys.go), so the same keys work whatever Tab focused.
func (u *App) typedKey(ev *fyne.KeyEvent) {
	if u.win.Canvas().Overlays().Top() != nil {
		// a dialog is open: keys must not act on the screen behind it.
		// Escape or Enter answers the pause menu: back to the game.
		if u.playing != nil && u.playing.pause != nil && (ev.Name == fyne.KeyEscape || isEnter(ev.Name)) {
			u.playing.pause.Hide()
		}
		return
	}
	switch {
	case ev.Name == fyne.KeyEscape && u.escape != nil:
		u.escape()
	case u.keys != nil && u.keys(ev):
	case scrollKey(u.win.Canvas().Content(), ev):
	case isEnter(ev.Name) && u.enter != nil:
		u.enter()
	}
}

func (u *App) typedRune(r rune) {
	if u.win.Canvas().Overlays().Top() != nil {
		return // a dialog is open
	}
	if u.runes != nil {
		u.runes(r)
	}
}

// show replaces the window's content with a screen under the header.
func (u *App) show(name string, body fyne.CanvasObject, withHeader bool) {
	u.stopBars()
	// a screen rebuilt in place keeps the keyboard focus where it was
	var keep string
	if f, ok := u.win.Canvas().Focused().(fyne.CanvasObject); ok && name == u.screen {
		keep = focusID(f)
	}
	u.screen = name
	u.nav++
	u.facilLeave(name)
	u.keys, u.runes, u.escape = nil, nil, nil
	u.enter, u.primary = u.primary, nil
	u.playing = nil
	if withHeader {
		body = container.NewBorder(u.header(name), nil, nil, nil, body)
	}
	// a focused field that leaves the window is never told it lost the
	// focus, and its cursor would blink on unseen, repainting the window
	u.win.Canvas().Unfocus()
	u.win.SetContent(body)
	switch {
	case u.focus != nil:
		u.win.Canvas().Focus(u.focus)
		u.focus = nil
	case keep != "":
		refocus(u.win.Canvas(), keep)
	}
	if e := u.typeInto; e != nil {
		u.typeInto = nil
		u.runes = func(r rune) bool {
			u.win.Canvas().Focus(e)
			e.TypedRune(r)
			return true
		}
	}
}

// header is the bar across the top: the app's name and the main places.
func (u *App) header(current string) fyne.CanvasObject {
	title := canvas.NewText("Two Hats", theme.Color(theme.ColorNamePrimary))
	title.TextSize = theme.TextHeadingSize()
	title.TextStyle = fyne.TextStyle{Bold: true}
	nav := container.NewHBox()
	add := func(name, label string, icon fyne.Resource, go_ func()) {
		b := newButtonWithIcon(label, icon, go_)
		if name == current {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		nav.Add(b)
	}
	add("home", "Home", theme.HomeIcon(), u.showHome)
	add("library", "Scenarios", theme.ListIcon(), u.showLibrary)
	add("progress", "Progress", theme.HistoryIcon(), u.showProgress)
	if u.deps.Facilitator != nil {
		add("facilitator", "Facilitator", theme.AccountIcon(), u.showFacilitator)
	}
	add("settings", "Settings", theme.SettingsIcon(), u.showSettings)
	who := newButtonWithIcon("", theme.AccountIcon(), u.showProfiles)
	if u.profile != nil {
		who.SetText(ellipsize(u.profile.Name, 24))
	} else {
		who.SetText("Add a player")
	}
	who.Importance = widget.LowImportance
	if u.logo == nil {
		u.logo = canvas.NewImageFromImage(logoImage())
		u.logo.FillMode = canvas.ImageFillContain
		u.logo.SetMinSize(fyne.NewSize(32, 32))
	}
	bar := container.NewHBox(container.NewCenter(u.logo), container.NewPadded(title), layout.NewSpacer(), nav, widget.NewSeparator(), who)
	return container.NewVBox(container.NewPadded(bar), widget.NewSeparator())
}

// page wraps a screen's content in a scrolling, centred column of readable
// width.
func page(objs ...fyne.CanvasObject) fyne.CanvasObject {
	col := container.NewVBox(objs...)
	return container.NewVScroll(container.New(&readableLayout{max: 880}, col))
}

// readableLayout centres one child at most max wide, with margins (thin
// ones above and below when tight).
type readableLayout struct {
	max   float32
	tight bool
}

func (l *readableLayout) margin() float32 {
	if l.tight {
		return theme.Padding()
	}
	return 16
}

func (l *readableLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width - 48
	if w > l.max {
		w = l.max
	}
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, l.margin()))
		// wrapped text is only as tall as its width allows: size the width
		// first, then ask again for the height
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		if h := o.MinSize().Height; h != o.Size().Height {
			o.Resize(fyne.NewSize(w, h))
		}
	}
}

func (l *readableLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		if m := o.MinSize(); m.Height > h {
			h = m.Height
		}
	}
	return fyne.NewSize(320, h+2*l.margin())
}

// heading is a large title.
func heading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

func subheading(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// para is wrapped body text; hard line breaks inside a paragraph (as YAML
// block text has) are joined, so the label wraps it to the window.
func para(text string) *widget.Label {
	l := widget.NewLabel(strings.TrimSpace(reflow(text)))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// muted is wrapped secondary text: italic, so it reads as an aside while
// keeping full contrast.
func muted(text string) *widget.Label {
	l := para(text)
	l.TextStyle = fyne.TextStyle{Italic: true}
	return l
}

// hint is a short one-line aside, such as a key to press.
func hint(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
}

// panel is a rounded card surface around content.
func (u *App) panel(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(newSurface(12), container.NewPadded(container.NewPadded(content)))
}

// accentPanel is a panel with a coloured stripe on its left.
func (u *App) accentPanel(accent fyne.CanvasObject, content fyne.CanvasObject) fyne.CanvasObject {
	return u.panel(container.NewBorder(nil, nil, accent, nil, content))
}

func stripe(c interface{ RGBA() (r, g, b, a uint32) }) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(6, 10))
	r.CornerRadius = 3
	return r
}

func (u *App) showError(title string, err error) {
	dialog.ShowError(fmt.Errorf("%s", errorSentence(title, err)), u.win)
}

// errorSentence joins a title and its cause into one complete sentence.
func errorSentence(title string, err error) string {
	msg := strings.TrimSuffix(title, ".") + ": " + err.Error()
	if r, _ := utf8.DecodeLastRuneInString(msg); r != '.' && r != '?' && r != '!' {
		msg += "."
	}
	return msg
}

// upperFirst capitalises the first letter, whatever its encoded length.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// async runs work off the UI goroutine and then on it again.
func (u *App) async(work func(), then func()) { u.deps.Async(work, then) }

func ellipsize(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// currentPlay is the attempt on screen, or nil.
func (u *App) currentPlay() *playScreen { return u.playing }
