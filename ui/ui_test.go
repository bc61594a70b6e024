package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
)

// harness is the app on a real store in a temporary folder, with a fixed
// clock, counting ids, a fixed seed and synchronous background work.
type harness struct {
	t     *testing.T
	dir   string
	db    *store.Store
	app   *App
	fyne  fyne.App
	extra []scenarios.Source
}

func newHarness(t *testing.T, dir string, extra ...scenarios.Source) *harness {
	t.Helper()
	return newHarnessWith(t, dir, nil, extra...)
}

// newHarnessWith is newHarness with a chance to fill the store and change
// the app's dependencies before the app starts.
func newHarnessWith(t *testing.T, dir string, prepare func(db *store.Store, d *Deps), extra ...scenarios.Source) *harness {
	t.Helper()
	clock := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	n := 0
	db, _, err := store.Open(dir, store.Options{
		Now:     func() time.Time { clock = clock.Add(time.Second); return clock },
		NewID:   func() string { n++; return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) },
		Backups: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &harness{t: t, dir: dir, db: db, extra: extra}
	h.fyne = test.NewTempApp(t)
	deps := Deps{
		Store:   db,
		Library: h.library,
		DataDir: dir,
		Seed:    func() int64 { return 3 },
		Now:     func() time.Time { return clock },
		Async:   func(work func(), then func()) { work(); then() },
	}
	if prepare != nil {
		prepare(db, &deps)
	}
	h.app = New(h.fyne, deps)
	h.app.Window().Resize(fyne.NewSize(1000, 800))
	// each key press is a second after the last: no held-key repeats
	keys := clock
	h.app.keyClock = func() time.Time { keys = keys.Add(time.Second); return keys }
	return h
}

func (h *harness) library() *scenarios.Library {
	data, err := os.ReadFile("../game/testdata/mini.yaml")
	if err != nil {
		h.t.Fatal(err)
	}
	srcs := []scenarios.Source{{FS: fstest.MapFS{"mini.yaml": {Data: data}}, Prefix: "(built in) "}}
	return scenarios.Load(append(srcs, h.extra...)...)
}

// objects lists every canvas object on screen, depth first.
func (h *harness) objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		out = append(out, o)
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(h.app.Window().Canvas().Content())
	for _, o := range h.app.Window().Canvas().Overlays().List() {
		walk(o)
	}
	return out
}

// text is everything the player can read on screen.
func (h *harness) text() string {
	var b strings.Builder
	for _, o := range h.objects() {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.RichText:
			b.WriteString(o.String() + "\n")
		case *widget.Button:
			b.WriteString("[" + o.Text + "]\n")
		case *button:
			b.WriteString("[" + o.Text + "]\n")
		case *canvas.Text: // drawn text: tables, chart axes and tips
			b.WriteString(o.Text + "\n")
		}
	}
	return b.String()
}

func (h *harness) mustSee(want ...string) {
	h.t.Helper()
	got := h.text()
	for _, w := range want {
		if !strings.Contains(got, w) {
			h.t.Fatalf("the %s screen does not show %q; it shows:\n%s", h.app.Screen(), w, got)
		}
	}
}

// asButton is the widget.Button that o is, or that the app's own button
// control o wraps.
func asButton(o fyne.CanvasObject) (*widget.Button, bool) {
	switch b := o.(type) {
	case *widget.Button:
		return b, true
	case *button:
		return &b.Button, true
	}
	return nil, false
}

// asEntry is the widget.Entry that o is or wraps.
func asEntry(o fyne.CanvasObject) (*widget.Entry, bool) {
	switch e := o.(type) {
	case *widget.Entry:
		return e, true
	case *entry:
		return &e.Entry, true
	}
	return nil, false
}

func (h *harness) button(label string) *widget.Button {
	h.t.Helper()
	for _, o := range h.objects() {
		if b, ok := asButton(o); ok && b.Text == label && !b.Disabled() {
			return b
		}
	}
	h.t.Fatalf("no enabled button %q on the %s screen; it shows:\n%s", label, h.app.Screen(), h.text())
	return nil
}

func (h *harness) tap(label string) { h.t.Helper(); test.Tap(h.button(label)) }

