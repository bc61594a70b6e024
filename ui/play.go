package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/session"
)

// startNew begins a new attempt at a scenario.
func (u *App) startNew(sc *game.Scenario) {
	if u.profile == nil {
		u.showWelcome() // a facilitator without a profile: make one first
		return
	}
	var sess *session.Session
	var err error
	u.showBusy("starting", true)
	nav := u.nav
	profileID, workshop, seed := u.profile.ID, u.profile.Workshop, u.deps.Seed()
	hold := u.ownHold()
	u.async(func() {
		sess, err = session.Start(u.deps.Store, profileID, sc, seed, workshop)
		hold = u.holdsFeedback(workshop, hold)
	}, func() {
		if u.nav != nav {
			return // the player went elsewhere; the attempt waits on Home
		}
		if err != nil {
			u.showError("Two Hats could not start the scenario", err)
			u.showLibrary()
			return
		}
		u.play(sess, "", hold)
	})
}

// resume rebuilds an unfinished attempt from its saved answers.
func (u *App) resume(sc *game.Scenario, a game.Attempt) {
	var sess *session.Session
	var how session.Resumed
	var err error
	u.showBusy("starting", true)
	nav := u.nav
	hold := u.ownHold()
	u.async(func() {
		sess, how, err = session.Resume(u.deps.Store, sc, a)
		hold = u.holdsFeedback(a.Workshop, hold)
	}, func() {
		if u.nav != nav && err == nil && how.How != session.Closed {
			return // the player went elsewhere
		}
		switch {
		case err != nil:
			u.showError("Two Hats could not resume the attempt", err)
			u.showHome()
		case how.How == session.Closed:
			u.showHome()
			dialog.ShowConfirm("This scenario has changed",
				fmt.Sprintf("%q was edited since you started, and your earlier answers no longer fit it. "+
					"That attempt is closed and its answers are kept in your history. Start the scenario again?", sc.Title),
				func(ok bool) {
					if ok {
						u.startNew(sc)
					}
				}, u.win)
		default:
			notice := ""
			if how.How == session.Edited {
				notice = "This scenario was edited since you started. Your answers still fit it, so you continue where you left off."
			}
			u.play(sess, notice, hold)
		}
	})
}

// playScreen is one attempt in progress on screen.
type playScreen struct {
	u    *App
	sess *session.Session
	st   *game.State // sess.State(), read on the UI goroutine only between answers

	meters  map[string]*meterBar
	body    *fyne.Container
	scrollC *container.Scroll
	notice  string
	// hats is the reading's block (prompt and the three hat cards); dock
	// holds it under the scroll container, pinned in view, while the
	// player reads a scene too long for the block to show below it
	hats     *fyne.Container
	hatsHint *widget.Label // shown in the flow; the dock keeps to the essentials
	dock     *fyne.Container
	area     *fyne.Container
	docked   bool

	progress  *widget.Label // "Moment 3 of 8"
	beat      int           // index into st.Beats still to show
	diagnosis game.Hat
	shownAt   time.Time
	busy      bool
	hold      bool // the verdicts wait for the debrief (feedback_timing.go)

	lastRune    rune      // the digit that picked the reading
	lastRuneAt  time.Time // and when
	diagCards   []*actionCard
	choiceCards []*actionCard
	choices     []*game.Choice
	next        func()        // what Enter does now, if anything
	pause       dialog.Dialog // the pause menu while it is open
}

func (u *App) play(sess *session.Session, notice string, hold bool) {
	st := sess.State()
	p := &playScreen{u: u, sess: sess, st: st, meters: map[string]*meterBar{}, notice: notice, hold: hold}
	meterRow := container.NewGridWithColumns(3)
	for _, m := range game.Meters {
		bar := newMeterBar(m, st.Meters.Get(m))
		p.meters[m] = bar
		meterRow.Add(bar)
	}
	menu := newButtonWithIcon("Menu", theme.MenuIcon(), p.menu)
	menu.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(st.Scenario.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.progress = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	top := container.NewVBox(
		container.NewPadded(container.NewBorder(nil, nil, nil, menu, container.NewHBox(title, p.progress))),
		container.NewPadded(meterRow),
		widget.NewSeparator(),
	)
	p.body = container.NewVBox()
	p.scrollC = container.NewVScroll(container.New(&readableLayout{max: 820}, p.body))
	p.dock = container.NewVBox()
	p.area = container.New(&playArea{p: p}, p.scrollC, p.dock)
	u.show("play", container.NewBorder(top, nil, nil, nil, p.area), false)
	u.playing = p
	u.escape = p.menu
	u.keys = p.key
	u.runes = p.rune
	p.render()
}

func (p *playScreen) key(ev *fyne.KeyEvent) bool {
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || ev.Name == fyne.KeySpace) && p.next != nil && !p.busy {
		p.next()
		return true
	}
	return false
}

