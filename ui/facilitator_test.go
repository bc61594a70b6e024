package ui

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
)

// storeFacilitator is the facilitator toolkit on a real store, as cmd
// wires it, but for files: imports return what the test gives.
type storeFacilitator struct {
	db      *store.Store
	imports []ImportResult
	exports []string // format, workshop, path of each export
}

func (f *storeFacilitator) CreateWorkshop(name string) (game.Workshop, error) {
	return f.db.CreateWorkshop(name)
}

func (f *storeFacilitator) Workshops() ([]WorkshopInfo, error) {
	ws, err := f.db.Workshops()
	if err != nil {
		return nil, err
	}
	counts, err := f.db.WorkshopParticipants()
	if err != nil {
		return nil, err
	}
	played, err := f.db.WorkshopScenarios()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	var out []WorkshopInfo
	for _, w := range ws {
		known[w.Code] = true
		out = append(out, WorkshopInfo{Workshop: w, Participants: counts[w.Code], Scenarios: played[w.Code]})
	}
	var others []string
	for code := range counts {
		if !known[code] {
			others = append(others, code)
		}
	}
	sort.Strings(others)
	for _, code := range others {
		out = append(out, WorkshopInfo{Workshop: game.Workshop{Code: code}, Participants: counts[code], Scenarios: played[code]})
	}
	return out, nil
}

func (f *storeFacilitator) CloseWorkshop(code string) error { return f.db.CloseWorkshop(code) }
func (f *storeFacilitator) RoomEntries(w, s string) ([]game.RoomEntry, error) {
	return f.db.RoomEntries(w, s)
}
func (f *storeFacilitator) Pseudonyms(ids []string) (map[string]string, error) {
	key, err := f.db.PseudonymKey()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, id := range ids {
		out[id] = export.Pseudonym(key, id)
	}
	return out, nil
}
func (f *storeFacilitator) DataVersion() (int64, error) { return f.db.DataVersion() }
func (f *storeFacilitator) ExportResults(string, string) error {
	return errors.New("not in these tests")
}
func (f *storeFacilitator) Import(paths []string, progress func(int, int)) []ImportResult {
	if progress != nil {
		progress(len(paths), len(paths))
	}
	return f.imports
}
func (f *storeFacilitator) Export(format, workshop string, _ bool, path string) error {
	f.exports = append(f.exports, format+" "+workshop+" "+path)
	return nil
}

// facilitatorHarness is the app on a real store holding a synthetic
// workshop, with the Facilitator area wired to that store.
func facilitatorHarness(t *testing.T) (*harness, *scenarios.Library) {
	h, lib, _ := roomHarness(t, false)
	return h, lib
}

// roomHarness is facilitatorHarness returning the workshop's code; with
// extra, three imported participants join it: Élodie and Zoë, and Aaron,
// whose attempt stopped after one fitting answer (Fit 100, unfinished).
func roomHarness(t *testing.T, extra bool) (*harness, *scenarios.Library, string) {
	t.Helper()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	var code string
	h := newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) {
		w, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 12, Seed: 3, Name: "Spring cohort", Scenarios: []string{"lost-key-client"}})
		if err != nil {
			t.Fatal(err)
		}
		code = w.Code
		if extra {
			sc := lib.Get("lost-key-client")
			for i, name := range []string{"Zoë Ångström", "Aaron Quick", "Élodie Martin"} {
				joinUnfinished(t, db, sc, code, i+1, name)
			}
		}
		d.Facilitator = &storeFacilitator{db: db}
		d.Library = func() *scenarios.Library { return lib }
	})
	h.app.Window().Resize(fyne.NewSize(1100, 800))
	h.createProfile("Facil")
	return h, lib, code
}

