package ui

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/filename"
	"github.com/twohats/twohats/internal/session"
)

func (u *App) showProgress() {
	var d progressData
	id := u.profileID()
	u.loading("progress", func() (err error) {
		d, err = u.loadProgress(id)
		return err
	}, func() fyne.CanvasObject { return u.progressBody(d) })
}

func (u *App) progressBody(d progressData) fyne.CanvasObject {
	objs := []fyne.CanvasObject{heading("Your progress")}
	var done []game.Attempt
	for _, a := range d.attempts {
		if a.Status == game.StatusFinished && a.Scores != nil {
			done = append(done, a)
		}
	}
	if len(done) == 0 {
		objs = append(objs, para("Finish a scenario and your scores appear here, so you can watch your management and leadership grow over the weeks."))
		play := newButtonWithIcon("Pick a scenario", theme.ListIcon(), u.showLibrary)
		play.Importance = widget.HighImportance
		return page(append(objs, container.NewHBox(play))...)
	}
	num := func(v *float64) float64 {
		if v == nil {
			return math.NaN()
		}
		return *v
	}
	var mgmt, lead, fit []float64
	var points []chartPoint
	for _, a := range done {
		mgmt = append(mgmt, num(a.Scores.Management))
		lead = append(lead, num(a.Scores.Leadership))
		fit = append(fit, num(a.Scores.Fit))
		at := a.StartedAt.Local()
		title := u.attemptTitle(a)
		points = append(points, chartPoint{Date: at.Format("2 Jan"), Scenario: title, Tip: at.Format("Mon 2 Jan 15:04") + " · " + title})
	}
	ms := series{Name: "Management", Color: hatColor(game.Manage), Values: mgmt}
	ls := series{Name: "Leadership", Color: hatColor(game.Lead), Values: lead}
	fs := series{Name: "Fit", Color: hatColor(game.None), Values: fit}
	chart := func(s ...series) *lineChart {
		c := newLineChart(s)
		c.Points = points
		return c
	}
	objs = append(objs,
		muted(fmt.Sprintf("%s, oldest on the left, as in the table below; point at the chart for an attempt's scores. Management and Leadership are scored separately: a strong manager can be a weak leader, and the other way round.", game.Count(len(done), "finished attempt"))),
		container.NewGridWithColumns(2,
			u.panel(container.NewVBox(subheading("Management"), chart(ms))),
			u.panel(container.NewVBox(subheading("Leadership"), chart(ls))),
		),
		u.panel(container.NewVBox(subheading("All together"), chart(ms, ls, fs), legend(ms, ls, fs))),
		subheading("Attempts"),
		muted("Oldest first. Click an attempt, or Tab to the table and press Enter, to see its debrief again, or to continue one in progress."),
	)
	cols := []tableColumn{{Title: "When"}, {Title: "Scenario", Flex: true}, {Title: "Ending", Flex: true},
		{Title: "Fit", Numeric: true}, {Title: "Mgmt", Numeric: true}, {Title: "Lead", Numeric: true}, {Title: "Reading", Numeric: true}}
	var rows []tableRow
	for _, a := range d.attempts {
		a := a
		ending := map[string]string{game.StatusOpen: "in progress", game.StatusScenarioChanged: "closed: scenario changed"}[a.Status]
		var s game.Scores
		if a.Scores != nil {
			s = *a.Scores
			ending = a.Ending
			if sc := u.lib.Get(a.ScenarioID); sc != nil && sc.Scene(a.Ending) != nil {
				ending = sc.Scene(a.Ending).Title
			}
		}
		row := tableRow{Cells: []string{a.StartedAt.Local().Format("2 Jan 15:04"), u.attemptTitle(a), ending,
			game.ScoreText(s.Fit), game.ScoreText(s.Management), game.ScoreText(s.Leadership), game.ScoreText(s.Reading)}}
		if sc := u.lib.Get(a.ScenarioID); sc != nil {
			switch a.Status {
			case game.StatusFinished:
				row.Open = func() { u.reviewAttempt(sc, a) }
			case game.StatusOpen:
				row.Open = func() { u.resume(sc, a) }
			}
		}
		rows = append(rows, row)
	}
	table := newDataTable(cols, rows)
	objs = append(objs, u.panel(table))
	if u.deps.Facilitator != nil {
		exp := newButtonWithIcon("Export my results file…", theme.DocumentSaveIcon(), u.exportMyResults)
		objs = append(objs, container.NewHBox(layout.NewSpacer(), exp))
	}
	body := page(objs...)
	if sc, ok := body.(*container.Scroll); ok {
		table.reveal = revealIn(sc, table)
	}
	return body
}

// attemptTitle is the title of an attempt's scenario, or its id when the
// scenario is no longer in the library.
func (u *App) attemptTitle(a game.Attempt) string {
	if sc := u.lib.Get(a.ScenarioID); sc != nil {
		return sc.Title
	}
	return a.ScenarioID
}

// reviewAttempt shows a finished attempt's debrief again, rebuilt from its
// saved answers.
func (u *App) reviewAttempt(sc *game.Scenario, a game.Attempt) {
	var st *game.State
	var err error
	nav := u.nav
	u.async(func() { st, err = session.Review(u.deps.Store, sc, a) }, func() {
		if u.nav != nav {
			return // the player went elsewhere meanwhile
		}
		if err != nil {
			u.showError(fmt.Sprintf("Your attempt at %q from %s cannot be shown", sc.Title, a.StartedAt.Local().Format("2 Jan")), err)
			return
		}
		u.showDebrief(st, st.Debrief())
	})
}

// exportMyResults saves the player's results file for the facilitator.
func (u *App) exportMyResults() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		var xerr error
		id := u.profileID()
		u.async(func() { xerr = u.deps.Facilitator.ExportResults(id, path) }, func() {
			if xerr != nil {
				u.showError("Your results file could not be written", xerr)
				return
			}
			dialog.ShowInformation("Results saved", fmt.Sprintf("Your results are in %s. Give this file to your facilitator.", path), u.win)
		})
	}, u.win)
	save.SetFileName(filename.Results(u.profile.Name, u.deps.Now()))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	save.SetTitleText("Save your results file")
	save.SetConfirmText("Save")
	save.Show()
}
