package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/internal/testkit"
	"github.com/twohats/twohats/scenarios"
)

// TestFacilitatorListsImportedWorkshops: after importing participants'
// results for a workshop created on another machine, the app's room view
// once said "Create a workshop and import its results first" and offered
// only the workshops made here. Every join code the data holds is listed.
func TestFacilitatorListsImportedWorkshops(t *testing.T) {
	db := testkit.Store(t, 1)
	local, err := db.CreateWorkshop("Here")
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := game.MakeCode(424242)
	p := game.Profile{ID: "00000009-0000-4000-8000-000000000001", Name: "Ana", CreatedAt: testkit.Epoch, Imported: true}
	a := game.Attempt{ID: "00000009-0000-4000-8000-000000000002", ProfileID: p.ID, ScenarioID: "fac-two", Seed: 1, StartedAt: testkit.Epoch, Workshop: elsewhere, Status: game.StatusOpen}
	if _, err := db.Merge(p, []game.AttemptLog{{Attempt: a}}); err != nil {
		t.Fatal(err)
	}
	ws, err := newFacilitator(db, nil).Workshops()
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 || ws[0].Code != local.Code || ws[0].Name != "Here" || ws[1].Code != elsewhere || ws[1].Name != "" {
		t.Errorf("workshops = %+v; want the local one, then %s from the imported results", ws, elsewhere)
	}
}

// TestFacilitatorAppImport: the app's import once said only "1 files
// imported". Through the wiring the app uses, each result names its
// participant and attempts, a second import finds them already here, and a
// rejected file's reason is a sentence without its path or backticks.
func TestFacilitatorAppImport(t *testing.T) {
	laptop := facData(t)
	join := game.MakeCode(31337)
	ans := facAnswers(t, "a manage plan", "b lead coach")
	if code, _, stderr := facRun(t, "play", "--scenario", "fac-two", "--profile", "Zoë Ångström", "--workshop", join, "--answers", ans, "--seed", "1", "--data", laptop); code != 0 {
		t.Fatalf("play: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "zoe.json")
	if code, _, stderr := facRun(t, "results", "--profile", "Zoë Ångström", "--out", out, "--data", laptop); code != 0 {
		t.Fatalf("results: %s", stderr)
	}
	junk := filepath.Join(t.TempDir(), "notes.json")
	os.WriteFile(junk, []byte("not json"), 0o644)

	dir := facData(t)
	db, _, err := store.Open(dir, store.Options{Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lib := loadLibrary(dir)
	f := newFacilitator(db, func() *scenarios.Library { return lib })
	before, err := f.DataVersion()
	if err != nil {
		t.Fatal(err)
	}
	res := f.Import([]string{out, junk}, nil)
	if len(res) != 2 {
		t.Fatalf("%d results for two files", len(res))
	}
	if r := res[0]; r.Err != nil || r.Participant.Name != "Zoë Ångström" || len(r.Added) != 1 || r.Added[0].ScenarioID != "fac-two" || r.Added[0].Workshop != join || len(r.Updated)+len(r.Present) != 0 {
		t.Errorf("the good file: %+v; want Zoë Ångström's one fac-two attempt, added", r)
	}
	if r := res[1]; r.Err == nil || !strings.HasPrefix(r.Reason, "the file is not JSON") || strings.Contains(r.Reason, junk) || strings.Contains(r.Reason, "`") {
		t.Errorf("the rejected file's reason: %q (error %v); want a sentence without its path or backticks", r.Reason, r.Err)
	}
	if r := f.Import([]string{out}, nil)[0]; !r.Skipped || len(r.Present) != 1 || len(r.Added) != 0 {
		t.Errorf("importing the file again: %+v; want its attempt already here", r)
	}
	ws, err := f.Workshops()
	if err != nil || len(ws) != 1 || ws[0].Code != join || ws[0].Participants != 1 || len(ws[0].Scenarios) != 1 || ws[0].Scenarios[0] != "fac-two" {
		t.Errorf("workshops after the import: %+v, %v; want %s with one participant who played fac-two", ws, err, join)
	}
	names, err := f.Pseudonyms([]string{res[0].Participant.ID})
	key, _ := db.PseudonymKey()
	if want := export.Pseudonym(key, res[0].Participant.ID); err != nil || names[res[0].Participant.ID] != want {
		t.Errorf("the room's pseudonym is %q, %v; want the exports' %q", names[res[0].Participant.ID], err, want)
	}
	// the app's own import goes through its own connection: the version it
	// polls for other programs' changes stays put
	if after, _ := f.DataVersion(); after != before {
		t.Errorf("the app's own import moved its data version from %d to %d", before, after)
	}
}