// joinUnfinished imports a participant whose attempt at sc stopped after
// one answer: the fitting reading and the best choice of the first moment.
func joinUnfinished(t *testing.T, db *store.Store, sc *game.Scenario, code string, n int, name string) {
	t.Helper()
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	st, err := game.Replay(sc, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, best := bestChoice(st.Current)
	p := game.Profile{ID: fmt.Sprintf("0000000a-0000-4000-8000-%012d", n), Name: name, CreatedAt: at, Imported: true}
	a := game.Attempt{ID: fmt.Sprintf("0000000b-0000-4000-8000-%012d", n), ProfileID: p.ID, ScenarioID: sc.ID, ScenarioHash: sc.Hash,
		Seed: 1, StartedAt: at, Workshop: code, Status: game.StatusOpen}
	ans := game.SavedAnswer{ID: fmt.Sprintf("0000000c-0000-4000-8000-%012d", n), Seq: 1,
		Answer: game.Answer{Scene: st.Current.ID, Diagnosis: st.Current.CallsFor, Choice: best.ID, At: at}}
	if _, err := db.Merge(p, []game.AttemptLog{{Attempt: a, Answers: []game.SavedAnswer{ans}}}); err != nil {
		t.Fatal(err)
	}
}

func (h *harness) selectPrefix(placeholder, prefix string) {
	h.t.Helper()
	for _, o := range h.objects() {
		if s, ok := o.(*widget.Select); ok && s.PlaceHolder == placeholder {
			for _, opt := range s.Options {
				if strings.HasPrefix(opt, prefix) {
					s.SetSelected(opt)
					return
				}
			}
			h.t.Fatalf("the select %q has no option starting %q: %v", placeholder, prefix, s.Options)
		}
	}
	h.t.Fatalf("no select %q on screen:\n%s", placeholder, h.text())
}

// selectNamed is the Select with the placeholder on screen.
func (h *harness) selectNamed(placeholder string) *widget.Select {
	h.t.Helper()
	for _, o := range h.objects() {
		if s, ok := o.(*widget.Select); ok && (s.PlaceHolder == placeholder || placeholder == "") {
			return s
		}
	}
	h.t.Fatalf("no select %q on screen:\n%s", placeholder, h.text())
	return nil
}

// TestFacilitatorWorkshopsTab: creating a workshop shows its join code, and
// a closed one says so. Each workshop shows its participants, and its code
// in type large enough to copy onto a whiteboard from across the room.
func TestFacilitatorWorkshopsTab(t *testing.T) {
	h, _, spring := roomHarness(t, false)
	h.tap("Facilitator")
	h.mustSee("Workshops", "Spring cohort", "12 participants · 1 scenario played")
	var big float32
	for _, o := range h.objects() {
		if c, ok := o.(*canvas.Text); ok && c.Text == spring {
			big = c.TextSize
			if !c.TextStyle.Monospace {
				t.Errorf("the join code %s is not in a monospace font", spring)
			}
		}
	}
	if min := 2.5 * theme.TextSize(); big < min {
		t.Errorf("the join code %s is drawn %.0f px high; want at least %.0f, to copy onto a whiteboard", spring, big, min)
	}
	test.Type(h.entry("e.g. New managers"), "Autumn cohort")
	h.tap("Create workshop")
	ws, err := h.db.Workshops()
	if err != nil || len(ws) != 2 {
		t.Fatalf("workshops after creating one: %v %v", ws, err)
	}
	var code string
	for _, w := range ws {
		if w.Name == "Autumn cohort" {
			code = w.Code
		}
	}
	h.app.showFacilitatorTab(0)
	h.mustSee("Autumn cohort", code, "0 participants")
	if err := h.db.CloseWorkshop(code); err != nil {
		t.Fatal(err)
	}
	h.app.showFacilitatorTab(0)
	h.mustSee("Closed")
}

// TestFacilitatorRoomTab: the room view shows how the room read and chose
// each moment, as counts and percentages, and its endings by outcome. Its
// scenario list offers only what the chosen workshop played.
func TestFacilitatorRoomTab(t *testing.T) {
	h, lib := facilitatorHarness(t)
	if _, err := h.db.CreateWorkshop("Empty cohort"); err != nil {
		t.Fatal(err)
	}
	h.app.showFacilitatorTab(tabRoom)
	h.mustSee("Room view", "projector mode", "Choose a workshop, then one of the scenarios its participants played.")
	h.selectPrefix("Choose a workshop", "Spring cohort")
	title := lib.Get("lost-key-client").Title
	if got := h.selectNamed("Choose a scenario").Options; len(got) != 1 || got[0] != title {
		t.Errorf("the scenarios offered for Spring cohort are %q; want only the one it played, %q", got, title)
	}
	h.selectPrefix("Choose a scenario", title)
	if spin := h.app.facil.room.spin; spin == nil || spin.Running() {
		t.Error("the progress bar shown while the room was read still runs: off screen, it costs CPU for a minute")
	}
	h.mustSee("12 participants: ", "Moment 1 of ", "called for", "How the room read it (12 answers)", "What the room chose")
	// every bar says how many and what share: "7 · 58%"
	var shares int
	for _, o := range h.objects() {
		if c, ok := o.(*barChart); ok {
			for _, b := range c.Bars {
				if !regexp.MustCompile(`^\d+ · \d+%$`).MatchString(b.Text) {
					t.Errorf("a bar of the room view reads %q; want a count and a percentage", b.Text)
				}
				shares++
			}
			for _, v := range test.WidgetRenderer(c).(*barChartRenderer).values {
				if right := v.Position().X + v.MinSize().Width; right > c.Size().Width+0.5 {
					t.Errorf("the bar value %q ends at %.0f, past its chart's edge at %.0f", v.Text, right, c.Size().Width)
				}
			}
		}
	}
	if shares == 0 {
		t.Fatal("the room view drew no bars")
	}
	if !regexp.MustCompile(`Endings: \d+ strong \(\d+%\), \d+ mixed \(\d+%\), \d+ weak \(\d+%\)`).MatchString(h.text()) {
		t.Errorf("the endings have no percentages:\n%s", h.text())
	}
	h.selectPrefix("Choose a workshop", "Empty cohort")
	if got := h.selectNamed("Nothing played yet").Options; len(got) != 0 {
		t.Errorf("a workshop where nothing was played offers the scenarios %q", got)
	}
	h.mustSee("Nobody in this workshop has played a scenario yet.")
}

// TestRoomTable: names sort as people expect ("Élodie" before "Zoë"), an
// unfinished attempt never heads a score column (once, one fitting answer
// ranked first at Fit 100), headers sit left like their values, and names
// are shown whole.
func TestRoomTable(t *testing.T) {
	h, lib, code := roomHarness(t, true)
	h.app.showFacilitatorTab(tabRoom)
	h.mustSee("15 participants: ")
	entries, err := h.db.RoomEntries(code, "lost-key-client")
	if err != nil {
		t.Fatal(err)
	}
	finished := 0
	for _, p := range game.BuildRoom(lib.Get("lost-key-client"), entries).Participants {
		if p.Finished {
			finished++
		}
	}
	names := func() []string {
		var out []string
		for _, o := range h.objects() {
			if l, ok := o.(*widget.Label); ok && isParticipant(h, l.Text) {
				out = append(out, l.Text)
			}
		}
		return out
	}
	order := names()
	if len(order) != 15 {
		t.Fatalf("the table lists %d names, want 15: %q", len(order), order)
	}
	pos := func(name string, in []string) int {
		for i, n := range in {
			if n == name {
				return i
			}
		}
		t.Fatalf("%q is not in the table: %q", name, in)
		return -1
	}
	if pos("Élodie Martin", order) > pos("Zoë Ångström", order) {
		t.Errorf("the table lists Zoë before Élodie: %q", order)
	}
	sorted := append([]string(nil), order...)
	o := newNameOrder()
	sort.SliceStable(sorted, func(i, j int) bool { return o.compare(sorted[i], sorted[j]) < 0 })
	if strings.Join(sorted, "|") != strings.Join(order, "|") {
		t.Errorf("the names are not in collation order:\n got %q\nwant %q", order, sorted)
	}
	headers := 0
	for _, o := range h.objects() {
		if b, ok := asButton(o); ok && slices.Contains(roomColumns, strings.TrimRight(b.Text, " ▲▼")) {
			headers++
			if b.Alignment != widget.ButtonAlignLeading {
				t.Errorf("the %q header is not left-aligned over its values", b.Text)
			}
		}
	}
	if headers != len(roomColumns) {
		t.Errorf("found %d column headers, want %d", headers, len(roomColumns))
	}
	h.tap("Fit")
	byFit := names()
	if byFit[0] == "Aaron Quick" || pos("Aaron Quick", byFit) < finished {
		t.Errorf("sorted by Fit, the unfinished Aaron Quick (Fit 100 after one answer) is at %d of %q; unfinished attempts come after every finished one", pos("Aaron Quick", byFit), byFit)
	}
	h.tap("Fit ▼")
	if pos("Aaron Quick", names()) < finished {
		t.Errorf("sorted by Fit ascending, an unfinished attempt is among the finished: %q", names())
	}
}

func isParticipant(h *harness, name string) bool {
	ps, _ := h.db.Profiles(true)
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// TestRoomTableNamesWhole: a long name was cut to 30 characters and an
// ellipsis; now it is shown whole, wrapping if the column is narrow.
func TestRoomTableNamesWhole(t *testing.T) {
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	long := "Maximiliana Wolkenstein-Ravensworth de la Fuente Obregón"
	h := newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) {
		joinUnfinished(t, db, lib.Get("lost-key-client"), game.MakeCode(77), 1, long)
		d.Facilitator = &storeFacilitator{db: db}
		d.Library = func() *scenarios.Library { return lib }
	})
	h.app.Window().Resize(fyne.NewSize(1024, 640))
	h.createProfile("Facil")
	h.app.showFacilitatorTab(tabRoom)
	for _, o := range h.objects() {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Maximiliana") {
			if l.Text != long || l.Truncation != fyne.TextTruncateOff {
				t.Fatalf("the name reads %q (truncation %v); want it whole", l.Text, l.Truncation)
			}
			one := fyne.MeasureText(long, theme.TextSize(), l.TextStyle)
			if l.Size().Width < one.Width && l.Size().Height < 2*one.Height {
				t.Errorf("the name's cell is %v, narrower than the name (%v) and one line high: it is cut", l.Size(), one)
			}
			return
		}
	}
	t.Fatalf("the long name is not on screen:\n%s", h.text())
}

