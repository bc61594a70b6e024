package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// focusedButton is the label of the button with the keyboard focus, or ""
// when something else, or nothing, has it.
func (h *harness) focusedButton() string {
	if b, ok := asButton(h.app.Window().Canvas().Focused().(fyne.CanvasObject)); ok {
		return b.Text
	}
	return ""
}

// tabTo presses Tab until the button with the label has the focus.
func (h *harness) tabTo(label string) {
	h.t.Helper()
	for i := 0; i < 40; i++ {
		h.press(fyne.KeyTab)
		if h.focusedButton() == label {
			return
		}
	}
	h.t.Fatalf("Tab never reached the %q button on the %s screen", label, h.app.Screen())
}

// control is the app's own button with the label, as it sits on screen.
func (h *harness) control(label string) *button {
	h.t.Helper()
	for _, o := range h.objects() {
		if b, ok := o.(*button); ok && b.Text == label {
			return b
		}
	}
	h.t.Fatalf("no button %q on the %s screen", label, h.app.Screen())
	return nil
}

// inView reports whether all of o shows in the screen's scroll container.
func (h *harness) inView(o fyne.CanvasObject) bool {
	h.t.Helper()
	s := mainScroll(h.app.Window().Canvas().Content())
	if s == nil {
		h.t.Fatalf("the %s screen has no scroll container", h.app.Screen())
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	return top >= s.Offset.Y && top+o.Size().Height <= s.Offset.Y+s.Size().Height
}

func (h *harness) scrollY() float32 {
	return mainScroll(h.app.Window().Canvas().Content()).Offset.Y
}

// TestDigitsAndEscapeAfterTab: once Tab had focused a button (Menu), the
// focused button swallowed every key, so the digits no longer picked a
// reading or an action and Escape no longer paused. The app's buttons hand
// the keys they do not use to the screen.
func TestDigitsAndEscapeAfterTab(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Tab")
	h.tap("Play")
	h.press(fyne.KeyReturn) // past the beat
	h.tabTo("Menu")
	h.typeRune('1')
	p := h.app.currentPlay()
	if p.diagnosis != game.Manage {
		t.Fatalf("with Menu focused, 1 did not pick the first reading (diagnosis %q)", p.diagnosis)
	}
	h.press(fyne.KeyEscape)
	if p.pause == nil {
		t.Fatal("with Menu focused, Escape did not open the pause menu")
	}
	h.press(fyne.KeyEscape)
	if p.pause != nil || h.focusedButton() != "Menu" {
		t.Fatalf("Escape did not close the pause menu back to the game (focus on %q)", h.focusedButton())
	}
	h.typeRune('1')
	if len(p.st.Steps) != 1 {
		t.Fatalf("with Menu focused, 1 did not pick the first action (%d steps)", len(p.st.Steps))
	}
	h.press(fyne.KeyReturn) // on to the next moment: Enter on Menu opens it
	if p.pause == nil {
		t.Fatal("Enter on the focused Menu button did not press it")
	}
}

// TestKeysScrollEveryScreen: Page Up, Page Down and the arrows scrolled
// nothing, so a keyboard player picked actions 3 and 4 unseen. They scroll
// the screen, with nothing focused and with a button focused alike.
func TestKeysScrollEveryScreen(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Scroll")
	h.app.Window().Resize(fyne.NewSize(640, 380))
	h.app.showHome()
	h.press(fyne.KeyPageDown)
	if h.scrollY() <= 0 {
		t.Errorf("Page Down did not scroll Home")
	}
	h.tap("Play")
	h.press(fyne.KeyReturn)
	h.typeRune('3') // the reading; the four actions come below
	s := mainScroll(h.app.Window().Canvas().Content())
	last := h.app.currentPlay().choiceCards[3]
	s.ScrollToTop()
	if h.inView(last) {
		t.Fatal("the window is too large for this test: the fourth action shows without scrolling")
	}
	for _, focused := range []bool{false, true} {
		if focused {
			h.tabTo("Menu")
		}
		s.ScrollToTop()
		h.press(fyne.KeyDown)
		line := h.scrollY()
		if line <= 0 {
			t.Fatalf("(focus on %q) Down did not scroll", h.focusedButton())
		}
		h.press(fyne.KeyPageDown)
		if page := h.scrollY() - line; page < s.Size().Height/2 {
			t.Errorf("(focus on %q) Page Down scrolled %v, want most of the %v view", h.focusedButton(), page, s.Size().Height)
		}
		h.press(fyne.KeyEnd)
		if !h.inView(last) {
			t.Errorf("(focus on %q) End did not bring the last action into view", h.focusedButton())
		}
		h.press(fyne.KeyUp)
		h.press(fyne.KeyPageUp)
		h.press(fyne.KeyPageUp)
		h.press(fyne.KeyPageUp)
		if y := h.scrollY(); y != 0 {
			t.Errorf("(focus on %q) Up and Page Up did not scroll back to the top (at %v)", h.focusedButton(), y)
		}
	}

	// every screen scrolls the same way: the debrief, and the others once
	// there is a finished attempt to show
	h.app.Window().Canvas().Unfocus()
	h.playByKeys()
	for _, screen := range []string{"", "Scenarios", "Progress", "Settings"} {
		if screen != "" {
			h.tap(screen)
		}
		h.press(fyne.KeyPageDown)
		if h.scrollY() <= 0 {
			t.Errorf("Page Down did not scroll the %s screen", h.app.Screen())
		}
		h.press(fyne.KeyHome)
		if h.scrollY() != 0 {
			t.Errorf("Home did not scroll the %s screen back to the top", h.app.Screen())
		}
	}
}

// playByKeys plays the attempt on screen to its debrief with the keyboard
// only, picking the first reading and the first action every time.
func (h *harness) playByKeys() {
	h.t.Helper()
	for i := 0; i < 60 && h.app.Screen() == "play"; i++ {
		if h.app.currentPlay().next != nil {
			h.press(fyne.KeyReturn)
		} else {
			h.typeRune('1')
		}
	}
	if h.app.Screen() != "debrief" {
		h.t.Fatalf("playing by keys ended on the %s screen, want the debrief", h.app.Screen())
	}
}

// TestTabRevealsFocusedControl: Tab moved the focus to buttons below the
// fold without scrolling to them. The focused control comes into view.
func TestTabRevealsFocusedControl(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Reveal")
	h.app.Window().Resize(fyne.NewSize(640, 380))
	h.app.showHome()
	browse := h.control("Browse all scenarios")
	if h.inView(browse) {
		t.Fatal("the window is too large for this test: Browse shows without scrolling")
	}
	h.tabTo("Browse all scenarios")
	if !h.inView(browse) {
		t.Errorf("Tab focused Browse all scenarios below the fold without scrolling to it")
	}
	play := h.control("Play")
	h.press(fyne.KeyHome) // scroll away from the focused button, then go back with Shift+Tab
	h.press(fyne.KeyEnd)
	h.shiftTab()
	if h.focusedButton() != "Play" || !h.inView(play) {
		t.Errorf("Shift+Tab to Play (focus on %q) did not bring it into view", h.focusedButton())
	}

	// an entry too: the profile form's fields at the foot of the Players screen
	h.app.showProfiles()
	var name *entry
	for _, o := range h.objects() {
		if e, ok := o.(*entry); ok && e.PlaceHolder == h.entry("Your name").PlaceHolder {
			name = e
		}
	}
	if h.inView(name) {
		t.Fatal("the window is too large for this test: the form shows without scrolling")
	}
	for i := 0; i < 30 && h.focusedEntry() != name; i++ {
		h.press(fyne.KeyTab)
	}
	if h.focusedEntry() != name {
		t.Fatal("Tab never reached the name field")
	}
	if !h.inView(name) {
		t.Error("Tab focused the name field below the fold without scrolling to it")
	}
}

func (h *harness) focusedEntry() *entry {
	e, _ := h.app.Window().Canvas().Focused().(*entry)
	return e
}

// TestEnterTakesHomesPrimaryAction: Enter did nothing on Home. It
// continues the latest unfinished attempt, or plays the suggestion.
func TestEnterTakesHomesPrimaryAction(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Enter")
	h.press(fyne.KeyReturn)
	if h.app.Screen() != "play" {
		t.Fatalf("Enter on Home with nothing to continue opened %s, want the suggested scenario", h.app.Screen())
	}
	h.press(fyne.KeyReturn)
	h.typeRune('1')
	h.typeRune('1')
	h.press(fyne.KeyEscape)
	h.tap("Save and leave")
	h.mustSee("Continue where you left off")
	h.press(fyne.KeyEnter) // the keypad's Enter
	if h.app.Screen() != "play" || len(h.app.currentPlay().st.Steps) != 1 {
		t.Fatalf("Enter on Home did not continue the unfinished attempt (screen %s)", h.app.Screen())
	}
}

// TestPauseMenuAnswersEnterAndEscape: the pause menu could not be answered
// with Enter. Enter keeps playing, as does Escape, wherever the focus is.
func TestPauseMenuAnswersEnterAndEscape(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Pause")
	h.tap("Play")
	overlays := func() int { return len(h.app.Window().Canvas().Overlays().List()) }
	h.press(fyne.KeyEscape)
	if h.focusedButton() != "Keep playing" {
		t.Errorf("the pause menu opened with the focus on %q, want Keep playing", h.focusedButton())
	}
	h.press(fyne.KeyReturn)
	if overlays() != 0 || h.app.Screen() != "play" {
		t.Fatalf("Enter in the pause menu left %d dialogs on the %s screen, want the game", overlays(), h.app.Screen())
	}
	h.press(fyne.KeyEscape)
	h.app.Window().Canvas().Unfocus() // nothing focused: the screen's handler answers
	h.press(fyne.KeyEnter)
	if overlays() != 0 {
		t.Fatal("Enter with nothing focused did not close the pause menu")
	}
	h.press(fyne.KeyEscape)
	h.press(fyne.KeyTab)
	if h.focusedButton() != "Save and leave" {
		t.Fatalf("Tab in the pause menu focused %q, want Save and leave", h.focusedButton())
	}
	h.press(fyne.KeyEscape)
	if overlays() != 0 || h.app.Screen() != "play" {
		t.Fatal("Escape with Save and leave focused did not close the pause menu")
	}
	h.press(fyne.KeyEscape)
	h.press(fyne.KeyTab)
	h.press(fyne.KeyReturn)
	if h.app.Screen() != "home" {
		t.Fatalf("Enter on the focused Save and leave opened %s, want home", h.app.Screen())
	}
}

// TestRadioGroupKeysAndSpacing: Fyne's horizontal radio group gives every
// option the widest one's width, so short labels stood far apart, and a
// focused option swallowed every key. The app's radio group spaces its
// options evenly, picks with Space and the arrows, and passes other keys on.
func TestRadioGroupKeysAndSpacing(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Radio")
	h.app.Window().Resize(fyne.NewSize(640, 380))
	h.tap("Settings")
	var size *radioGroup
	for _, o := range h.objects() {
		if g, ok := o.(*radioGroup); ok && len(g.Options) == len(textSizes) {
			size = g
		}
	}
	if size == nil {
		t.Fatal("no text size radio group in Settings")
	}
	var gaps []float32
	for i := 1; i < len(size.items); i++ {
		a, b := size.items[i-1], size.items[i]
		gaps = append(gaps, b.Position().X-(a.Position().X+a.Size().Width))
	}
	for _, g := range gaps {
		if g != gaps[0] || g <= 0 {
			t.Fatalf("the gaps between the text sizes are %v, want equal and positive", gaps)
		}
	}
	// as tall as the form's caption beside it, so the two line up
	if oh, lh := size.items[0].MinSize().Height, widget.NewLabel("Text size").MinSize().Height; oh < lh {
		t.Errorf("a radio option is %v high, less than its caption's %v", oh, lh)
	}
	// the empty circle shows on a card, light and dark
	for _, dark := range []bool{false, true} {
		muted, _ := palette(colorMuted, dark)
		card, _ := palette(colorCard, dark)
		if c := contrast(muted, card); c < 3 {
			t.Errorf("an empty radio circle has %.1f:1 contrast on a card (dark %v), want 3:1", c, dark)
		}
	}
	for i := 0; i < 30 && h.app.Window().Canvas().Focused() != fyne.Focusable(size.items[1]); i++ {
		h.press(fyne.KeyTab)
	}
	if h.app.Window().Canvas().Focused() != fyne.Focusable(size.items[1]) {
		t.Fatal("Tab never reached the Normal text size")
	}
	if !h.inView(size.items[1]) {
		t.Error("the focused radio option is out of view")
	}
	h.press(fyne.KeyRight)
	if h.app.theme.scale != textSizes[2].Scale {
		t.Errorf("Right on Normal set the text scale to %v, want %v", h.app.theme.scale, textSizes[2].Scale)
	}
	// choosing a size rebuilds Settings; the new option has the focus
	if f, ok := h.app.Window().Canvas().Focused().(*radioOption); ok && f.label != textSizes[2].Label {
		t.Errorf("after Right the focus is on %q", f.label)
	}
	h.app.setTheme(h.app.theme.variant, 1)
	h.press(fyne.KeyPageDown)
	if h.scrollY() <= 0 {
		t.Error("Page Down did not scroll Settings")
	}
}