// keyRepeatGuard is how soon after picking a reading the same digit is
// taken as a held key rather than a choice.
const keyRepeatGuard = 400 * time.Millisecond

func (p *playScreen) rune(r rune) bool {
	if r < '1' || r > '9' || p.busy {
		return false
	}
	n := int(r - '1')
	now := p.u.keyClock()
	switch {
	case p.diagnosis == "" && n < len(p.diagCards) && p.choiceCards == nil:
		p.diagCards[n].Tapped(nil)
		p.lastRune, p.lastRuneAt = r, now
	case p.diagnosis != "" && n < len(p.choiceCards):
		// a held key repeats: the digit that named the reading must not also
		// pick the action the player has not read yet
		if r == p.lastRune && now.Sub(p.lastRuneAt) < keyRepeatGuard {
			return true
		}
		p.choiceCards[n].Tapped(nil)
	default:
		return false
	}
	return true
}

func (p *playScreen) menu() {
	if p.pause != nil {
		p.pause.Hide() // Escape again closes the menu
		return
	}
	var d dialog.Dialog
	leave := newButtonWithIcon("Save and leave", theme.LogoutIcon(), func() {
		d.Hide()
		p.u.showHome()
	})
	leave.Importance = widget.HighImportance
	stay := newButton("Keep playing", func() { d.Hide() })
	content := container.NewVBox(
		para("Every answer you have given is already saved. You can leave now and continue this scenario later from Home."),
		container.NewHBox(layout.NewSpacer(), stay, leave),
	)
	d = dialog.NewCustomWithoutButtons("Paused", content, p.u.win)
	d.SetOnClosed(func() { p.pause = nil })
	p.pause = d
	d.Show()
	// Enter keeps playing (the ring shows it); Escape closes the menu too
	p.u.win.Canvas().Focus(stay)
}

// render shows what the state needs next: a beat, a moment, or the ending.
func (p *playScreen) render() {
	p.body.RemoveAll()
	p.undock()
	p.hats = nil
	p.diagCards, p.choiceCards, p.choices, p.diagnosis, p.next = nil, nil, nil, "", nil
	if p.notice != "" {
		p.body.Add(p.u.accentPanel(stripe(midColor()), para(p.notice)))
		p.notice = ""
	}
	if p.beat < len(p.st.Beats) {
		b := p.st.Beats[p.beat]
		p.body.Add(sceneText(b.Text))
		cont := newButtonWithIcon("Continue", theme.NavigateNextIcon(), func() { p.beat++; p.render() })
		cont.Importance = widget.HighImportance
		p.body.Add(container.NewHBox(layout.NewSpacer(), hint("Enter"), cont))
		p.next = cont.OnTapped
		p.scrollC.ScrollToTop()
		p.body.Refresh()
		return
	}
	if p.st.Done {
		p.finish()
		return
	}
	m := p.st.Current
	lo, hi := p.st.Scenario.MomentRange()
	total := strconv.Itoa(hi)
	if lo != hi {
		total = fmt.Sprintf("%d–%d", lo, hi)
	}
	p.progress.SetText(fmt.Sprintf("· moment %d of %s", len(p.st.Steps)+1, total))
	p.body.Add(sceneText(m.Text))
	grid := container.NewGridWithColumns(3)
	for i, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
		h := h
		c := newActionCard(i+1, h.Verb(), diagnosisHint(h), hatColor(h), func() { p.diagnose(h) })
		p.diagCards = append(p.diagCards, c)
		grid.Add(c)
	}
	p.hatsHint = muted("Name the hat before you act. Press 1, 2 or 3, or click.")
	p.hats = container.NewVBox(subheading("Read the moment: what does it call for?"), p.hatsHint, grid)
	p.body.Add(p.hats)
	p.scrollC.ScrollToTop()
	p.body.Refresh()
	p.fitHats()
}

// playArea lays out the play screen under its top bar: the scroll
// container, and under it the dock at its own height. When its size
// changes, it checks again whether the hats must be docked.
type playArea struct {
	p    *playScreen
	last fyne.Size
}

func (l *playArea) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.place(size)
	if size != l.last {
		l.last = size
		if l.p.fitHats() {
			l.place(size)
		}
	}
}

func (l *playArea) place(size fyne.Size) {
	dockH := float32(0)
	if len(l.p.dock.Objects) > 0 {
		dockH = l.p.dock.MinSize().Height
	}
	l.p.scrollC.Move(fyne.NewPos(0, 0))
	l.p.scrollC.Resize(fyne.NewSize(size.Width, size.Height-dockH))
	l.p.dock.Move(fyne.NewPos(0, size.Height-dockH))
	l.p.dock.Resize(fyne.NewSize(size.Width, dockH))
}

