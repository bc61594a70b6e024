package ui

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/filename"
)

// Preference keys of the Facilitator area.
const (
	prefExportFormat = "exportFormat" // the Export tab's last format: csv, json, xapi or pdf
	prefStartIn      = "startIn"      // "facilitator" once someone chose to run a workshop without a profile
)

// The Facilitator area's tabs, in order.
const (
	tabWorkshops = iota
	tabImport
	tabRoom
	tabExport
)

// facilPoll is how often the Facilitator area asks the database whether
// another program (the terminal's twohats import) changed it, while the
// area or the projector is on show: one PRAGMA, nothing else.
const facilPoll = 2 * time.Second

// newTicker starts the poll's ticker; tests replace it to drive the poll.
var newTicker = func(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// facilArea is the Facilitator area: its views, refreshed in place when the
// data changes, and what the room view shows, kept across refreshes, the
// projector and coming back to the area.
type facilArea struct {
	u    *App
	ws   []WorkshopInfo
	seen atomic.Int64  // the data version the views show
	stop chan struct{} // closes the poll; nil while the area is not on show

	roomCode, roomScenario string // the room view's choice

	list   *fyne.Container // the workshops tab's list
	imp    *importView
	room   *roomView
	export *exportView
	proj   *projector // while the projector is on show
}

// area is the Facilitator area, made on first use.
func (u *App) area() *facilArea {
	if u.facil == nil {
		u.facil = &facilArea{u: u}
		// coming back to the window (from the terminal that ran an import)
		// checks for changes at once, without waiting for the poll
		u.fyne.Lifecycle().SetOnEnteredForeground(u.facil.foreground)
	}
	return u.facil
}

// facilLeave stops the area's poll when a screen outside it is shown.
func (u *App) facilLeave(screen string) {
	if u.facil != nil && screen != "facilitator" && screen != "projector" {
		u.facil.unwatch()
		u.facil.proj = nil
	}
}

func (a *facilArea) watch() {
	if a.stop != nil {
		return
	}
	stop := make(chan struct{})
	a.stop = stop
	tick, halt := newTicker(facilPoll)
	f := a.u.deps.Facilitator
	go func() {
		defer halt()
		for {
			select {
			case <-stop:
				return
			case <-tick:
				a.check(f)
			}
		}
	}()
}

func (a *facilArea) unwatch() {
	if a.stop != nil {
		close(a.stop)
		a.stop = nil
	}
}

// check asks whether the data changed since the views were built and, if
// so, refreshes them on the UI goroutine. It runs off the UI goroutine.
func (a *facilArea) check(f Facilitator) {
	v, err := f.DataVersion()
	if err != nil || a.seen.Swap(v) == v {
		return
	}
	fyne.Do(a.reload)
}

func (a *facilArea) foreground() {
	if a.stop == nil {
		return
	}
	f := a.u.deps.Facilitator
	a.u.async(func() { a.check(f) }, func() {})
}

// reload reads the workshops again and refreshes every view in place:
// typed text, the chosen tab and the projector's moment stay.
func (a *facilArea) reload() {
	if a.stop == nil {
		return // not on show any more
	}
	var ws []WorkshopInfo
	var err error
	f := a.u.deps.Facilitator
	a.u.async(func() { ws, err = f.Workshops() }, func() {
		if err != nil || a.stop == nil {
			return
		}
		a.ws = ws
		a.fillWorkshops()
		if a.room != nil {
			a.room.setWorkshops(a.u.screen == "facilitator")
		}
		if a.export != nil {
			a.export.setWorkshops()
		}
		if a.proj != nil {
			a.proj.reload()
		}
	})
}

func (u *App) showFacilitator() { u.showFacilitatorTab(tabWorkshops) }

func (u *App) showFacilitatorTab(tab int) {
	a := u.area()
	a.proj = nil
	f := u.deps.Facilitator
	var ws []WorkshopInfo
	var v int64
	u.loading("facilitator", func() (err error) {
		// without a version the area still works; it just cannot tell
		// when another program changed the data
		v, _ = f.DataVersion()
		ws, err = f.Workshops()
		return err
	}, func() fyne.CanvasObject {
		a.ws = ws
		a.seen.Store(v)
		a.list = container.NewVBox()
		a.fillWorkshops()
		a.room = newRoomView(a)
		a.export = newExportView(a)
		tabs := container.NewAppTabs(
			container.NewTabItemWithIcon("Workshops", theme.AccountIcon(), a.workshopsTab()),
			container.NewTabItemWithIcon("Import results", theme.DownloadIcon(), a.importTab()),
			container.NewTabItemWithIcon("Room view", theme.GridIcon(), a.room.content()),
			container.NewTabItemWithIcon("Export", theme.DocumentSaveIcon(), a.export.content()),
			container.NewTabItemWithIcon("Room play", theme.MediaPlayIcon(), u.roomPlayTab()), // tabRoomPlay: keep it last
		)
		tabs.SelectIndex(tab)
		a.watch()
		return tabs
	})
}

// workshopLabel names a workshop in a list of choices.
func workshopLabel(w game.Workshop) string {
	if w.Name == "" {
		return w.Code + " (from imported results)"
	}
	return fmt.Sprintf("%s (%s)", w.Name, w.Code)
}

func (a *facilArea) workshopsTab() fyne.CanvasObject {
	u := a.u
	name := newEntry()
	name.SetPlaceHolder("e.g. New managers, Lisbon, March")
	msg := para("")
	msg.Hide()
	var create *button
	create = newButtonWithIcon("Create workshop", theme.ContentAddIcon(), func() {
		var w game.Workshop
		var err error
		// one workshop per click: a double click or a second Enter while the
		// first is saved would make two workshops with different codes
		create.Disable()
		text := name.Text
		u.async(func() { w, err = u.deps.Facilitator.CreateWorkshop(text) }, func() {
			create.Enable()
			if err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(sentence(err))
				msg.Show()
				return
			}
			u.showFacilitatorTab(tabWorkshops)
			dialog.ShowInformation("Workshop created", fmt.Sprintf("Participants join %q with the code %s.", w.Name, w.Code), u.win)
		})
	})
	create.Importance = widget.HighImportance
	name.OnSubmitted = func(string) {
		if !create.Disabled() {
			create.OnTapped()
		}
	}
	return page(
		heading("Workshops"),
		muted("Create a workshop and write its code on the board. Participants type it when they create their profile (or under their name, top right), and their attempts carry it."),
		u.panel(container.NewBorder(nil, msg, nil, create, name)),
		a.list,
	)
}

