package ui

import (
	"errors"
	"fmt"
	"image/color"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/room"
)

// This file is the Facilitator area's Room play tab: the whole workshop
// plays one scenario live from their phones, served by this machine
// (internal/room), with the projector view and the facilitator's controls.

// RoomPlay hosts live room sessions for the Room play tab. cmd/twohats
// wires it to the store, a listener on the local network and the
// participants' web server; the tab itself opens no socket and no file.
// Optional: without it the tab says room play is not available.
type RoomPlay interface {
	// Workshops lists the workshops still open, newest first.
	Workshops() ([]game.Workshop, error)
	// Unfinished lists the room sessions never ended (the app was closed
	// or killed mid-session), newest first.
	Unfinished() ([]game.RoomSession, error)
	// Start starts a new session and serves it.
	Start(o RoomStart) (*RoomRun, error)
	// Resume brings back an unfinished session, with every vote it
	// acknowledged, and serves it. o.Scenario is the scenario it plays.
	Resume(rs game.RoomSession, o RoomStart) (*RoomRun, error)
	// Discard ends an unfinished session without resuming it, so it is
	// not offered again; the participants' answers so far stay.
	Discard(sessionID string) error
}

// RoomStart is what a session is started (or resumed) with.
type RoomStart struct {
	Scenario     *game.Scenario
	Workshop     string // the join code; "" makes a new workshop for this session
	HoldFeedback bool   // keep each verdict for the debrief
	Seed         int64  // orders the choices; ignored on resume
}

// RoomRun is a session being served.
type RoomRun struct {
	Host     *room.Host
	URL      string // what participants open: the address, with the code
	Workshop game.Workshop
	// Stop stops serving and closes the host. It does not end the
	// session: call Host.End first for that; otherwise it stays resumable.
	Stop func()
}

// tabRoomPlay is the Room play tab's index in the Facilitator area: the
// last tab, after Export.
const tabRoomPlay = tabExport + 1

// rpTextScale is how much larger text is on the projector than in the
// rest of the app (on top of the player's own text size).
const rpTextScale = 1.5

// rpPost runs a refresh on the UI goroutine; tests replace it to run the
// refreshes on the test's goroutine.
var rpPost = fyne.Do

// roomPlayTab is the tab's content: unfinished sessions to resume, and a
// workshop and scenario to start.
func (u *App) roomPlayTab() fyne.CanvasObject {
	if u.deps.Room == nil {
		return page(heading("Room play"), para("Room play is not available in this copy of Two Hats."))
	}
	s := &roomPlaySetup{u: u, rp: u.deps.Room}
	return s.content()
}

// roomPlaySetup is the tab before a session runs.
type roomPlaySetup struct {
	u       *App
	rp      RoomPlay
	offers  *fyne.Container
	wsSel   *widget.Select
	scSel   *widget.Select
	hold    *widget.Check
	start   *button
	status  *widget.Label
	codes   map[string]string // workshop option → code ("" for a new one)
	names   map[string]string // code → the workshop's name
	holds   map[string]bool   // code → the workshop holds the verdicts
	ownHold bool              // the facilitator's own tick, for a workshop that leaves it to them
	scIDs   map[string]string // scenario option → id
}

const rpNewWorkshop = "A new workshop for this session"

const rpHoldLabel = "Hold each verdict for the debrief (after a play, show only what happened)"

// syncHold shows the chosen workshop's feedback timing: a workshop that
// holds the verdicts holds them in the room too (game.Workshop.HoldsFeedback),
// so the tick is on and fixed; otherwise it is the facilitator's.
func (s *roomPlaySetup) syncHold() {
	if s.holds[s.codes[s.wsSel.Selected]] {
		s.hold.Text = "Hold each verdict for the debrief: this workshop holds them"
		s.hold.Checked = true
		s.hold.Disable()
		s.hold.Refresh()
		return
	}
	s.hold.Text = rpHoldLabel
	s.hold.Checked = s.ownHold
	s.hold.Enable()
	s.hold.Refresh()
}

func (s *roomPlaySetup) content() fyne.CanvasObject {
	u := s.u
	s.offers = container.NewVBox()
	s.wsSel = widget.NewSelect(nil, func(string) { s.syncHold() })
	s.wsSel.PlaceHolder = "Choose a workshop"
	var scOpts []string
	scOpts, s.scIDs = rpScenarioOptions(u)
	s.scSel = widget.NewSelect(scOpts, nil)
	s.scSel.PlaceHolder = "Choose a scenario"
	s.hold = widget.NewCheck(rpHoldLabel, func(on bool) {
		if !s.hold.Disabled() {
			s.ownHold = on
		}
	})
	s.status = para("")
	s.status.Hide()
	s.start = newButtonWithIcon("Start room play", theme.MediaPlayIcon(), s.begin)
	s.start.Importance = widget.HighImportance
	s.load()
	return page(
		heading("Room play"),
		muted("The whole room plays one scenario live. Participants open the address on the screen (or scan the code) on a phone or laptop on this network: no install, no account, no internet. "+
			"Everyone names the hat and votes on the action; you reveal the split and play the room's choice. Keys: O opens a vote, R reveals it, P plays the most chosen, N goes on."),
		s.offers,
		u.panel(container.NewVBox(
			widget.NewForm(widget.NewFormItem("Workshop", s.wsSel), widget.NewFormItem("Scenario", s.scSel), widget.NewFormItem("", s.hold)),
			container.NewHBox(layout.NewSpacer(), s.start),
			s.status,
		)),
		muted("The first time, your computer may ask whether Two Hats may accept connections: allow it on private networks. A hotel or guest Wi-Fi that keeps its devices apart blocks the phones; a phone's hotspot works."),
	)
}

