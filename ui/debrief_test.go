package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestDebriefShowsAtOnce: the debrief's top (the ending and the scores) is
// on screen as soon as the player continues, with nothing left to load,
// and the rest of it joins after the first frame is drawn. Fyne draws
// every text of a page, seen or not, and the whole debrief at once kept
// the window on the last feedback for 0.3–0.7 s.
func TestDebriefShowsAtOnce(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Quick")
	var pending []func()
	h.app.afterFrame = func(f func()) { pending = append(pending, f) }
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
	if s := h.app.Screen(); s != "debrief" {
		t.Fatalf("after See your debrief the screen is %s, want debrief", s)
	}
	h.mustSee("Debrief: Mini", "Good", "A strong ending", "The away test", "Your scores")
	h.mustNotSee("Moment by moment", "1. It called for the manager hat")
	if len(pending) != 1 {
		t.Fatalf("%d steps wait for the first frame, want 1", len(pending))
	}
	pending[0]()
	h.mustSee("Your tendency: ", "Moment by moment", "1. It called for the manager hat", "You chose: Coach the leads.", "[Play again]")
	// and laid out below the scores, not left in a heap at the top
	d := fyne.CurrentApp().Driver()
	var again fyne.CanvasObject // as drawn, not the button it wraps
	for _, o := range h.objects() {
		if b, ok := asButton(o); ok && b.Text == "Play again" {
			again = o
		}
	}
	scores := h.label("Your scores")
	if again == nil || again.Size().Width == 0 || d.AbsolutePositionForObject(again).Y <= d.AbsolutePositionForObject(scores).Y+100 {
		t.Errorf("Play again is at %v, %v in size, with the scores heading at %v", d.AbsolutePositionForObject(again), again.Size(), d.AbsolutePositionForObject(scores))
	}
}

// label finds the label with the text.
func (h *harness) label(text string) *widget.Label {
	h.t.Helper()
	for _, o := range h.objects() {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return l
		}
	}
	h.t.Fatalf("no label %q on the %s screen", text, h.app.Screen())
	return nil
}

// TestLogoImage: the header's icon is the app's icon, scaled down once.
func TestLogoImage(t *testing.T) {
	img := logoImage()
	if img.Bounds() != image.Rect(0, 0, logoPixels, logoPixels) {
		t.Fatalf("the logo is %v, want %d pixels square", img.Bounds(), logoPixels)
	}
	// the tile is opaque in the middle and transparent in the corners
	if _, _, _, a := img.At(logoPixels/2, logoPixels/2).RGBA(); a != 0xffff {
		t.Errorf("the middle of the logo has alpha %#x, want opaque", a)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a > 0x8000 {
		t.Errorf("the corner of the logo has alpha %#x, want transparent", a)
	}
}