// TestProgressScreen: a finished attempt appears in the charts' caption and
// the table, by scenario title and ending.
func TestProgressScreen(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.createProfile("Rui")
	h.tap("Play")
	h.tap("Continue")
	for _, step := range [][2]string{{"Stabilise", "Make a plan."}, {"Both", "Fix the plan and talk to people."}, {"Re-energise", "Coach the leads."}} {
		test.Tap(h.card(step[0]))
		test.Tap(h.card(step[1]))
		if h.app.Screen() == "play" {
			for _, label := range []string{"Continue", "See your debrief"} {
				if b := h.maybeButton(label); b != nil {
					test.Tap(b)
					break
				}
			}
		}
	}
	h.tap("Progress")
	h.mustSee("Your progress", "1 finished attempt, oldest on the left", "Mini", "Good")
}

func (h *harness) maybeButton(label string) *widget.Button {
	for _, o := range h.objects() {
		if b, ok := asButton(o); ok && b.Text == label && !b.Disabled() {
			return b
		}
	}
	return nil
}

// TestFacilitatorWithoutProfile: a facilitator once had to create a player
// profile before reaching the Facilitator area. The first-run screen goes
// straight there, and the app opens there next time.
func TestFacilitatorWithoutProfile(t *testing.T) {
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	prefs := &memPrefs{s: map[string]string{}, f: map[string]float64{}}
	var deps Deps
	h := newHarnessWith(t, t.TempDir(), func(db *store.Store, d *Deps) {
		d.Facilitator = &storeFacilitator{db: db}
		d.Library = func() *scenarios.Library { return lib }
		d.Prefs = prefs
		deps = *d
	})
	h.app.Start()
	h.mustSee("Welcome to Two Hats", "Running a workshop?")
	h.tap("I'm running a workshop")
	if h.app.Screen() != "facilitator" {
		t.Fatalf("I'm running a workshop shows the %s screen", h.app.Screen())
	}
	h.mustSee("Workshops", "Create workshop", "Add a player")
	if ps, _ := h.db.Profiles(true); len(ps) != 0 {
		t.Errorf("reaching the Facilitator area made profiles: %v", ps)
	}
	// playing without a profile asks for one instead of failing
	h.app.startNew(lib.Scenarios[0])
	if h.app.Screen() != "welcome" {
		t.Errorf("starting a scenario without a profile shows the %s screen, want the first-run screen", h.app.Screen())
	}
	// the next start opens on the Facilitator area
	again := New(h.fyne, deps)
	again.Start()
	if again.Screen() != "facilitator" {
		t.Errorf("after choosing to run a workshop, the app opens on the %s screen", again.Screen())
	}
}

