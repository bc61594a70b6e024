package ui

import (
	"fmt"
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

// projectorScale is how much larger the projector's text is than the app's.
const projectorScale = 1.35

// scaledTheme is a theme with its text k times larger: the projector's
// large type, and join codes to copy onto a whiteboard.
type scaledTheme struct {
	fyne.Theme
	k float32
}

func (t *scaledTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return s * t.k
	}
	return s
}

// projector shows a room on the wall: one moment at a time in large type,
// how the room read it and what it chose in percentages, then how it
// ended. Names are pseudonyms unless the facilitator shows them, and an
// unfinished attempt is flagged and listed last, never ranked.
type projector struct {
	a        *facilArea
	code, id string
	room     game.Room
	names    map[string]string // profile id → pseudonym
	moments  []int             // the room's moments that were answered
	page     int               // a moment, or len(moments): the endings
	named    bool              // real names on the wall
	mark     bool              // the fitting reading and choices marked
	gen      int

	body                          *fyne.Container
	big                           *container.ThemeOverride // the large type around body
	pos                           *widget.Label
	prev, next, namesBtn, markBtn *button
}

// showProjector shows the room of a workshop and scenario full window.
func (u *App) showProjector(code, id string) {
	a := u.area()
	p := &projector{a: a, code: code, id: id, mark: true}
	u.showBusy("projector", false) // the next screen stops its bar
	nav := u.nav
	p.load(func(err error) {
		if u.nav != nav {
			return
		}
		if err != nil {
			back := newButton("Back to the room view", func() { u.showFacilitatorTab(tabRoom) })
			u.show("projector", page(heading("The room cannot be shown"), para(sentence(err)), container.NewHBox(back)), false)
			u.escape = back.OnTapped
			return
		}
		u.show("projector", p.view(), false)
		u.keys = p.key
		u.escape = p.leave
		a.proj = p
		a.watch()
	})
}

// load reads the room and the pseudonyms, then calls done on the UI
// goroutine.
func (p *projector) load(done func(error)) {
	u := p.a.u
	sc := u.lib.Get(p.id)
	f := u.deps.Facilitator
	code, id := p.code, p.id
	p.gen++
	mine := p.gen
	var room game.Room
	var names map[string]string
	var err error
	u.async(func() {
		if sc == nil {
			err = fmt.Errorf("the scenario %q is not in your scenarios; add its file to your scenarios folder (Settings shows where) and reload", id)
			return
		}
		var entries []game.RoomEntry
		if entries, err = f.RoomEntries(code, id); err != nil {
			return
		}
		room = game.BuildRoom(sc, entries)
		ids := make([]string, len(room.Participants))
		for i, q := range room.Participants {
			ids[i] = q.Profile.ID
		}
		names, err = f.Pseudonyms(ids)
	}, func() {
		if mine != p.gen {
			return
		}
		if err == nil {
			p.room, p.names = room, names
			p.moments = p.moments[:0]
			for i, m := range room.Moments {
				if m.Answered > 0 {
					p.moments = append(p.moments, i)
				}
			}
		}
		done(err)
	})
}

// reload reads the room again (new results came in), staying on the
// moment on show.
func (p *projector) reload() {
	scene := ""
	if p.page < len(p.moments) {
		scene = p.room.Moments[p.moments[p.page]].Scene.ID
	}
	p.load(func(err error) {
		if err != nil || p.a.proj != p {
			return
		}
		p.page = min(p.page, len(p.moments))
		for i, m := range p.moments {
			if p.room.Moments[m].Scene.ID == scene {
				p.page = i
			}
		}
		p.render()
	})
}

func (p *projector) leave() {
	p.a.proj = nil
	p.a.u.showFacilitatorTab(tabRoom)
}

