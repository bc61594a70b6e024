package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// scoreBars charts the four scores.
func scoreBars(s game.Scores) *barChart {
	row := func(label string, v *float64, c fyne.ThemeColorName, col interface{ RGBA() (r, g, b, a uint32) }) bar {
		if v == nil {
			return bar{Label: label, Value: 0, Text: game.NoScore, Color: col}
		}
		return bar{Label: label, Value: *v, Text: game.ScoreText(v), Color: col}
	}
	return newBarChart([]bar{
		row("Fit", s.Fit, "", theme.Color(theme.ColorNamePrimary)),
		row("Management", s.Management, "", hatColor(game.Manage)),
		row("Leadership", s.Leadership, "", hatColor(game.Lead)),
		row("Reading", s.Reading, "", hatColor(game.Both)),
	}, 100, 130)
}

func (u *App) showDebrief(st *game.State, d game.Debrief) {
	objs := []fyne.CanvasObject{heading("Debrief: " + d.Title)}
	if d.Ending != nil {
		head := []fyne.CanvasObject{subheading(d.Ending.Title)}
		if l := d.Ending.Outcome.Label(); l != "" {
			head = append(head, muted(l))
		}
		objs = append(objs, u.accentPanel(stripe(theme.Color(theme.ColorNamePrimary)), container.NewVBox(
			append(head, sceneText(d.Ending.Text))...,
		)))
		objs = append(objs, u.panel(container.NewVBox(
			subheading("The away test"),
			muted("The week you are off, what does the team do without you?"),
			para(d.Ending.Away),
		)))
	}
	objs = append(objs, subheading("Your scores"), u.panel(container.NewVBox(
		scoreBars(d.Scores),
		muted("Fit: how well your actions fit each moment. Management and Leadership: the same over the moments that needed each hat. Reading: how well you named what each moment called for."),
	)))
	// what a player sees first: the ending and the scores
	first := len(objs)
	objs = append(objs, u.panel(container.NewVBox(
		subheading("Your tendency: "+d.Tendency.Label()),
		muted(d.Scores.TendencyCounts()),
		para(d.Tendency.Cost()),
	)))

	objs = append(objs, subheading("Moment by moment"))
	for i, r := range d.Review {
		head := widget.NewLabelWithStyle(fmt.Sprintf("%d. It called for %s", i+1, r.CallsFor.Label()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		chosen := para(r.ChoiceLine())
		judged := widget.NewLabelWithStyle(fmt.Sprintf("%s · fit %d · you read it as %s", capitalise(r.Hat.Label()), r.Fit, r.Diagnosis.Verb()),
			fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		judged.Wrapping = fyne.TextWrapWord
		objs = append(objs, u.accentPanel(stripe(fitColor(r.Fit)), container.NewVBox(
			head, muted("Why: "+r.Why), chosen, judged, para(r.Feedback),
		)))
	}
	path := widget.NewLabel(pathText(st)) // a line a scene, so not para, which joins lines
	path.Wrapping = fyne.TextWrapWord
	objs = append(objs, subheading("Your path"), u.panel(path))

	again := newButtonWithIcon("Play again", theme.ViewRefreshIcon(), func() { u.startNew(st.Scenario) })
	again.Importance = widget.HighImportance
	home := newButtonWithIcon("Home", theme.HomeIcon(), u.showHome)
	lib := newButtonWithIcon("Other scenarios", theme.ListIcon(), u.showLibrary)
	objs = append(objs, container.NewHBox(layout.NewSpacer(), home, lib, again))
	// Fyne paints every object on a page, on screen or scrolled out of
	// sight, and draws each new text into a texture the first time: the
	// whole debrief took 0.3–0.7 s to paint, and the window stayed on the
	// last feedback meanwhile. The top shows at once; the rest joins it
	// right after that first frame.
	rest := objs[first:]
	for _, o := range rest {
		o.Hide()
	}
	body := page(objs...)
	u.show("debrief", body, true)
	u.afterFrame(func() {
		for _, o := range rest {
			o.Show() // on a page already left, this changes nothing on screen
		}
		body.Refresh() // lays the page out again with them
	})
}

// gistLength is how long a scene's line in the path may be.
const gistLength = 90

// pathText lists the scenes the attempt passed through, a line each: the
// moments numbered as in "Moment by moment", the beats between them
// marked with a dash, and the ending by its title.
func pathText(st *game.State) string {
	lines := make([]string, 0, len(st.Path))
	n := 0
	for _, id := range st.Path {
		s := st.Scenario.Scene(id)
		switch {
		case s == nil:
			lines = append(lines, id)
		case s.Ending:
			lines = append(lines, "Ending: "+s.Title)
		case s.IsMoment():
			n++
			lines = append(lines, fmt.Sprintf("%d. %s", n, s.Gist(gistLength)))
		default:
			lines = append(lines, "– "+s.Gist(gistLength))
		}
	}
	return strings.Join(lines, "\n")
}

// capitalise upper-cases the first letter: "crisis" → "Crisis".
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
