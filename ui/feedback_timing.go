package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// Feedback timing: after each choice the player sees either the verdict
// (the hat, the fit, the reading, the mentor's feedback) or, with the
// verdict held, only the consequence, the meters moving, and every verdict
// together in the debrief. The player's own setting holds it; so does the
// workshop they play in, when its facilitator says so (game.Workshop.
// HoldsFeedback is the rule).

// prefHoldFeedback is the player's own setting: "hold", or empty to show
// each verdict at once.
const prefHoldFeedback = "feedbackTiming"

// WorkshopTiming is what a Facilitator offers when it can change a
// workshop's feedback timing; the Workshops tab shows the switch only then.
type WorkshopTiming interface {
	SetHoldFeedback(code string, hold bool) error
}

// ownHold is the player's own setting.
func (u *App) ownHold() bool { return u.deps.Prefs.String(prefHoldFeedback) == "hold" }

// holdsFeedback is the effective timing for an attempt in a workshop, from
// the player's own setting own. It reads the store: call it off the UI
// goroutine. A workshop this machine does not know (one run on another
// computer) leaves the player's setting as it is.
func (u *App) holdsFeedback(workshop string, own bool) bool {
	if workshop == "" {
		return own
	}
	w, err := u.deps.Store.Workshop(workshop)
	if err != nil {
		return own
	}
	return w.HoldsFeedback(own)
}

// meterMoves lists how a step moved the meters: "Stability +10".
func meterMoves(s game.Step) []string {
	var moves []string
	for _, m := range game.Meters {
		if d := s.After.Get(m) - s.Before.Get(m); d != 0 {
			moves = append(moves, fmt.Sprintf("%s %+d", capitalise(m), d))
		}
	}
	return moves
}

// consequencePanel is the feedback with the verdict held: what the move did
// to the meters, and nothing that says which hat it was or whether it fit
// (the choice's feedback text names the hat, so it waits too).
func (p *playScreen) consequencePanel(s game.Step) fyne.CanvasObject {
	what := "Consequence: the meters did not move."
	if moves := meterMoves(s); len(moves) > 0 {
		what = "Consequence: " + strings.Join(moves, ", ") + "."
	}
	line := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	line.Wrapping = fyne.TextWrapWord
	return p.u.accentPanel(stripe(theme.Color(theme.ColorNamePrimary)), container.NewVBox(line,
		muted("The verdict on this move, which hat it was and how well it suited the moment, waits for the debrief with every other moment's. Argue it out first, if you play with others.")))
}

// feedbackTimingSettings is the Settings panel for the player's own timing.
func (u *App) feedbackTimingSettings() fyne.CanvasObject {
	hold := newCheck("Hold each moment's verdict until the debrief", func(on bool) {
		v := ""
		if on {
			v = "hold"
		}
		u.deps.Prefs.SetString(prefHoldFeedback, v)
	})
	hold.SetChecked(u.ownHold())
	return u.panel(container.NewVBox(subheading("Feedback"), hold,
		muted("Ticked, each choice shows only its consequence and the meters; which hat it was and whether it fit come together in the debrief. "+
			"A facilitator can hold them for a whole workshop; then they are held for everyone who plays in it on this computer, whatever this setting says.")))
}

// workshopTimingControl is the switch that holds a workshop's verdicts, for
// the Workshops tab; nil for a workshop run on another computer, or when
// the facilitator cannot change it.
func (u *App) workshopTimingControl(w game.Workshop) fyne.CanvasObject {
	set, ok := u.deps.Facilitator.(WorkshopTiming)
	if !ok || w.Name == "" {
		return nil
	}
	var hold *check
	busy := false
	hold = newCheck("Hold verdicts until the debrief", func(on bool) {
		if busy {
			return
		}
		busy = true
		hold.Disable()
		var err error
		u.async(func() { err = set.SetHoldFeedback(w.Code, on) }, func() {
			hold.Enable()
			if err != nil {
				hold.SetChecked(!on) // as it still is; busy keeps this from saving
				u.showError("The workshop's feedback timing could not be changed", err)
			}
			busy = false
		})
	})
	hold.Checked = w.HoldFeedback
	return hold
}
