package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// deferAsync makes background work wait until run is called, so a test can
// act (navigate, tap again) while work is "in flight".
func (h *harness) deferAsync() (run func()) {
	var q []func()
	h.app.deps.Async = func(work, then func()) { q = append(q, func() { work(); then() }) }
	return func() {
		for len(q) > 0 {
			j := q[0]
			q = q[1:]
			j()
		}
	}
}

// Keys typed while the pause menu is open must not play the moment behind it.
func TestKeysIgnoredBehindPauseMenu(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Keys")
	h.tap("Play")
	h.tap("Continue")
	h.press(fyne.KeyEscape)
	h.mustSee("Every answer you have given is already saved.")
	h.typeRune('1')
	if p := h.app.currentPlay(); p == nil || p.diagnosis != "" {
		t.Fatalf("pressing 1 behind the open pause menu picked a reading")
	}
	h.press(fyne.KeyEscape) // closes the menu again
	if n := len(h.app.Window().Canvas().Overlays().List()); n != 0 {
		t.Fatalf("Escape with the menu open left %d dialogs on screen, want 0", n)
	}
}

// Leaving the "starting" screen before the attempt is created must not drag
// the player back into the scenario.
func TestStartNewDoesNotYankAfterNavigation(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Yank")
	run := h.deferAsync()
	h.tap("Play")
	h.tap("Settings")
	run()
	if s := h.app.Screen(); s != "settings" {
		t.Fatalf("after leaving for Settings the screen is %s, want settings", s)
	}
}

// Leaving while the last answer (and with it the result) is being saved
// must not open its feedback or the debrief on top of Home later.
func TestFinishDoesNotYankAfterLeaving(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Late")
	h.tap("Play")
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Make a plan."))
	h.tap("Continue")
	test.Tap(h.card("Both"))
	test.Tap(h.card("Wait and see."))
	h.tap("Continue")
	test.Tap(h.card("Re-energise"))
	run := h.deferAsync()
	test.Tap(h.card("Coach the leads."))
	h.press(fyne.KeyEscape)
	h.tap("Save and leave")
	run()
	if s := h.app.Screen(); s != "home" {
		t.Fatalf("after Save and leave the screen is %s, want home", s)
	}
}

// Enter pressed twice in the name field must create one profile, not start
// a second creation while the first is still running.
func TestProfileFormSubmitsOnce(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.app.Start()
	var name *widget.Entry
	for _, o := range h.objects() {
		if e, ok := asEntry(o); ok && strings.HasPrefix(e.PlaceHolder, "Your name") {
			name = e
		}
	}
	test.Type(name, "Twice")
	jobs := 0
	h.app.deps.Async = func(work, then func()) { jobs++ }
	name.OnSubmitted(name.Text)
	name.OnSubmitted(name.Text)
	if jobs != 1 {
		t.Fatalf("two Enters started %d profile creations, want 1", jobs)
	}
}

// Error dialogs read as a sentence: they end with a full stop.
func TestErrorIsASentence(t *testing.T) {
	if got := errorSentence("Two Hats could not start the scenario", errString("database is locked")); got != "Two Hats could not start the scenario: database is locked." {
		t.Fatalf("error text = %q", got)
	}
	if got := sentence(errString("élan is gone")); got != "Élan is gone." {
		t.Fatalf("sentence = %q, want the first letter capitalised intact", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

var _ = game.Manage

// TestReadingCanChangeUntilAction: the reading once locked on the first
// click, so a misclick could not be undone and nothing said so. It can be
// changed until an action is picked, and the play screen says which moment
// this is.
func TestReadingCanChangeUntilAction(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Noor")
	h.tap("Play")
	h.tap("Continue")
	h.mustSee("moment 1 of 2–3")
	test.Tap(h.card("Re-energise"))
	h.mustSee("you can still change your reading")
	test.Tap(h.card("Stabilise")) // the player changes their mind
	test.Tap(h.card("Make a plan."))
	h.mustSee("You read it as Stabilise. You read it exactly right.")
	if !h.card("Re-energise").disabled {
		t.Error("the reading can still change after an action was picked")
	}
	as, err := h.db.OpenAttempts(h.app.profile.ID)
	if err != nil || len(as) != 1 {
		t.Fatalf("open attempts: %v %v", as, err)
	}
	saved, _ := h.db.Answers(as[0].ID)
	if len(saved) != 1 || saved[0].Diagnosis != "manage" {
		t.Errorf("the saved reading is %+v, want the changed one (manage)", saved)
	}
	h.tap("Continue")
	h.mustSee("moment 2 of 2–3")
}