func (l *playArea) MinSize([]fyne.CanvasObject) fyne.Size {
	s := l.p.scrollC.MinSize()
	if len(l.p.dock.Objects) > 0 {
		s.Height += l.p.dock.MinSize().Height
	}
	return s
}

// fitHats docks the hats under the scene while the reading is still to be
// named and they would not show whole below the scene's text, so the
// player always sees what to press (at extra-large text in a small
// window they were entirely below the fold); otherwise they sit in the
// text's flow. It reports whether it moved them.
func (p *playScreen) fitHats() bool {
	if p.hats == nil || p.area.Size().Height == 0 {
		return false
	}
	p.scrollC.Refresh()
	// the bottom of what comes before the hats in the scroll's content
	textBottom := p.body.Position().Y
	for _, o := range p.body.Objects {
		if o != p.hats && o.Visible() {
			textBottom = max(textBottom, p.body.Position().Y+o.Position().Y+o.Size().Height)
		}
	}
	// the hats' height in the flow, where they show their hint too
	width := p.body.Size().Width
	hatsH := heightAt(p.hats, width)
	if p.docked {
		hatsH += heightAt(p.hatsHint, width) + theme.Padding()
	}
	need := textBottom + theme.Padding() + hatsH + theme.Padding()
	dock := p.diagnosis == "" && need > p.area.Size().Height
	switch {
	case dock && !p.docked:
		p.body.Remove(p.hats)
		p.hatsHint.Hide()
		p.dock.Objects = []fyne.CanvasObject{widget.NewSeparator(), container.New(&readableLayout{max: 820, tight: true}, p.hats)}
		p.docked = true
	case !dock && p.docked:
		p.undock()
		p.body.Add(p.hats)
	default:
		return false
	}
	p.dock.Refresh()
	p.body.Refresh()
	p.area.Refresh()
	return true
}

// undock empties the dock; the caller puts the hats back in the flow.
func (p *playScreen) undock() {
	if p.docked {
		p.dock.Objects = nil
		p.docked = false
		p.hatsHint.Show()
		p.dock.Refresh()
	}
}

// heightAt is how tall o is at the width, with its wrapped text.
func heightAt(o fyne.CanvasObject, width float32) float32 {
	if width <= 0 {
		return o.MinSize().Height
	}
	if o.Size().Width != width {
		o.Resize(fyne.NewSize(width, o.MinSize().Height))
	}
	return o.MinSize().Height
}

func diagnosisHint(h game.Hat) string {
	switch h {
	case game.Manage:
		return "Manager hat: plans, owners, dates, control."
	case game.Lead:
		return "Leader hat: purpose, trust, coaching, room."
	}
	return "Both hats, in the right order."
}

// diagnose names the reading. It may be changed with the mouse until an
// action is picked; the digits then pick actions.
func (p *playScreen) diagnose(h game.Hat) {
	if p.busy {
		return
	}
	for i, c := range p.diagCards {
		c.SetSelected([]game.Hat{game.Manage, game.Lead, game.Both}[i] == h)
	}
	first := p.diagnosis == ""
	p.diagnosis = h
	if !first {
		return // the actions are already there; only the reading changed
	}
	if p.docked {
		// the actions need the room: the hats go back above them
		p.undock()
		p.body.Add(p.hats)
		p.area.Refresh()
	}
	heading := subheading("What do you do?")
	p.body.Add(heading)
	p.body.Add(muted("Pick an action with its number, or click it. Until you do, you can still change your reading by clicking another one."))
	p.choices = p.st.Choices()
	for i, ch := range p.choices {
		ch := ch
		c := newActionCard(i+1, "", ch.Text, theme.Color(theme.ColorNamePrimary), func() { p.choose(ch) })
		p.choiceCards = append(p.choiceCards, c)
		p.body.Add(c)
	}
	p.shownAt = p.u.deps.Now()
	p.body.Refresh()
	p.scrollTo(heading)
}

// scrollTo scrolls the play screen so that o is at the top, or as near as
// the content allows: after naming the hat, the whole list of actions comes
// into view instead of only the last of them.
func (p *playScreen) scrollTo(o fyne.CanvasObject) {
	p.scrollC.Refresh()
	y := p.body.Position().Y + o.Position().Y - theme.Padding()
	maxY := p.scrollC.Content.MinSize().Height - p.scrollC.Size().Height
	if y > maxY {
		y = maxY
	}
	if y < 0 {
		y = 0
	}
	p.scrollC.ScrollToOffset(fyne.NewPos(0, y))
}