// card finds the action card whose title or text starts with prefix.
func (h *harness) card(prefix string) *actionCard {
	h.t.Helper()
	for _, o := range h.objects() {
		if c, ok := o.(*actionCard); ok && (strings.HasPrefix(c.Title, prefix) || strings.HasPrefix(c.Text, prefix)) {
			return c
		}
	}
	h.t.Fatalf("no card %q on the %s screen; it shows:\n%s", prefix, h.app.Screen(), h.text())
	return nil
}

// typeRune types a character as Fyne's desktop driver delivers it: to the
// focused widget, or to the canvas's handler when nothing has the focus
// (internal/driver/glfw/window.go, processCharInput).
func (h *harness) typeRune(r rune) {
	c := h.app.Window().Canvas()
	if f := c.Focused(); f != nil {
		f.TypedRune(r)
		return
	}
	c.OnTypedRune()(r)
}

// press types a key as Fyne's desktop driver delivers it: Tab moves the
// focus on (unless the focused widget takes tabs), and any other key goes
// to the focused widget, or to the canvas's handler when nothing has the
// focus (internal/driver/glfw/window.go, processKeyPressed).
func (h *harness) press(k fyne.KeyName) {
	c := h.app.Window().Canvas()
	ev := &fyne.KeyEvent{Name: k}
	if t, ok := c.Focused().(fyne.Tabbable); k == fyne.KeyTab && !(ok && t.AcceptsTab()) {
		c.FocusNext()
		return
	}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	c.OnTypedKey()(ev)
}

// shiftTab moves the focus back, as Shift+Tab does.
func (h *harness) shiftTab() { h.app.Window().Canvas().FocusPrevious() }

func (h *harness) createProfile(name string) {
	h.t.Helper()
	h.app.Start()
	h.mustSee("Welcome to Two Hats", "Who is playing?")
	for _, o := range h.objects() {
		if e, ok := asEntry(o); ok && e.PlaceHolder != "" && strings.HasPrefix(e.PlaceHolder, "Your name") {
			test.Type(e, name)
		}
	}
	h.tap("Start playing")
	if h.app.Screen() != "home" {
		h.t.Fatalf("after creating a profile the screen is %s, want home:\n%s", h.app.Screen(), h.text())
	}
}

func TestPlaythroughByTapping(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Amaka Obi")
	h.mustSee("Hello, Amaka Obi", "Try next", "Mini")
	h.tap("Play")
	// the intro beat comes first
	h.mustSee("A beat before the first moment.")
	h.tap("Continue")
	h.mustSee("The first moment calls for the manager hat.", "Read the moment: what does it call for?")
	test.Tap(h.card("Stabilise"))
	h.mustSee("What do you do?", "Make a plan.", "Give a speech.")
	test.Tap(h.card("Make a plan."))
	h.mustSee("You put on the manager hat.", "It fit the moment. Fit 100 of 100.", "The manager hat, fitting.", "You read it exactly right.")
	h.tap("Continue")
	test.Tap(h.card("Both"))
	test.Tap(h.card("Fix the plan and talk to people."))
	h.mustSee("You put on both hats.")
	h.tap("Continue")
	test.Tap(h.card("Re-energise"))
	test.Tap(h.card("Coach the leads."))
	h.mustSee("You put on the leader hat.")
	h.tap("See your debrief")
	if h.app.Screen() != "debrief" {
		t.Fatalf("screen = %s, want debrief", h.app.Screen())
	}
	h.mustSee("Debrief: Mini", "Good", "A strong ending", "The away test", "They run it without you.", "Your tendency: balanced",
		"1. It called for the manager hat", "You chose: Make a plan.", "[Play again]")
	// one away test: the author's, never a second story computed from the meters
	for _, verdict := range []string{"stalls", "to the letter", "goes beyond it", "the work drifts"} {
		if strings.Contains(h.text(), verdict) {
			t.Errorf("the debrief tells a second away story (%q) beside the author's", verdict)
		}
	}
	// the chart shows all four scores at 100
	for _, o := range h.objects() {
		if c, ok := o.(*barChart); ok {
			for _, b := range c.Bars {
				if b.Text != "100" {
					t.Errorf("debrief chart %s = %s, want 100", b.Label, b.Text)
				}
			}
		}
	}
	as, _ := h.db.Attempts(h.app.profile.ID)
	if len(as) != 1 || as[0].Status != game.StatusFinished || as[0].Ending != "good-end" || *as[0].Scores.Fit != 100 {
		t.Errorf("stored attempt = %+v", as)
	}
}

