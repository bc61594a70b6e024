package main

import (
	"fmt"
	"io"

	"github.com/twohats/twohats/game"
	"github.com/twohats/twohats/game/export"
	"github.com/twohats/twohats/game/results"
	"github.com/twohats/twohats/game/store"
	"github.com/twohats/twohats/ui"
)

// facilitator adapts the store, results files and exports to the app's
// Facilitator area.
type facilitator struct {
	db  *store.Store
	dir string
}

var _ ui.Facilitator = (*facilitator)(nil)

func newFacilitator(db *store.Store, dir string) *facilitator { return &facilitator{db: db, dir: dir} }

func (f *facilitator) CreateWorkshop(name string) (game.Workshop, error) {
	return f.db.CreateWorkshop(name)
}
func (f *facilitator) Workshops() ([]game.Workshop, error) { return f.db.Workshops() }
func (f *facilitator) CloseWorkshop(code string) error     { return f.db.CloseWorkshop(code) }

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
	for _, r := range results.Import(f.db, loadLibrary(f.dir), files, progress) {
		out = append(out, ui.ImportResult{Path: r.Path, Err: r.Err, Attempts: r.Attempts, Answers: r.Answers, Skipped: r.Skipped})
	}
	return out
}

func (f *facilitator) Export(format, workshop string, pseudonymise bool, path string) error {
	lib := loadLibrary(f.dir)
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