// load reads the open workshops and the unfinished sessions, and offers
// to resume each of those.
func (s *roomPlaySetup) load() {
	var ws []game.Workshop
	var open []game.RoomSession
	var err error
	s.u.async(func() {
		if ws, err = s.rp.Workshops(); err == nil {
			open, err = s.rp.Unfinished()
		}
	}, func() {
		if err != nil {
			s.say(err)
			return
		}
		rpSortedNewest(ws)
		opts := make([]string, 0, len(ws)+1)
		s.codes, s.names, s.holds = map[string]string{rpNewWorkshop: ""}, map[string]string{}, map[string]bool{}
		for _, w := range ws {
			label := fmt.Sprintf("%s (%s)", w.Name, w.Code)
			opts = append(opts, label)
			s.codes[label] = w.Code
			s.names[w.Code] = w.Name
			s.holds[w.Code] = w.HoldFeedback
		}
		opts = append(opts, rpNewWorkshop)
		s.wsSel.Options = opts
		s.wsSel.SetSelected(opts[0])
		s.fillOffers(open)
	})
}

func (s *roomPlaySetup) fillOffers(open []game.RoomSession) {
	s.offers.RemoveAll()
	for _, rs := range open {
		rs := rs
		title := rs.ScenarioID
		if sc := s.u.lib.Get(rs.ScenarioID); sc != nil {
			title = sc.Title
		}
		where := rs.Workshop
		if name := s.names[rs.Workshop]; name != "" {
			where = fmt.Sprintf("%s (%s)", name, rs.Workshop)
		}
		text := fmt.Sprintf("An unfinished room session of %s in %s, started %s: %s, at %s.",
			title, where, rpWhen(rs.StartedAt, s.u.deps.Now()), game.Count(rpPresent(rs), "participant"), rpAt(rs))
		resume := newButtonWithIcon("Resume", theme.MediaPlayIcon(), func() { s.resume(rs) })
		resume.Importance = widget.HighImportance
		end := newButton("End it", func() {
			dialog.ShowConfirm("End the unfinished session?", "End it for good? It will not be offered again; every participant's answers so far stay in their attempts.", func(ok bool) {
				if !ok {
					return
				}
				var err error
				s.u.async(func() { err = s.rp.Discard(rs.ID) }, func() {
					if err != nil {
						s.say(err)
					}
					s.load()
				})
			}, s.u.win)
		})
		s.offers.Add(s.u.panel(container.NewBorder(nil, nil, nil, container.NewHBox(end, resume), para(text))))
	}
}

func (s *roomPlaySetup) say(err error) {
	s.status.Importance = widget.DangerImportance
	s.status.SetText(sentence(err))
	s.status.Show()
}

func (s *roomPlaySetup) options(sc *game.Scenario) RoomStart {
	return RoomStart{Scenario: sc, Workshop: s.codes[s.wsSel.Selected], HoldFeedback: s.hold.Checked, Seed: s.u.deps.Seed()}
}

// begin starts a session of the chosen workshop and scenario, first
// offering to resume one of them left unfinished.
func (s *roomPlaySetup) begin() {
	id := s.scIDs[s.scSel.Selected]
	sc := s.u.lib.Get(id)
	if s.wsSel.Selected == "" || sc == nil {
		s.say(errors.New("choose a workshop and a scenario first"))
		return
	}
	o := s.options(sc)
	var open []game.RoomSession
	var err error
	s.start.Disable()
	s.u.async(func() { open, err = s.rp.Unfinished() }, func() {
		s.start.Enable()
		if err != nil {
			s.say(err)
			return
		}
		for _, rs := range open {
			if o.Workshop == "" || rs.Workshop != o.Workshop || rs.ScenarioID != sc.ID {
				continue
			}
			msg := fmt.Sprintf("Resume the session of %s (%s, at %s)? Or start a new one: the unfinished one then ends, and its answers stay.",
				rpWhen(rs.StartedAt, s.u.deps.Now()), game.Count(rpPresent(rs), "participant"), rpAt(rs))
			dialog.ShowCustomConfirm("This room session is unfinished", "Resume", "Start new", para(msg), func(resume bool) {
				if resume {
					s.resume(rs)
					return
				}
				var err error
				s.u.async(func() { err = s.rp.Discard(rs.ID) }, func() {
					if err != nil {
						s.say(err)
						return
					}
					s.launch(func() (*RoomRun, error) { return s.rp.Start(o) })
				})
			}, s.u.win)
			return
		}
		s.launch(func() (*RoomRun, error) { return s.rp.Start(o) })
	})
}

