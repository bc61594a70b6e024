package ui

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
)

var shots = flag.String("screenshots", "", "write a PNG of every screen, light and dark, into this folder")

// TestScreenshots renders every screen of the app with the shipped library,
// light and dark, for the README and docs. It runs only with -screenshots:
//
//	go test ./ui -run TestScreenshots -screenshots ../docs/screenshots
func TestScreenshots(t *testing.T) {
	if *shots == "" {
		t.Skip("pass -screenshots DIR to render the screens")
	}
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, variant := range []string{ThemeLight, ThemeDark} {
		renderScreens(t, variant)
		renderRoomPlay(t, variant)
	}
}

func renderScreens(t *testing.T, variant string) {
	dir := t.TempDir()
	clock := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	db, _, err := store.Open(dir, store.Options{Now: func() time.Time { clock = clock.Add(37 * time.Minute); return clock }, Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lib := scenarios.Load(scenarios.Source{FS: scenarios.Shipped(), Prefix: "(built in) "})
	if _, err := sample.Generate(db, lib.Scenarios, sample.Options{Participants: 24, Seed: 7, Name: "New managers, Lisbon"}); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	prefs := &memPrefs{s: map[string]string{prefTheme: variant}, f: map[string]float64{}}
	u := New(a, Deps{
		Store: db, Facilitator: &storeFacilitator{db: db}, Library: func() *scenarios.Library { return lib },
		DataDir: "/home/amaka/.local/share/twohats", Seed: func() int64 { return 11 }, Prefs: prefs,
		Now: func() time.Time { return clock }, Async: func(w, then func()) { w(); then() },
	})
	u.Window().Resize(fyne.NewSize(1100, 760))
	h := &harness{t: t, app: u, db: db, fyne: a}

	capture := func(name string) {
		img := u.Window().Canvas().Capture()
		f, err := os.Create(filepath.Join(*shots, fmt.Sprintf("%s-%s.png", name, variant)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}

	u.Start()
	capture("welcome")
	p, err := db.CreateProfile("Amaka Obi", "")
	if err != nil {
		t.Fatal(err)
	}
	u.setProfile(p)
	// a few finished attempts, so home, progress and the library have history
	for i, id := range []string{"running-on-empty", "the-reorg-memo", "outage-at-2am", "the-quiet-star"} {
		playThrough(h, lib.Get(id), i)
	}
	u.showHome()
	capture("home")
	u.showLibrary()
	capture("library")

	u.startNew(lib.Get("lost-key-client"))
	for len(u.playing.st.Beats) > u.playing.beat {
		h.tap("Continue")
	}
	test.Tap(h.card(u.playing.st.Current.CallsFor.Verb()))
	capture("play")
	_, best := bestChoice(u.playing.st.Current)
	test.Tap(h.card(best.Text))
	capture("feedback")
	h.tap("Continue")
	finish(h, 0)
	capture("debrief")
	u.showProgress()
	capture("progress")
	u.showSettings()
	capture("settings")
	ws, _ := db.Workshops()
	u.showFacilitatorTab(0)
	capture("workshops")
	u.showFacilitatorTab(2)
	h.selectOption(fmt.Sprintf("%s (%s)", ws[0].Name, ws[0].Code))
	h.selectOption(lib.Get("lost-key-client").Title)
	capture("room")
	h.tap("Projector mode")
	capture("projector")
	h.press(fyne.KeyEnd)
	capture("projector-endings")
}

func bestChoice(s *game.Scene) (game.Hat, *game.Choice) {
	var pick *game.Choice
	for _, c := range s.Choices {
		if pick == nil || game.ChoiceFit(s.CallsFor, c) > game.ChoiceFit(s.CallsFor, pick) {
			pick = c
		}
	}
	return s.CallsFor, pick
}

// playThrough plays a scenario to its end by tapping; skill varies by n.
func playThrough(h *harness, sc *game.Scenario, n int) {
	h.app.startNew(sc)
	finish(h, n)
}

// finish plays the attempt on screen to its debrief: every (n+2)th moment
// with the first wrong-hat choice, the rest with the best one.
func finish(h *harness, n int) {
	u := h.app
	for i := 0; u.playing != nil && i < 200; i++ {
		p := u.playing
		if p.beat < len(p.st.Beats) || p.st.Done {
			if p.next != nil {
				p.next()
			} else {
				p.render()
			}
			continue
		}
		m := p.st.Current
		test.Tap(h.card(m.CallsFor.Verb()))
		_, pick := bestChoice(m)
		if n > 0 && len(p.st.Steps)%(n+2) == 1 {
			for _, c := range m.Choices {
				if c.Hat != m.CallsFor {
					pick = c
					break
				}
			}
		}
		test.Tap(h.card(pick.Text))
		p.next()
	}
}

// selectOption picks an option in whichever Select offers it.
func (h *harness) selectOption(label string) {
	for _, o := range h.objects() {
		if s, ok := o.(*widget.Select); ok {
			for _, opt := range s.Options {
				if opt == label {
					s.SetSelected(label)
					return
				}
			}
		}
	}
	h.t.Fatalf("no select offers %q", label)
}