// TestImportReport: importing once said "1 files imported" and never who
// or what. It names each participant and their attempts, what was already
// here, and why a file was rejected, without backticks.
func TestImportReport(t *testing.T) {
	h, lib, code := roomHarness(t, false)
	f := h.app.deps.Facilitator.(*storeFacilitator)
	title := lib.Get("lost-key-client").Title
	other := lib.Get("the-reorg-memo").Title
	f.imports = []ImportResult{
		{Path: "/media/usb/zoe.json", Attempts: 2, Answers: 14,
			Participant: game.Profile{ID: "p1", Name: "Zoë Ångström"},
			Added:       []game.Attempt{{ScenarioID: "lost-key-client", Status: game.StatusFinished, Workshop: code}},
			Updated:     []game.Attempt{{ScenarioID: "the-reorg-memo", Status: game.StatusOpen, Workshop: code}}},
		{Path: "/media/usb/bjorn.json", Skipped: true,
			Participant: game.Profile{ID: "p2", Name: "Björn Berg"},
			Present:     []game.Attempt{{ScenarioID: "lost-key-client", Status: game.StatusFinished, Workshop: code}}},
		{Path: "/media/usb/notes.json", Err: errors.New("/media/usb/notes.json: the file is not JSON"),
			Reason: "the file is not JSON, so it is not a Two Hats results file; results files are the .json files that the app's “Export my results file…” or the terminal's 'twohats results' writes."},
	}
	h.app.showFacilitatorTab(tabImport)
	h.app.facil.imp.run([]string{"/media/usb"})
	h.mustSee(
		"From 1 participant: 1 attempt added, 1 attempt brought up to date; 1 file held nothing new; 1 file rejected.",
		"Zoë Ångström, workshop "+code,
		"Added: "+title+" (finished).",
		"Brought up to date: "+other+" (not finished).",
		"From zoe.json.",
		"Björn Berg, workshop "+code+": "+title+", already imported (bjorn.json).",
		"Rejected: nothing from these files was imported", "notes.json", "The file is not JSON",
	)
	if strings.Contains(h.text(), "`") {
		t.Errorf("the import report holds a backtick:\n%s", h.text())
	}
	if strings.Contains(h.text(), "files imported") {
		t.Errorf("the import report still counts files instead of naming people:\n%s", h.text())
	}
}

