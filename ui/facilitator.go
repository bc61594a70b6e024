package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
)

func (u *App) showFacilitator() { u.showFacilitatorTab(0) }

func (u *App) showFacilitatorTab(tab int) {
	var ws []game.Workshop
	u.loading("facilitator", func() (err error) {
		ws, err = u.deps.Facilitator.Workshops()
		return err
	}, func() fyne.CanvasObject {
		tabs := container.NewAppTabs(
			container.NewTabItemWithIcon("Workshops", theme.AccountIcon(), u.workshopsTab(ws)),
			container.NewTabItemWithIcon("Import results", theme.DownloadIcon(), u.importTab()),
			container.NewTabItemWithIcon("Room view", theme.GridIcon(), u.roomTab(ws)),
			container.NewTabItemWithIcon("Export", theme.DocumentSaveIcon(), u.exportTab(ws)),
		)
		tabs.SelectIndex(tab)
		return tabs
	})
}

func (u *App) workshopsTab(ws []game.Workshop) fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder("e.g. New managers, Lisbon, March")
	msg := para("")
	msg.Hide()
	var create *widget.Button
	create = widget.NewButtonWithIcon("Create workshop", theme.ContentAddIcon(), func() {
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
			u.showFacilitatorTab(0)
			dialog.ShowInformation("Workshop created", fmt.Sprintf("Participants join %q with the code %s.", w.Name, w.Code), u.win)
		})
	})
	create.Importance = widget.HighImportance
	name.OnSubmitted = func(string) {
		if !create.Disabled() {
			create.OnTapped()
		}
	}
	list := container.NewVBox()
	if len(ws) == 0 {
		list.Add(muted("No workshops yet. Create one and give its code to the participants."))
	}
	for _, w := range ws {
		w := w
		code := widget.NewLabelWithStyle(w.Code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
		code.SizeName = theme.SizeNameSubHeadingText
		info := container.NewVBox(widget.NewLabelWithStyle(w.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			muted("Created "+w.CreatedAt.Local().Format("2 Jan 2006")))
		var action fyne.CanvasObject
		if w.Name == "" {
			// known only from imported results: run on another machine
			info = container.NewVBox(widget.NewLabelWithStyle("Run on another computer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				muted("Known from the results you imported."))
			action = muted("")
		} else if w.ClosedAt != nil {
			action = muted("Closed")
		} else {
			action = widget.NewButton("Close", func() {
				dialog.ShowConfirm("Close the workshop?", fmt.Sprintf("Close %q (%s)? Its results stay; it just stops being offered.", w.Name, w.Code), func(ok bool) {
					if !ok {
						return
					}
					var err error
					u.async(func() { err = u.deps.Facilitator.CloseWorkshop(w.Code) }, func() {
						if err != nil {
							u.showError("The workshop could not be closed", err)
						}
						u.showFacilitatorTab(0)
					})
				}, u.win)
			})
		}
		if c := u.workshopTimingControl(w); c != nil {
			info.Add(c)
		}
		list.Add(u.panel(container.NewBorder(nil, nil, code, container.NewCenter(action), info)))
	}
	return page(
		heading("Workshops"),
		muted("Create a workshop and write its code on the board. Participants type it when they create their profile (or under their name, top right), and their attempts carry it."),
		u.panel(container.NewBorder(nil, msg, nil, create, name)),
		list,
	)
}

func (u *App) importTab() fyne.CanvasObject {
	bar := widget.NewProgressBar()
	bar.Hide()
	status := para("")
	results := container.NewVBox()
	run := func(paths []string) {
		bar.SetValue(0)
		bar.Show()
		results.RemoveAll()
		status.SetText(fmt.Sprintf("Importing %d…", len(paths)))
		var res []ImportResult
		u.async(func() {
			res = u.deps.Facilitator.Import(paths, func(done, total int) {
				fyne.Do(func() {
					bar.Max = float64(total)
					bar.SetValue(float64(done))
					status.SetText(fmt.Sprintf("Imported %d of %d files…", done, total))
				})
			})
		}, func() {
			bar.Hide()
			ok, skipped := 0, 0
			var rejected []fyne.CanvasObject
			for _, r := range res {
				switch {
				case r.Err != nil:
					l := para(sentence(r.Err))
					l.Importance = widget.DangerImportance
					rejected = append(rejected, l)
				case r.Skipped:
					skipped++
				default:
					ok++
				}
			}
			status.SetText(fmt.Sprintf("%s imported, %s already imported (nothing new), %s rejected.", game.Count(ok, "file"), game.Count(skipped, "file"), game.Count(len(rejected), "file")))
			if len(rejected) > 0 {
				results.Add(subheading("Rejected files: nothing from these was imported"))
				for _, l := range rejected {
					results.Add(l)
				}
			}
		})
	}
	fileBtn := widget.NewButtonWithIcon("Import a results file…", theme.FileIcon(), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			run([]string{path})
		}, u.win)
		d.Show()
	})
	folderBtn := widget.NewButtonWithIcon("Import every file in a folder…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil || l == nil {
				return
			}
			run([]string{l.Path()})
		}, u.win)
		d.Show()
	})
	folderBtn.Importance = widget.HighImportance
	return page(
		heading("Import results"),
		muted("Each participant exports a results file (Progress → Export my results file). Collect them on a USB stick or in a shared folder and import them here. Importing the same file twice changes nothing; a damaged file is rejected whole, with the reason."),
		container.NewHBox(folderBtn, fileBtn),
		bar, status, results,
	)
}

