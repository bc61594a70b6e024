package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestPathShowsScenesNotIDs: "Your path" on the debrief listed raw scene
// ids (m1 → m2 → m3 → good-end). It shows a line of each scene: the
// moments numbered as in "Moment by moment", beats marked, the ending by
// its title.
func TestPathShowsScenesNotIDs(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Path")
	h.tap("Play")
	h.tap("Continue")
	test.Tap(h.card("Stabilise"))
	test.Tap(h.card("Make a plan."))
	h.tap("Continue")
	test.Tap(h.card("Both"))
	test.Tap(h.card("Fix the plan and talk to people."))
	h.tap("Continue")
	test.Tap(h.card("Re-energise"))
	test.Tap(h.card("Coach the leads."))
	h.tap("See your debrief")
	want := strings.Join([]string{
		"– A beat before the first moment.",
		"1. The first moment calls for the manager hat.",
		"2. The second moment calls for both.",
		"3. The third moment calls for the leader hat.",
		"Ending: Good",
	}, "\n")
	h.mustSee("Your path", want)
	for _, id := range []string{"intro", "m1", "good-end", "→"} {
		if strings.Contains(h.text(), id) {
			t.Errorf("the path still shows the raw %q:\n%s", id, h.text())
		}
	}
}