// TestFacilitatorFileNames: the suggested results file name dropped every
// accented letter ("Zo-ngstrm") and had no date; the export dialogs had no
// filter, the CSV folder dialog said "Open Folder" and "Open", the PDF was
// "twohats-export.pdf", and the Export tab forgot the chosen format.
func TestFacilitatorFileNames(t *testing.T) {
	h, _, code := roomHarness(t, false)
	h.app.profile.Name = "Zoë Ångström"
	day := h.app.deps.Now().Local().Format("2006-01-02")

	h.app.exportMyResults()
	h.mustSeeEntry("twohats-results-zoe-angstrom-" + day + ".json")
	h.mustSee("Save your results file")
	h.closeOverlays()

	h.app.showFacilitatorTab(tabExport)
	e := h.app.facil.export
	h.selectOption("Spring cohort (" + code + ")")
	d := e.dialog("pdf", ".pdf", func(string) {})
	if f := dialogField(d, "filter"); !strings.Contains(f, ".pdf") {
		t.Errorf("the PDF dialog's filter is %s; want .pdf files", f)
	}
	d.Show()
	h.mustSeeEntry("twohats-spring-cohort-" + code + "-" + day + ".pdf")
	h.closeOverlays()
	d = e.dialog("json", ".json", func(string) {})
	if f := dialogField(d, "filter"); !strings.Contains(f, ".json") {
		t.Errorf("the JSON dialog's filter is %s; want .json files", f)
	}
	d = e.dialog("csv", "", func(string) {})
	d.Show()
	h.mustSee("Choose the folder for attempts.csv and answers.csv", "[Export here]")
	if strings.Contains(h.text(), "Open Folder") {
		t.Errorf("the CSV folder dialog is still titled Open Folder:\n%s", h.text())
	}
	h.closeOverlays()
	if f := dialogField(h.app.facil.imp.fileDialog(), "filter"); !strings.Contains(f, ".json") {
		t.Errorf("the import dialog's filter is %s; want .json files", f)
	}

	// the format is remembered, across visits and starts
	formats := func() *radioGroup {
		for _, o := range h.objects() {
			if r, ok := o.(*radioGroup); ok {
				return r
			}
		}
		t.Fatalf("no format choice on the Export tab:\n%s", h.text())
		return nil
	}
	formats().SetSelected("PDF debriefs and summary")
	h.app.showFacilitatorTab(tabExport)
	if got := formats().Selected; got != "PDF debriefs and summary" {
		t.Errorf("back on the Export tab the format is %q; want the PDF chosen before", got)
	}
	if got := h.app.deps.Prefs.String(prefExportFormat); got != "pdf" {
		t.Errorf("the export format preference is %q, want pdf", got)
	}
}

