package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/twohats/twohats/internal/store"
)

// Open reaches every screen by name, as twohats --screen does for
// screenshots and bench/idle-cpu.sh: play resumes the open attempt, debrief
// replays the latest finished one.
func TestOpenEveryScreen(t *testing.T) {
	h := newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) { d.Facilitator = &storeFacilitator{db: db} })
	h.createProfile("Opal")
	if err := h.app.Open("debrief"); err != nil {
		t.Fatal(err)
	}
	h.mustSee("There is no debrief to show: finish a scenario first.")
	test.Tap(h.button("OK"))
	// finish one attempt, then leave a second one open after one answer
	h.tap("Play")
	h.tap("Continue")
	for _, c := range []string{"Stabilise", "Make a plan.", "Continue", "Both", "Wait and see.", "Continue", "Re-energise", "Coach the leads."} {
		if c == "Continue" {
			h.tap(c)
			continue
		}
		test.Tap(h.card(c))
	}
	h.tap("See your debrief")
	h.tap("Play again")
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Give a speech."))
	for _, name := range Screens {
		if err := h.app.Open(name); err != nil {
			t.Fatalf("Open(%q): %v", name, err)
		}
		if got := h.app.Screen(); got != name {
			t.Errorf("Open(%q) shows the %s screen", name, got)
		}
		switch name {
		case "play":
			h.mustSee("The second moment calls for both.") // where the open attempt stopped
		case "debrief":
			h.mustSee("Debrief: Mini", "A strong ending")
		}
	}
	if err := h.app.Open("nowhere"); err == nil {
		t.Error("Open accepts a screen that does not exist")
	}
}