func (p *projector) view() fyne.CanvasObject {
	u := p.a.u
	title := u.scenarioTitle(p.id)
	for _, w := range p.a.ws {
		if w.Code == p.code {
			title += " · " + workshopLabel(w.Workshop)
		}
	}
	p.namesBtn = newButtonWithIcon("Show names", theme.VisibilityIcon(), func() {
		p.named = !p.named
		p.render()
	})
	p.markBtn = newButtonWithIcon("Hide what fits", theme.ConfirmIcon(), func() {
		p.mark = !p.mark
		p.render()
	})
	leave := newButtonWithIcon("Leave projector mode", theme.CancelIcon(), p.leave)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(p.namesBtn, p.markBtn, leave), bold(title))
	p.prev = newButtonWithIcon("Previous", theme.NavigateBackIcon(), func() { p.step(-1) })
	p.next = newButtonWithIcon("Next", theme.NavigateNextIcon(), func() { p.step(1) })
	p.next.IconPlacement = widget.ButtonIconTrailingText
	p.next.Importance = widget.HighImportance
	p.pos = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	keys := widget.NewLabelWithStyle("← → or Page Up / Page Down to step · Esc to leave", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	bottom := container.NewBorder(nil, nil, container.NewCenter(p.prev), container.NewCenter(p.next), container.NewVBox(p.pos, keys))
	p.body = container.NewVBox()
	p.big = container.NewThemeOverride(container.NewVScroll(container.NewPadded(p.body)), &scaledTheme{Theme: u.theme, k: projectorScale})
	p.render()
	return container.NewBorder(
		container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), container.NewPadded(bottom)),
		nil, nil, p.big)
}

// key steps through the moments: Right, Page Down, Space or Enter for the
// next; Left, Page Up or Backspace for the previous; Home and End.
func (p *projector) key(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		p.step(1)
	case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyBackspace:
		p.step(-1)
	case fyne.KeyHome:
		p.step(-len(p.moments) - 1)
	case fyne.KeyEnd:
		p.step(len(p.moments) + 1)
	default:
		return false
	}
	return true
}

func (p *projector) step(d int) {
	p.page = max(0, min(len(p.moments), p.page+d))
	p.render()
}

// render draws the page on show.
func (p *projector) render() {
	if p.big == nil {
		return
	}
	if p.named {
		p.namesBtn.SetText("Hide names")
		p.namesBtn.SetIcon(theme.VisibilityOffIcon())
	} else {
		p.namesBtn.SetText("Show names")
		p.namesBtn.SetIcon(theme.VisibilityIcon())
	}
	if p.mark {
		p.markBtn.SetText("Hide what fits")
	} else {
		p.markBtn.SetText("Show what fits")
	}
	p.prev.Enable()
	p.next.Enable()
	if p.page == 0 {
		p.prev.Disable()
	}
	if p.page >= len(p.moments) {
		p.next.Disable()
	}
	p.body.RemoveAll()
	if p.page < len(p.moments) {
		p.pos.SetText(fmt.Sprintf("Moment %d of %d", p.page+1, len(p.moments)))
		p.renderMoment(p.room.Moments[p.moments[p.page]])
	} else {
		p.pos.SetText("How it ended")
		p.renderEndings()
	}
	// the override gives its theme to the objects it holds when refreshed:
	// the page's new objects get the large type; then the page is laid out
	// again, for their larger sizes
	p.big.Refresh()
	p.body.Refresh()
}

func (p *projector) renderMoment(m game.RoomMoment) {
	sub := fmt.Sprintf("Moment %d of %d", p.page+1, len(p.moments))
	if p.mark {
		sub += " · called for " + m.Scene.CallsFor.Label()
	}
	var readings []fyne.CanvasObject
	for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
		readings = append(readings, p.bar(h.Verb(), m.Readings[h], m.Answered, hatColor(h), h == m.Scene.CallsFor))
	}
	var choices []fyne.CanvasObject
	for _, c := range m.Choices {
		choices = append(choices, p.bar(c.Choice.Text, c.Count, m.Answered, hatColor(c.Choice.Hat), c.Fits))
	}
	left := container.NewVBox(append([]fyne.CanvasObject{bold("How the room read it")}, readings...)...)
	left.Add(muted(game.Count(m.Answered, "answer") + "."))
	if p.mark && m.Scene.Why != "" {
		// why it called for that hat, beside the readings, where there is room
		left.Add(widget.NewSeparator())
		left.Add(muted(m.Scene.Why))
	}
	right := container.NewVBox(append([]fyne.CanvasObject{bold("What the room chose")}, choices...)...)
	p.body.Add(widget.NewLabelWithStyle(sub, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	p.body.Add(subheading(momentTitle(m.Scene)))
	p.body.Add(container.New(&splitLayout{ratio: 0.34}, left, right))
}

// bar is one answer's row: its text, the share of the room in large
// figures, the count, and a bar.
func (p *projector) bar(text string, n, of int, c color.Color, fits bool) fyne.CanvasObject {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	if fits && p.mark {
		label.SetText("✓ " + text)
		label.TextStyle = fyne.TextStyle{Bold: true}
	}
	share := widget.NewLabelWithStyle(percent(n, of), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	share.SizeName = theme.SizeNameSubHeadingText
	count := widget.NewLabelWithStyle(fmt.Sprintf("(%d)", n), fyne.TextAlignTrailing, fyne.TextStyle{})
	frac := float32(0)
	if of > 0 {
		frac = float32(n) / float32(of)
	}
	track := canvas.NewRectangle(withAlpha(themed(colorBorder), 0x80))
	track.CornerRadius = 5
	fill := canvas.NewRectangle(c)
	fill.CornerRadius = 5
	strip := container.New(&fracLayout{frac: frac, height: 16}, track, fill)
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(count, share), label), strip)
}