// dialogField prints a file dialog's unexported field: Fyne offers no
// getter for a dialog's filter.
func dialogField(d any, name string) string {
	v := reflect.ValueOf(d).Elem().FieldByName(name)
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "nil"
		}
		v = v.Elem()
	}
	return fmt.Sprintf("%+v", v)
}

func (h *harness) mustSeeEntry(text string) {
	h.t.Helper()
	var got []string
	for _, o := range h.objects() {
		if e, ok := o.(*widget.Entry); ok {
			if e.Text == text {
				return
			}
			got = append(got, e.Text)
		}
	}
	h.t.Fatalf("no field holds %q; the fields hold %q", text, got)
}

func (h *harness) closeOverlays() {
	for h.app.Window().Canvas().Overlays().Top() != nil {
		h.app.Window().Canvas().Overlays().Remove(h.app.Window().Canvas().Overlays().Top())
	}
}

// TestFacilitatorNoticesOutsideChanges: results imported in a terminal once
// appeared only after leaving the screen and coming back. The area checks
// the database when the window comes to the front and on a light poll, and
// refreshes in place; it does nothing when nothing changed, and stops
// polling when the facilitator leaves.
func TestFacilitatorNoticesOutsideChanges(t *testing.T) {
	ticks := make(chan time.Time)
	stopped := 0
	old := newTicker
	newTicker = func(time.Duration) (<-chan time.Time, func()) { return ticks, func() { stopped++ } }
	t.Cleanup(func() { newTicker = old })

	h, lib, code := roomHarness(t, false)
	f := &countingFacilitator{Facilitator: h.app.deps.Facilitator}
	h.app.deps.Facilitator = f
	h.app.showFacilitatorTab(tabWorkshops)
	h.mustSee("12 participants")
	a := h.app.facil
	if a.stop == nil {
		t.Fatal("the Facilitator area is not watching for changes")
	}
	reads := f.workshops

	// nothing changed: the poll costs one check and no reload
	a.check(f)
	if f.workshops != reads {
		t.Errorf("a poll with nothing changed read the workshops again (%d reads, was %d)", f.workshops, reads)
	}

	// the terminal, another connection, imports a participant
	terminal, _, err := store.Open(h.dir, store.Options{Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer terminal.Close()
	joinUnfinished(t, terminal, lib.Get("lost-key-client"), code, 1, "Late Arrival")
	h.fyne.Lifecycle().(interface{ OnEnteredForeground() func() }).OnEnteredForeground()()
	h.mustSee("13 participants")
	if f.workshops != reads+1 {
		t.Errorf("coming to the front after a change read the workshops %d times, want once", f.workshops-reads)
	}

	// the room view keeps its choice and shows the newcomer on the poll
	h.app.showFacilitatorTab(tabRoom)
	h.mustSee("13 participants: ")
	joinUnfinished(t, terminal, lib.Get("lost-key-client"), code, 2, "Later Still")
	h.app.facil.check(f)
	h.mustSee("14 participants: ", "Later Still")

	// and the projector follows too, staying on its moment
	h.tap("Projector mode")
	h.press(fyne.KeyRight)
	joinUnfinished(t, terminal, lib.Get("lost-key-client"), code, 3, "Last One")
	h.app.facil.check(f)
	h.mustSee("Moment 2 of ")
	h.press(fyne.KeyEnd)
	h.mustSee("15 participants, ")

	h.press(fyne.KeyEscape)
	h.tap("Home")
	if a.stop != nil || stopped == 0 {
		t.Errorf("leaving the Facilitator area left its poll running (stopped %d times)", stopped)
	}
	reads = f.workshops
	joinUnfinished(t, terminal, lib.Get("lost-key-client"), code, 4, "After Hours")
	h.fyne.Lifecycle().(interface{ OnEnteredForeground() func() }).OnEnteredForeground()()
	if f.workshops != reads || h.app.Screen() != "home" {
		t.Errorf("away from the Facilitator area, a change still reloaded it (%d reads) or moved the screen to %s", f.workshops-reads, h.app.Screen())
	}
}

type countingFacilitator struct {
	Facilitator
	workshops int
}

func (c *countingFacilitator) Workshops() ([]WorkshopInfo, error) {
	c.workshops++
	return c.Facilitator.Workshops()
}