func TestPlaythroughByKeyboard(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Lars")
	h.tap("Play")
	h.press(fyne.KeyReturn) // past the beat
	order := map[string]int{}
	h.typeRune('2') // Re-energise: a wrong reading
	for i, c := range h.app.currentPlay().choiceCards {
		order[c.Text] = i + 1
	}
	h.typeRune(rune('0' + order["Give a speech."]))
	h.mustSee("You put on the leader hat.", "It did not fit the moment. Fit 20 of 100.", "Your reading missed it.")
	h.press(fyne.KeyReturn)
	h.typeRune('1') // Stabilise against Both: half right
	order = map[string]int{}
	for i, c := range h.app.currentPlay().choiceCards {
		order[c.Text] = i + 1
	}
	h.typeRune(rune('0' + order["Fix the plan and talk to people."]))
	h.mustSee("You saw half of it: the moment called for both hats.")
	h.press(fyne.KeyReturn)
	// morale fell to 35 with the speech flag set: the conditional beat
	h.mustSee("People remember the speech.")
	h.press(fyne.KeyReturn)
	h.typeRune('2')
	order = map[string]int{}
	for i, c := range h.app.currentPlay().choiceCards {
		order[c.Text] = i + 1
	}
	h.typeRune(rune('0' + order["Add a daily report."]))
	h.mustSee("You put on the manager hat.")
	h.press(fyne.KeyReturn)
	h.mustSee("Debrief: Mini", "Bad", "You slipped both ways")
	// fits 20, 100, 20 → Fit 46.7, shown rounded
	for _, o := range h.objects() {
		if c, ok := o.(*barChart); ok && len(c.Bars) == 4 {
			if c.Bars[0].Text != "47" || c.Bars[1].Text != "60" || c.Bars[2].Text != "60" || c.Bars[3].Text != "50" {
				t.Errorf("scores shown = %v %v %v %v, want 47 60 60 50", c.Bars[0].Text, c.Bars[1].Text, c.Bars[2].Text, c.Bars[3].Text)
			}
		}
	}
}

func TestEscapeOpensSaveAndLeave(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Mei")
	h.tap("Play")
	h.press(fyne.KeyEscape)
	h.mustSee("Every answer you have given is already saved.")
	h.tap("Save and leave")
	if h.app.Screen() != "home" {
		t.Fatalf("after save and leave the screen is %s", h.app.Screen())
	}
	h.mustSee("Continue where you left off")
}

func TestResumeAfterClosingMidScenario(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, dir)
	h.createProfile("Thabo")
	h.tap("Play")
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Make a plan."))
	h.mustSee("You put on the manager hat.")
	// the window closes before the player continues: a new app on the same data
	h.db.Close()
	h2 := newHarness(t, dir)
	h2.app.Start()
	h2.mustSee("Hello, Thabo", "Continue where you left off", "1 answered of 2–3 moments")
	h2.tap("Continue")
	h2.mustSee("The second moment calls for both.")
	for _, m := range h2.app.currentPlay().meters {
		if m.Name == game.Stability && m.Value != 60 {
			t.Errorf("stability after resume = %v, want 60", m.Value)
		}
	}
}

