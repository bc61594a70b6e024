package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
)

// facilitatorHarness is the app on a real store holding a synthetic
// workshop, with the Facilitator area wired to that store.
func facilitatorHarness(t *testing.T) (*harness, *scenarios.Library) {
	t.Helper()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	h := newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) {
		if _, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 12, Seed: 3, Name: "Spring cohort", Scenarios: []string{"lost-key-client"}}); err != nil {
			t.Fatal(err)
		}
		d.Facilitator = roomOnly{db}
		d.Library = func() *scenarios.Library { return lib }
	})
	h.app.Window().Resize(fyne.NewSize(1100, 800))
	h.createProfile("Facil")
	return h, lib
}

func (h *harness) selectPrefix(placeholder, prefix string) {
	h.t.Helper()
	for _, o := range h.objects() {
		if s, ok := o.(*widget.Select); ok && s.PlaceHolder == placeholder {
			for _, opt := range s.Options {
				if strings.HasPrefix(opt, prefix) {
					s.SetSelected(opt)
					return
				}
			}
			h.t.Fatalf("the select %q has no option starting %q: %v", placeholder, prefix, s.Options)
		}
	}
	h.t.Fatalf("no select %q on screen:\n%s", placeholder, h.text())
}

// TestFacilitatorWorkshopsTab: creating a workshop shows its join code, and
// a closed one says so.
func TestFacilitatorWorkshopsTab(t *testing.T) {
	h, _ := facilitatorHarness(t)
	h.tap("Facilitator")
	h.mustSee("Workshops", "Spring cohort")
	test.Type(h.entry("e.g. New managers"), "Autumn cohort")
	h.tap("Create workshop")
	ws, err := h.db.Workshops()
	if err != nil || len(ws) != 2 {
		t.Fatalf("workshops after creating one: %v %v", ws, err)
	}
	var code string
	for _, w := range ws {
		if w.Name == "Autumn cohort" {
			code = w.Code
		}
	}
	h.app.showFacilitatorTab(0)
	h.mustSee("Autumn cohort", code)
	if err := h.db.CloseWorkshop(code); err != nil {
		t.Fatal(err)
	}
	h.app.showFacilitatorTab(0)
	h.mustSee("Closed")
}

// TestFacilitatorRoomTab: the room view shows how the room read and chose
// each moment, and its endings by outcome.
func TestFacilitatorRoomTab(t *testing.T) {
	h, lib := facilitatorHarness(t)
	h.app.showFacilitatorTab(2)
	h.mustSee("Room view", "For the projector")
	h.selectPrefix("Choose a workshop", "Spring cohort")
	h.selectPrefix("Choose a scenario", lib.Get("lost-key-client").Title)
	h.mustSee("12 participants. Endings:", "Moment 1 · called for", "How the room read it", "What the room chose")
}

// TestProgressScreen: a finished attempt appears in the charts' caption and
// the table, by scenario title and ending.
func TestProgressScreen(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Rui")
	h.tap("Play")
	h.tap("Continue")
	for _, step := range [][2]string{{"Stabilise", "Make a plan."}, {"Both", "Fix the plan and talk to people."}, {"Re-energise", "Coach the leads."}} {
		test.Tap(h.card(step[0]))
		test.Tap(h.card(step[1]))
		if h.app.Screen() == "play" {
			for _, label := range []string{"Continue", "See your debrief"} {
				if b := h.maybeButton(label); b != nil {
					test.Tap(b)
					break
				}
			}
		}
	}
	h.tap("Progress")
	h.mustSee("Your progress", "1 finished attempt, oldest on the left", "Mini", "Good")
}

func (h *harness) maybeButton(label string) *widget.Button {
	for _, o := range h.objects() {
		if b, ok := asButton(o); ok && b.Text == label && !b.Disabled() {
			return b
		}
	}
	return nil
}
