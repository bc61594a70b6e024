package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/twohats/twohats/scenarios"
)

// TestHatsInViewAtLargestText: at extra-large text in a 1024×640 window
// the three hat cards of a long moment were entirely below the fold. While
// the reading is to be named they are docked under the scene, in view;
// once it is named they return to the flow above the actions.
func TestHatsInViewAtLargestText(t *testing.T) {
	h := newHarness(t, t.TempDir(), scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	h.createProfile("Large")
	h.app.setTheme(ThemeLight, textSizes[len(textSizes)-1].Scale)
	h.app.Window().Resize(fyne.NewSize(1024, 640))
	h.app.startNew(h.app.lib.Get("the-reorg-memo"))
	for h.app.currentPlay().next != nil {
		h.press(fyne.KeyReturn)
	}
	p := h.app.currentPlay()
	d := fyne.CurrentApp().Driver()
	winH := h.app.Window().Canvas().Size().Height
	for _, c := range p.diagCards {
		if top := d.AbsolutePositionForObject(c).Y; top+40 > winH {
			t.Fatalf("the hat card %q starts at %v, below the fold of the %v-high window", c.Title, top, winH)
		}
	}
	if !p.docked {
		t.Error("the hats of a long moment are not docked")
	}
	// the scene's text still scrolls above them, to its end
	h.press(fyne.KeyEnd)
	if s := p.scrollC; s.Offset.Y <= 0 || s.Offset.Y+s.Size().Height < s.Content.MinSize().Height-1 {
		t.Errorf("the scene's text does not scroll to its end above the docked hats")
	}

	// a window made tall enough takes them back into the flow, and a
	// small one docks them again
	h.app.Window().Resize(fyne.NewSize(1024, 1600))
	if p.docked {
		t.Error("the hats stay docked in a window tall enough for them below the scene")
	}
	h.app.Window().Resize(fyne.NewSize(1024, 640))
	if !p.docked {
		t.Error("the hats are not docked again when the window shrinks")
	}

	h.typeRune('2')
	if p.docked {
		t.Fatal("the hats stay docked after the reading is named, leaving no room for the actions")
	}
	if !h.inView(p.choiceCards[0]) {
		t.Error("after the reading is named the first action is out of view")
	}

	// a short moment in a large window keeps its hats in the flow
	h.app.setTheme(ThemeLight, 1)
	h.app.Window().Resize(fyne.NewSize(1366, 768))
	h.app.startNew(h.app.lib.Get("mini"))
	h.press(fyne.KeyReturn)
	if h.app.currentPlay().docked {
		t.Error("the hats of a short moment are docked though they fit below it")
	}
}
