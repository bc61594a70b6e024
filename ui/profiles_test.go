package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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

// TestPlayingNowIsReadable: the profile in play was marked by a disabled
// "Playing now" button, drawn in the disabled colour and nearly invisible.
// It is bold text in the primary colour, readable on the card in light and
// dark.
func TestPlayingNowIsReadable(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Ana")
	if _, err := h.db.CreateProfile("Bo", ""); err != nil {
		t.Fatal(err)
	}
	h.app.showProfiles()
	var now *widget.Label
	for _, o := range h.objects() {
		if l, ok := o.(*widget.Label); ok && l.Text == "Playing now" {
			now = l
		}
		if b, ok := asButton(o); ok && b.Disabled() {
			t.Errorf("the Players screen shows a disabled button %q", b.Text)
		}
	}
	if now == nil || now.Importance != widget.HighImportance || !now.TextStyle.Bold {
		t.Fatalf("the profile in play is not marked in bold primary text: %+v", now)
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		card, _ := palette(colorCard, v == theme.VariantDark)
		if c := contrast(h.app.theme.Color(theme.ColorNamePrimary, v), card); c < 4.5 {
			t.Errorf("Playing now has a contrast of %.1f:1 on its card (variant %v), want 4.5:1", c, v)
		}
	}
	h.tap("Play as Bo")
	if h.app.profile.Name != "Bo" {
		t.Errorf("Play as Bo left %s playing", h.app.profile.Name)
	}
}
