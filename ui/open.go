package ui

import (
	"fmt"
	"strings"

	"github.com/twohats/twohats/game"
)

// Screens are the names Open takes, in the order of the header.
var Screens = []string{"home", "library", "play", "debrief", "progress", "facilitator", "settings", "profiles"}

// Open shows a screen by name, as the header or Home would: play resumes
// the newest unfinished attempt (or starts the first scenario), debrief
// shows the newest finished attempt's debrief. It is for screenshots and
// benchmarks (twohats --screen NAME); call it on the UI goroutine once the
// first screen is on show.
func (u *App) Open(screen string) error {
	if u.profile == nil && screen != "facilitator" && screen != "settings" {
		return fmt.Errorf("the %s screen needs a player: create one first", screen)
	}
	switch screen {
	case "home":
		u.showHome()
	case "library":
		u.showLibrary()
	case "progress":
		u.showProgress()
	case "settings":
		u.showSettings()
	case "profiles":
		u.showProfiles()
	case "facilitator":
		if u.deps.Facilitator == nil {
			return fmt.Errorf("the Facilitator area is not available in this build")
		}
		u.showFacilitator()
	case "play", "debrief":
		u.openAttempt(screen == "debrief")
	default:
		return fmt.Errorf("%q is not a screen; choose one of %s", screen, strings.Join(Screens, ", "))
	}
	return nil
}

// openAttempt resumes the newest unfinished attempt, or starts the first
// scenario; with debrief, it shows the newest finished attempt's debrief.
func (u *App) openAttempt(debrief bool) {
	var as []game.Attempt
	var err error
	id, lib := u.profile.ID, u.lib
	u.async(func() { as, err = u.deps.Store.Attempts(id) }, func() {
		if err != nil {
			u.showError("Two Hats could not read your attempts", err)
			return
		}
		for i := len(as) - 1; i >= 0; i-- {
			a := as[i]
			sc := lib.Get(a.ScenarioID)
			switch {
			case sc == nil:
			case debrief && a.Status == game.StatusFinished:
				u.reviewAttempt(sc, a)
				return
			case !debrief && a.Status == game.StatusOpen:
				u.resume(sc, a)
				return
			}
		}
		switch {
		case debrief:
			u.showError("There is no debrief to show", fmt.Errorf("finish a scenario first"))
		case len(lib.Scenarios) > 0:
			u.startNew(lib.Scenarios[0])
		}
	})
}