// choose saves the answer, then shows its feedback: the answer is durable
// before the player sees what it did.
func (p *playScreen) choose(ch *game.Choice) {
	if p.busy {
		return
	}
	p.busy = true
	for i, c := range p.choiceCards {
		c.SetSelected(p.choices[i] == ch)
		c.SetDisabled(true)
	}
	for _, c := range p.diagCards {
		c.SetDisabled(true) // the reading is final once an action is picked
	}
	saving := p.u.busyBar()
	p.body.Add(saving)
	a := game.Answer{Scene: p.st.Current.ID, Diagnosis: p.diagnosis, Choice: ch.ID, At: p.u.deps.Now(),
		Millis: p.u.deps.Now().Sub(p.shownAt).Milliseconds()}
	var step game.Step
	var err error
	p.u.async(func() {
		// the session saves the answer, then plays it, then records an ending
		step, err = p.sess.Answer(a)
	}, func() {
		stopBar(saving)
		p.body.Remove(saving)
		p.busy = false
		if err == nil && p.u.playing != p {
			return // the player left; the saved answer resumes from Home
		}
		switch {
		case errors.Is(err, session.ErrNotRecorded):
			p.u.showError("Your result could not be saved; your answers are, so the debrief will be there when you resume", err)
		case err != nil:
			for _, c := range p.choiceCards {
				c.SetDisabled(false)
				c.SetSelected(false)
			}
			for _, c := range p.diagCards {
				c.SetDisabled(false)
			}
			p.u.showError("Your answer could not be saved, so it was not played; pick it again", err)
			return
		}
		p.beat = 0
		p.feedback(step)
	})
}

// feedback names the hat out loud, says whether and why it fit, shows the
// consequence and moves the meters.
func (p *playScreen) feedback(s game.Step) {
	hatLine := widget.NewLabelWithStyle(game.HatLine(s.Choice), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hatLine.SizeName = theme.SizeNameSubHeadingText
	hatLine.Wrapping = fyne.TextWrapWord
	verdictLine := widget.NewLabelWithStyle(fmt.Sprintf("%s Fit %d of 100.", game.VerdictLine(s), s.Fit), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	verdictLine.Wrapping = fyne.TextWrapWord
	called := para(fmt.Sprintf("The moment called for %s. %s You read it as %s. %s",
		game.CalledFor(s.Scene.CallsFor), s.Scene.Why, s.Answer.Diagnosis.Verb(), game.ReadingLine(s.Reading)))
	fb := para(s.Choice.Feedback)
	moves := meterMoves(s)
	icon := widget.NewIcon(theme.ConfirmIcon())
	switch game.FitBand(s.Fit) {
	case game.Misfit:
		icon.SetResource(theme.NewErrorThemedResource(theme.CancelIcon()))
	case game.Partial:
		icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	default:
		icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	}
	content := container.NewVBox(hatLine, container.NewBorder(nil, nil, icon, nil, verdictLine), fb, called)
	if len(moves) > 0 {
		content.Add(muted("Consequence: " + strings.Join(moves, ", ") + "."))
	}
	panel := p.u.accentPanel(stripe(hatColor(s.Choice.Hat)), content)
	if p.hold {
		panel = p.consequencePanel(s) // the verdict waits for the debrief
	}
	p.body.Add(panel)
	for _, m := range game.Meters {
		p.meters[m].SetValue(s.After.Get(m), true)
	}
	label := "Continue"
	if p.st.Done {
		label = "See your debrief"
	}
	cont := newButtonWithIcon(label, theme.NavigateNextIcon(), func() {
		for _, m := range p.meters {
			m.ClearDelta()
		}
		p.render()
	})
	cont.Importance = widget.HighImportance
	p.body.Add(container.NewHBox(layout.NewSpacer(), hint("Enter"), cont))
	p.next = cont.OnTapped
	p.body.Refresh()
	p.scrollC.ScrollToBottom()
}

// finish shows the debrief: the session recorded the ending with the
// last answer.
func (p *playScreen) finish() {
	p.u.showDebrief(p.st, p.st.Debrief())
}

// sceneText renders a scene's Markdown prose.
func sceneText(md string) fyne.CanvasObject {
	rt := widget.NewRichTextFromMarkdown(reflow(md))
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// reflow joins the hard-wrapped lines of each Markdown paragraph, keeping
// blank lines between paragraphs and list items on lines of their own.
func reflow(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if i > 0 {
			prev := strings.TrimSpace(lines[i-1])
			switch {
			case t == "" || prev == "" || isListItem(t) || strings.HasPrefix(t, "#") || strings.HasPrefix(prev, "#"):
				b.WriteString("\n")
			default:
				b.WriteString(" ")
			}
		}
		if isListItem(t) || strings.HasPrefix(t, "#") {
			b.WriteString(t)
		} else {
			b.WriteString(strings.TrimSpace(l))
		}
	}
	return b.String()
}

func isListItem(t string) bool {
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
		return true
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i < len(t)-1 && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}
