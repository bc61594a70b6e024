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
	"github.com/twohats/twohats/scenarios"
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

	count := libraryCount(u.lib)
	var reload *button
	reload = newButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		reload.Disable()
		u.reloadLibrary(func() { u.show("library", u.libraryBody(d, sel.Selected), true) })
	})
	objs := []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, container.NewCenter(reload), heading("Scenarios")),
		count,
	}
	if len(u.lib.Failed) > 0 {
		objs = append(objs, u.failedFiles())
	}
	objs = append(objs,
		muted("Each card shows its playing time; filter by the kind of moment you want to practise."),
		sel,
		empty,
		grid,
	)
	return page(objs...)
}

// libraryCount says how many scenarios loaded and how many files did not:
// "14 scenarios, 2 files with problems", in the warning colour when some
// did not.
func libraryCount(lib *scenarios.Library) *widget.Label {
	text := game.Count(len(lib.Scenarios), "scenario")
	if n := len(lib.Failed); n > 0 {
		l := widget.NewLabelWithStyle(text+", "+game.Count(n, "file")+" with problems", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	return muted(text)
}

// reloadLibrary reads the scenario folder again, off the UI goroutine, and
// then calls done with the new library in place.
func (u *App) reloadLibrary(done func()) {
	var lib *scenarios.Library
	u.async(func() { lib = u.deps.Library() }, func() {
		u.lib = lib
		done()
	})
}

// failedFiles lists the files that did not load, each with the reason in
// plain words and where it is, and what to do.
func (u *App) failedFiles() fyne.CanvasObject {
	box := container.NewVBox(subheading("Files that could not be loaded"),
		muted("Fix each file, then press Reload. In a terminal, 'twohats validate FILE' lists every problem in a file."))
	for _, f := range u.lib.Failed {
		name := strings.TrimSuffix(f.Path, "/")
		if i := strings.LastIndexAny(name, `/\`); i >= 0 {
			name = name[i+1:]
		}
		box.Add(widget.NewLabelWithStyle(strings.TrimPrefix(name, "(built in) "), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		lines := make([]string, 0, 4)
		for i, p := range f.Problems {
			if i == 3 {
				lines = append(lines, fmt.Sprintf("…and %s.", game.Count(len(f.Problems)-3, "more problem")))
				break
			}
			lines = append(lines, problemText(p))
		}
		if len(lines) == 0 {
			lines = append(lines, "The file could not be loaded, for a reason Two Hats did not record.")
		}
		box.Add(para(strings.Join(lines, "\n")))
		where := muted(f.Path)
		where.Selectable = true
		where.Wrapping = fyne.TextWrapBreak
		box.Add(where)
	}
	return u.accentPanel(stripe(theme.Color(theme.ColorNameWarning)), box)
}

// problemText is a loading problem as a sentence a player reads: its line,
// if it has one, and the message, without the markup meant for terminals.
func problemText(p scenarios.Problem) string {
	msg := upperFirst(strings.ReplaceAll(p.Msg, "`", "'"))
	if p.Pos.Line > 0 {
		return fmt.Sprintf("Line %d: %s", p.Pos.Line, msg)
	}
	return msg
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
			game.ScoreText(b.Fit), game.ScoreText(b.Management), game.ScoreText(b.Leadership), game.ScoreText(b.Reading))))
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