func (u *App) workshopOptions(ws []game.Workshop, withAll bool) ([]string, map[string]string) {
	var opts []string
	codes := map[string]string{}
	if withAll {
		opts = append(opts, "All workshops and players")
		codes[opts[0]] = ""
	}
	for _, w := range ws {
		label := fmt.Sprintf("%s (%s)", w.Name, w.Code)
		if w.Name == "" {
			label = w.Code + " (from imported results)"
		}
		opts = append(opts, label)
		codes[label] = w.Code
	}
	return opts, codes
}

func (u *App) roomTab(ws []game.Workshop) fyne.CanvasObject {
	wsOpts, wsCodes := u.workshopOptions(ws, false)
	var scOpts []string
	scIDs := map[string]string{}
	titles := map[string]int{}
	for _, sc := range u.lib.Scenarios {
		titles[sc.Title]++
	}
	for _, sc := range u.lib.Scenarios {
		label := sc.Title
		if titles[sc.Title] > 1 { // two files may share a title: tell them apart
			label = fmt.Sprintf("%s (%s)", sc.Title, sc.ID)
		}
		scOpts = append(scOpts, label)
		scIDs[label] = sc.ID
	}
	wsSel := widget.NewSelect(wsOpts, nil)
	wsSel.PlaceHolder = "Choose a workshop"
	scSel := widget.NewSelect(scOpts, nil)
	scSel.PlaceHolder = "Choose a scenario"
	out := container.NewVBox()
	gen := 0 // only the latest choice's answer is shown
	build := func() {
		code, id := wsCodes[wsSel.Selected], scIDs[scSel.Selected]
		if code == "" || id == "" {
			return
		}
		gen++
		mine := gen
		sc := u.lib.Get(id)
		var room game.Room
		var err error
		out.RemoveAll()
		out.Add(widget.NewProgressBarInfinite())
		u.async(func() {
			var entries []game.RoomEntry
			entries, err = u.deps.Facilitator.RoomEntries(code, id)
			if err == nil {
				room = game.BuildRoom(sc, entries)
			}
		}, func() {
			if mine != gen {
				return // a later choice is being built
			}
			out.RemoveAll()
			if err != nil {
				out.Add(para(sentence(err)))
				return
			}
			out.Add(u.roomView(room))
		})
	}
	wsSel.OnChanged = func(string) { build() }
	scSel.OnChanged = func(string) { build() }
	if len(ws) == 0 {
		return page(heading("Room view"), para("Create a workshop, or import participants' results, first."))
	}
	return page(
		heading("Room view"),
		muted("For the projector: how the room read each moment and what it chose. The fitting choice is marked ✓."),
		container.NewGridWithColumns(2, wsSel, scSel),
		out,
	)
}

