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
	for _, a := range done {
		mgmt = append(mgmt, num(a.Scores.Management))
		lead = append(lead, num(a.Scores.Leadership))
		fit = append(fit, num(a.Scores.Fit))
	}
	ms := series{Name: "Management", Color: hatColor(game.Manage), Values: mgmt}
	ls := series{Name: "Leadership", Color: hatColor(game.Lead), Values: lead}
	fs := series{Name: "Fit", Color: hatColor(game.None), Values: fit}
	objs = append(objs,
		muted(fmt.Sprintf("%s, oldest on the left. Management and Leadership are scored separately: a strong manager can be a weak leader, and the other way round.", game.Count(len(done), "finished attempt"))),
		container.NewGridWithColumns(2,
			u.panel(container.NewVBox(subheading("Management"), newLineChart([]series{ms}))),
			u.panel(container.NewVBox(subheading("Leadership"), newLineChart([]series{ls}))),
		),
		u.panel(container.NewVBox(subheading("All together"), newLineChart([]series{ms, ls, fs}), legend(ms, ls, fs))),
		subheading("Attempts"),
	)
	rows := container.NewVBox()
	header := container.NewGridWithColumns(7, bold("When"), bold("Scenario"), bold("Ending"), bold("Fit"), bold("Mgmt"), bold("Lead"), bold("Reading"))
	rows.Add(header)
	for i := len(d.attempts) - 1; i >= 0; i-- {
		a := d.attempts[i]
		title := a.ScenarioID
		if sc := u.lib.Get(a.ScenarioID); sc != nil {
			title = sc.Title
		}
		ending := map[string]string{game.StatusOpen: "in progress", game.StatusScenarioChanged: "closed: scenario changed"}[a.Status]
		var s game.Scores
		if a.Scores != nil {
			s = *a.Scores
			ending = a.Ending
			if sc := u.lib.Get(a.ScenarioID); sc != nil && sc.Scene(a.Ending) != nil {
				ending = sc.Scene(a.Ending).Title
			}
		}
		t := widget.NewLabel(ellipsize(title, 28))
		t.Truncation = fyne.TextTruncateEllipsis
		e := widget.NewLabel(ending)
		e.Truncation = fyne.TextTruncateEllipsis
		rows.Add(container.NewGridWithColumns(7, widget.NewLabel(a.StartedAt.Local().Format("2 Jan 15:04")), t, e,
			widget.NewLabel(scoreText(s.Fit)), widget.NewLabel(scoreText(s.Management)), widget.NewLabel(scoreText(s.Leadership)), widget.NewLabel(scoreText(s.Reading))))
	}
	objs = append(objs, u.panel(rows))
	if u.deps.Facilitator != nil {
		exp := newButtonWithIcon("Export my results file…", theme.DocumentSaveIcon(), u.exportMyResults)
		objs = append(objs, container.NewHBox(layout.NewSpacer(), exp))
	}
	return page(objs...)
}

func bold(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
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
