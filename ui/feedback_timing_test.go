package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
)

// the facilitator toolkit of the screenshots and facilitator tests can
// change a workshop's feedback timing, as the real one can
func (f *storeFacilitator) SetHoldFeedback(code string, hold bool) error {
	return f.db.SetHoldFeedback(code, hold)
}

var _ WorkshopTiming = (*storeFacilitator)(nil)

// check finds the check box with the label.
func (h *harness) check(label string) *check {
	h.t.Helper()
	for _, o := range h.objects() {
		if c, ok := o.(*check); ok && c.Text == label {
			return c
		}
	}
	h.t.Fatalf("no check box %q on the %s screen; it shows:\n%s", label, h.app.Screen(), h.text())
	return nil
}

// mustNotSee fails when any of the texts is on screen.
func (h *harness) mustNotSee(texts ...string) {
	h.t.Helper()
	got := h.text()
	for _, s := range texts {
		if strings.Contains(got, s) {
			h.t.Fatalf("the %s screen shows %q, which it must not; it shows:\n%s", h.app.Screen(), s, got)
		}
	}
}

// the verdict of each of the three moments of the mini scenario, as the
// play screen says it, and the mentor's feedback
var miniVerdicts = []string{
	"You put on", "fit the moment", "Fit 100 of 100", "You read it", "The moment called for",
	"The manager hat, fitting.", "Both hats.", "The leader hat.",
}

// playMiniHeld answers the mini scenario's three moments well, checking
// after each answer that its consequence is shown and its verdict is not.
func (h *harness) playMiniHeld() {
	h.t.Helper()
	h.tap("Play")
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Make a plan."))
	// morale starts at 95, so +10 moves it by 5
	h.mustSee("Consequence: Stability +20, Morale +5.", "waits for the debrief")
	h.mustNotSee(miniVerdicts...)
	if m := h.app.currentPlay().meters[game.Stability]; m.Delta != 20 {
		h.t.Errorf("the stability meter shows a move of %+d, want +20", m.Delta)
	}
	h.tap("Continue")
	test.Tap(h.card("Both"))
	test.Tap(h.card("Fix the plan and talk to people."))
	h.mustSee("Consequence: Trust +5.")
	h.mustNotSee(miniVerdicts...)
	h.tap("Continue")
	test.Tap(h.card("Re-energise"))
	test.Tap(h.card("Coach the leads."))
	// morale is at 100 already: nothing moves, and the panel says so
	h.mustSee("Consequence: the meters did not move.")
	h.mustNotSee(miniVerdicts...)
	h.tap("See your debrief")
}

// TestHoldFeedbackSetting: with the player's own setting on, each answer
// shows its consequence and the meters, never the verdict; the debrief
// then gives every moment's verdict.
func TestHoldFeedbackSetting(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Cathy")
	h.tap("Settings")
	hold := h.check("Hold each moment's verdict until the debrief")
	if hold.Checked {
		t.Fatal("the verdicts are held before the player asked")
	}
	test.Tap(hold)
	if got := h.app.deps.Prefs.String(prefHoldFeedback); got != "hold" {
		t.Fatalf("the setting was saved as %q, want hold", got)
	}
	h.tap("Home")
	h.tap("Settings")
	if !h.check("Hold each moment's verdict until the debrief").Checked {
		t.Fatal("Settings forgot that the verdicts are held")
	}
	h.tap("Home")
	h.playMiniHeld()
	h.mustSee("Debrief: Mini",
		"1. It called for the manager hat", "The manager hat · fit 100 · you read it as Stabilise", "The manager hat, fitting.",
		"2. It called for both hats", "Both hats · fit 100 · you read it as Both", "Both hats.",
		"3. It called for the leader hat", "The leader hat · fit 100 · you read it as Re-energise", "The leader hat.")

	// turned off again, the next attempt shows each verdict at once
	h.tap("Settings")
	test.Tap(h.check("Hold each moment's verdict until the debrief"))
	h.app.startNew(h.app.lib.Get("mini"))
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Make a plan."))
	h.mustSee("You put on the manager hat.", "It fit the moment. Fit 100 of 100.", "The manager hat, fitting.")
}

// TestWorkshopHoldsFeedback: a workshop the facilitator set to hold the
// verdicts holds them for its players although their own setting is off;
// the facilitator sets it with the switch in the Workshops tab.
func TestWorkshopHoldsFeedback(t *testing.T) {
	var code string
	h := newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) {
		w, err := db.CreateWorkshop("Tuesday cohort")
		if err != nil {
			t.Fatal(err)
		}
		code = w.Code
		d.Facilitator = &storeFacilitator{db: db}
	})
	h.app.Start()
	for _, o := range h.objects() {
		if e, ok := asEntry(o); ok {
			switch {
			case strings.HasPrefix(e.PlaceHolder, "Your name"):
				test.Type(e, "Christy")
			case strings.HasPrefix(e.PlaceHolder, "Optional"):
				test.Type(e, code)
			}
		}
	}
	h.tap("Start playing")
	h.tap("Facilitator")
	hold := h.check("Hold verdicts until the debrief")
	if hold.Checked {
		t.Fatal("a new workshop holds the verdicts")
	}
	test.Tap(hold)
	if w, err := h.db.Workshop(code); err != nil || !w.HoldFeedback {
		t.Fatalf("after the switch the workshop is %+v, %v; want it holding the verdicts", w, err)
	}
	h.tap("Home")
	if h.app.ownHold() {
		t.Fatal("the player's own setting changed with the workshop's")
	}
	h.playMiniHeld()
	h.mustSee("Debrief: Mini", "The manager hat · fit 100 · you read it as Stabilise", "The manager hat, fitting.")
}
