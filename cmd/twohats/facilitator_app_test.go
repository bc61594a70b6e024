package main

import (
	"testing"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/testkit"
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