func (s *roomPlaySetup) resume(rs game.RoomSession) {
	sc := s.u.lib.Get(rs.ScenarioID)
	if sc == nil {
		s.say(fmt.Errorf("the scenario %q of that session is not in the library any more; put its file back in your scenarios folder, or end the session", rs.ScenarioID))
		return
	}
	o := s.options(sc)
	s.launch(func() (*RoomRun, error) { return s.rp.Resume(rs, o) })
}

// launch starts or resumes a session off the UI goroutine and then shows
// the projector.
func (s *roomPlaySetup) launch(work func() (*RoomRun, error)) {
	var run *RoomRun
	var err error
	s.start.Disable()
	s.status.Importance = widget.MediumImportance
	s.status.SetText("Starting the room…")
	s.status.Show()
	s.u.async(func() { run, err = work() }, func() {
		s.start.Enable()
		if err != nil {
			s.say(err)
			return
		}
		s.status.Hide()
		s.u.showRoomPlay(run)
	})
}

// rpScenarioOptions lists the library's scenarios by title (with the id
// when two share a title).
func rpScenarioOptions(u *App) ([]string, map[string]string) {
	var opts []string
	ids := map[string]string{}
	if u.lib == nil {
		return opts, ids
	}
	titles := map[string]int{}
	for _, sc := range u.lib.Scenarios {
		titles[sc.Title]++
	}
	for _, sc := range u.lib.Scenarios {
		label := sc.Title
		if titles[sc.Title] > 1 {
			label = fmt.Sprintf("%s (%s)", sc.Title, sc.ID)
		}
		opts = append(opts, label)
		ids[label] = sc.ID
	}
	return opts, ids
}

// rpWhen is when a session started: the time today, else the day too.
func rpWhen(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04")
	}
	return t.Format("Mon 2 Jan 15:04")
}

func rpPresent(rs game.RoomSession) int {
	n := 0
	for _, m := range rs.Members {
		if !m.Removed {
			n++
		}
	}
	return n
}

// rpAt is where a saved session stands: "moment 3" or "the ending".
func rpAt(rs game.RoomSession) string {
	switch rs.Phase {
	case game.PhaseEnded:
		return "the ending"
	case game.PhaseFeedback:
		return fmt.Sprintf("moment %d", len(rs.Plays))
	}
	return fmt.Sprintf("moment %d", len(rs.Plays)+1)
}

// roomPlayScreen is the projector view of a running session, with the
// facilitator's controls along the bottom.
type roomPlayScreen struct {
	u    *App
	run  *RoomRun
	h    *room.Host
	stop chan struct{} // ends the watcher
	post func(func())  // rpPost, as it was when the screen opened
	// queued is set while a refresh waits to run, so a burst of votes
	// makes one refresh, not one each
	queued    atomic.Bool
	busy      bool // a command is running
	showNames bool
	built     string // the phase and moment the body was built for
	number    int    // the last moment's number, for the feedback's title

	where, prompt, count, joined, names, problem *widget.Label
	body, columns, content                       *fyne.Container
	layout                                       *rpColumns
	scroll                                       *container.Scroll
	open, reveal, play, other, next, remove      *button
	end, leave, namesBtn                         *button
}

// showRoomPlay shows the projector for a running session.
func (u *App) showRoomPlay(run *RoomRun) *roomPlayScreen {
	s := &roomPlayScreen{u: u, run: run, h: run.Host, stop: make(chan struct{}), post: rpPost}
	// projector mode: every text in the window is larger until the
	// facilitator leaves; the controls keep the usual size
	u.fyne.Settings().SetTheme(&appTheme{variant: u.theme.variant, scale: u.theme.scale * rpTextScale})
	u.show("roomplay", s.view(), false)
	u.runes = s.key
	u.escape = func() { s.askLeave(nil) }
	u.win.SetCloseIntercept(func() { s.askLeave(u.win.Close) })
	// the channel is taken before the first refresh reads the room, so a
	// join in between is never missed
	changed := s.h.Changed()
	s.refresh()
	go s.watch(changed)
	return s
}

// watch refreshes the view after every change of the room until the
// facilitator leaves: it sleeps on the host's change channel, never polls.
func (s *roomPlayScreen) watch(changed <-chan struct{}) {
	for {
		select {
		case <-s.stop:
			return
		case <-changed:
		}
		// take the next channel before the refresh reads the room, so a
		// change during the refresh is never missed
		changed = s.h.Changed()
		if s.queued.CompareAndSwap(false, true) {
			s.post(s.refresh)
		}
	}
}

