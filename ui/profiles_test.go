package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// entry finds the entry with the placeholder on screen.
func (h *harness) entry(placeholder string) *widget.Entry {
	h.t.Helper()
	for _, o := range h.objects() {
		if e, ok := asEntry(o); ok && strings.HasPrefix(e.PlaceHolder, placeholder) {
			return e
		}
	}
	h.t.Fatalf("no entry %q on screen:\n%s", placeholder, h.text())
	return nil
}

// TestProfilesJoinClosedWorkshop: the Profiles screen once saved a join
// code without the check the store and the terminal made, so a player
// joined a workshop the facilitator had closed. The join goes through the
// one policy now.
func TestProfilesJoinClosedWorkshop(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Ines")
	w, err := h.db.CreateWorkshop("Spring cohort")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.CloseWorkshop(w.Code); err != nil {
		t.Fatal(err)
	}
	h.app.showProfiles()
	h.mustSee("Players on this computer", "You are not in a workshop.")
	test.Type(h.entry("Workshop code"), w.Code)
	h.tap("Join workshop")
	h.mustSee("was closed on")
	if strings.Contains(h.text(), "Joined workshop") {
		t.Errorf("the player joined a closed workshop:\n%s", h.text())
	}
	p, err := h.db.Profile(h.app.profile.ID)
	if err != nil || p.Workshop != "" {
		t.Errorf("the profile's workshop is %q (%v), want none", p.Workshop, err)
	}

	// an open workshop on this computer is joined by name
	open, err := h.db.CreateWorkshop("Autumn cohort")
	if err != nil {
		t.Fatal(err)
	}
	h.app.showProfiles()
	test.Type(h.entry("Workshop code"), open.Code)
	h.tap("Join workshop")
	h.mustSee(`Joined the workshop "Autumn cohort"`)
	if p, _ := h.db.Profile(h.app.profile.ID); p.Workshop != open.Code {
		t.Errorf("the profile's workshop is %q, want %s", p.Workshop, open.Code)
	}
}

// TestProfileFormRefusesClosedWorkshop: creating a player with a closed
// workshop's code is refused with the same sentence.
func TestProfileFormRefusesClosedWorkshop(t *testing.T) {
	h := newHarness(t, t.TempDir())
	w, err := h.db.CreateWorkshop("Spring cohort")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.CloseWorkshop(w.Code); err != nil {
		t.Fatal(err)
	}
	h.app.Start()
	test.Type(h.entry("Your name"), "Ola")
	test.Type(h.entry("Optional"), w.Code)
	h.tap("Start playing")
	h.mustSee("was closed on")
	if h.app.Screen() == "home" {
		t.Error("a profile was created in a closed workshop")
	}
}
