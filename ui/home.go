package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// progressData is a profile's attempts, grouped for the home, library and
// progress screens.
type progressData struct {
	attempts []game.Attempt // oldest first
	open     map[string]game.Attempt
	best     map[string]game.Scores
	finished map[string]int
	answers  map[string]int // answers per open attempt
}

// loadProgress reads the progress of the profile with the id; it runs off
// the UI goroutine, so it is given the id rather than reading u.profile.
func (u *App) loadProgress(profileID string) (progressData, error) {
	d := progressData{open: map[string]game.Attempt{}, best: map[string]game.Scores{}, finished: map[string]int{}, answers: map[string]int{}}
	if profileID == "" {
		return d, nil
	}
	as, err := u.deps.Store.Attempts(profileID)
	if err != nil {
		return d, err
	}
	d.attempts = as
	for _, a := range as {
		switch a.Status {
		case game.StatusOpen:
			d.open[a.ScenarioID] = a // the newest open attempt wins
			saved, err := u.deps.Store.Answers(a.ID)
			if err != nil {
				return d, err
			}
			d.answers[a.ID] = len(saved)
		case game.StatusFinished:
			d.finished[a.ScenarioID]++
			if a.Scores != nil {
				b, ok := d.best[a.ScenarioID]
				if !ok || val(a.Scores.Fit) > val(b.Fit) {
					d.best[a.ScenarioID] = *a.Scores
				}
			}
		}
	}
	return d, nil
}

func val(v *float64) float64 {
	if v == nil {
		return -1
	}
	return *v
}

// loading shows a quiet placeholder while work runs, then the screen.
func (u *App) loading(name string, work func() error, build func() fyne.CanvasObject) {
	u.showBusy(name, true)
	nav := u.nav
	var err error
	u.async(func() { err = work() }, func() {
		if u.nav != nav {
			return // the player moved on, perhaps to a newer copy of this screen
		}
		if err != nil {
			u.show(name, page(heading("Something went wrong"), para(sentence(err))), true)
			return
		}
		u.show(name, build(), true)
	})
}

func (u *App) showHome() {
	if u.profile == nil {
		u.showWelcome()
		return
	}
	var d progressData
	id := u.profile.ID
	u.loading("home", func() (err error) {
		d, err = u.loadProgress(id)
		return err
	}, func() fyne.CanvasObject { return u.homeBody(d) })
}

func (u *App) homeBody(d progressData) fyne.CanvasObject {
	objs := []fyne.CanvasObject{heading("Hello, " + u.profile.Name)}
	if u.profile.Workshop != "" {
		objs = append(objs, muted("Workshop "+u.profile.Workshop+": your attempts are tagged with it."))
	}

	// unfinished attempts first: that is what a returning player wants
	var open []game.Attempt
	for _, a := range d.open {
		if u.lib.Get(a.ScenarioID) != nil {
			open = append(open, a)
		}
	}
	sort.Slice(open, func(i, j int) bool { return open[i].StartedAt.After(open[j].StartedAt) })
	if len(open) > 0 {
		objs = append(objs, subheading("Continue where you left off"))
		for i, a := range open {
			a := a
			sc := u.lib.Get(a.ScenarioID)
			btn := newButtonWithIcon("Continue", theme.MediaPlayIcon(), func() { u.resume(sc, a) })
			btn.Importance = widget.HighImportance
			var action fyne.CanvasObject = btn
			if i == 0 {
				// Enter continues the latest attempt
				u.primary = btn.OnTapped
				action = container.NewHBox(hint("Enter"), btn)
			}
			info := container.NewVBox(
				widget.NewLabelWithStyle(sc.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				muted(fmt.Sprintf("%d answered of %s · started %s", d.answers[a.ID], momentsText(sc), a.StartedAt.Local().Format("Mon 2 Jan, 15:04"))),
			)
			objs = append(objs, u.accentPanel(stripe(theme.Color(theme.ColorNamePrimary)), container.NewBorder(nil, nil, nil, container.NewCenter(action), info)))
		}
	}

	finished := 0
	for _, n := range d.finished {
		finished += n
	}
	var latest *game.Scores
	for i := len(d.attempts) - 1; i >= 0; i-- {
		if d.attempts[i].Scores != nil {
			latest = d.attempts[i].Scores
			break
		}
	}
	stats := container.NewGridWithColumns(4,
		u.stat(fmt.Sprint(finished), game.Noun(finished, "scenario")+" finished"),
		u.stat(fmt.Sprintf("%d / %d", len(d.finished), len(u.lib.Scenarios)), "different scenarios"),
		u.stat(latestText(latest, func(s *game.Scores) *float64 { return s.Management }), "latest Management"),
		u.stat(latestText(latest, func(s *game.Scores) *float64 { return s.Leadership }), "latest Leadership"),
	)
	objs = append(objs, subheading("Your progress"), stats)

	// suggest the first scenario not yet finished
	var next *game.Scenario
	for _, sc := range u.lib.Scenarios {
		if d.finished[sc.ID] == 0 && d.open[sc.ID].ID == "" {
			next = sc
			break
		}
	}
	if next != nil {
		play := newButtonWithIcon("Play", theme.MediaPlayIcon(), func() { u.startNew(next) })
		play.Importance = widget.HighImportance
		var action fyne.CanvasObject = play
		if u.primary == nil {
			// Enter plays the suggestion when there is nothing to continue
			u.primary = play.OnTapped
			action = container.NewHBox(play, hint("Enter"))
		}
		objs = append(objs, subheading("Try next"), u.scenarioCard(next, d, action))
	}
	browse := newButtonWithIcon("Browse all scenarios", theme.ListIcon(), u.showLibrary)
	if u.primary == nil {
		u.primary = browse.OnTapped
	}
	objs = append(objs, container.NewHBox(browse, layout.NewSpacer()))
	return page(objs...)
}

func latestText(s *game.Scores, f func(*game.Scores) *float64) string {
	if s == nil {
		return game.NoScore
	}
	return game.ScoreText(f(s))
}

// stat is a big number with a caption.
func (u *App) stat(value, caption string) fyne.CanvasObject {
	v := canvas.NewText(value, theme.Color(theme.ColorNamePrimary))
	v.TextSize = theme.TextHeadingSize() * 1.2
	v.TextStyle = fyne.TextStyle{Bold: true}
	c := muted(caption)
	return u.panel(container.NewVBox(v, c))
}

// profileID is the current player's id, or "" before there is one.
func (u *App) profileID() string {
	if u.profile == nil {
		return ""
	}
	return u.profile.ID
}