func TestLibraryListsBrokenUserFile(t *testing.T) {
	mini, err := os.ReadFile("../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(mini), "id: mini", "id: Broken One", 1)
	user := fstest.MapFS{"broken.yaml": {Data: []byte(broken)}}
	h := newHarness(t, t.TempDir(), scenarios.Source{FS: user, Prefix: "/home/ana/scenarios/", User: true})
	h.createProfile("Ana")
	h.tap("Scenarios")
	h.mustSee("Mini", "1 scenario, 1 file with problems", "Files that could not be loaded", "broken.yaml",
		`Line 2: The scenario id "Broken One" must be lower-kebab-case`, "/home/ana/scenarios/broken.yaml")
}

// The library says at the top, in the warning colour, how many files did
// not load, lists them above the scenarios, and reloads the folder.
func TestLibraryProblemsOnTopAndReload(t *testing.T) {
	mini, err := os.ReadFile("../game/testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	second := strings.NewReplacer("id: mini", "id: second", "title: Mini", "title: Second").Replace(string(mini))
	user := fstest.MapFS{
		"broken.yaml": {Data: []byte(strings.Replace(second, "id: second", "id: Broken One", 1))},
		"empty.yaml":  {Data: nil},
	}
	h := newHarness(t, t.TempDir(), scenarios.Source{FS: user, Prefix: "/home/ana/scenarios/", User: true})
	h.createProfile("Ana")
	h.tap("Scenarios")
	var count *widget.Label
	order := map[string]int{}
	for i, o := range h.objects() {
		if l, ok := o.(*widget.Label); ok {
			if l.Text == "1 scenario, 2 files with problems" {
				count = l
			}
			for _, s := range []string{"Files that could not be loaded", "empty.yaml", "Mini"} {
				if l.Text == s {
					if _, seen := order[s]; !seen {
						order[s] = i
					}
				}
			}
		}
	}
	if count == nil || count.Importance != widget.WarningImportance {
		t.Fatalf("the library does not say %q in the warning colour:\n%s", "1 scenario, 2 files with problems", h.text())
	}
	if !(order["Files that could not be loaded"] < order["Mini"] && order["empty.yaml"] < order["Mini"]) {
		t.Errorf("the files with problems are not listed above the scenarios: %v", order)
	}
	h.mustSee("Line 1: The file is empty; a scenario starts with 'format: 1'.")
	if strings.Contains(h.text(), "`") {
		t.Errorf("the library shows terminal markup (backticks):\n%s", h.text())
	}
	// the author fixes one file and removes the other, then reloads
	user["broken.yaml"] = &fstest.MapFile{Data: []byte(second)}
	delete(user, "empty.yaml")
	h.tap("Reload")
	if h.app.Screen() != "library" {
		t.Fatalf("after Reload the screen is %s", h.app.Screen())
	}
	h.mustSee("2 scenarios", "Second", "Mini")
	if strings.Contains(h.text(), "could not be loaded") {
		t.Errorf("after fixing the files the library still lists problems:\n%s", h.text())
	}
	// Settings says the same, in the warning colour while a file fails
	user["empty.yaml"] = &fstest.MapFile{Data: nil}
	h.tap("Settings")
	h.tap("Reload scenarios")
	h.mustSee("Loaded: 2 scenarios, 1 file with problems. The Scenarios page says what to fix.")
	for _, o := range h.objects() {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Loaded:") && l.Importance != widget.WarningImportance {
			t.Errorf("Settings shows %q in importance %v, want the warning colour", l.Text, l.Importance)
		}
	}
}

func TestProfileErrorsAreShown(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.app.Start()
	h.tap("Start playing") // no name typed
	h.mustSee("The name is empty; type a name.")
	for _, o := range h.objects() {
		if e, ok := asEntry(o); ok && strings.HasPrefix(e.PlaceHolder, "Optional") {
			test.Type(e, "7tv-bxk") // one character off a real code
		}
	}
	h.tap("Start playing")
	h.mustSee(`"7tv-bxk" is not a workshop code`)
}

func TestSettingsSwitchTheme(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Sofia")
	h.tap("Settings")
	h.mustSee("Appearance", filepath.Join(h.dir, "scenarios"))
	for _, o := range h.objects() {
		if r, ok := o.(*radioGroup); ok && len(r.Options) == 3 {
			r.SetSelected("Dark")
		}
	}
	dark, _ := palette(colorCard, true)
	if themed(colorCard) != dark || h.app.deps.Prefs.String(prefTheme) != ThemeDark {
		t.Error("choosing Dark did not switch and remember the dark theme")
	}
}

func TestFeedbackNamesPoorCraft(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Priya")
	h.tap("Play")
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Check everyone's screen hourly."))
	h.mustSee("You put on the manager hat, but wore it poorly.", "The hat was right, but the craft was poor. Fit 30 of 100.",
		"The manager hat done badly.", "Consequence: Trust -50.")
}

func TestHeldDigitDoesNotAlsoPickAnAction(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Ines")
	h.tap("Play")
	h.press(fyne.KeyReturn)
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	h.app.keyClock = func() time.Time { at = at.Add(30 * time.Millisecond); return at } // key repeat
	h.typeRune('1')
	h.typeRune('1')
	h.typeRune('1')
	p := h.app.currentPlay()
	if p.diagnosis != game.Manage || len(p.st.Steps) != 0 {
		t.Fatalf("a held 1 picked the reading and then an action: diagnosis %q, steps %d", p.diagnosis, len(p.st.Steps))
	}
	at = at.Add(time.Second)
	h.typeRune('1')
	if len(p.st.Steps) != 1 {
		t.Errorf("a deliberate 1 after a pause did not pick the first action")
	}
}