// renderEndings is the last page: how the room's attempts ended, and who
// is where; unfinished attempts are flagged and come last.
func (p *projector) renderEndings() {
	ps := append([]game.RoomParticipant(nil), p.room.Participants...)
	finished := 0
	for _, q := range ps {
		if q.Finished {
			finished++
		}
	}
	p.body.Add(widget.NewLabelWithStyle("How it ended", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	p.body.Add(subheading(roomEndingsTitle(len(ps), finished)))
	var outcomes []fyne.CanvasObject
	for _, o := range game.Outcomes {
		outcomes = append(outcomes, p.bar(upperFirst(string(o)), p.room.Outcomes[o], len(ps), outcomeColor(o), false))
	}
	if open := len(ps) - finished; open > 0 {
		outcomes = append(outcomes, p.bar("Unfinished", open, len(ps), themed(colorMuted), false))
	}
	left := container.NewVBox(append([]fyne.CanvasObject{bold("Endings")}, outcomes...)...)

	name := func(q game.RoomParticipant) string {
		if p.named || p.names[q.Profile.ID] == "" {
			return q.Profile.Name
		}
		return p.names[q.Profile.ID]
	}
	o := newNameOrder()
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Finished != b.Finished {
			return a.Finished // unfinished last, whatever its score
		}
		if x, y := val(a.Scores.Fit), val(b.Scores.Fit); a.Finished && x != y {
			return x > y
		}
		return o.compare(name(a), name(b)) < 0
	})
	table := container.New(&columnsLayout{cols: 3, flex: 0})
	for _, h := range []string{"Participant", "Ending", "Fit"} {
		table.Add(bold(h))
	}
	for _, q := range ps {
		n := widget.NewLabel(name(q))
		n.Wrapping = fyne.TextWrapWord
		end := widget.NewLabel(endingText(q))
		fit := widget.NewLabel(game.ScoreText(q.Scores.Fit))
		if !q.Finished {
			end.TextStyle = fyne.TextStyle{Italic: true}
			fit.SetText("—") // a half-played attempt has no score to rank
		}
		table.Add(n)
		table.Add(end)
		table.Add(fit)
	}
	right := container.NewVBox(bold("Participants"), table)
	if !p.named {
		right.Add(muted("Names are hidden: each participant has a pseudonym, the same as in pseudonymised exports."))
	}
	p.body.Add(container.New(&splitLayout{ratio: 0.36}, left, right))
}

func roomEndingsTitle(all, finished int) string {
	s := game.Count(all, "participant")
	if finished == all {
		return s + ", every one finished"
	}
	return fmt.Sprintf("%s, %d finished", s, finished)
}

// outcomeColor colours an ending's bar.
func outcomeColor(o game.Outcome) color.Color {
	switch o {
	case game.Strong:
		return color.NRGBA{0x2e, 0x9e, 0x6b, 0xff} // green
	case game.Mixed:
		return color.NRGBA{0xc9, 0xa2, 0x27, 0xff} // mustard
	}
	return color.NRGBA{0xc0, 0x4b, 0x4b, 0xff} // brick
}

// fracLayout draws a bar: its first object (the track) full width, its
// second (the fill) frac of it.
type fracLayout struct {
	frac   float32
	height float32
}

func (l *fracLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		w := size.Width
		if i > 0 {
			w *= l.frac
		}
		o.Resize(fyne.NewSize(w, l.height))
	}
}

func (l *fracLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, l.height) }

// splitLayout puts two objects side by side, the first ratio of the width.
type splitLayout struct{ ratio float32 }

func (l *splitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding() * 6
	w0 := (size.Width - gap) * l.ratio
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(w0, size.Height))
	objs[1].Move(fyne.NewPos(w0+gap, 0))
	objs[1].Resize(fyne.NewSize(size.Width-w0-gap, size.Height))
}

func (l *splitLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(objs[0].MinSize().Width+objs[1].MinSize().Width+theme.Padding()*6, h)
}