// fillWorkshops lists the workshops, each with its join code in large
// type, to copy onto a whiteboard, and its participants.
func (a *facilArea) fillWorkshops() {
	u := a.u
	a.list.RemoveAll()
	if len(a.ws) == 0 {
		a.list.Add(muted("No workshops yet. Create one and give its code to the participants."))
	}
	for _, w := range a.ws {
		w := w
		code := widget.NewLabelWithStyle(w.Code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
		code.SizeName = theme.SizeNameHeadingText
		codeBox := container.NewVBox(widget.NewLabelWithStyle("Join code", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
			container.NewThemeOverride(code, &scaledTheme{Theme: u.theme, k: 1.6}))
		played := game.Count(w.Participants, "participant")
		if n := len(w.Scenarios); n > 0 {
			played += " · " + game.Count(n, "scenario") + " played"
		}
		title := widget.NewLabelWithStyle(w.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		info := container.NewVBox(title, muted("Created "+w.CreatedAt.Local().Format("2 Jan 2006")+" · "+played))
		var action fyne.CanvasObject
		if w.Name == "" {
			// known only from imported results: run on another machine
			info = container.NewVBox(widget.NewLabelWithStyle("Run on another computer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				muted("Known from the results you imported · "+played))
			action = muted("")
		} else if w.ClosedAt != nil {
			action = muted("Closed")
		} else {
			action = newButton("Close", func() {
				dialog.ShowConfirm("Close the workshop?", fmt.Sprintf("Close %q (%s)? Its results stay; it just stops being offered.", w.Name, w.Code), func(ok bool) {
					if !ok {
						return
					}
					var err error
					u.async(func() { err = u.deps.Facilitator.CloseWorkshop(w.Code) }, func() {
						if err != nil {
							u.showError("The workshop could not be closed", err)
						}
						u.showFacilitatorTab(tabWorkshops)
					})
				}, u.win)
			})
		}
		if c := u.workshopTimingControl(w.Workshop); c != nil {
			info.Add(c)
		}
		a.list.Add(u.panel(container.NewBorder(nil, nil, container.NewPadded(codeBox), container.NewCenter(action), container.NewVBox(layout.NewSpacer(), info, layout.NewSpacer()))))
	}
	a.list.Refresh()
}

// importView is the Import results tab.
type importView struct {
	a       *facilArea
	bar     *widget.ProgressBar
	status  *widget.Label
	results *fyne.Container
}

func (a *facilArea) importTab() fyne.CanvasObject {
	v := &importView{a: a, bar: widget.NewProgressBar(), status: para(""), results: container.NewVBox()}
	a.imp = v
	v.bar.Hide()
	fileBtn := newButtonWithIcon("Import a results file…", theme.FileIcon(), func() { v.fileDialog().Show() })
	folderBtn := newButtonWithIcon("Import every file in a folder…", theme.FolderOpenIcon(), func() { v.folderDialog().Show() })
	folderBtn.Importance = widget.HighImportance
	return page(
		heading("Import results"),
		muted("Each participant exports a results file (Progress → Export my results file). Collect them on a USB stick or in a shared folder and import them here. Importing the same file twice changes nothing; a damaged file is rejected whole, with the reason."),
		container.NewHBox(folderBtn, fileBtn),
		v.bar, v.status, v.results,
	)
}

func (v *importView) fileDialog() *dialog.FileDialog {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		v.run([]string{path})
	}, v.a.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.SetTitleText("Import a results file")
	d.SetConfirmText("Import")
	return d
}

func (v *importView) folderDialog() *dialog.FileDialog {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		v.run([]string{l.Path()})
	}, v.a.u.win)
	d.SetTitleText("Import every results file in a folder")
	d.SetConfirmText("Import this folder")
	return d
}

// run imports files and folders and says who and what came in.
func (v *importView) run(paths []string) {
	u := v.a.u
	v.bar.SetValue(0)
	v.bar.Show()
	v.results.RemoveAll()
	v.status.SetText("Importing…")
	var res []ImportResult
	u.async(func() {
		res = u.deps.Facilitator.Import(paths, func(done, total int) {
			fyne.Do(func() {
				v.bar.Max = float64(total)
				v.bar.SetValue(float64(done))
				v.status.SetText(fmt.Sprintf("Imported %d of %s…", done, game.Count(total, "file")))
			})
		})
	}, func() {
		v.bar.Hide()
		v.status.SetText(importSummary(res))
		for _, o := range u.importReport(res) {
			v.results.Add(o)
		}
		// this window's own import does not move the data version the
		// poll watches: refresh the other tabs now
		v.a.reload()
	})
}

// importSummary is one sentence about a whole import.
func importSummary(res []ImportResult) string {
	people := map[string]bool{}
	added, updated, same, rejected := 0, 0, 0, 0
	for _, r := range res {
		switch {
		case r.Err != nil:
			rejected++
		case r.Skipped:
			same++
		default:
			people[r.Participant.ID] = true
			added += len(r.Added)
			updated += len(r.Updated)
		}
	}
	var parts []string
	if len(people) > 0 {
		s := fmt.Sprintf("From %s: %s added", game.Count(len(people), "participant"), game.Count(added, "attempt"))
		if updated > 0 {
			s += fmt.Sprintf(", %s brought up to date", game.Count(updated, "attempt"))
		}
		parts = append(parts, s)
	}
	if same > 0 {
		parts = append(parts, game.Count(same, "file")+" held nothing new")
	}
	if rejected > 0 {
		parts = append(parts, game.Count(rejected, "file")+" rejected")
	}
	if len(parts) == 0 {
		return "Nothing was imported."
	}
	return upperFirst(strings.Join(parts, "; ")) + "."
}

// importReport says, file by file, who and what was imported, what was
// already here, and why a file was rejected.
func (u *App) importReport(res []ImportResult) []fyne.CanvasObject {
	var done, same, bad []fyne.CanvasObject
	for _, r := range res {
		file := filepath.Base(r.Path)
		switch {
		case r.Err != nil:
			reason := r.Reason
			if reason == "" {
				reason = sentence(r.Err)
			}
			l := para(upperFirst(reason))
			l.Importance = widget.DangerImportance
			bad = append(bad, container.NewVBox(bold(file), l))
		case r.Skipped:
			same = append(same, para(fmt.Sprintf("%s: %s, already imported (%s).", participantLine(r.Participant, r.Present), u.attemptList(r.Present, false), file)))
		default:
			box := container.NewVBox(bold(participantLine(r.Participant, append(append(r.Added, r.Updated...), r.Present...))))
			if len(r.Added) > 0 {
				box.Add(para("Added: " + u.attemptList(r.Added, true) + "."))
			}
			if len(r.Updated) > 0 {
				box.Add(para("Brought up to date: " + u.attemptList(r.Updated, true) + "."))
			}
			if len(r.Present) > 0 {
				box.Add(para("Already here: " + u.attemptList(r.Present, false) + "."))
			}
			box.Add(muted("From " + file + "."))
			done = append(done, box)
		}
	}
	var out []fyne.CanvasObject
	if len(done) > 0 {
		out = append(out, subheading("Imported"), u.panel(container.NewVBox(separated(done)...)))
	}
	if len(same) > 0 {
		out = append(out, subheading("Nothing new: imported before"), u.panel(container.NewVBox(same...)))
	}
	if len(bad) > 0 {
		out = append(out, subheading("Rejected: nothing from these files was imported"), u.panel(container.NewVBox(separated(bad)...)))
	}
	return out
}

func separated(objs []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for i, o := range objs {
		if i > 0 {
			out = append(out, widget.NewSeparator())
		}
		out = append(out, o)
	}
	return out
}

// participantLine names an imported participant and the workshops their
// attempts carry.
func participantLine(p game.Profile, attempts []game.Attempt) string {
	name := p.Name
	if name == "" {
		name = "A participant"
	}
	var codes []string
	seen := map[string]bool{}
	for _, a := range attempts {
		if a.Workshop != "" && !seen[a.Workshop] {
			seen[a.Workshop] = true
			codes = append(codes, a.Workshop)
		}
	}
	switch len(codes) {
	case 0:
		return name
	case 1:
		return name + ", workshop " + codes[0]
	}
	return name + ", workshops " + strings.Join(codes, ", ")
}

// attemptList names attempts by scenario title, with how far each got.
func (u *App) attemptList(as []game.Attempt, status bool) string {
	if len(as) == 0 {
		return "no attempts"
	}
	var parts []string
	for _, a := range as {
		s := u.scenarioTitle(a.ScenarioID)
		if status {
			switch a.Status {
			case game.StatusFinished:
				s += " (finished)"
			case game.StatusScenarioChanged:
				s += " (closed: its scenario changed)"
			default:
				s += " (not finished)"
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// scenarioTitle is a scenario's title, or its id when it is not loaded.
func (u *App) scenarioTitle(id string) string {
	if u.lib != nil {
		if sc := u.lib.Get(id); sc != nil {
			return sc.Title
		}
	}
	return id
}

// nameOrder sorts names as people expect: "Élodie" before "Zoë", case
// and accents aside.
type nameOrder struct{ c *collate.Collator }

func newNameOrder() nameOrder { return nameOrder{collate.New(language.English)} }

func (o nameOrder) compare(a, b string) int {
	if c := o.c.CompareString(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// roomView is the Room view tab: a workshop, one of the scenarios played
// in it, and how the room read and chose each moment.
type roomView struct {
	a       *facilArea
	wsSel   *widget.Select
	scSel   *widget.Select
	wsCodes map[string]string // option → join code
	scIDs   map[string]string // option → scenario id
	out     *fyne.Container
	project *button
	quiet   bool // the selects are being set, not chosen
	gen     int  // only the latest choice's room is shown
	// spin shows while a room is read; it is stopped, not just removed:
	// a removed infinite progress bar animates on, off screen, until Fyne
	// drops its renderer a minute later (a core's third, measured)
	spin *widget.ProgressBarInfinite
}

func newRoomView(a *facilArea) *roomView {
	r := &roomView{a: a, out: container.NewVBox()}
	r.wsSel = widget.NewSelect(nil, func(string) {
		if r.quiet {
			return
		}
		r.a.roomCode = r.wsCodes[r.wsSel.Selected]
		r.fillScenarios()
		r.build(false)
	})
	r.wsSel.PlaceHolder = "Choose a workshop"
	r.scSel = widget.NewSelect(nil, func(string) {
		if r.quiet {
			return
		}
		r.a.roomScenario = r.scIDs[r.scSel.Selected]
		r.build(false)
	})
	r.scSel.PlaceHolder = "Choose a scenario"
	r.project = newButtonWithIcon("Projector mode", theme.ComputerIcon(), func() {
		a.u.showProjector(a.roomCode, a.roomScenario)
	})
	r.project.Importance = widget.HighImportance
	r.project.Disable()
	r.setWorkshops(true)
	return r
}

func (r *roomView) content() fyne.CanvasObject {
	return page(
		heading("Room view"),
		muted("How the room read each moment and what it chose; the fitting choice is marked ✓. For the wall, use projector mode: one moment at a time in large type, without names."),
		container.NewBorder(nil, nil, nil, r.project, container.NewGridWithColumns(2, r.wsSel, r.scSel)),
		r.out,
	)
}

// setWorkshops fills the workshop choices from the area's list, keeping the
// choice, and builds the room again when rebuild is set.
func (r *roomView) setWorkshops(rebuild bool) {
	r.quiet = true
	defer func() { r.quiet = false }()
	r.wsCodes = map[string]string{}
	var opts []string
	sel := ""
	for _, w := range r.a.ws {
		label := workshopLabel(w.Workshop)
		opts = append(opts, label)
		r.wsCodes[label] = w.Code
		if w.Code == r.a.roomCode {
			sel = label
		}
	}
	if sel == "" && len(opts) == 1 {
		sel = opts[0]
		r.a.roomCode = r.wsCodes[sel]
	}
	r.wsSel.Options = opts
	r.wsSel.Selected = sel
	r.wsSel.Refresh()
	r.fillScenarios()
	if len(opts) == 0 {
		r.clear()
		r.out.Add(para("Create a workshop, or import participants' results, first."))
		return
	}
	if rebuild {
		r.build(true)
	}
}

// fillScenarios offers the scenarios played in the chosen workshop, by
// title, keeping the chosen one if it was played there too.
func (r *roomView) fillScenarios() {
	quiet := r.quiet
	r.quiet = true
	defer func() { r.quiet = quiet }()
	var ids []string
	for _, w := range r.a.ws {
		if w.Code == r.a.roomCode {
			ids = w.Scenarios
		}
	}
	opts, byOpt := r.a.u.scenarioOptions(ids)
	r.scIDs = byOpt
	sel := ""
	for label, id := range byOpt {
		if id == r.a.roomScenario {
			sel = label
		}
	}
	if sel == "" && len(opts) == 1 {
		sel = opts[0]
	}
	r.a.roomScenario = byOpt[sel]
	r.scSel.Options = opts
	r.scSel.Selected = sel
	if r.a.roomCode != "" && len(opts) == 0 {
		r.scSel.PlaceHolder = "Nothing played yet"
	} else {
		r.scSel.PlaceHolder = "Choose a scenario"
	}
	r.scSel.Refresh()
}

// scenarioOptions labels scenarios by title, sorted; two files sharing a
// title are told apart by id, and one not loaded here says so.
func (u *App) scenarioOptions(ids []string) ([]string, map[string]string) {
	titles := map[string]int{}
	for _, id := range ids {
		titles[u.scenarioTitle(id)]++
	}
	byOpt := map[string]string{}
	var opts []string
	for _, id := range ids {
		label := u.scenarioTitle(id)
		switch {
		case u.lib == nil || u.lib.Get(id) == nil:
			label = id + " (not in your scenarios)"
		case titles[label] > 1:
			label = fmt.Sprintf("%s (%s)", label, id)
		}
		opts = append(opts, label)
		byOpt[label] = id
	}
	o := newNameOrder()
	sort.SliceStable(opts, func(i, j int) bool { return o.compare(opts[i], opts[j]) < 0 })
	return opts, byOpt
}

// build reads and draws the chosen room; quiet keeps the old one on show
// until the new one is ready (a refresh, not a new choice).
func (r *roomView) build(quiet bool) {
	code, id := r.a.roomCode, r.a.roomScenario
	r.gen++
	mine := r.gen
	if code == "" || id == "" {
		r.project.Disable()
		r.clear()
		switch {
		case code == "":
			r.out.Add(muted("Choose a workshop, then one of the scenarios its participants played."))
		case len(r.scSel.Options) == 0:
			r.out.Add(para("Nobody in this workshop has played a scenario yet. Their results appear here once they play on this computer, or once you import their results files."))
		default:
			r.out.Add(muted(fmt.Sprintf("Choose one of the %s played in this workshop.", game.Count(len(r.scSel.Options), "scenario"))))
		}
		return
	}
	u := r.a.u
	sc := u.lib.Get(id)
	if sc == nil {
		r.project.Disable()
		r.clear()
		r.out.Add(para(fmt.Sprintf("The scenario %q is not in your scenarios, so its moments cannot be shown. Add its file to your scenarios folder (Settings shows where) and reload.", id)))
		return
	}
	if !quiet {
		r.project.Disable()
		r.clear()
		r.spin = u.busyBar()
		r.out.Add(r.spin)
	}
	var room game.Room
	var err error
	f := u.deps.Facilitator
	u.async(func() {
		var entries []game.RoomEntry
		entries, err = f.RoomEntries(code, id)
		if err == nil {
			room = game.BuildRoom(sc, entries)
		}
	}, func() {
		if mine != r.gen {
			return // a later choice is being built
		}
		r.clear()
		if err != nil {
			r.out.Add(para(sentence(err)))
			return
		}
		r.out.Add(u.roomBody(room))
		if len(room.Participants) > 0 {
			r.project.Enable()
		}
	})
}

// clear empties the room, stopping the progress bar if it shows.
func (r *roomView) clear() {
	if r.spin != nil {
		stopBar(r.spin)
	}
	r.out.RemoveAll()
}

// percent is n of a total as a whole percentage, rounded half up: the
// terminal's room view rounds the same way.
func percent(n, of int) string { return game.Percent(n, of) }

// countOf is "17 · 59%".
func countOf(n, of int) string { return fmt.Sprintf("%d · %s", n, percent(n, of)) }

// roomEndings sums up who finished and how: "12 participants: 10 finished,
// 2 unfinished. Endings: 5 strong (50%), …".
func roomEndings(room game.Room) string {
	finished := 0
	for _, p := range room.Participants {
		if p.Finished {
			finished++
		}
	}
	s := game.Count(len(room.Participants), "participant")
	if open := len(room.Participants) - finished; open > 0 {
		s += fmt.Sprintf(": %d finished, %d unfinished", finished, open)
	}
	s += "."
	if finished > 0 {
		var parts []string
		for _, o := range game.Outcomes {
			parts = append(parts, fmt.Sprintf("%d %s (%s)", room.Outcomes[o], o, percent(room.Outcomes[o], finished)))
		}
		s += " Endings: " + strings.Join(parts, ", ") + "."
	}
	return s
}

// roomBody draws a built room: per moment charts, then the participants.
func (u *App) roomBody(room game.Room) fyne.CanvasObject {
	box := container.NewVBox()
	if len(room.Participants) == 0 {
		box.Add(para("Nobody in this workshop has played this scenario yet."))
		return box
	}
	box.Add(muted(roomEndings(room)))
	n := 0
	for _, m := range room.Moments {
		if m.Answered > 0 {
			n++
		}
	}
	k := 0
	for _, m := range room.Moments {
		if m.Answered == 0 {
			continue
		}
		k++
		readings := []bar{}
		for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
			label := h.Verb()
			if h == m.Scene.CallsFor {
				label = "✓ " + label
			}
			c := m.Readings[h]
			readings = append(readings, bar{Label: label, Value: float64(c), Text: countOf(c, m.Answered), Color: hatColor(h), Marked: h == m.Scene.CallsFor})
		}
		choices := []bar{}
		for _, c := range m.Choices {
			label := c.Choice.Text
			if c.Fits {
				label = "✓ " + label
			}
			choices = append(choices, bar{Label: label, Value: float64(c.Count), Text: countOf(c.Count, m.Answered), Color: hatColor(c.Choice.Hat), Marked: c.Fits})
		}
		box.Add(u.panel(container.NewVBox(
			subheading(fmt.Sprintf("Moment %d of %d · called for %s", k, n, m.Scene.CallsFor.Label())),
			wrapBold(momentTitle(m.Scene)),
			muted(m.Scene.Why),
			widget.NewLabelWithStyle(fmt.Sprintf("How the room read it (%s)", game.Count(m.Answered, "answer")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			newBarChart(readings, float64(m.Answered), 170),
			widget.NewLabelWithStyle("What the room chose", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			newBarChart(choices, float64(m.Answered), 420),
		)))
	}
	box.Add(subheading("Participants"))
	box.Add(u.participantTable(room.Participants))
	return box
}

// wrapBold is bold text that wraps.
func wrapBold(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// momentTitle is a moment's line on the room view and the wall: moments
// have no titles, so the opening of the text (Scene.Gist, as the debrief's
// path lists it), enough to recognise it.
func momentTitle(s *game.Scene) string { return s.Gist(140) }

// The participant table's columns.
var roomColumns = []string{"Name", "Ending", "Fit", "Management", "Leadership", "Reading", "Tendency"}

// endingText is how a participant's attempt ended: "Strong", or
// "Unfinished".
func endingText(p game.RoomParticipant) string {
	switch {
	case !p.Finished:
		return "Unfinished"
	case p.Outcome == "":
		return "Finished"
	}
	return upperFirst(string(p.Outcome))
}

// sortRoom orders participants by a column. Names sort with a collation;
// scores sort with every unfinished attempt after the finished ones (a
// half-played attempt is no high score) and missing scores last; ties go
// by name.
func sortRoom(ps []game.RoomParticipant, col string, desc bool) {
	o := newNameOrder()
	score := func(p game.RoomParticipant) *float64 {
		switch col {
		case "Fit":
			return p.Scores.Fit
		case "Management":
			return p.Scores.Management
		case "Leadership":
			return p.Scores.Leadership
		case "Reading":
			return p.Scores.Reading
		}
		return nil
	}
	byName := func(a, b game.RoomParticipant) int {
		if c := o.compare(a.Profile.Name, b.Profile.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Profile.ID, b.Profile.ID)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		c := 0
		switch col {
		case "Name":
			c = byName(a, b)
		case "Ending", "Tendency":
			x, y := endingText(a), endingText(b)
			if col == "Tendency" {
				x, y = string(a.Tendency), string(b.Tendency)
			}
			switch {
			case x == y:
			case x == "" || x == "Unfinished":
				return false
			case y == "" || y == "Unfinished":
				return true
			default:
				c = o.compare(x, y)
			}
		default:
			if a.Finished != b.Finished {
				return a.Finished
			}
			x, y := score(a), score(b)
			switch {
			case x == nil && y == nil:
			case x == nil:
				return false
			case y == nil:
				return true
			case *x < *y:
				c = -1
			case *x > *y:
				c = 1
			}
		}
		if c == 0 {
			return byName(a, b) < 0
		}
		if desc {
			return c > 0
		}
		return c < 0
	})
}

// participantTable lists the four scores, ending and tendency, sortable by
// any column with its header button; columns are as wide as their content.
func (u *App) participantTable(ps []game.RoomParticipant) fyne.CanvasObject {
	grid := container.New(&columnsLayout{cols: len(roomColumns), flex: 0})
	sortBy := "Name"
	desc := false
	var fill func()
	fill = func() {
		sortRoom(ps, sortBy, desc)
		grid.RemoveAll()
		for _, c := range roomColumns {
			c := c
			label := c
			if c == sortBy {
				label += map[bool]string{false: " ▲", true: " ▼"}[desc]
			}
			b := newButton(label, func() {
				if sortBy == c {
					desc = !desc
				} else {
					sortBy, desc = c, c != "Name" && c != "Tendency" && c != "Ending"
				}
				fill()
			})
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			grid.Add(b)
		}
		for _, p := range ps {
			name := widget.NewLabel(p.Profile.Name)
			name.Wrapping = fyne.TextWrapWord
			ending := widget.NewLabel(endingText(p))
			if !p.Finished {
				ending.TextStyle = fyne.TextStyle{Italic: true}
			}
			grid.Add(name)
			grid.Add(ending)
			for _, v := range []*float64{p.Scores.Fit, p.Scores.Management, p.Scores.Leadership, p.Scores.Reading} {
				grid.Add(widget.NewLabel(game.ScoreText(v)))
			}
			grid.Add(widget.NewLabel(p.Tendency.Label()))
		}
		grid.Refresh()
	}
	fill()
	return u.panel(grid)
}

// columnsLayout lays its objects out as a table, row by row, cols to a row.
// Each column is as wide as its widest cell; the flex column (the names)
// takes what is left when the table is narrower than its content, and its
// labels wrap instead of being cut.
type columnsLayout struct {
	cols, flex int
	width      float32 // the width of the last layout, for MinSize's height
}

// natural is a cell's width on one line, in the theme the cell is drawn
// with (the projector's is larger).
func natural(o fyne.CanvasObject) float32 {
	if l, ok := o.(*widget.Label); ok && l.Wrapping != fyne.TextWrapOff {
		th := l.Theme()
		name := l.SizeName
		if name == "" {
			name = theme.SizeNameText
		}
		return fyne.MeasureText(l.Text, th.Size(name), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
	}
	return o.MinSize().Width
}

func (c *columnsLayout) widths(objs []fyne.CanvasObject, width float32) []float32 {
	ws := make([]float32, c.cols)
	for i, o := range objs {
		if w := natural(o); w > ws[i%c.cols] {
			ws[i%c.cols] = w
		}
	}
	if width <= 0 {
		return ws
	}
	gap := theme.Padding()
	total := gap * float32(c.cols-1)
	for _, w := range ws {
		total += w
	}
	if total > width {
		// the names give way, down to a readable minimum
		ws[c.flex] = max(ws[c.flex]-(total-width), 120)
	}
	return ws
}

func (c *columnsLayout) rowHeights(objs []fyne.CanvasObject, ws []float32) []float32 {
	hs := make([]float32, (len(objs)+c.cols-1)/c.cols)
	for i, o := range objs {
		h := o.MinSize().Height
		if l, ok := o.(*widget.Label); ok && l.Wrapping != fyne.TextWrapOff {
			// a wrapped label is as tall as its width makes it
			o.Resize(fyne.NewSize(ws[i%c.cols], h))
			h = o.MinSize().Height
		}
		if h > hs[i/c.cols] {
			hs[i/c.cols] = h
		}
	}
	return hs
}

func (c *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c.width = size.Width
	ws := c.widths(objs, size.Width)
	hs := c.rowHeights(objs, ws)
	gap := theme.Padding()
	y := float32(0)
	for r, h := range hs {
		x := float32(0)
		for col := 0; col < c.cols && r*c.cols+col < len(objs); col++ {
			o := objs[r*c.cols+col]
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(ws[col], h))
			x += ws[col] + gap
		}
		y += h
	}
}

func (c *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.NewSize(0, 0)
	}
	ws := c.widths(objs, c.width)
	var w float32
	for i, x := range ws {
		if i == c.flex {
			x = min(x, 120)
		}
		w += x
	}
	var h float32
	for _, x := range c.rowHeights(objs, ws) {
		h += x
	}
	return fyne.NewSize(w+theme.Padding()*float32(c.cols-1), h)
}

// exportView is the Export tab.
type exportView struct {
	a       *facilArea
	wsSel   *widget.Select
	wsCodes map[string]string
	wsNames map[string]string
}

// The export formats, as offered and as named to the toolkit.
var exportFormats = []struct{ label, code, ext string }{
	{"Spreadsheet (CSV)", "csv", ""},
	{"JSON", "json", ".json"},
	{"xAPI statements (for an LRS)", "xapi", ".xapi.json"},
	{"PDF debriefs and summary", "pdf", ".pdf"},
}

func newExportView(a *facilArea) *exportView {
	e := &exportView{a: a, wsSel: widget.NewSelect(nil, nil)}
	e.setWorkshops()
	e.wsSel.SetSelected(e.wsSel.Options[0])
	return e
}

// setWorkshops offers every workshop, and all results, keeping the choice.
func (e *exportView) setWorkshops() {
	all := "All workshops and players"
	e.wsCodes = map[string]string{all: ""}
	e.wsNames = map[string]string{all: ""}
	opts := []string{all}
	for _, w := range e.a.ws {
		label := workshopLabel(w.Workshop)
		opts = append(opts, label)
		e.wsCodes[label], e.wsNames[label] = w.Code, w.Name
	}
	e.wsSel.Options = opts
	if _, ok := e.wsCodes[e.wsSel.Selected]; !ok {
		e.wsSel.Selected = all
	}
	e.wsSel.Refresh()
}

func (e *exportView) content() fyne.CanvasObject {
	u := e.a.u
	var labels []string
	for _, f := range exportFormats {
		labels = append(labels, f.label)
	}
	fmtSel := newRadioGroup(labels, nil)
	fmtSel.SetSelected(labels[0])
	for _, f := range exportFormats {
		if f.code == u.deps.Prefs.String(prefExportFormat) {
			fmtSel.SetSelected(f.label)
		}
	}
	fmtSel.OnChanged = func(label string) {
		for _, f := range exportFormats {
			if f.label == label {
				u.deps.Prefs.SetString(prefExportFormat, f.code)
			}
		}
	}
	pseudo := widget.NewCheck("Replace names with stable pseudonyms", nil)
	status := para("")
	busy := container.NewVBox() // a busy bar while exporting
	run := func(format, path string) {
		bar := u.busyBar()
		busy.Add(bar)
		status.Importance = widget.MediumImportance
		status.SetText("Exporting…")
		var err error
		// read the widgets here, on the UI goroutine, not in the work
		code, pseudonymise := e.wsCodes[e.wsSel.Selected], pseudo.Checked
		u.async(func() { err = u.deps.Facilitator.Export(format, code, pseudonymise, path) }, func() {
			stopBar(bar)
			busy.Remove(bar)
			if err != nil {
				status.Importance = widget.DangerImportance
				status.SetText(sentence(err))
				return
			}
			status.Importance = widget.SuccessImportance
			status.SetText("Exported to " + path + ".")
		})
	}
	export := newButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() {
		f := exportFormats[0]
		for _, x := range exportFormats {
			if x.label == fmtSel.Selected {
				f = x
			}
		}
		d := e.dialog(f.code, f.ext, func(path string) { run(f.code, path) })
		d.Show()
	})
	export.Importance = widget.HighImportance
	return page(
		heading("Export"),
		muted("CSV gives two files (attempts.csv and answers.csv) that open cleanly in any spreadsheet. xAPI statements load into a Learning Record Store; to post them straight to one, run 'twohats export --format xapi --lrs URL' in a terminal."),
		u.panel(container.NewVBox(
			widget.NewForm(widget.NewFormItem("Results of", e.wsSel), widget.NewFormItem("Format", fmtSel), widget.NewFormItem("", pseudo)),
			container.NewHBox(layout.NewSpacer(), export),
			busy, status,
		)),
	)
}

// dialog is the file (or, for CSV, folder) dialog for an export: titled
// for what it does, filtered to the format, the file named after the
// workshop and the day.
func (e *exportView) dialog(format, ext string, done func(path string)) *dialog.FileDialog {
	u := e.a.u
	if format == "csv" {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				done(l.Path())
			}
		}, u.win)
		d.SetTitleText("Choose the folder for attempts.csv and answers.csv")
		d.SetConfirmText("Export here")
		return d
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		done(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{filepath.Ext(ext)}))
	d.SetTitleText("Export to a file")
	d.SetConfirmText("Export")
	sel := e.wsSel.Selected
	d.SetFileName(filename.Export(e.wsNames[sel], e.wsCodes[sel], u.deps.Now(), ext))
	return d
}