func (s *roomPlayScreen) view() fyne.CanvasObject {
	u := s.u
	// along the top: the scenario, the moment and the live count
	title := widget.NewLabelWithStyle(s.h.Scenario().Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	s.where = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	s.where.SizeName = theme.SizeNameSubHeadingText
	s.count = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	s.count.SizeName = theme.SizeNameHeadingText
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.Padding()*6, 1))
	top := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(s.where), gap, s.count), title)

	// beside the join panel: the moment, scrolling when it is long
	s.prompt = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.prompt.SizeName = theme.SizeNameSubHeadingText
	s.prompt.Wrapping = fyne.TextWrapWord
	s.names = rpLines("")
	s.names.Hide()
	s.body = container.NewVBox()
	s.content = container.New(rpFill{}, container.NewVBox(s.prompt, s.names, s.body))
	s.scroll = container.NewVScroll(s.content)

	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	controls := container.NewThemeOverride(s.controls(), u.theme)
	s.layout = &rpColumns{}
	s.columns = container.New(s.layout, s.joinPanel(), container.NewPadded(s.scroll))
	return container.NewBorder(
		container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), controls),
		nil, nil,
		s.columns,
	)
}

// joinPanel shows how to join: the QR code, the address and the code.
func (s *roomPlayScreen) joinPanel() fyne.CanvasObject {
	addr, code := s.run.URL, s.h.Workshop()
	if p, err := url.Parse(s.run.URL); err == nil && p.Host != "" {
		addr = p.Host
	}
	head := widget.NewLabelWithStyle("Join on your phone", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	var qr fyne.CanvasObject = layout.NewSpacer()
	if bits, err := room.QR(s.run.URL); err == nil {
		img := canvas.NewImageFromImage(room.QRImage(bits, 4))
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScalePixels
		img.SetMinSize(fyne.NewSize(120, 120))
		qr = img
	}
	open := widget.NewLabelWithStyle("Open", fyne.TextAlignCenter, fyne.TextStyle{})
	where := newRPFitText(addr, theme.TextSize()*1.5, fyne.TextStyle{Bold: true, Monospace: true})
	codeLabel := widget.NewLabelWithStyle("Workshop code", fyne.TextAlignCenter, fyne.TextStyle{})
	big := newRPFitText(code, theme.TextSize()*3.4, fyne.TextStyle{Bold: true, Monospace: true})
	s.joined = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	bottom := container.NewVBox(open, where, codeLabel, big, s.joined)
	return container.NewStack(newSurface(12), container.NewPadded(container.NewBorder(head, bottom, nil, nil, qr)))
}

func (s *roomPlayScreen) controls() fyne.CanvasObject {
	s.open = newButton("Open (O)", s.doOpen)
	s.reveal = newButton("Reveal (R)", s.doReveal)
	s.play = newButton("Play most chosen (P)", func() { s.doPlay("") })
	s.other = newButton("Play another…", func() { s.pick(nil) })
	s.next = newButton("Next (N)", s.doNext)
	for _, b := range []*button{s.open, s.reveal, s.play, s.next} {
		b.Importance = widget.HighImportance
	}
	s.namesBtn = newButton("Show names", func() {
		s.showNames = !s.showNames
		s.refresh()
	})
	s.remove = newButton("Remove…", s.askRemove)
	s.end = newButton("End session", s.askEnd)
	s.end.Importance = widget.DangerImportance
	s.leave = newButtonWithIcon("Leave", theme.LogoutIcon(), func() { s.askLeave(nil) })
	row := container.NewHBox(s.open, s.reveal, s.play, s.other, s.next, layout.NewSpacer(), s.namesBtn, s.remove, s.end, s.leave)
	return container.NewVBox(s.problem, row)
}

// key runs the command of a letter, when its button is enabled.
func (s *roomPlayScreen) key(r rune) bool {
	var b *button
	switch r {
	case 'o', 'O':
		b = s.open
	case 'r', 'R':
		b = s.reveal
	case 'p', 'P':
		b = s.play
	case 'n', 'N':
		b = s.next
	}
	if b == nil || b.Disabled() {
		return false
	}
	b.OnTapped()
	return true
}

// command runs a facilitator's command off the UI goroutine, with the
// controls held until it is done.
func (s *roomPlayScreen) command(work func() error, then func(error)) {
	if s.busy {
		return
	}
	s.busy = true
	s.problem.Hide()
	s.enable()
	var err error
	s.u.async(func() { err = work() }, func() {
		s.busy = false
		if then != nil {
			then(err)
		} else if err != nil {
			s.fail(err)
		}
		s.refresh()
	})
}

func (s *roomPlayScreen) fail(err error) {
	s.problem.SetText(rpSentence(err))
	s.problem.Show()
}

func (s *roomPlayScreen) doOpen()   { s.command(s.h.Open, nil) }
func (s *roomPlayScreen) doReveal() { s.command(s.h.Reveal, nil) }
func (s *roomPlayScreen) doNext()   { s.command(s.h.Next, nil) }

// doPlay plays a choice, or the room's most chosen; on a tie the
// facilitator picks one of the tied options.
func (s *roomPlayScreen) doPlay(choice string) {
	s.command(func() error { _, err := s.h.Play(choice); return err }, func(err error) {
		switch {
		case errors.Is(err, room.ErrTie):
			s.pick(s.tied())
		case err != nil:
			s.fail(err)
		}
	})
}

// tied lists the ids of the options with the most votes.
func (s *roomPlayScreen) tied() []string {
	p := s.h.Projector()
	if p.Moment == nil {
		return nil
	}
	most := -1
	var out []string
	for _, c := range p.Moment.Choices {
		n := 0
		if c.Votes != nil {
			n = *c.Votes
		}
		switch {
		case n > most:
			most, out = n, []string{c.ID}
		case n == most:
			out = append(out, c.ID)
		}
	}
	return out
}

// pick asks which option to play: one of the tied ones, or (with none
// given) any, to explore.
func (s *roomPlayScreen) pick(only []string) {
	p := s.h.Projector()
	if p.Moment == nil || p.Phase != game.PhaseActionRevealed {
		return
	}
	allowed := map[string]bool{}
	for _, id := range only {
		allowed[id] = true
	}
	var labels []string
	ids := map[string]string{}
	for _, c := range p.Moment.Choices {
		if len(only) > 0 && !allowed[c.ID] {
			continue
		}
		label := c.Label
		if c.Votes != nil {
			label = fmt.Sprintf("%s (%s)", c.Label, game.Count(*c.Votes, "vote"))
		}
		labels = append(labels, label)
		ids[label] = c.ID
	}
	title, intro := "Play another option", "Play any option to explore where it leads; the room's vote stays as it was."
	if len(only) > 0 {
		title, intro = "The vote is tied", "These options have the same number of votes. Pick the one the room plays."
	}
	choice := newRadioGroup(labels, nil)
	d := dialog.NewCustomConfirm(title, "Play", "Cancel", container.NewVBox(para(intro), choice), func(ok bool) {
		if ok && choice.Selected != "" {
			s.doPlay(ids[choice.Selected])
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(s.u.win.Canvas().Size().Width*0.7, 0))
	d.Show()
}

func (s *roomPlayScreen) askRemove() {
	var names []string
	for _, m := range s.h.Members() {
		if !m.Removed {
			names = append(names, m.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	who := widget.NewSelect(names, nil)
	who.PlaceHolder = "Choose a participant"
	dialog.ShowCustomConfirm("Remove a participant", "Remove", "Cancel", container.NewVBox(
		para("Their vote at this moment is dropped and their page stops working. Their answers so far stay."), who),
		func(ok bool) {
			if ok && who.Selected != "" {
				name := who.Selected
				s.command(func() error { return s.h.Remove(name) }, nil)
			}
		}, s.u.win)
}

func (s *roomPlayScreen) askEnd() {
	dialog.ShowConfirm("End the session?", "End the room session now? Everyone sees the room's summary here and their own debrief on their phone; the session cannot be resumed after.", func(ok bool) {
		if ok {
			s.command(func() error { _, err := s.h.End(); return err }, nil)
		}
	}, s.u.win)
}

// askLeave leaves the projector, first asking whether to end a running
// session or keep it to resume later; then runs after (closing the window).
func (s *roomPlayScreen) askLeave(after func()) {
	if s.h.Stopped() {
		s.close(after)
		return
	}
	var d dialog.Dialog
	end := newButton("End the session", func() {
		d.Hide()
		s.command(func() error { _, err := s.h.End(); return err }, func(err error) {
			if err != nil {
				s.fail(err)
				return
			}
			s.close(after)
		})
	})
	end.Importance = widget.DangerImportance
	keep := newButton("Keep it to resume later", func() {
		d.Hide()
		s.close(after)
	})
	keep.Importance = widget.HighImportance
	stay := newButton("Stay", func() { d.Hide() })
	msg := para("The session is still running. End it, or keep it: the participants' pages stop until you resume it from the Room play tab, with every vote so far.")
	d = dialog.NewCustomWithoutButtons("Leave room play?", container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), stay, end, keep)), s.u.win)
	d.Show()
}

// close stops serving the room, restores the window and goes back to the
// tab (or runs after instead).
func (s *roomPlayScreen) close(after func()) {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	s.run.Stop()
	u := s.u
	u.win.SetCloseIntercept(nil)
	u.fyne.Settings().SetTheme(u.theme)
	if after != nil {
		after()
		return
	}
	u.showFacilitatorTab(tabRoomPlay)
}

// enable turns on the buttons that fit the phase.
func (s *roomPlayScreen) enable() {
	st := s.h.Status()
	running := !s.busy && !s.h.Stopped()
	set := func(b *button, on bool) {
		if on && running {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(s.open, st.Phase == game.PhaseLobby || st.Phase == game.PhaseReadingRevealed)
	set(s.reveal, st.Phase == game.PhaseReading || st.Phase == game.PhaseAction)
	set(s.play, st.Phase == game.PhaseActionRevealed)
	set(s.other, st.Phase == game.PhaseActionRevealed)
	set(s.next, st.Phase == game.PhaseFeedback)
	set(s.remove, st.Phase != game.PhaseEnded && st.Participants > 0)
	set(s.end, true)
	if s.showNames {
		s.namesBtn.SetText("Hide names")
	} else {
		s.namesBtn.SetText("Show names")
	}
}

// refresh shows the room as it is: the live parts in place, the body
// rebuilt only when the phase or the moment changed.
func (s *roomPlayScreen) refresh() {
	s.queued.Store(false)
	select {
	case <-s.stop:
		return // left
	default:
	}
	p := s.h.Projector()
	s.enable()
	s.joined.SetText(fmt.Sprintf("%d in the room", p.Participants))
	s.count.SetText(rpCount(p))
	s.fillNames(p)
	key := string(p.Phase)
	if p.Moment != nil {
		key += " " + p.Moment.ID
		s.number = p.Moment.Number
	}
	if p.Feedback != nil {
		key += " " + p.Feedback.Moment
	}
	s.where.SetText(s.whereText(p))
	if key == s.built {
		return
	}
	s.built = key
	s.prompt.SetText(rpPrompt(p))
	s.body.Objects = s.bodyOf(p)
	s.body.Refresh()
	if narrow, alone := p.Phase != game.PhaseLobby, p.Phase == game.PhaseEnded; narrow != s.layout.narrow || alone != s.layout.alone {
		s.layout.narrow, s.layout.alone = narrow, alone
		s.columns.Refresh()
	}
	s.relayout()
	s.scroll.ScrollToTop()
}

// relayout lays the moment out again after its content changed: wrapped
// text is as tall as the column's width makes it.
func (s *roomPlayScreen) relayout() {
	s.content.Refresh()
	s.scroll.Refresh()
}

func (s *roomPlayScreen) whereText(p room.Projector) string {
	switch {
	case p.Phase == game.PhaseEnded:
		return "The end"
	case p.Moment != nil && p.Moment.Most > p.Moment.Number:
		return fmt.Sprintf("Moment %d of up to %d", p.Moment.Number, p.Moment.Most)
	case p.Moment != nil:
		return fmt.Sprintf("Moment %d", p.Moment.Number)
	case p.Feedback != nil && s.number == 0:
		// resumed after a play: the moment played is the room's last
		s.number = len(s.h.Summary().Moments)
	}
	if s.number > 0 {
		return fmt.Sprintf("Moment %d", s.number)
	}
	return ""
}

// fillNames shows who has voted and who has not, when the facilitator
// asked for names; names are plain text, never markup.
func (s *roomPlayScreen) fillNames(p room.Projector) {
	if !s.showNames {
		if s.names.Visible() {
			s.names.Hide()
			s.relayout()
		}
		return
	}
	var voted, waiting, all []string
	for _, m := range p.Members {
		if m.Removed {
			continue
		}
		all = append(all, m.Name)
		if m.Voted {
			voted = append(voted, m.Name)
		} else {
			waiting = append(waiting, m.Name)
		}
	}
	var text string
	switch {
	case len(all) == 0:
		text = "Nobody has joined yet."
	case p.Phase != game.PhaseLobby && p.Phase != game.PhaseFeedback && p.Phase != game.PhaseEnded:
		text = fmt.Sprintf("Voted (%d): %s\nNot yet (%d): %s", len(voted), rpList(voted), len(waiting), rpList(waiting))
	default:
		text = fmt.Sprintf("In the room (%d): %s", len(all), rpList(all))
	}
	if text != s.names.Text || !s.names.Visible() {
		s.names.SetText(text)
		s.names.Show()
		s.relayout()
	}
}

func rpList(names []string) string {
	if len(names) == 0 {
		return "nobody"
	}
	return strings.Join(names, ", ")
}

// rpCount is the live count: votes in while a vote is open or shown, else
// the people in the room.
func rpCount(p room.Projector) string {
	switch p.Phase {
	case game.PhaseReading, game.PhaseReadingRevealed, game.PhaseAction, game.PhaseActionRevealed:
		return fmt.Sprintf("%d of %d voted", p.VotesIn, p.Participants)
	}
	return game.Count(p.Participants, "participant")
}

// rpPrompt is the line the room reads first.
func rpPrompt(p room.Projector) string {
	switch p.Phase {
	case game.PhaseLobby:
		if p.Moment != nil && p.Moment.Number == 1 {
			return "Join now on your phone: the first vote opens soon."
		}
		return "The next moment: the vote opens soon."
	case game.PhaseReading:
		return "What does this moment call for? Vote on your phone."
	case game.PhaseReadingRevealed:
		return "How the room read the moment"
	case game.PhaseAction:
		return "What do you do? Vote on your phone."
	case game.PhaseActionRevealed:
		return "What the room would do"
	case game.PhaseFeedback:
		return "What the room's choice did"
	case game.PhaseEnded:
		return "How it ended"
	}
	return ""
}

// bodyOf is what the projector shows in a phase.
func (s *roomPlayScreen) bodyOf(p room.Projector) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	switch {
	case p.Phase == game.PhaseEnded:
		return s.summary(p)
	case p.Feedback != nil:
		return rpFeedback(p.Feedback)
	case p.Moment == nil:
		return nil
	}
	m := p.Moment
	// what the room votes on, or how it voted, comes first; the scene
	// follows (the room read it in the lobby)
	switch p.Phase {
	case game.PhaseLobby:
		for _, b := range p.Beats {
			out = append(out, rpProse(b), widget.NewSeparator())
		}
	case game.PhaseReading:
		var labels []string
		for _, r := range m.Readings {
			labels = append(labels, r.Label)
		}
		out = append(out, rpBold(strings.Join(labels, "  ·  ")), widget.NewSeparator())
	case game.PhaseReadingRevealed:
		out = append(out, rpBars(m.Readings, true), widget.NewSeparator())
	case game.PhaseAction:
		for i, c := range m.Choices {
			out = append(out, rpNumbered(i+1, c.Label))
		}
		out = append(out, widget.NewSeparator())
	case game.PhaseActionRevealed:
		out = append(out, rpBars(m.Choices, false), widget.NewSeparator())
	}
	return append(out, rpProse(m.Text))
}

// rpProse is the scenario's Markdown as plain paragraphs, list items
// bulleted and emphasis dropped: Fyne's rich text breaks the line after an
// emphasised phrase, which large projector type makes glaring.
func rpProse(md string) *widget.Label {
	var b strings.Builder
	rpPlain(widget.NewRichTextFromMarkdown(reflow(md)).Segments, &b)
	text := strings.TrimSpace(b.String())
	for strings.Contains(text, "\n\n\n") {
		text = strings.ReplaceAll(text, "\n\n\n", "\n\n")
	}
	return rpLines(text)
}

func rpPlain(segs []widget.RichTextSegment, b *strings.Builder) {
	for _, seg := range segs {
		switch seg := seg.(type) {
		case *widget.ListSegment:
			for i, it := range seg.Items {
				mark := "•"
				if seg.Ordered {
					mark = fmt.Sprintf("%d.", i+1)
				}
				var item strings.Builder
				rpPlain([]widget.RichTextSegment{it}, &item)
				b.WriteString(mark + " " + strings.TrimSpace(item.String()) + "\n")
			}
			b.WriteString("\n")
		case *widget.ParagraphSegment:
			rpPlain(seg.Texts, b)
			b.WriteString("\n\n")
		default:
			b.WriteString(seg.Textual())
			if !seg.Inline() {
				b.WriteString("\n\n")
			}
		}
	}
}

// rpLines is wrapped text that keeps its line breaks.
func rpLines(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func rpBold(text string) *widget.Label {
	l := para(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// rpNumbered is an option with its place in the list, as the phones
// order them.
func rpNumbered(n int, text string) fyne.CanvasObject {
	num := widget.NewLabelWithStyle(fmt.Sprintf("%d.", n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, container.NewVBox(num), nil, para(text))
}

// rpBars draws the revealed split: each option's text over a bar with its
// votes and share.
func rpBars(opts []room.Option, hats bool) fyne.CanvasObject {
	total := 0
	for _, o := range opts {
		if o.Votes != nil {
			total += *o.Votes
		}
	}
	most := 0
	for _, o := range opts {
		if o.Votes != nil {
			most = max(most, *o.Votes)
		}
	}
	box := container.NewVBox()
	for i, o := range opts {
		n := 0
		if o.Votes != nil {
			n = *o.Votes
		}
		// the most chosen stand out; the hats keep their colours
		var c color.Color = theme.Color(theme.ColorNamePrimary)
		if hats {
			c = hatColor(game.Hat(o.ID))
		}
		if n < most {
			c = withAlpha(c, 0x80)
		}
		label := o.Label
		if !hats {
			label = fmt.Sprintf("%d. %s", i+1, o.Label)
		}
		chart := newBarChart([]bar{{Value: float64(n), Text: rpShare(n, total), Color: c}}, float64(max(total, 1)), 0)
		chart.BarHeight = theme.TextSize() * 1.4
		// the count and share stand past the bar's end: leave them room
		box.Add(container.NewVBox(rpBold(label), container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.TextSize()*3), chart)))
	}
	return box
}

// rpShare is a count and its share of the votes: "12 · 40%".
func rpShare(n, total int) string {
	if total == 0 {
		return "0"
	}
	return fmt.Sprintf("%d · %d%%", n, (n*100+total/2)/total)
}

func rpFeedback(f *room.Feedback) []fyne.CanvasObject {
	out := []fyne.CanvasObject{widget.NewLabel("The room played:"), rpBold(f.Played), para(f.Text)}
	if f.Meters != "" {
		out = append(out, muted("Consequence: "+f.Meters+"."))
	}
	if f.Held {
		out = append(out, muted("The verdict waits for the debrief."))
	} else {
		out = append(out, widget.NewSeparator(), rpBold(f.Verdict), para(f.CallsFor))
	}
	return out
}

// summary is the end: the ending and its away test, then per moment how
// the room read it and what it played.
func (s *roomPlayScreen) summary(p room.Projector) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	if e := p.Ending; e != nil {
		title := e.Title
		if e.Outcome != "" {
			title += " · " + e.Outcome
		}
		out = append(out, subheading(title), rpProse(e.Text))
		if e.Away != "" {
			out = append(out, rpBold("The away test"), para(e.Away))
		}
	} else {
		out = append(out, para("The session was ended before the story reached an ending."))
	}
	sum := p.Summary
	if sum == nil {
		return out
	}
	out = append(out, widget.NewSeparator(), subheading("How the room played"))
	sc := s.h.Scenario()
	for i, m := range sum.Moments {
		played := m.Played
		if scene := sc.Scene(m.Moment); scene != nil {
			if c := scene.Choice(m.Played); c != nil {
				played = c.Text
			}
		}
		var reads []string
		for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
			reads = append(reads, fmt.Sprintf("%s %d", h.Verb(), m.Readings[string(h)]))
		}
		line := "The room read it: " + strings.Join(reads, " · ") + "."
		if m.Reading != nil {
			line += " Reading " + game.ScoreText(m.Reading) + " of 100."
		}
		if m.VoteFit != nil {
			line += " Its votes fit " + game.ScoreText(m.VoteFit) + " of 100."
		}
		out = append(out, rpBold(fmt.Sprintf("%d. It called for %s. The room played, fit %d:", i+1, m.CallsFor.Label(), m.Fit)), rpLines(played+"\n"+line))
	}
	if sum.Participants > 0 {
		out = append(out, widget.NewSeparator(), para(fmt.Sprintf("%d of %s reached the ending; each sees their own debrief on their phone.",
			sum.Finished, game.Count(sum.Participants, "participant"))))
	}
	return out
}

// rpSentence is a host's error as a sentence for the facilitator.
func rpSentence(err error) string {
	msg := err.Error()
	for _, e := range []error{room.ErrPhase, room.ErrTie, room.ErrBadVote, room.ErrEnded} {
		if errors.Is(err, e) {
			msg = strings.TrimPrefix(msg, e.Error()+": ")
		}
	}
	return sentence(errors.New(msg))
}

// rpColumns lays out the join panel on the left and the moment beside it.
// In the lobby the panel takes about a third of the width; once the votes
// run it narrows, for the moment's options, and stays for latecomers.
// At the end, nobody joins any more: the summary takes the whole width.
type rpColumns struct{ narrow, alone bool }

func (l *rpColumns) width(size fyne.Size) float32 {
	switch {
	case l.alone:
		return 0
	case l.narrow:
		return min(max(size.Width*0.22, 220), 360, size.Width/2)
	}
	return min(max(size.Width*0.3, 300), 480, size.Width/2)
}

func (l *rpColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := l.width(size)
	if l.alone {
		objs[0].Hide()
	} else {
		objs[0].Show()
	}
	objs[0].Move(fyne.NewPos(theme.Padding(), theme.Padding()))
	objs[0].Resize(fyne.NewSize(w-theme.Padding(), size.Height-2*theme.Padding()))
	objs[1].Move(fyne.NewPos(w, 0))
	objs[1].Resize(fyne.NewSize(size.Width-w, size.Height))
}

func (l *rpColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(l.width(fyne.NewSize(0, 0))+b.Width, max(a.Height, b.Height))
}

// rpFill gives its one child the full width and the height its wrapped
// text needs at that width: it sizes the width first, then asks again for
// the height (as readableLayout does), so text never overlaps after the
// column changed width.
type rpFill struct{}

func (rpFill) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		if h := o.MinSize().Height; h != o.Size().Height {
			o.Resize(fyne.NewSize(size.Width, h))
		}
	}
}

func (rpFill) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

// rpFitText is one line of text as large as fits its width, up to a
// largest size: the join address and the code, readable from the back.
type rpFitText struct {
	widget.BaseWidget
	text    string
	largest float32
	style   fyne.TextStyle
}

func newRPFitText(text string, largest float32, style fyne.TextStyle) *rpFitText {
	t := &rpFitText{text: text, largest: largest, style: style}
	t.ExtendBaseWidget(t)
	return t
}

func (t *rpFitText) CreateRenderer() fyne.WidgetRenderer {
	c := canvas.NewText(t.text, theme.Color(theme.ColorNameForeground))
	c.TextStyle = t.style
	c.Alignment = fyne.TextAlignCenter
	return &rpFitRenderer{t: t, c: c}
}

type rpFitRenderer struct {
	t *rpFitText
	c *canvas.Text
}

func (r *rpFitRenderer) Layout(size fyne.Size) {
	w := fyne.MeasureText(r.t.text, 100, r.t.style).Width / 100
	r.c.TextSize = r.t.largest
	if w > 0 {
		r.c.TextSize = min(r.t.largest, (size.Width-2*theme.Padding())/w)
	}
	h := r.c.MinSize().Height
	r.c.Move(fyne.NewPos(0, (size.Height-h)/2))
	r.c.Resize(fyne.NewSize(size.Width, h))
}

// MinSize keeps the height of the largest size, so the panel does not
// jump when the window is resized.
func (r *rpFitRenderer) MinSize() fyne.Size {
	return fyne.NewSize(40, fyne.MeasureText(r.t.text, r.t.largest, r.t.style).Height)
}

func (r *rpFitRenderer) Refresh() {
	r.c.Text = r.t.text
	r.c.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.t.Size())
	r.c.Refresh()
}

func (r *rpFitRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c} }
func (r *rpFitRenderer) Destroy()                     {}

// rpSortedNewest sorts workshops newest first (the adapter's order, kept
// if it already is).
func rpSortedNewest(ws []game.Workshop) {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].CreatedAt.After(ws[j].CreatedAt) })
}
