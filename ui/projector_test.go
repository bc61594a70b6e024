package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestProjectorMode: the projector once showed a leaderboard of real names
// with an unfinished attempt ranked first at Fit 100. Projector mode shows
// one moment at a time in large type, without names until asked, steps
// with keys and buttons, and lists unfinished attempts last, flagged.
func TestProjectorMode(t *testing.T) {
	h, lib, _ := roomHarness(t, true)
	h.app.showFacilitatorTab(tabRoom)
	h.tap("Projector mode")
	if h.app.Screen() != "projector" {
		t.Fatalf("Projector mode shows the %s screen", h.app.Screen())
	}
	p := h.app.facil.proj
	n := len(p.moments)
	if n < 2 {
		t.Fatalf("the projector has %d moments to step through", n)
	}
	first := lib.Get("lost-key-client").Moments()[0]
	h.mustSee("Moment 1 of ", "called for the manager hat", momentTitle(first), "How the room read it", "What the room chose")
	if strings.Contains(h.text(), "Moment 2 of") {
		t.Error("the projector shows more than one moment at a time")
	}
	// shares in large figures: every reading and choice has its percentage
	if shares, want := largeShares(h), 3+len(first.Choices); shares != want {
		t.Errorf("the first moment shows %d percentages; want %d (three readings, %d choices)", shares, want, len(first.Choices))
	}
	noNames := func() {
		t.Helper()
		for _, name := range []string{"Zoë Ångström", "Aaron Quick", "Élodie Martin"} {
			if strings.Contains(h.text(), name) {
				t.Errorf("the projector shows the real name %q with names hidden", name)
			}
		}
	}
	noNames()

	h.press(fyne.KeyRight)
	h.mustSee("Moment 2 of ")
	largeShares(h) // a page drawn after the first keeps the large type
	h.press(fyne.KeyPageDown)
	h.mustSee("Moment 3 of ")
	h.press(fyne.KeyPageUp)
	h.press(fyne.KeyLeft)
	h.mustSee("Moment 1 of ")
	h.press(fyne.KeyLeft) // already at the first: stays
	h.mustSee("Moment 1 of ")
	h.tap("Next")
	h.mustSee("Moment 2 of ")
	h.tap("Previous")
	h.mustSee("Moment 1 of ")
	// the keys still step once Tab has focused a button on the wall
	h.tabTo("Show names")
	h.press(fyne.KeyRight)
	h.mustSee("Moment 2 of ")
	h.press(fyne.KeyLeft)
	h.mustSee("Moment 1 of ")
	h.app.Window().Canvas().Unfocus()
	h.tap("Hide what fits")
	if strings.Contains(h.text(), "called for") || strings.Contains(h.text(), "✓") {
		t.Error("with what fits hidden, the projector still marks the fitting answers")
	}
	h.tap("Show what fits")

	h.press(fyne.KeyEnd)
	h.mustSee("How it ended", "Endings", "Unfinished")
	largeShares(h)
	noNames()
	ps := participantsOnWall(h)
	if !strings.HasPrefix(ps[0], "Participant ") {
		t.Errorf("the first participant on the wall is %q; want a pseudonym", ps[0])
	}
	last := ps[len(ps)-4:]
	for _, row := range last {
		if !strings.Contains(row, "Unfinished") {
			t.Errorf("the last four on the wall should be the unfinished attempts; got %q", last)
			break
		}
	}
	for _, row := range ps[:len(ps)-4] {
		if strings.Contains(row, "Unfinished") {
			t.Errorf("an unfinished attempt is ranked among the finished: %q", ps)
		}
	}
	h.tap("Show names")
	h.mustSee("Zoë Ångström", "Aaron Quick")
	ps = participantsOnWall(h)
	if strings.HasPrefix(ps[0], "Aaron Quick") {
		t.Errorf("Aaron Quick, unfinished at Fit 100, heads the list: %q", ps)
	}
	h.tap("Hide names")
	noNames()

	h.press(fyne.KeyEscape)
	if h.app.Screen() != "facilitator" {
		t.Fatalf("Escape leaves the projector for the %s screen", h.app.Screen())
	}
	h.mustSee("Room view", "Spring cohort", "Moment 1 of ")
}

// largeShares counts the percentages on the wall, checking each is in
// large type.
func largeShares(h *harness) int {
	h.t.Helper()
	shares := 0
	for _, o := range h.objects() {
		if l, ok := o.(*widget.Label); ok && regexp.MustCompile(`^\d+%$`).MatchString(l.Text) {
			shares++
			if size, want := bigSize(l), 1.3*theme.Size(theme.SizeNameSubHeadingText); size < want {
				h.t.Errorf("the share %q is %.0f px; want at least %.0f, large type for the wall", l.Text, size, want)
			}
		}
	}
	if shares == 0 {
		h.t.Errorf("no percentages on the wall:\n%s", h.text())
	}
	return shares
}

// participantsOnWall reads the projector's participant table, a row a line.
func participantsOnWall(h *harness) []string {
	var cells []string
	for _, o := range h.objects() {
		if c, ok := o.(*fyne.Container); ok {
			if l, ok := c.Layout.(*columnsLayout); ok && l.cols == 3 {
				for _, cell := range c.Objects {
					if lab, ok := cell.(*widget.Label); ok {
						cells = append(cells, lab.Text)
					}
				}
			}
		}
	}
	// every cell is as tall as its text needs: none is cut or overlaps the
	// row below (cells once wrapped in the large type but kept one line)
	h.app.Window().Canvas().Capture() // lays the window out as it is drawn
	for _, o := range h.objects() {
		if c, ok := o.(*fyne.Container); ok {
			if _, ok := c.Layout.(*columnsLayout); ok {
				line := c.Objects[1].Size().Height // the Ending header: one line
				for _, cell := range c.Objects {
					l, ok := cell.(*widget.Label)
					if !ok {
						continue
					}
					if l.Size().Height+0.5 < l.MinSize().Height {
						h.t.Errorf("the cell %q is %.0f high but its text needs %.0f", l.Text, l.Size().Height, l.MinSize().Height)
					}
					// a pseudonym fits on one line in a window this wide
					if strings.HasPrefix(l.Text, "Participant ") && l.Size().Height > line+0.5 {
						h.t.Errorf("the pseudonym %q wraps onto a second line (%.0f high, a line is %.0f): its column was measured in the wrong text size", l.Text, l.Size().Height, line)
					}
				}
			}
		}
	}
	var rows []string
	for i := 3; i+2 < len(cells); i += 3 { // after the header
		rows = append(rows, strings.Join(cells[i:i+3], " | "))
	}
	if len(rows) == 0 {
		h.t.Fatalf("no participants on the wall:\n%s", h.text())
	}
	return rows
}

// bigSize is the size a label's text is drawn at, theme overrides included.
func bigSize(l *widget.Label) float32 {
	var size float32
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			size = max(size, o.TextSize)
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(l)
	return size
}
