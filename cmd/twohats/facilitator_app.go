package main

import (
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/internal/export"
	results "github.com/twohats/twohats/internal/resultsfile"
	"github.com/twohats/twohats/internal/sample"
	"github.com/twohats/twohats/internal/session"
	"github.com/twohats/twohats/internal/store"
	"github.com/twohats/twohats/scenarios"
	"github.com/twohats/twohats/ui"
)

// facilitator adapts the store, results files and exports to the app's
// Facilitator area.
type facilitator struct {
	db      *store.Store
	library func() *scenarios.Library // the library the app holds
}

var (
	_ ui.Facilitator    = (*facilitator)(nil)
	_ ui.WorkshopTiming = (*facilitator)(nil) // the Workshops tab shows its switch
)

func newFacilitator(db *store.Store, library func() *scenarios.Library) *facilitator {
	return &facilitator{db: db, library: library}
}

func (f *facilitator) CreateWorkshop(name string) (game.Workshop, error) {
	return f.db.CreateWorkshop(name)
}

// Workshops lists the workshops created here and, after them, every other
// join code the imported results carry (a workshop run on another
// machine), so the room view and exports reach them too; each with its
// participants and the scenarios played under it.
func (f *facilitator) Workshops() ([]ui.WorkshopInfo, error) {
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
	for _, w := range ws {
		known[w.Code] = true
	}
	var others []string
	for code := range counts {
		if !known[code] {
			others = append(others, code)
		}
	}
	sort.Strings(others)
	for _, code := range others {
		ws = append(ws, game.Workshop{Code: code})
	}
	out := make([]ui.WorkshopInfo, len(ws))
	for i, w := range ws {
		out[i] = ui.WorkshopInfo{Workshop: w, Participants: counts[w.Code], Scenarios: played[w.Code]}
	}
	return out, nil
}

// Pseudonyms are the exports' pseudonyms, from this database's key.
func (f *facilitator) Pseudonyms(ids []string) (map[string]string, error) {
	key, err := f.db.PseudonymKey()
	if err != nil {
		return nil, fmt.Errorf("make pseudonyms for the room view: %w", err)
	}
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		out[id] = export.Pseudonym(key, id)
	}
	return out, nil
}

// DataVersion is the store's: it moves when another program writes.
func (f *facilitator) DataVersion() (int64, error) { return f.db.DataVersion() }

func (f *facilitator) CloseWorkshop(code string) error { return f.db.CloseWorkshop(code) }

// SetHoldFeedback holds (or shows again) a workshop's verdicts until the
// debrief.
func (f *facilitator) SetHoldFeedback(code string, hold bool) error {
	return f.db.SetHoldFeedback(code, hold)
}

func (f *facilitator) RoomEntries(workshop, scenarioID string) ([]game.RoomEntry, error) {
	return f.db.RoomEntries(workshop, scenarioID)
}

func (f *facilitator) ExportResults(profileID, path string) error {
	return export.WriteFile(path, func(w io.Writer) error { return results.Export(f.db, profileID, w) })
}

// Import merges results files; a folder stands for every .json file in it.
func (f *facilitator) Import(paths []string, progress func(done, total int)) []ui.ImportResult {
	files, err := importPaths(paths)
	if err != nil {
		return []ui.ImportResult{{Path: paths[0], Err: err}}
	}
	var out []ui.ImportResult
	for _, r := range results.Import(f.db, f.library().Get, files, progress) {
		res := ui.ImportResult{Path: r.Path, Err: r.Err, Attempts: r.Attempts, Answers: r.Answers, Skipped: r.Skipped,
			Participant: r.Participant, Added: r.Added, Updated: r.Updated, Present: r.Present}
		var fe *results.FileError
		if errors.As(r.Err, &fe) {
			res.Reason = fe.Reason
		}
		out = append(out, res)
	}
	return out
}

func (f *facilitator) Export(format, workshop string, pseudonymise bool, path string) error {
	lib := f.library()
	o := export.Options{Workshop: workshop, Pseudonymise: pseudonymise}
	switch format {
	case "csv":
		return export.CSV(f.db, lib, path, o)
	case "json":
		return export.WriteFile(path, func(w io.Writer) error { return export.JSON(f.db, lib, w, o) })
	case "xapi":
		return export.WriteFile(path, func(w io.Writer) error { return export.XAPI(f.db, lib, w, o) })
	case "pdf":
		return export.PDF(f.db, lib, path, o)
	}
	return fmt.Errorf("%q is not an export format; choose csv, json, xapi or pdf", format)
}

// The adapters declare what they need; the SQLite store is what cmd gives
// them. These lines fail to compile when the two drift apart.
var (
	_ export.Source     = (*store.Store)(nil)
	_ results.Merger    = (*store.Store)(nil)
	_ results.Source    = (*store.Store)(nil)
	_ sample.Store      = (*store.Store)(nil)
	_ session.Store     = (*store.Store)(nil)
	_ session.JoinStore = (*store.Store)(nil)
	_ ui.Store          = (*store.Store)(nil)
	_ export.Library    = (*scenarios.Library)(nil)
)