// roomView draws a built room: per moment charts, then the participants.
func (u *App) roomView(room game.Room) fyne.CanvasObject {
	box := container.NewVBox()
	if len(room.Participants) == 0 {
		box.Add(para("Nobody in this workshop has played this scenario yet."))
		return box
	}
	box.Add(muted(fmt.Sprintf("%s. Endings: %d strong, %d mixed, %d weak.", game.Count(len(room.Participants), "participant"), room.Outcomes[game.Strong], room.Outcomes[game.Mixed], room.Outcomes[game.Weak])))
	for i, m := range room.Moments {
		if m.Answered == 0 {
			continue
		}
		readings := []bar{}
		for _, h := range []game.Hat{game.Manage, game.Lead, game.Both} {
			label := h.Verb()
			if h == m.Scene.CallsFor {
				label = "✓ " + label
			}
			n := m.Readings[h]
			readings = append(readings, bar{Label: label, Value: float64(n), Text: fmt.Sprintf("%d", n), Color: hatColor(h), Marked: h == m.Scene.CallsFor})
		}
		choices := []bar{}
		for _, c := range m.Choices {
			label := c.Choice.Text
			if c.Fits {
				label = "✓ " + label
			}
			choices = append(choices, bar{Label: label, Value: float64(c.Count), Text: fmt.Sprintf("%d", c.Count), Color: hatColor(c.Choice.Hat), Marked: c.Fits})
		}
		box.Add(u.panel(container.NewVBox(
			subheading(fmt.Sprintf("Moment %d · called for %s", i+1, m.Scene.CallsFor.Label())),
			muted(m.Scene.Why),
			widget.NewLabelWithStyle("How the room read it", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			newBarChart(readings, float64(m.Answered), 170),
			widget.NewLabelWithStyle("What the room chose", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			newBarChart(choices, float64(m.Answered), 420),
		)))
	}
	box.Add(subheading("Participants"))
	box.Add(u.participantTable(room.Participants))
	return box
}

// participantTable lists the four scores and tendency, sortable by any
// column with its header button.
func (u *App) participantTable(ps []game.RoomParticipant) fyne.CanvasObject {
	rows := container.NewVBox()
	sortBy := "Name"
	desc := false
	cols := []string{"Name", "Fit", "Management", "Leadership", "Reading", "Tendency"}
	key := func(p game.RoomParticipant, col string) (float64, string) {
		switch col {
		case "Fit":
			return val(p.Scores.Fit), ""
		case "Management":
			return val(p.Scores.Management), ""
		case "Leadership":
			return val(p.Scores.Leadership), ""
		case "Reading":
			return val(p.Scores.Reading), ""
		case "Tendency":
			return 0, string(p.Tendency)
		}
		return 0, strings.ToLower(p.Profile.Name)
	}
	var fill func()
	fill = func() {
		sort.SliceStable(ps, func(i, j int) bool {
			ni, si := key(ps[i], sortBy)
			nj, sj := key(ps[j], sortBy)
			less := ni < nj || ni == nj && si < sj
			if desc {
				return !less && (ni != nj || si != sj)
			}
			return less
		})
		rows.RemoveAll()
		head := container.NewGridWithColumns(len(cols))
		for _, c := range cols {
			c := c
			label := c
			if c == sortBy {
				label += map[bool]string{false: " ▲", true: " ▼"}[desc]
			}
			b := widget.NewButton(label, func() {
				if sortBy == c {
					desc = !desc
				} else {
					sortBy, desc = c, c != "Name" && c != "Tendency"
				}
				fill()
			})
			b.Importance = widget.LowImportance
			head.Add(b)
		}
		rows.Add(head)
		for _, p := range ps {
			status := ""
			if !p.Finished {
				status = " (unfinished)"
			}
			name := widget.NewLabel(ellipsize(p.Profile.Name, 30) + status)
			name.Truncation = fyne.TextTruncateEllipsis
			rows.Add(container.NewGridWithColumns(len(cols), name,
				widget.NewLabel(scoreText(p.Scores.Fit)), widget.NewLabel(scoreText(p.Scores.Management)),
				widget.NewLabel(scoreText(p.Scores.Leadership)), widget.NewLabel(scoreText(p.Scores.Reading)),
				widget.NewLabel(string(p.Tendency))))
		}
		rows.Refresh()
	}
	fill()
	return u.panel(rows)
}

func (u *App) exportTab(ws []game.Workshop) fyne.CanvasObject {
	wsOpts, wsCodes := u.workshopOptions(ws, true)
	wsSel := widget.NewSelect(wsOpts, nil)
	wsSel.SetSelected(wsOpts[0])
	formats := []string{"Spreadsheet (CSV)", "JSON", "xAPI statements (for an LRS)", "PDF debriefs and summary"}
	codes := map[string]string{formats[0]: "csv", formats[1]: "json", formats[2]: "xapi", formats[3]: "pdf"}
	exts := map[string]string{"json": ".json", "xapi": ".xapi.json", "pdf": ".pdf"}
	fmtSel := widget.NewRadioGroup(formats, nil)
	fmtSel.SetSelected(formats[0])
	pseudo := widget.NewCheck("Replace names with stable pseudonyms", nil)
	status := para("")
	bar := widget.NewProgressBarInfinite()
	bar.Hide()
	run := func(format, path string) {
		bar.Show()
		status.Importance = widget.MediumImportance
		status.SetText("Exporting…")
		var err error
		// read the widgets here, on the UI goroutine, not in the work
		code, pseudonymise := wsCodes[wsSel.Selected], pseudo.Checked
		u.async(func() { err = u.deps.Facilitator.Export(format, code, pseudonymise, path) }, func() {
			bar.Hide()
			if err != nil {
				status.Importance = widget.DangerImportance
				status.SetText(sentence(err))
				return
			}
			status.Importance = widget.SuccessImportance
			status.SetText("Exported to " + path + ".")
		})
	}
	export := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() {
		format := codes[fmtSel.Selected]
		if format == "csv" {
			dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
				if err == nil && l != nil {
					run(format, l.Path())
				}
			}, u.win).Show()
			return
		}
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			run(format, path)
		}, u.win)
		d.SetFileName("twohats-export" + exts[format])
		d.Show()
	})
	export.Importance = widget.HighImportance
	return page(
		heading("Export"),
		muted("CSV gives two files (attempts.csv and answers.csv) that open cleanly in any spreadsheet. xAPI statements load into a Learning Record Store; to post them straight to one, run 'twohats export --format xapi --lrs URL' in a terminal."),
		u.panel(container.NewVBox(
			widget.NewForm(widget.NewFormItem("Results of", wsSel), widget.NewFormItem("Format", fmtSel), widget.NewFormItem("", pseudo)),
			container.NewHBox(layout.NewSpacer(), export),
			bar, status,
		)),
	)
}
