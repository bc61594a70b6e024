package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

func (u *App) showLibrary() {
	var d progressData
	id := u.profileID()
	u.loading("library", func() (err error) {
		d, err = u.loadProgress(id)
		return err
	}, func() fyne.CanvasObject { return u.libraryBody(d, "All") })
}

func (u *App) libraryBody(d progressData, filter string) fyne.CanvasObject {
	options := []string{"All"}
	for _, s := range game.Situations {
		options = append(options, capitalise(s))
	}
	grid := container.NewGridWithColumns(2)
	empty := para("No scenario of this kind yet. Choose another kind, or write your own: Settings shows where to put it.")
	fill := func(f string) {
		grid.RemoveAll()
		for _, sc := range u.lib.Scenarios {
			if f != "All" && !strings.EqualFold(f, sc.Situation) {
				continue
			}
			sc := sc
			var action *button
			if a, ok := d.open[sc.ID]; ok {
				action = newButtonWithIcon("Continue", theme.MediaPlayIcon(), func() { u.resume(sc, a) })
			} else {
				action = newButtonWithIcon("Play", theme.MediaPlayIcon(), func() { u.startNew(sc) })
			}
			action.Importance = widget.HighImportance
			grid.Add(u.scenarioCard(sc, d, action))
		}
		empty.Hidden = len(grid.Objects) > 0
		empty.Refresh()
		grid.Refresh()
	}
	sel := newRadioGroup(options, func(s string) {
		if s == "" {
			return
		}
		fill(s)
	})
	sel.Horizontal = true
	sel.SetSelected(filter)

	objs := []fyne.CanvasObject{
		heading("Scenarios"),
		muted(fmt.Sprintf("Scenarios loaded: %d. Each card shows its playing time; filter by the kind of moment you want to practise.", len(u.lib.Scenarios))),
		sel,
		empty,
		grid,
	}
	if len(u.lib.Failed) > 0 {
		box := container.NewVBox(subheading("Files that could not be loaded"),
			muted("Fix these files and reload them from Settings; in a terminal, 'twohats validate FILE' lists every problem."))
		for _, f := range u.lib.Failed {
			lines := make([]string, 0, 3)
			for i, p := range f.Problems {
				if i == 3 {
					lines = append(lines, fmt.Sprintf("…and %d more problems.", len(f.Problems)-3))
					break
				}
				lines = append(lines, p.String())
			}
			l := widget.NewLabel(strings.Join(lines, "\n"))
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.DangerImportance
			box.Add(l)
		}
		objs = append(objs, u.accentPanel(stripe(badColor()), box))
	}
	return page(objs...)
}

// scenarioCard shows a scenario: title, situation, time, summary, the
// player's best scores and status, and an action.
func (u *App) scenarioCard(sc *game.Scenario, d progressData, action fyne.CanvasObject) fyne.CanvasObject {
	meta := fmt.Sprintf("%s · %d min · %s", capitalise(sc.Situation), sc.Minutes, momentsText(sc))
	if u.lib.IsUser(sc.ID) {
		meta += " · your own"
	}
	status := ""
	switch {
	case d.open[sc.ID].ID != "":
		status = "In progress"
	case d.finished[sc.ID] > 0:
		status = fmt.Sprintf("Done ×%d", d.finished[sc.ID])
	}
	title := widget.NewLabelWithStyle(sc.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	top := container.NewBorder(nil, nil, nil, badge(status), title)
	objs := []fyne.CanvasObject{top, muted(meta), para(sc.Summary)}
	if b, ok := d.best[sc.ID]; ok {
		objs = append(objs, muted(fmt.Sprintf("Best: Fit %s · Management %s · Leadership %s · Reading %s",
			scoreText(b.Fit), scoreText(b.Management), scoreText(b.Leadership), scoreText(b.Reading))))
	}
	return u.panel(container.NewBorder(nil, container.NewHBox(action), nil, nil, container.NewVBox(objs...)))
}

// badge is a small rounded label; empty text gives an empty spacer.
func badge(text string) fyne.CanvasObject {
	if text == "" {
		return container.NewVBox()
	}
	t := canvas.NewText(text, theme.Color(theme.ColorNamePrimary))
	t.TextSize = theme.CaptionTextSize()
	t.TextStyle = fyne.TextStyle{Bold: true}
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNamePrimary), 0x22))
	bg.CornerRadius = 8
	return container.NewCenter(container.NewStack(bg, container.NewPadded(t)))
}

// momentsText is how many moments a play-through has: "8 moments", or
// "8–9 moments" when the path decides.
func momentsText(sc *game.Scenario) string {
	lo, hi := sc.MomentRange()
	if lo == hi {
		return game.Count(hi, "moment")
	}
	return fmt.Sprintf("%d–%d moments", lo, hi)
}
