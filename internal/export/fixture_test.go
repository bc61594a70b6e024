package export_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func expOpen(t testing.TB) *store.Store {
	t.Helper()
	return testkit.Store(t, 0)
}

func tinyLibrary(t testing.TB) *scenarios.Library {
	t.Helper()
	lib := scenarios.Load(scenarios.Source{FS: os.DirFS("testdata/scenarios"), Prefix: "testdata/scenarios/"})
	if len(lib.Failed) > 0 || lib.Get("tiny") == nil {
		t.Fatalf("testdata/scenarios: %v", lib.Failed)
	}
	return lib
}

// Names that try to break spreadsheets, terminals and PDFs.
const (
	nameAccents = "Zoë Ünal-Østergaard"
	nameFormula = `=HYPERLINK("http://evil.example","click")`
	nameSigns   = "+1 -2 @SUM(A1)"
	nameDDE     = "@SUM(1+1)*cmd|' /C calc'!A0"
	nameOther   = "Dmitri Ivanov"
)

// play records an attempt through the store, as the app does.
func play(t testing.TB, db *store.Store, sc *game.Scenario, p game.Profile, workshop string, seed int64, answers ...game.Answer) game.Attempt {
	t.Helper()
	a, err := db.StartAttempt(p.ID, sc, seed, workshop)
	if err != nil {
		t.Fatal(err)
	}
	st, err := game.Start(sc, seed)
	if err != nil {
		t.Fatal(err)
	}
	for i, ans := range answers {
		ans.Millis = int64(1000 * (i + 3))
		if _, err := db.SaveAnswer(a.ID, i+1, ans); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Answer(ans); err != nil {
			t.Fatal(err)
		}
	}
	if st.Done {
		if err := db.FinishAttempt(a.ID, st.Ending().ID, st.Scores()); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func ans(scene string, diag game.Hat, choice string) game.Answer {
	return game.Answer{Scene: scene, Diagnosis: diag, Choice: choice}
}

// tinyWorkshop builds the small fixed workshop behind the golden files:
// four participants with hostile names in workshop W, one finished well,
// one finished badly through the beat, one stopped after a poor move, one
// imported, and someone outside the workshop.
func tinyWorkshop(t testing.TB) (*store.Store, *scenarios.Library, game.Workshop) {
	t.Helper()
	db := expOpen(t)
	lib := tinyLibrary(t)
	sc := lib.Get("tiny")
	w, err := db.CreateWorkshop("Leading teams, März")
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.CreateWorkshop("Another workshop")
	if err != nil {
		t.Fatal(err)
	}
	profile := func(name, code string) game.Profile {
		p, err := db.CreateProfile(name, code)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	zoe := profile(nameAccents, w.Code)
	play(t, db, sc, zoe, w.Code, 11, ans("m1", game.Manage, "plan"), ans("m2", game.Both, "both-ways"), ans("m3", game.Lead, "coach"))
	hyper := profile(nameFormula, w.Code)
	play(t, db, sc, hyper, w.Code, 12, ans("m1", game.Lead, "speech"), ans("m2", game.Manage, "both-ways"), ans("m3", game.Both, "tighten"))
	signs := profile(nameSigns, w.Code)
	play(t, db, sc, signs, w.Code, 13, ans("m1", game.Both, "micro"))
	dmitri := profile(nameOther, other.Code)
	play(t, db, sc, dmitri, other.Code, 14, ans("m1", game.Manage, "plan"), ans("m2", game.Both, "nothing"), ans("m3", game.Lead, "hype"))

	// an imported participant, as a results file would bring them
	at := testkit.Epoch.Add(time.Hour)
	fin := at.Add(3 * time.Minute)
	log := []game.Answer{
		{Scene: "m1", Diagnosis: game.Both, Choice: "wild", At: at.Add(time.Minute), Millis: 41000},
		{Scene: "m2", Diagnosis: game.Lead, Choice: "nothing", At: at.Add(2 * time.Minute), Millis: 52000},
		{Scene: "m3", Diagnosis: game.Manage, Choice: "tighten", At: at.Add(3 * time.Minute), Millis: 7000},
	}
	st, err := game.Replay(sc, 15, log)
	if err != nil {
		t.Fatal(err)
	}
	scores := st.Scores()
	var saved []game.SavedAnswer
	for i, a := range log {
		saved = append(saved, game.SavedAnswer{ID: fmt.Sprintf("00000000-0000-4000-9000-%012d", i+1), Seq: i + 1, Answer: a})
	}
	p := game.Profile{ID: "00000000-0000-4000-a000-000000000001", Name: nameDDE, Workshop: w.Code, CreatedAt: at, Imported: true}
	_, err = db.Merge(p, []store.AttemptLog{{
		Attempt: game.Attempt{ID: "00000000-0000-4000-a000-000000000002", ProfileID: p.ID, ScenarioID: sc.ID, ScenarioHash: sc.Hash,
			Seed: 15, StartedAt: at, FinishedAt: &fin, Status: game.StatusFinished, Ending: st.Ending().ID, Workshop: w.Code, Scores: &scores},
		Answers: saved,
	}})
	if err != nil {
		t.Fatal(err)
	}
	return db, lib, w
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test -update to create it", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./internal/export -update and review the diff.\n--- got ---\n%s", path, firstDiff(got, want))
	}
}

func firstDiff(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, g, w)
		}
	}
	return "(lengths differ)"
}
